/**
 * The IAM documents of the regional service: the function's one inline policy, scoped to this region's replica,
 * key and log group, and the trust policies of its roles. Pure: the builders turn them into JSON.
 */
import { ArnParts, parseArn } from "../../packages/aws-facts";

export interface FunctionPolicyInput {
    region: string;
    tableArn: string;
    kmsKeyArn: string;
    logGroupArn: string;
    actions: readonly string[];
}

/** The parts of `arn`, which must be of `service` in `region`; throws naming `what` otherwise. */
export function requireArn(what: string, arn: string, service: string, region: string): ArnParts {
    const parts = parseArn(arn);
    if (!parts || parts.service !== service) throw new Error(`${what}: "${arn}" is not a ${service} ARN`);
    if (parts.region !== region) {
        throw new Error(`${what}: "${arn}" is in ${parts.region || "no region"}; allowed: the ${region} one (each region's function touches only its own region)`);
    }
    return parts;
}

/**
 * The function's inline policy: the app's DynamoDB actions on this region's replica only, the table key only
 * through DynamoDB in this region, and writing to its own log group. Indexes are granted only when an action
 * can address them (Query, Scan): GetItem and friends cannot, so `<table>/index/*` would be dead weight.
 */
export function functionPolicyDocument(p: FunctionPolicyInput): Record<string, unknown> {
    requireArn("tableArn", p.tableArn, "dynamodb", p.region);
    requireArn("kmsKeyArn", p.kmsKeyArn, "kms", p.region);
    requireArn("log group ARN", p.logGroupArn, "logs", p.region);
    const readsIndexes = p.actions.some((a) => a === "dynamodb:Query" || a === "dynamodb:Scan");
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "TableReplica",
                Effect: "Allow",
                Action: [...p.actions],
                Resource: readsIndexes ? [p.tableArn, `${p.tableArn}/index/*`] : [p.tableArn],
            },
            {
                Sid: "TableKeyThroughDynamoDB",
                Effect: "Allow",
                // What a caller of a table under a customer managed key needs; usable only via DynamoDB here.
                Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"],
                Resource: p.kmsKeyArn,
                Condition: { StringEquals: { "kms:ViaService": `dynamodb.${p.region}.amazonaws.com` } },
            },
            {
                Sid: "OwnLogGroup",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `${p.logGroupArn}:*`,
            },
        ],
    };
}

/**
 * The trust policy of a role that `service` (a service principal) assumes, only when it acts for `account`
 * (`aws:SourceAccount`) and, given `sourceArnLike`, for a resource matching it (`aws:SourceArn`): the
 * cross-service confused-deputy guard (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
 * CodeDeploy documents both keys for its service role
 * (https://docs.aws.amazon.com/codedeploy/latest/userguide/security_confused_deputy.html); for Lambda's execution
 * role an AWS-published sample uses `aws:SourceAccount` alone (github.com/aws/agent-toolkit-for-aws,
 * skills/.../deploying-custom-domain-rest-api/scripts/lambda-trust-policy.json), which is what the function role
 * gets; no Lambda documentation page states it (SECURITY.md, "what the tests cannot prove").
 */
export function assumeRolePolicy(service: string, account: string, sourceArnLike?: string): string {
    const condition = {
        StringEquals: { "aws:SourceAccount": account },
        ...(sourceArnLike ? { ArnLike: { "aws:SourceArn": sourceArnLike } } : {}),
    };
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: condition }],
    });
}

export interface DeploymentPolicyInput {
    partition: string;
    region: string;
    account: string;
    functionArn: string;
    aliasName: string;
    /** The alarms the deployment group stops on. */
    alarmNames: readonly string[];
    /** The topic CodeDeploy may notify (the region's alarm topic). */
    topicArn: string;
}

/**
 * What CodeDeploy needs to shift one function's alias, instead of the AWS managed AWSCodeDeployRoleForLambda (which
 * allows lambda:UpdateAlias, cloudwatch:DescribeAlarms and sns:Publish on `*`, and hooks in any account; see
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCodeDeployRoleForLambda.html): the same
 * actions on this function's alias, its deployment alarms, its region's topic and this account's `CodeDeployHook_*`
 * functions. AppSpecs are passed inline (docs/regional-service.md), so no S3 access.
 */
export function deploymentPolicyDocument(p: DeploymentPolicyInput): Record<string, unknown> {
    requireArn("functionArn", p.functionArn, "lambda", p.region);
    const alias = `${p.functionArn}:${p.aliasName}`;
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ShiftLiveAlias", Effect: "Allow", Action: ["lambda:GetAlias", "lambda:UpdateAlias"], Resource: alias },
            { Sid: "ReadProvisionedConcurrency", Effect: "Allow", Action: ["lambda:GetProvisionedConcurrencyConfig"], Resource: [p.functionArn, alias] },
            {
                Sid: "ReadDeploymentAlarms",
                Effect: "Allow",
                Action: ["cloudwatch:DescribeAlarms"],
                Resource: p.alarmNames.map((name) => `arn:${p.partition}:cloudwatch:${p.region}:${p.account}:alarm:${name}`),
            },
            { Sid: "NotifyAlarmTopic", Effect: "Allow", Action: ["sns:Publish"], Resource: p.topicArn },
            {
                Sid: "InvokeOwnHooks",
                Effect: "Allow",
                Action: ["lambda:InvokeFunction"],
                Resource: `arn:${p.partition}:lambda:${p.region}:${p.account}:function:CodeDeployHook_*`,
            },
        ],
    };
}
