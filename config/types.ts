/**
 * The public shapes of `active-active/config`, as plain TypeScript: a program that imports the config entry sees
 * these and no schema library (the declarations must type-check under Pulumi's template tsconfig, which checks
 * every declaration file it reaches: no `skipLibCheck`). schema.ts checks that its parsed output is exactly these
 * types (`Same` there), so the two cannot drift.
 */
import type { CloudflarePlan, CloudflareRegionCode, RoutingPolicyName } from "../packages/failover-model";
import type { Continent } from "../packages/aws-facts";
import type { ServiceAuth } from "../components/regional-service/args";

/** The namespace of this program's own keys: `active-active:<key>`. */
export const NAMESPACE = "active-active";

/**
 * The namespaces a key of this stack may be in: ours, the two providers', and the engine's own. A key in any other
 * is read by nobody, so a typo there (`active-actve:drain`) would otherwise change nothing, silently.
 */
export const KNOWN_NAMESPACES = [NAMESPACE, "aws", "cloudflare", "pulumi"] as const;

/** What `parseConfig` reads: the engine's raw strings and which keys are secret. */
export interface ConfigSource {
    project: string;
    stack: string;
    /** Raw values of the `active-active` namespace, by bare key. */
    values: Record<string, string>;
    /** Every config key of the stack (any namespace), to find secrets stored in plain text. */
    allKeys: string[];
    isSecret(key: string): boolean;
    /** True during `pulumi up`'s update step, when the Cloudflare provider needs its token. */
    isUpdate: boolean;
    env: Record<string, string | undefined>;
}

export interface KeyAttributeSetting {
    name: string;
    type: "S" | "N" | "B";
}

/** `active-active:table`, defaults applied. */
export interface TableSettings {
    name?: string | undefined;
    partitionKey: KeyAttributeSetting;
    sortKey: KeyAttributeSetting | null;
    billingMode: "PAY_PER_REQUEST" | "PROVISIONED";
    readCapacity: number;
    writeCapacity: number;
    autoscaling: { maxReadCapacity: number; maxWriteCapacity: number; targetUtilizationPercent: number };
    onDemandThroughput?: { maxReadRequestUnits: number; maxWriteRequestUnits: number } | undefined;
    ttlAttribute: string | null;
    globalSecondaryIndexes: { name: string; partitionKey: KeyAttributeSetting; sortKey?: KeyAttributeSetting | undefined; projection: "ALL" | "KEYS_ONLY" }[];
    localSecondaryIndexes: { name: string; sortKey: KeyAttributeSetting }[];
    pointInTimeRecoveryDays: number;
}

export interface ThrottleSetting {
    rateLimit: number;
    burstLimit: number;
}

/** `active-active:service`, defaults applied; `auth` as RegionalService takes it. */
export interface ServiceSettings {
    mode: "lambda" | "external";
    name: string;
    memoryMb: number;
    timeoutSeconds: number;
    capacityPerRegion: number;
    throttle: ThrottleSetting;
    writeThrottle: ThrottleSetting;
    healthThrottle: ThrottleSetting;
    logRetentionDays: number;
    healthTimeoutMs: number;
    heartbeatIntervalMs: number;
    healthConcurrency: number;
    trafficShare?: Record<string, number> | undefined;
    concurrencyQuota: number;
    safeDeployment: boolean;
    auth: ServiceAuth;
    endpoints: Record<string, string>;
}

/** `active-active:health`. */
export interface HealthSettings {
    path: string;
    requestIntervalSeconds?: 10 | 30 | undefined;
    failureThreshold?: number | undefined;
    checkerRegions: string[];
}

/** `active-active:routing`. */
export interface RoutingSettings {
    recordType: "auto" | "alias" | "cname";
    cnameTtlSeconds?: number | undefined;
    dualStack: boolean;
    recoveryControl: boolean | { clusterArn: string };
    /** How users are spread over the regions; unset: latency (Route 53) or `cloudflare.steering`. docs/traffic.md, "Routing modes". */
    policy?: RoutingPolicyName | undefined;
    /** Weighted (and Cloudflare least_*): region -> 0-255. */
    weights?: Record<string, number> | undefined;
    /** Geoproximity: region -> -99..99. */
    biases?: Record<string, number> | undefined;
    /** Geolocation: continent and country codes -> region, and the default record's target (a region, "nearest" or null). */
    geolocation?: { continents?: Partial<Record<Continent, string>> | undefined; countries?: Record<string, string> | undefined; default?: string | null | undefined } | undefined;
    /** Failover: percent of the primary's peak concurrency each standby keeps warm. */
    standbyWarmPercent: number;
    /** The monthly request volume (all regions) the --compare table prices, and the share of writes, percent. */
    requestsPerMonth: number;
    writePercent: number;
}

/** `active-active:cloudflare`. */
export interface CloudflareSettings {
    accountId: string;
    zoneId: string;
    /** The older key for the Cloudflare steering; `routing.policy` chooses it too (the two are not both set). */
    steering: "dynamic_latency" | "proximity" | "geo";
    checkRegions: CloudflareRegionCode[];
    originTlsRule: boolean;
    proxied: boolean;
    sessionAffinity: "none" | "cookie";
    plan: CloudflarePlan;
    monitorIntervalSeconds?: number | undefined;
    consecutiveDown?: number | undefined;
    ttlSeconds?: number | undefined;
}

/** `active-active:alarms`. */
export interface AlarmSettings {
    snsTopicArns: Record<string, string>;
    email?: string | undefined;
}
