/**
 * RegionalService (`activeactive:app:RegionalService`): the active tier in one region.
 *
 * Mode "lambda": the app (`app/handler.ts`, bundled at run time) as an arm64 Lambda function behind an HTTP API
 * with a regional custom domain for the global service name, access logs, alarms on the region's own SNS
 * topic, and, with safe deployments, a `live` alias shifted gradually by CodeDeploy.
 * Mode "external": the region's service runs elsewhere; nothing is created and the given hostname is both the
 * health check target and the record target, so the traffic layer reads the same outputs either way.
 *
 * One instance per region, created with that region's provider (`opts.provider`); every child uses it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { Consistency, ServiceSettings } from "../../config";
import { DYNAMODB_ACTIONS } from "../../app/permissions";
import { appArchive, APP_ENTRY, LAMBDA_HANDLER } from "../bundle";
import { KMS_DELETION_WINDOW_DAYS, opsKeyPolicyDocument } from "../kms";
import { knownProviderRegion } from "../provider-region";
import type { ValidationRecords } from "../certificate-validation";

// ---- named limits and defaults -------------------------------------------------------------------------------
/** nodejs20.x is past end of support; the bundle targets the same major (BUNDLE_TARGET). */
export const LAMBDA_RUNTIME = "nodejs22.x";
export const LAMBDA_ARCHITECTURE = "arm64";
/** The alias API Gateway invokes when safe deployments are on; CodeDeploy moves it between versions. */
export const LIVE_ALIAS = "live";
export const DEFAULT_DEPLOYMENT_CONFIG = "CodeDeployDefault.LambdaCanary10Percent5Minutes";
/** HTTP APIs give up on an integration after 30 s whatever the function's timeout. */
export const API_GATEWAY_MAX_INTEGRATION_TIMEOUT_MS = 30000;
export const STAGE_NAME = "$default";

export interface AlarmThresholds {
    /** 5xx responses as a percentage of all requests, per minute. @default 5 */
    errorRatePercent: number;
    /** p99 of API Gateway's `Latency`, milliseconds. @default 2000 */
    latencyP99Ms: number;
    /** Throttled invocations per minute. @default 0 (any throttle alarms: reserved concurrency is too low) */
    throttles: number;
    /** Worst replication latency from this region's replica to a peer, milliseconds. @default 30000 */
    replicationLatencyMs: number;
}

export const DEFAULT_ALARM_THRESHOLDS: Readonly<AlarmThresholds> = {
    errorRatePercent: 5,
    latencyP99Ms: 2000,
    throttles: 0,
    replicationLatencyMs: 30000,
};

/** One JSON line per request: enough to trace a request to its Lambda invocation and its authorizer. */
const ACCESS_LOG_FORMAT = JSON.stringify({
    requestId: "$context.requestId",
    ip: "$context.identity.sourceIp",
    requestTime: "$context.requestTimeEpoch",
    method: "$context.httpMethod",
    routeKey: "$context.routeKey",
    path: "$context.path",
    status: "$context.status",
    protocol: "$context.protocol",
    responseLength: "$context.responseLength",
    latencyMs: "$context.responseLatency",
    integrationLatencyMs: "$context.integrationLatency",
    integrationStatus: "$context.integrationStatus",
    integrationError: "$context.integrationErrorMessage",
    authorizerError: "$context.authorizer.error",
    domainName: "$context.domainName",
});

const TYPE = "activeactive:app:RegionalService";

export interface RegionalServiceArgs {
    /** This region. Must equal the region of `opts.provider`; the ARNs and the app's REGION come from it. */
    region: string;
    /** Every region of the deployment, this one included. The others are this region's peers. */
    regions: string[];
    /**
     * Regions that share the load in normal operation: every configured region, drained or not. Reserved
     * concurrency gives each N-1 headroom, which is exactly what a drain (or a failure) of one region uses, so a
     * drain changes routing only and never resizes the functions.
     */
    servingRegionCount: number;
    /** The stack's service settings (`StackConfig["service"]`). */
    service: ServiceSettings;
    /** The global service name (e.g. api.example.com): the regional custom domain and certificate name. */
    domain: string;
    /** The global table's name (the same in every region). */
    tableName: pulumi.Input<string>;
    /** This region's replica ARN. The function may touch nothing else. */
    tableArn: pulumi.Input<string>;
    /** This region's table key (KMS) ARN. */
    kmsKeyArn: pulumi.Input<string>;
    consistency: Consistency;
    /** The table's TTL attribute, or null when it has none (strong consistency). */
    ttlAttribute: string | null;
    partitionKey: string;
    sortKey: string;
    /** Creates the shared DNS validation record. Required with mode "lambda". */
    validation?: ValidationRecords;
    /** An existing SNS topic in this region for alarm actions. @default a topic created here */
    alarmTopicArn?: string;
    /** Subscribed to the created topic (not to `alarmTopicArn`). @default no subscription */
    alarmEmail?: string;
    /** @default DEFAULT_ALARM_THRESHOLDS */
    alarmThresholds?: Partial<AlarmThresholds>;
    /** @default DEFAULT_DEPLOYMENT_CONFIG */
    deploymentConfigName?: string;
    /** The app module that exports `handler`. @default APP_ENTRY (app/handler.ts) */
    entry?: string;
    /** Tags for every taggable child. @default {} */
    tags?: Record<string, string>;
}

/** What the traffic layer points a latency record or pool origin at. */
export interface DomainTarget {
    name: string;
    /** Hosted zone for a Route 53 alias; undefined for an external endpoint (use a CNAME). */
    zoneId?: string;
}

/** What CI needs to shift traffic in this region with CodeDeploy. */
export interface SafeDeploymentOutputs {
    applicationName: string;
    deploymentGroupName: string;
    functionName: string;
    aliasName: string;
    /** The version Pulumi published last: the TargetVersion of the next CodeDeploy deployment. */
    latestVersion: string;
}

// ---- pure helpers --------------------------------------------------------------------------------------------

/**
 * Reserved concurrency with N-1 headroom: when one of N serving regions fails, the other N-1 take its traffic,
 * so each must be able to run capacity * N / (N-1). One serving region has nobody to absorb, so no headroom.
 */
export function reservedConcurrency(capacityPerRegion: number, servingRegions: number): number {
    if (servingRegions <= 1) return capacityPerRegion;
    return Math.ceil((capacityPerRegion * servingRegions) / (servingRegions - 1));
}

/** The problem with a provider's region, or undefined when it matches. */
export function providerRegionProblem(component: string, region: string, providerRegion: string | undefined): string | undefined {
    if (providerRegion === undefined || providerRegion === "") {
        return `RegionalService "${component}": its provider has no region; allowed: an aws.Provider with region "${region}"`;
    }
    if (providerRegion !== region) {
        return `RegionalService "${component}": region "${region}" does not match the region of its provider ("${providerRegion}"); allowed: opts.provider of region "${region}"`;
    }
    return undefined;
}

const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,255}$/;
const ARN = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws)?:(.+)$/;

export interface ArnParts {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

export function parseArn(arn: string): ArnParts | undefined {
    const m = ARN.exec(arn);
    return m ? { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4] ?? "", resource: m[5]! } : undefined;
}

/** Checks the plain-data arguments; every problem, each naming the arg, the value and what is allowed. */
export function validateRegionalServiceArgs(args: RegionalServiceArgs): string[] {
    const problems: string[] = [];
    const { region, regions, service } = args;
    if (!regions.includes(region)) {
        problems.push(`region: "${region}" is not one of regions ${JSON.stringify(regions)}; allowed: one of them`);
    }
    if (!Number.isInteger(args.servingRegionCount) || args.servingRegionCount < 1 || args.servingRegionCount > regions.length) {
        problems.push(`servingRegionCount: ${args.servingRegionCount} is not a count of serving regions; allowed: an integer from 1 to ${regions.length}`);
    }
    if (service.mode === "external") {
        if (!service.endpoints[region]) {
            problems.push(`service.endpoints.${region}: is missing; allowed: the hostname of this region's service with service.mode "external"`);
        }
        return problems;
    }
    if (!Number.isInteger(service.capacityPerRegion) || service.capacityPerRegion < 1) {
        problems.push(`service.capacityPerRegion: ${service.capacityPerRegion} is not a concurrency; allowed: an integer of at least 1`);
    }
    if (!args.validation) {
        problems.push(`validation: is missing; allowed: the stack's ValidationRecords with service.mode "lambda"`);
    }
    for (const key of ["partitionKey", "sortKey"] as const) {
        if (!ATTRIBUTE_NAME.test(args[key])) {
            problems.push(`${key}: ${JSON.stringify(args[key])} is not an attribute name; allowed: the table's ${key === "sortKey" ? "sort" : "partition"} key name (the app needs both keys, type S)`);
        }
    }
    if (args.partitionKey === args.sortKey) {
        problems.push(`sortKey: "${args.sortKey}" equals partitionKey; allowed: a different attribute name`);
    }
    if (args.alarmTopicArn !== undefined) {
        const arn = parseArn(args.alarmTopicArn);
        if (!arn || arn.service !== "sns") {
            problems.push(`alarmTopicArn: "${args.alarmTopicArn}" is not an SNS topic ARN; allowed: arn:aws:sns:${region}:<account>:<topic>`);
        } else if (arn.region !== region) {
            problems.push(`alarmTopicArn: "${args.alarmTopicArn}" is in ${arn.region}; allowed: a topic in ${region} (alarm actions must target their own region)`);
        }
    }
    for (const [key, value] of Object.entries(args.alarmThresholds ?? {})) {
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
            problems.push(`alarmThresholds.${key}: ${JSON.stringify(value)} is not a threshold; allowed: a number of at least 0`);
        }
    }
    return problems;
}

export interface FunctionPolicyInput {
    region: string;
    tableArn: string;
    kmsKeyArn: string;
    logGroupArn: string;
    actions: readonly string[];
}

function requireArn(what: string, arn: string, service: string, region: string): ArnParts {
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

function assumeRolePolicy(service: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
    });
}

/** Metric-math id of a peer's series: ids must start lower-case and hold only letters, digits and "_". */
export function peerMetricId(peer: string): string {
    return `to_${peer.replace(/-/g, "_")}`;
}

/**
 * One alarm per region over all its peers. DynamoDB publishes `ReplicationLatency` in the region a write
 * comes from, with `ReceivingRegion` naming where it goes (there is no source dimension), and an alarm can only
 * read its own region's metrics. So this region's alarm watches the lag of its own writes to every peer:
 * exactly the data a failure of this region would lose.
 */
export function replicationLatencyQueries(tableName: pulumi.Input<string>, peers: readonly string[]): aws.types.input.cloudwatch.MetricAlarmMetricQuery[] {
    const ids = peers.map(peerMetricId);
    return [
        ...peers.map((peer, i) => ({
            id: ids[i]!,
            returnData: false,
            metric: {
                namespace: "AWS/DynamoDB",
                metricName: "ReplicationLatency",
                dimensions: { TableName: tableName, ReceivingRegion: peer },
                period: 60,
                stat: "Maximum",
            },
        })),
        { id: "worst", expression: `MAX([${ids.join(", ")}])`, label: "Worst replication latency to a peer (ms)", returnData: true },
    ];
}

// ---- the component -------------------------------------------------------------------------------------------

export class RegionalService extends pulumi.ComponentResource {
    /** This region, as given; the constructor fails the program when the provider's region differs. */
    readonly region: string;
    /** What health checks target (with SNI): the regional execute-api hostname, or the external hostname. */
    readonly healthCheckHostname: pulumi.Output<string>;
    /** What latency records / pool origins point at: the regional custom domain's target. */
    readonly domainTarget: pulumi.Output<DomainTarget>;
    readonly functionName: pulumi.Output<string | undefined>;
    readonly apiId: pulumi.Output<string | undefined>;
    /** Set when safe deployments are on. */
    readonly deployment: pulumi.Output<SafeDeploymentOutputs | undefined>;

    constructor(name: string, args: RegionalServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super(TYPE, name, {}, opts);

        const provider = opts.provider;
        if (!provider || !aws.Provider.isInstance(provider)) {
            throw new Error(`RegionalService "${name}": opts.provider is missing or not an aws.Provider; allowed: the aws.Provider of region "${args.region}"`);
        }
        const problems = validateRegionalServiceArgs(args);
        if (problems.length > 0) {
            throw new Error(`RegionalService "${name}": invalid arguments:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        }

        this.region = args.region;

        // The provider's region is only known asynchronously, so every child waits on this check through
        // dependsOn: on a mismatch nothing is created and the program fails with this message (reported once:
        // every waiting child rejects with the same error). It never enters a child's inputs, where the SDK
        // would prefix the message with the name of the property it was serializing.
        // A provider whose region its creator recorded is checked now; any other waits on the Output check.
        const knownRegion = knownProviderRegion(provider);
        let regionGate: pulumi.Output<pulumi.Resource[]> | undefined;
        if (knownRegion !== undefined) {
            const problem = providerRegionProblem(name, args.region, knownRegion);
            if (problem) throw new Error(problem);
        } else {
            regionGate = pulumi.output(provider.region).apply((r) => {
                const problem = providerRegionProblem(name, args.region, r);
                if (problem) throw new pulumi.ResourceError(problem, this, true);
                return [] as pulumi.Resource[];
            });
        }

        if (args.service.mode === "external") {
            // Nothing waits on the gate here; left unhandled, its rejection still fails the program.
            const hostname = args.service.endpoints[args.region]!;
            this.healthCheckHostname = pulumi.output(hostname);
            this.domainTarget = pulumi.output<DomainTarget>({ name: hostname });
            this.functionName = pulumi.output<string | undefined>(undefined);
            this.apiId = pulumi.output<string | undefined>(undefined);
            this.deployment = pulumi.output<SafeDeploymentOutputs | undefined>(undefined);
            this.registerOutputs(this.outputs());
            return;
        }

        const built = createLambdaService(name, args, { parent: this, provider }, regionGate);
        this.healthCheckHostname = built.healthCheckHostname;
        this.domainTarget = built.domainTarget;
        this.functionName = built.functionName;
        this.apiId = built.apiId;
        this.deployment = built.deployment;
        this.registerOutputs(this.outputs());
    }

    private outputs(): Record<string, unknown> {
        return {
            region: this.region,
            healthCheckHostname: this.healthCheckHostname,
            domainTarget: this.domainTarget,
            functionName: this.functionName,
            apiId: this.apiId,
            deployment: this.deployment,
        };
    }
}

interface LambdaServiceOutputs {
    healthCheckHostname: pulumi.Output<string>;
    domainTarget: pulumi.Output<DomainTarget>;
    functionName: pulumi.Output<string | undefined>;
    apiId: pulumi.Output<string | undefined>;
    deployment: pulumi.Output<SafeDeploymentOutputs | undefined>;
}

/**
 * The children of mode "lambda", all with `base` (parent and provider). Each also waits on `gate`, the
 * provider-region check; `after(...)` adds ordering the data flow does not already give.
 */
function createLambdaService(
    name: string,
    args: RegionalServiceArgs,
    base: { parent: pulumi.Resource; provider: aws.Provider },
    gate: pulumi.Output<pulumi.Resource[]> | undefined,
): LambdaServiceOutputs {
    // Without a gate (the region was checked at once) dependencies stay plain lists: an Output of resources makes
    // the SDK walk everything reachable from them, which grows with the whole stack.
    const opts: pulumi.CustomResourceOptions = gate ? { ...base, dependsOn: gate } : { ...base };
    const after = (...deps: pulumi.Resource[]): pulumi.CustomResourceOptions =>
        gate ? { ...base, dependsOn: gate.apply(() => deps) } : { ...base, dependsOn: deps };
    const { region, service } = args;
    const tags = args.tags ?? {};
    const thresholds: AlarmThresholds = { ...DEFAULT_ALARM_THRESHOLDS, ...args.alarmThresholds };
    const peers = args.regions.filter((r) => r !== region);
    const safe = service.safeDeployment;
    const table = pulumi.output(args.tableArn).apply((arn) => requireArn("tableArn", arn, "dynamodb", region));
    const partition = table.apply((t) => t.partition);
    const account = table.apply((t) => t.account);
    const logGroupPrefix = `/activeactive/${name}/`;

    // Operations key: log groups and the alarm topic.
    const opsKey = new aws.kms.Key(
        `${name}-ops-key`,
        {
            description: `${name}: logs and alarm topic of the regional service`,
            enableKeyRotation: true,
            deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
            policy: pulumi.all([partition, account]).apply(([p, a]) =>
                JSON.stringify(opsKeyPolicyDocument({ partition: p, account: a, region, logGroupPrefix })),
            ),
            tags,
        },
        opts,
    );

    const fnLogs = new aws.cloudwatch.LogGroup(
        `${name}-fn-logs`,
        { namePrefix: `${logGroupPrefix}function-`, retentionInDays: service.logRetentionDays, kmsKeyId: opsKey.arn, tags },
        opts,
    );
    const accessLogs = new aws.cloudwatch.LogGroup(
        `${name}-access-logs`,
        { namePrefix: `${logGroupPrefix}access-`, retentionInDays: service.logRetentionDays, kmsKeyId: opsKey.arn, tags },
        opts,
    );

    // Function, role and its one inline policy.
    const role = new aws.iam.Role(`${name}-fn-role`, { assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com"), tags }, opts);
    const rolePolicy = new aws.iam.RolePolicy(
        `${name}-fn-policy`,
        {
            role: role.id,
            policy: pulumi.all([args.tableArn, args.kmsKeyArn, fnLogs.arn]).apply(([tableArn, kmsKeyArn, logGroupArn]) =>
                JSON.stringify(functionPolicyDocument({ region, tableArn, kmsKeyArn, logGroupArn, actions: DYNAMODB_ACTIONS })),
            ),
        },
        opts,
    );

    const fn = new aws.lambda.Function(
        `${name}-fn`,
        {
            runtime: LAMBDA_RUNTIME,
            architectures: [LAMBDA_ARCHITECTURE],
            handler: LAMBDA_HANDLER,
            code: appArchive(args.entry ?? APP_ENTRY),
            role: role.arn,
            memorySize: service.memoryMb,
            timeout: service.timeoutSeconds,
            reservedConcurrentExecutions: reservedConcurrency(service.capacityPerRegion, args.servingRegionCount),
            publish: safe,
            loggingConfig: { logFormat: "JSON", logGroup: fnLogs.name },
            environment: {
                variables: {
                    TABLE_NAME: args.tableName,
                    REGION: region,
                    PEER_REGIONS: peers.join(","),
                    SERVICE_NAME: service.name,
                    TABLE_PARTITION_KEY: args.partitionKey,
                    TABLE_SORT_KEY: args.sortKey,
                    CONSISTENCY: args.consistency,
                    HEALTH_TIMEOUT_MS: String(service.healthTimeoutMs),
                    // Empty means "this table has no TTL" to the app.
                    TTL_ATTRIBUTE: args.ttlAttribute ?? "",
                },
            },
            tags,
        },
        // The first invocation must find its log permissions in place.
        after(rolePolicy),
    );

    // Pulumi sets the alias once; after that CodeDeploy owns which version it points at (see docs).
    const alias = safe
        ? new aws.lambda.Alias(
              `${name}-live`,
              { name: LIVE_ALIAS, functionName: fn.name, functionVersion: fn.version },
              { ...opts, ignoreChanges: ["functionVersion", "routingConfig"] },
          )
        : undefined;
    const target = alias ? alias.arn : fn.arn;

    // HTTP API.
    const api = new aws.apigatewayv2.Api(
        `${name}-api`,
        { protocolType: "HTTP", description: `${service.name} in ${region}`, tags },
        opts,
    );
    const integration = new aws.apigatewayv2.Integration(
        `${name}-integration`,
        {
            apiId: api.id,
            integrationType: "AWS_PROXY",
            integrationMethod: "POST",
            integrationUri: target,
            payloadFormatVersion: "2.0",
            timeoutMilliseconds: Math.min(API_GATEWAY_MAX_INTEGRATION_TIMEOUT_MS, service.timeoutSeconds * 1000),
        },
        opts,
    );
    const auth = service.auth;
    const authorizer =
        auth.type === "jwt"
            ? new aws.apigatewayv2.Authorizer(
                  `${name}-jwt`,
                  {
                      apiId: api.id,
                      authorizerType: "JWT",
                      identitySources: ["$request.header.Authorization"],
                      jwtConfiguration: { issuer: auth.issuer, audiences: auth.audience },
                      name: `${service.name}-jwt`,
                  },
                  opts,
              )
            : undefined;
    const routeTarget = pulumi.interpolate`integrations/${integration.id}`;
    new aws.apigatewayv2.Route(
        `${name}-health-route`,
        // Route 53 and Cloudflare health checkers carry no credentials.
        { apiId: api.id, routeKey: "GET /health", authorizationType: "NONE", target: routeTarget },
        opts,
    );
    new aws.apigatewayv2.Route(
        `${name}-items-route`,
        authorizer
            ? { apiId: api.id, routeKey: "ANY /items/{id}", authorizationType: "JWT", authorizerId: authorizer.id, target: routeTarget }
            : { apiId: api.id, routeKey: "ANY /items/{id}", authorizationType: "AWS_IAM", target: routeTarget },
        opts,
    );
    const stage = new aws.apigatewayv2.Stage(
        `${name}-stage`,
        {
            apiId: api.id,
            name: STAGE_NAME,
            autoDeploy: true,
            defaultRouteSettings: {
                throttlingRateLimit: service.throttle.rateLimit,
                throttlingBurstLimit: service.throttle.burstLimit,
            },
            accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
            tags,
        },
        opts,
    );
    new aws.lambda.Permission(
        `${name}-invoke`,
        {
            function: fn.name,
            qualifier: alias ? alias.name : undefined,
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
        },
        opts,
    );

    // Regional custom domain for the global name.
    const cert = new aws.acm.Certificate(`${name}-cert`, { domainName: args.domain, validationMethod: "DNS", tags }, opts);
    const validated = new aws.acm.CertificateValidation(
        `${name}-cert-validation`,
        { certificateArn: cert.arn, validationRecordFqdns: args.validation!.recordFqdns(cert) },
        opts,
    );
    const domain = new aws.apigatewayv2.DomainName(
        `${name}-domain`,
        {
            domainName: args.domain,
            domainNameConfiguration: { certificateArn: validated.certificateArn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
            tags,
        },
        opts,
    );
    new aws.apigatewayv2.ApiMapping(`${name}-mapping`, { apiId: api.id, domainName: domain.id, stage: stage.id }, opts);

    // Alarms, on a topic in this region.
    let topicArn: pulumi.Input<string>;
    if (args.alarmTopicArn !== undefined) {
        topicArn = args.alarmTopicArn;
    } else {
        const topic = new aws.sns.Topic(`${name}-alarms`, { kmsMasterKeyId: opsKey.arn, tags }, opts);
        topicArn = topic.arn;
        if (args.alarmEmail) {
            new aws.sns.TopicSubscription(`${name}-alarms-email`, { topic: topic.arn, protocol: "email", endpoint: args.alarmEmail }, opts);
        }
    }
    const actions = { alarmActions: [topicArn], okActions: [topicArn], tags };
    // Named after the function (unique per account and region): CodeDeploy refers to alarms by name, and the
    // console lists a region's alarms together.
    const alarmName = (what: string) => pulumi.interpolate`${fn.name}-${what}`;
    const errorRate = new aws.cloudwatch.MetricAlarm(
        `${name}-5xx-rate`,
        {
            name: alarmName("5xx-rate"),
            alarmDescription: `${service.name} in ${region}: 5xx responses above ${thresholds.errorRatePercent}% of requests`,
            comparisonOperator: "GreaterThanThreshold",
            threshold: thresholds.errorRatePercent,
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
            treatMissingData: "notBreaching",
            metricQueries: [
                { id: "errors", returnData: false, metric: { namespace: "AWS/ApiGateway", metricName: "5xx", dimensions: { ApiId: api.id }, period: 60, stat: "Sum" } },
                { id: "requests", returnData: false, metric: { namespace: "AWS/ApiGateway", metricName: "Count", dimensions: { ApiId: api.id }, period: 60, stat: "Sum" } },
                { id: "rate", expression: "100 * errors / requests", label: "5xx rate (%)", returnData: true },
            ],
            ...actions,
        },
        opts,
    );
    const latency = new aws.cloudwatch.MetricAlarm(
        `${name}-p99-latency`,
        {
            name: alarmName("p99-latency"),
            alarmDescription: `${service.name} in ${region}: p99 latency above ${thresholds.latencyP99Ms} ms`,
            namespace: "AWS/ApiGateway",
            metricName: "Latency",
            dimensions: { ApiId: api.id },
            extendedStatistic: "p99",
            period: 60,
            comparisonOperator: "GreaterThanThreshold",
            threshold: thresholds.latencyP99Ms,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            treatMissingData: "notBreaching",
            ...actions,
        },
        opts,
    );
    const throttles = new aws.cloudwatch.MetricAlarm(
        `${name}-throttles`,
        {
            name: alarmName("throttles"),
            alarmDescription: `${service.name} in ${region}: Lambda throttles (reserved concurrency exhausted)`,
            namespace: "AWS/Lambda",
            metricName: "Throttles",
            dimensions: { FunctionName: fn.name },
            statistic: "Sum",
            period: 60,
            comparisonOperator: "GreaterThanThreshold",
            threshold: thresholds.throttles,
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
            treatMissingData: "notBreaching",
            ...actions,
        },
        opts,
    );
    new aws.cloudwatch.MetricAlarm(
        `${name}-replication-latency`,
        {
            name: alarmName("replication-latency"),
            alarmDescription: `${service.name} in ${region}: writes made here reach a peer region (${peers.join(", ")}) more than ${thresholds.replicationLatencyMs} ms late`,
            comparisonOperator: "GreaterThanThreshold",
            threshold: thresholds.replicationLatencyMs,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            treatMissingData: "notBreaching",
            metricQueries: replicationLatencyQueries(args.tableName, peers),
            ...actions,
        },
        opts,
    );

    // Safe deployments: CodeDeploy shifts the alias, rolling back on this region's service alarms.
    let deployment: pulumi.Output<SafeDeploymentOutputs | undefined> = pulumi.output(undefined);
    if (alias) {
        // The API-wide 5xx rate dilutes a canary's errors (10 % of traffic failing shows as 10 %, or less when
        // the app answers 5xx without throwing), so the alias's own invocation errors also stop a deployment.
        const liveErrors = new aws.cloudwatch.MetricAlarm(
            `${name}-live-errors`,
            {
                name: alarmName("live-errors"),
                alarmDescription: `${service.name} in ${region}: invocation errors on the ${LIVE_ALIAS} alias (stops a CodeDeploy deployment)`,
                namespace: "AWS/Lambda",
                metricName: "Errors",
                dimensions: { FunctionName: fn.name, Resource: pulumi.interpolate`${fn.name}:${LIVE_ALIAS}` },
                statistic: "Sum",
                period: 60,
                comparisonOperator: "GreaterThanThreshold",
                threshold: 0,
                evaluationPeriods: 1,
                treatMissingData: "notBreaching",
                ...actions,
            },
            opts,
        );
        // Named after the function so CI finds the application from the function name it already has.
        const app = new aws.codedeploy.Application(`${name}-deploy`, { name: fn.name, computePlatform: "Lambda", tags }, opts);
        const deployRole = new aws.iam.Role(`${name}-deploy-role`, { assumeRolePolicy: assumeRolePolicy("codedeploy.amazonaws.com"), tags }, opts);
        const attachment = new aws.iam.RolePolicyAttachment(
            `${name}-deploy-policy`,
            { role: deployRole.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda` },
            opts,
        );
        const group = new aws.codedeploy.DeploymentGroup(
            `${name}-deploy-group`,
            {
                appName: app.name,
                deploymentGroupName: LIVE_ALIAS,
                serviceRoleArn: deployRole.arn,
                deploymentConfigName: args.deploymentConfigName ?? DEFAULT_DEPLOYMENT_CONFIG,
                deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
                autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] },
                alarmConfiguration: { enabled: true, alarms: [errorRate.name, latency.name, throttles.name, liveErrors.name] },
                tags,
            },
            after(attachment),
        );
        deployment = pulumi.all([app.name, group.deploymentGroupName, fn.name, alias.name, fn.version]).apply(
            ([applicationName, deploymentGroupName, functionName, aliasName, latestVersion]) => ({
                applicationName,
                deploymentGroupName,
                functionName,
                aliasName,
                latestVersion,
            }),
        );
    }

    return {
        healthCheckHostname: api.apiEndpoint.apply((e) => e.replace(/^https?:\/\//, "").replace(/\/$/, "")),
        domainTarget: domain.domainNameConfiguration.apply((c) => ({ name: c.targetDomainName!, zoneId: c.hostedZoneId! })),
        functionName: fn.name,
        apiId: api.id,
        deployment,
    };
}
