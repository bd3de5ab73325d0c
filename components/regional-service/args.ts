/**
 * What a RegionalService takes: this region's facts, and how its service runs (`mode`), with every default as a
 * value. The stack's config takes its own defaults from `REGIONAL_SERVICE_DEFAULTS`. See docs/regional-service.md.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ACM_DEFAULT_EXPIRY_EVENT_DAYS, type Consistency, LAMBDA_DEFAULT_CONCURRENCY_QUOTA } from "../../packages/aws-facts";
import type { ValidationRecords } from "../certificate-validation";
import { APP_ENTRY } from "../bundle";
import { planCapacity } from "../../packages/failover-model";

/** The OAuth scopes the item routes require: `read` for `GET /items/{id}`, `write` for `PUT` and `DELETE`. */
export interface AuthScopes {
    read: string;
    write: string;
}

/**
 * Bearer tokens of one OpenID Connect / OAuth 2.0 issuer, checked by API Gateway's JWT authorizer: the same issuer
 * and audience in every region, so a token works wherever latency routing or a failover sends the request.
 */
export interface JwtAuth {
    type: "jwt";
    /** The issuer's `https://` URL (its `iss` claim), e.g. `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
    issuer: string;
    /** Accepted `aud` (or, without `aud`, `client_id`) values. */
    audience: string[];
    /** @default { read: "items:read", write: "items:write" } */
    scopes?: Partial<AuthScopes>;
}

/** SigV4-signed requests. A signature is scoped to one region: only for clients that call region-pinned names. */
export interface IamAuth {
    type: "iam";
}

/** Who may call the items routes. There is no default: JWT needs your issuer, IAM is an explicit choice. */
export type ServiceAuth = JwtAuth | IamAuth;

export const DEFAULT_AUTH_SCOPES: Readonly<AuthScopes> = { read: "items:read", write: "items:write" };

/** A JWT authorizer's scopes with their defaults applied. */
export function authScopes(auth: JwtAuth): AuthScopes {
    return { ...DEFAULT_AUTH_SCOPES, ...auth.scopes };
}

/** A route's throttle: steady requests per second and burst. */
export interface Throttle {
    rateLimit: number;
    burstLimit: number;
}

/** How the Lambda service is sized and run. */
export interface RegionalServiceSettings {
    /** The service name: the app's SERVICE_NAME (its idempotency key prefix) and the alarms' wording. @default "app" */
    name: string;
    /** Function memory, MB. @default 512 */
    memoryMb: number;
    /** Function timeout, seconds; the HTTP integration gives up at min(this, 30 s). @default 10 */
    timeoutSeconds: number;
    /** Concurrent executions this region serves in normal operation, before N-1 headroom. @default 20 */
    capacityPerRegion: number;
    /** Default route throttling of the stage. @default { rateLimit: 500, burstLimit: 1000 } */
    throttle: Throttle;
    /**
     * The write routes' own throttle (`PUT` and `DELETE /items/{id}`), at most `throttle`: writes cost more (several
     * write units each, replicated to every region) and one caller must not spend the whole stage on them. Given at
     * an even share like `throttle`, and scaled by the same worst case. @default { rateLimit: 100, burstLimit: 200 }
     */
    writeThrottle: Throttle;
    /**
     * `GET /health`'s own throttle: ample for Route 53's and Cloudflare's checkers (a few requests a second), so a
     * flood of the public route is refused at the gateway. A flood can still fail the checks: see
     * docs/regional-service.md. @default { rateLimit: 10, burstLimit: 20 }
     */
    healthThrottle: Throttle;
    /** Days the function and access logs are kept. @default 30 */
    logRetentionDays: number;
    /**
     * Budget of the app's whole `GET /health`, milliseconds; below the function timeout, and with a cold start and
     * API Gateway inside Route 53's 2 s response window (failover-model `healthBudget`). @default 1000
     */
    healthTimeoutMs: number;
    /** Minimum time between two heartbeat writes of one instance (the app's HEARTBEAT_INTERVAL_MS). @default 5000 */
    heartbeatIntervalMs: number;
    /** Reserved concurrency of the separate `/health` function, which user traffic can never take. @default 5 */
    healthConcurrency: number;
    /**
     * Publish versions behind a `live` alias that CodeDeploy shifts (canary with rollback on this region's
     * alarms). Off by default: with it on, new code reaches traffic only when CI runs CodeDeploy.
     * @default false
     */
    safeDeployment: boolean;
    /** Required: `{ type: "jwt", issuer, audience }` (what every region accepts) or `{ type: "iam" }`. */
    auth: ServiceAuth;
}

/**
 * Every default of the service settings, as values: the one place they are written. `auth` has none but its kind
 * and scopes: a JWT authorizer needs the caller's issuer and audience.
 */
export const REGIONAL_SERVICE_DEFAULTS: Readonly<Omit<RegionalServiceSettings, "auth">> & { auth: { type: "jwt"; scopes: Readonly<AuthScopes> } } = {
    name: "app",
    memoryMb: 512,
    timeoutSeconds: 10,
    capacityPerRegion: 20,
    throttle: { rateLimit: 500, burstLimit: 1000 },
    writeThrottle: { rateLimit: 100, burstLimit: 200 },
    healthThrottle: { rateLimit: 10, burstLimit: 20 },
    logRetentionDays: 30,
    healthTimeoutMs: 1000,
    heartbeatIntervalMs: 5000,
    healthConcurrency: 5,
    safeDeployment: false,
    auth: { type: "jwt", scopes: DEFAULT_AUTH_SCOPES },
};

/** The CodeDeploy configuration of a canary: 10 % for five minutes, then the rest. */
export const DEFAULT_DEPLOYMENT_CONFIG = "CodeDeployDefault.LambdaCanary10Percent5Minutes";

/** The app, as an arm64 Lambda function behind an HTTP API and a regional custom domain. */
export interface LambdaMode extends Partial<RegionalServiceSettings> {
    kind: "lambda";
    /** Creates (once per stack) the DNS record that validates this region's certificate. */
    validation: ValidationRecords;
    /** The app module that exports `handler`. @default "app/handler.ts" of this package */
    entry?: string;
    /** The CodeDeploy configuration, with `safeDeployment`. @default "CodeDeployDefault.LambdaCanary10Percent5Minutes" */
    deploymentConfigName?: string;
}

/** The region's service runs elsewhere: nothing is created; `hostname` is the health check and record target. */
export interface ExternalMode {
    kind: "external";
    /** This region's service, e.g. use1.origin.example.net. */
    hostname: string;
}

export type RegionalServiceMode = LambdaMode | ExternalMode;

export interface AlarmThresholds {
    /** 5xx responses as a percentage of all requests, per minute. @default 5 */
    errorRatePercent: number;
    /** p99 of API Gateway's `Latency`, milliseconds. @default 2000 */
    latencyP99Ms: number;
    /** Throttled invocations per minute. @default 0 (any throttle alarms: reserved concurrency is too low) */
    throttles: number;
    /** Worst replication latency from this region's replica to a peer, milliseconds. @default 30000 */
    replicationLatencyMs: number;
    /** Fewest days left on the region's certificate. @default 45 (ACM's own expiry-event default) */
    certificateDaysToExpiry: number;
    /**
     * Age of the newest heartbeat seen here from a peer, milliseconds, beyond which replication from it is stalled.
     * @default heartbeatIntervalMs + the modeled RPO (failover-model `replicationWatch`)
     */
    heartbeatAgeMs?: number;
}

export const DEFAULT_ALARM_THRESHOLDS: Readonly<AlarmThresholds> = {
    errorRatePercent: 5,
    latencyP99Ms: 2000,
    throttles: 0,
    replicationLatencyMs: 30000,
    certificateDaysToExpiry: ACM_DEFAULT_EXPIRY_EVENT_DAYS,
};

export interface RegionalServiceArgs {
    /** This region. Must equal the region of `opts.provider`; the ARNs and the app's REGION come from it. */
    region: string;
    /** Every region of the deployment, this one included. The others are this region's peers. */
    regions: string[];
    /**
     * How many regions share the load: reserved concurrency gives each N-1 headroom. The stack passes every
     * configured region, drained or not, so a drain (or a failure) spends the headroom and never resizes a function.
     */
    sizedForRegionCount: number;
    /**
     * This region's size for the worst single-region failure: the app function's reserved concurrency and the
     * stage's default throttle. The stack passes the config's capacity plan (failover-model `planCapacity`, which
     * knows every region's traffic share). @default planCapacity over `sizedForRegionCount` regions at an even share
     */
    sizing?: RegionSizing;
    /** How this region's service runs, and the settings that exist only for that way. */
    mode: RegionalServiceMode;
    /** The global service name (e.g. api.example.com): the regional custom domain and certificate name. */
    domain: string;
    /** The global table's name (the same in every region). */
    tableName: pulumi.Input<string>;
    /** This region's replica ARN. The function may touch nothing else. */
    tableArn: pulumi.Input<string>;
    /** This region's table key (KMS) ARN. */
    kmsKeyArn: pulumi.Input<string>;
    /** The table's consistency mode, passed to the app. */
    consistency: Consistency;
    /** The table's TTL attribute, or null when it has none (strong consistency). */
    ttlAttribute: string | null;
    /** The table's partition key attribute (type S), passed to the app. */
    partitionKey: string;
    /** The table's sort key attribute (type S), passed to the app; the app needs one. */
    sortKey: string;
    /** An existing SNS topic in this region for alarm actions. @default a topic created here */
    alarmTopicArn?: string;
    /** Subscribed to the created topic (not to `alarmTopicArn`). @default no subscription */
    alarmEmail?: string;
    /** @default { errorRatePercent: 5, latencyP99Ms: 2000, throttles: 0, replicationLatencyMs: 30000, certificateDaysToExpiry: 45 } */
    alarmThresholds?: Partial<AlarmThresholds>;
    /** `retainOnDelete` on the log groups and their ops key (the stack passes `protect`). @default true */
    retainLogs?: boolean;
    /** Tags for every taggable child. @default {} */
    tags?: Record<string, string>;
}

/** A region's worst-case size (failover-model `RegionCapacity`, the parts the service deploys). */
export interface RegionSizing {
    reservedConcurrency: number;
    /** Warm environments on the `live` alias: a failover standby's share of the primary's peak (needs safeDeployment). @default 0 */ provisionedConcurrency?: number;
    throttle: { rateLimit: number; burstLimit: number };
}

/** What the traffic layer points a latency record or pool origin at. */
export interface DomainTarget {
    name: string;
    /** Hosted zone for a Route 53 alias; undefined for an external endpoint (use a CNAME). */
    zoneId?: string;
}

/** The region-pinned name (`<region>.<domain>`) and its custom domain's API Gateway target (mode "lambda"). */
export interface PinnedDomain {
    name: string;
    target: pulumi.Output<Required<DomainTarget>>;
}

/** What CI needs to shift traffic in this region with CodeDeploy (the `canary` output). */
export interface SafeDeploymentOutputs {
    applicationName: string;
    deploymentGroupName: string;
    functionName: string;
    aliasName: string;
    /** The version Pulumi published last: the TargetVersion of the next CodeDeploy deployment. */
    latestVersion: string;
}

/** The lambda-mode args with every default applied: what the builders read. */
export interface LambdaService {
    /** The component's name: every child's logical name starts with it. */
    name: string;
    region: string;
    /** The other regions of the deployment. */
    peers: string[];
    args: RegionalServiceArgs;
    settings: RegionalServiceSettings;
    validation: ValidationRecords;
    entry: string;
    deploymentConfigName: string;
    thresholds: AlarmThresholds;
    retainLogs: boolean;
    /** The app function's reserved concurrency and the stage throttle. */
    sizing: RegionSizing;
    tags: Record<string, string>;
}

/**
 * The settings of `mode`, each unset one taken from `REGIONAL_SERVICE_DEFAULTS`. An unset `auth` stays the bare
 * default (`{ type: "jwt" }` without an issuer), which the validator refuses before anything is built.
 */
export function serviceSettings(mode: Partial<RegionalServiceSettings>): RegionalServiceSettings {
    const given = Object.fromEntries(Object.entries(mode).filter(([key, value]) => key in REGIONAL_SERVICE_DEFAULTS && value !== undefined));
    return { ...REGIONAL_SERVICE_DEFAULTS, ...given } as RegionalServiceSettings;
}

/** Applies every default of a lambda-mode service. */
export function lambdaService(name: string, args: RegionalServiceArgs, mode: LambdaMode): LambdaService {
    const settings = serviceSettings(mode);
    return {
        name,
        region: args.region,
        peers: args.regions.filter((r) => r !== args.region),
        args,
        settings,
        validation: mode.validation,
        entry: mode.entry ?? APP_ENTRY,
        deploymentConfigName: mode.deploymentConfigName ?? DEFAULT_DEPLOYMENT_CONFIG,
        thresholds: { ...DEFAULT_ALARM_THRESHOLDS, ...args.alarmThresholds },
        retainLogs: args.retainLogs ?? true,
        sizing: args.sizing ?? evenSizing(settings, args.sizedForRegionCount),
        tags: args.tags ?? {},
    };
}

/** The size of one of `count` regions at an even share: its own load plus one other region's whole load. */
export function evenSizing(settings: Pick<RegionalServiceSettings, "capacityPerRegion" | "throttle" | "healthConcurrency">, count: number): RegionSizing {
    const regions = Array.from({ length: Math.max(1, count) }, (_, i) => `region-${i}`);
    const [first] = planCapacity({
        regions,
        capacityPerRegion: settings.capacityPerRegion,
        throttle: settings.throttle,
        concurrencyQuota: LAMBDA_DEFAULT_CONCURRENCY_QUOTA,
        healthConcurrency: settings.healthConcurrency,
    });
    return { reservedConcurrency: first!.reservedConcurrency, throttle: first!.throttle };
}
