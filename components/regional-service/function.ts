/**
 * The function of a lambda-mode RegionalService and what it needs first: the region's operations key, the two log
 * groups, and the role with its one inline policy (iam.ts). The code is the app bundled at run time (bundle.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { DYNAMODB_ACTIONS } from "../../app/permissions";
import { ROLE_HEALTH, TAG_ROLE } from "../../packages/aws-facts";
import { appArchive, LAMBDA_HANDLER } from "../bundle";
import { KMS_DELETION_WINDOW_DAYS, opsKeyPolicyDocument } from "../kms";
import type { RegionGatedOptions } from "../provider-region";
import type { LambdaService } from "./args";
import { assumeRolePolicy, functionPolicyDocument, requireArn } from "./iam";

/** nodejs20.x is past end of support; the bundle targets the same major (BUNDLE_TARGET). */
export const LAMBDA_RUNTIME = "nodejs22.x";
export const LAMBDA_ARCHITECTURE = "arm64";

export interface FunctionResources {
    opsKey: aws.kms.Key;
    accessLogs: aws.cloudwatch.LogGroup;
    fn: aws.lambda.Function;
    /** The same code answering `GET /health` only, with a reserved concurrency of its own. */
    healthFn: aws.lambda.Function;
    /** The partition of this region's table ARN, for the ARNs other children build. */
    partition: pulumi.Output<string>;
    /** The account of this region's table ARN: the providers never look it up (providers.ts). */
    account: pulumi.Output<string>;
}

/** The operations key, both log groups, the role and the function, in the order they depend on each other. */
export function createFunction(s: LambdaService, o: RegionGatedOptions): FunctionResources {
    const table = pulumi.output(s.args.tableArn).apply((arn) => requireArn("tableArn", arn, "dynamodb", s.region));
    const partition = table.apply((t) => t.partition);
    const account = table.apply((t) => t.account);
    const logGroupPrefix = `/activeactive/${s.name}/`;
    const opsKey = createOpsKey(s, o, logGroupPrefix, partition, account);
    const fnLogs = createLogGroup(s, o, "fn-logs", `${logGroupPrefix}function-`, opsKey);
    const accessLogs = createLogGroup(s, o, "access-logs", `${logGroupPrefix}access-`, opsKey);
    const { role, rolePolicy } = createFunctionRole(s, o, fnLogs);
    const fn = createLambdaFunction(s, o, { role, fnLogs, rolePolicy });
    const healthFn = createHealthFunction(s, o, { role, fnLogs, rolePolicy });
    return { opsKey, accessLogs, fn, healthFn, partition, account };
}

/** Logs and the alarm topic of this region: never the table key, so their service principals never reach table data. */
function createOpsKey(
    s: LambdaService,
    o: RegionGatedOptions,
    logGroupPrefix: string,
    partition: pulumi.Output<string>,
    account: pulumi.Output<string>,
): aws.kms.Key {
    return new aws.kms.Key(
        `${s.name}-ops-key`,
        {
            description: `${s.name}: logs and alarm topic of the regional service`,
            enableKeyRotation: true,
            deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
            policy: pulumi.all([partition, account]).apply(([p, a]) =>
                JSON.stringify(opsKeyPolicyDocument({ partition: p, account: a, region: s.region, logGroupPrefix })),
            ),
            tags: s.tags,
        },
        o.opts,
    );
}

function createLogGroup(s: LambdaService, o: RegionGatedOptions, role: string, namePrefix: string, key: aws.kms.Key): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
        `${s.name}-${role}`,
        { namePrefix, retentionInDays: s.settings.logRetentionDays, kmsKeyId: key.arn, tags: s.tags },
        o.opts,
    );
}

function createFunctionRole(
    s: LambdaService,
    o: RegionGatedOptions,
    fnLogs: aws.cloudwatch.LogGroup,
): { role: aws.iam.Role; rolePolicy: aws.iam.RolePolicy } {
    const role = new aws.iam.Role(`${s.name}-fn-role`, { assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com"), tags: s.tags }, o.opts);
    const rolePolicy = new aws.iam.RolePolicy(
        `${s.name}-fn-policy`,
        {
            role: role.id,
            policy: pulumi.all([s.args.tableArn, s.args.kmsKeyArn, fnLogs.arn]).apply(([tableArn, kmsKeyArn, logGroupArn]) =>
                JSON.stringify(functionPolicyDocument({ region: s.region, tableArn, kmsKeyArn, logGroupArn, actions: DYNAMODB_ACTIONS })),
            ),
        },
        o.opts,
    );
    return { role, rolePolicy };
}

interface FunctionNeeds {
    role: aws.iam.Role;
    fnLogs: aws.cloudwatch.LogGroup;
    rolePolicy: aws.iam.RolePolicy;
}

/** What the app function and the health function share: the code, the runtime, the role, the logs, the settings. */
function functionBase(s: LambdaService, n: FunctionNeeds) {
    return {
        runtime: LAMBDA_RUNTIME,
        architectures: [LAMBDA_ARCHITECTURE],
        handler: LAMBDA_HANDLER,
        code: appArchive(s.entry),
        role: n.role.arn,
        memorySize: s.settings.memoryMb,
        timeout: s.settings.timeoutSeconds,
        loggingConfig: { logFormat: "JSON", logGroup: n.fnLogs.name },
        environment: { variables: appEnvironment(s) },
        tags: s.tags,
    };
}

/** Reserved concurrency sized for the worst single-region failure (s.sizing): a hard cap, so it must be enough. */
function createLambdaFunction(s: LambdaService, o: RegionGatedOptions, n: FunctionNeeds): aws.lambda.Function {
    return new aws.lambda.Function(
        `${s.name}-fn`,
        { ...functionBase(s, n), reservedConcurrentExecutions: s.sizing.reservedConcurrency, publish: s.settings.safeDeployment },
        // The first invocation must find its log permissions in place.
        o.after(n.rolePolicy),
    );
}

/**
 * `GET /health` on a function of its own: reserved concurrency is per function, so a flood of user requests (or
 * of `/health` calls) cannot take the other's capacity. Same bundle and handler; never behind the canary alias.
 */
function createHealthFunction(s: LambdaService, o: RegionGatedOptions, n: FunctionNeeds): aws.lambda.Function {
    return new aws.lambda.Function(
        `${s.name}-health-fn`,
        { ...functionBase(s, n), reservedConcurrentExecutions: s.settings.healthConcurrency, tags: { ...s.tags, [TAG_ROLE]: ROLE_HEALTH } },
        o.after(n.rolePolicy),
    );
}

/** The app's configuration (app/config.ts reads it). */
function appEnvironment({ args, settings, region, peers }: LambdaService): Record<string, pulumi.Input<string>> {
    return {
        TABLE_NAME: args.tableName,
        REGION: region,
        PEER_REGIONS: peers.join(","),
        SERVICE_NAME: settings.name,
        TABLE_PARTITION_KEY: args.partitionKey,
        TABLE_SORT_KEY: args.sortKey,
        CONSISTENCY: args.consistency,
        HEALTH_TIMEOUT_MS: String(settings.healthTimeoutMs),
        HEARTBEAT_INTERVAL_MS: String(settings.heartbeatIntervalMs),
        // Empty means "this table has no TTL" to the app.
        TTL_ATTRIBUTE: args.ttlAttribute ?? "",
    };
}
