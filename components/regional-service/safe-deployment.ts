/**
 * Safe deployments: the API invokes a `live` alias that CodeDeploy shifts between versions as a canary, rolling
 * back on this region's service alarms. Pulumi sets the alias once; CI runs the deployments (docs/regional-service.md).
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { RegionGatedOptions } from "../provider-region";
import type { LambdaService, SafeDeploymentOutputs } from "./args";
import type { ServiceAlarms } from "./alarms";
import { assumeRolePolicy, deploymentPolicyDocument } from "./iam";

/** The alias API Gateway invokes when safe deployments are on; CodeDeploy moves it between versions. */
export const LIVE_ALIAS = "live";

/** Pulumi sets the alias once; after that CodeDeploy owns which version it points at. */
export function createLiveAlias(s: LambdaService, o: RegionGatedOptions, fn: aws.lambda.Function): aws.lambda.Alias {
    return new aws.lambda.Alias(
        `${s.name}-live`,
        { name: LIVE_ALIAS, functionName: fn.name, functionVersion: fn.version },
        { ...o.opts, ignoreChanges: ["functionVersion", "routingConfig"] },
    );
}

/**
 * A failover standby's warm environments on the `live` alias (`<service>-warm`), only when the sizing asks for some:
 * the requests beyond them start cold (failover-model `standbyState`). Billed while configured (prices.ts).
 */
export function createWarmStandby(s: LambdaService, o: RegionGatedOptions, fn: aws.lambda.Function, alias: aws.lambda.Alias): aws.lambda.ProvisionedConcurrencyConfig | undefined {
    const warm = s.sizing.provisionedConcurrency ?? 0;
    if (warm === 0) return undefined;
    return new aws.lambda.ProvisionedConcurrencyConfig(`${s.name}-warm`, { functionName: fn.name, qualifier: alias.name, provisionedConcurrentExecutions: warm }, o.opts);
}

export interface CanaryInputs {
    fn: aws.lambda.Function;
    alias: aws.lambda.Alias;
    alarms: ServiceAlarms;
    partition: pulumi.Output<string>;
    account: pulumi.Output<string>;
}

/** The alias's own error alarm, the CodeDeploy application, its role and the deployment group; what CI needs. */
export function createCanary(s: LambdaService, o: RegionGatedOptions, c: CanaryInputs): pulumi.Output<SafeDeploymentOutputs> {
    const liveErrors = liveErrorsAlarm(s, o, c.fn, c.alarms);
    // Named after the function so CI finds the application from the function name it already has.
    const app = new aws.codedeploy.Application(`${s.name}-deploy`, { name: c.fn.name, computePlatform: "Lambda", tags: s.tags }, o.opts);
    const { errorRate, latency, throttles } = c.alarms;
    const alarms = [errorRate, latency, throttles, liveErrors];
    const { deployRole, rolePolicy } = createDeployRole(s, o, c, app, alarms);
    const group = new aws.codedeploy.DeploymentGroup(
        `${s.name}-deploy-group`,
        {
            appName: app.name,
            deploymentGroupName: LIVE_ALIAS,
            serviceRoleArn: deployRole.arn,
            deploymentConfigName: s.deploymentConfigName,
            deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
            autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] },
            alarmConfiguration: { enabled: true, alarms: alarms.map((a) => a.name) },
            tags: s.tags,
        },
        o.after(rolePolicy),
    );
    return pulumi.all([app.name, group.deploymentGroupName, c.fn.name, c.alias.name, c.fn.version]).apply(
        ([applicationName, deploymentGroupName, functionName, aliasName, latestVersion]) => ({
            applicationName,
            deploymentGroupName,
            functionName,
            aliasName,
            latestVersion,
        }),
    );
}

/**
 * The role CodeDeploy assumes: trusted only by CodeDeploy acting for this account's deployment groups of this
 * application, with an inline policy scoped to this function's alias, its deployment alarms and its topic
 * (iam.ts, deploymentPolicyDocument). No AWS managed policy is attached.
 */
function createDeployRole(
    s: LambdaService,
    o: RegionGatedOptions,
    c: CanaryInputs,
    app: aws.codedeploy.Application,
    alarms: aws.cloudwatch.MetricAlarm[],
): { deployRole: aws.iam.Role; rolePolicy: aws.iam.RolePolicy } {
    // The group's ARN would make a cycle (the group needs the role); every group of this application matches.
    const trust = pulumi
        .all([c.partition, c.account, app.name])
        .apply(([p, account, appName]) => assumeRolePolicy("codedeploy.amazonaws.com", account, `arn:${p}:codedeploy:${s.region}:${account}:deploymentgroup:${appName}/*`));
    const deployRole = new aws.iam.Role(`${s.name}-deploy-role`, { assumeRolePolicy: trust, tags: s.tags }, o.opts);
    const policy = pulumi
        .all([c.partition, c.account, c.fn.arn, c.alias.name, pulumi.all(alarms.map((a) => a.name)), c.alarms.actions.alarmActions[0]!])
        .apply(([partition, account, functionArn, aliasName, alarmNames, topicArn]) =>
            JSON.stringify(deploymentPolicyDocument({ partition, region: s.region, account, functionArn, aliasName, alarmNames, topicArn })),
        );
    const rolePolicy = new aws.iam.RolePolicy(`${s.name}-deploy-role-policy`, { role: deployRole.id, policy }, o.opts);
    return { deployRole, rolePolicy };
}

/**
 * The API-wide 5xx rate dilutes a canary's errors (10 % of traffic failing shows as 10 %, or less when the app
 * answers 5xx without throwing), so the alias's own invocation errors also stop a deployment.
 */
function liveErrorsAlarm(s: LambdaService, o: RegionGatedOptions, fn: aws.lambda.Function, a: ServiceAlarms): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(
        `${s.name}-live-errors`,
        {
            name: a.alarmName("live-errors"),
            alarmDescription: `${s.settings.name} in ${s.region}: invocation errors on the ${LIVE_ALIAS} alias (stops a CodeDeploy deployment)`,
            namespace: "AWS/Lambda",
            metricName: "Errors",
            dimensions: { FunctionName: fn.name, Resource: pulumi.interpolate`${fn.name}:${LIVE_ALIAS}` },
            statistic: "Sum",
            period: 60,
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            evaluationPeriods: 1,
            treatMissingData: "notBreaching",
            ...a.actions,
        },
        o.opts,
    );
}
