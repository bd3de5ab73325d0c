/**
 * The schema of every `active-active:` key: types, ranges and the stack's defaults. Limits and name patterns come
 * from packages/aws-facts, defaults from the components' own defaults objects where the component has one; the
 * values chosen here are the reference stack's own. Each message is `<reason>; allowed: <allowed>` (see issues.ts).
 */
import { z } from "zod";
import {
    ARC_CLUSTER_ARN, ATTRIBUTE_NAME, AWS_REGIONS, CAPACITY_UNITS, DNS_NAME, HOSTED_ZONE_ID, INDEX_NAME, isAwsRegion, LAMBDA_MEMORY_MB,
    LAMBDA_TIMEOUT_S, LOG_RETENTION_DAYS, MAX_GSIS, MIN_REGIONS, notARegionReason, ON_DEMAND_REQUEST_UNITS, PITR_DAYS, ROUTE53_CHECKER_REGIONS,
    ROUTE53_MIN_CHECKER_REGIONS, ROUTE53_RESOURCE_PATH_MAX_LENGTH, SNS_TOPIC_ARN, LAMBDA_DEFAULT_CONCURRENCY_QUOTA, TABLE_NAME, TAG_VALUE_MAX_LENGTH, tagProblems, TARGET_UTILIZATION_PERCENT,
} from "../packages/aws-facts";
import { COUNTRY_CODE, ROUTE53_CONTINENTS, ROUTE53_GEOPROXIMITY_BIAS, ROUTE53_WEIGHT } from "../packages/aws-facts";
import { CLOUDFLARE_REGION_CODES, DEFAULT_CLOUDFLARE_PLAN, ROUTING_POLICIES, MAX_HEALTH_TIMEOUT_MS, ROUTE53_CNAME_TTL_SECONDS, ROUTE53_FAILURE_THRESHOLD } from "../packages/failover-model";
import { CLOUDFLARE_LOAD_BALANCER_DEFAULTS } from "../components/cloudflare-load-balancer/args";
import { GLOBAL_TABLE_DEFAULTS } from "../components/global-table/args";
import { REGIONAL_SERVICE_DEFAULTS } from "../components/regional-service/args";
import type { AlarmSettings, CloudflareSettings, HealthSettings, RoutingSettings, ServiceSettings, TableSettings } from "./types";
import { servicesSchema } from "./services";

/** A schema message: what is wrong, then what is allowed. issues.ts splits it back into a Problem. */
export function says(reason: string, allowed: string): string {
    return `${reason}; allowed: ${allowed}`;
}

const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`).join(", ");

/** An enum whose message lists its values. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
    return z.enum(values, { message: says(`is not ${what}`, quoted(values)) });
}

const dnsName = z
    .string()
    .max(253, { abort: true })
    .regex(DNS_NAME.pattern, { message: says("is not a DNS name", DNS_NAME.allowed) });

const region = z.string().superRefine((v, ctx) => {
    if (!isAwsRegion(v)) ctx.addIssue({ code: "custom", message: says(notARegionReason(v), AWS_REGIONS.join(", ")) });
});

const attributeName = z.string().regex(ATTRIBUTE_NAME.pattern, { message: says("is not a DynamoDB attribute name", ATTRIBUTE_NAME.allowed) });

const keyAttribute = z.object({ name: attributeName, type: oneOf(["S", "N", "B"], "a key type") }).strict();

const gsi = z
    .object({
        name: z.string().regex(INDEX_NAME.pattern, { message: says("is not an index name", INDEX_NAME.allowed) }),
        partitionKey: keyAttribute,
        sortKey: keyAttribute.optional(),
        projection: oneOf(["ALL", "KEYS_ONLY"], "a projection").default("ALL"),
    })
    .strict();

const capacity = z.number().int().min(CAPACITY_UNITS.min).max(CAPACITY_UNITS.max);

/** The reference stack's key schema: the app stores every record under `pk` and `sk`. */
export const STACK_KEY_SCHEMA = { partitionKey: { name: "pk", type: "S" }, sortKey: { name: "sk", type: "S" } } as const;

/** The config spells billing as DynamoDB's API does; GlobalTable's `billing.mode` names the same two modes. */
export const BILLING_MODES = { onDemand: "PAY_PER_REQUEST", provisioned: "PROVISIONED" } as const;

const provisioned = GLOBAL_TABLE_DEFAULTS.provisioned;
const requestUnits = z.number().int().min(ON_DEMAND_REQUEST_UNITS.min).max(ON_DEMAND_REQUEST_UNITS.max);
const onDemandCap = GLOBAL_TABLE_DEFAULTS.onDemandThroughput;
export const tableSchema = z
    .object({
        name: z.string().regex(TABLE_NAME.pattern, { message: says("is not a DynamoDB table name", TABLE_NAME.allowed) }).optional(),
        partitionKey: keyAttribute.default({ ...STACK_KEY_SCHEMA.partitionKey }),
        sortKey: keyAttribute.nullable().default({ ...STACK_KEY_SCHEMA.sortKey }),
        billingMode: oneOf(["PAY_PER_REQUEST", "PROVISIONED"], "a billing mode").default(BILLING_MODES[GLOBAL_TABLE_DEFAULTS.billing.mode]),
        readCapacity: capacity.default(provisioned.readCapacity),
        writeCapacity: capacity.default(provisioned.writeCapacity),
        autoscaling: z
            .object({
                maxReadCapacity: capacity.default(provisioned.autoscaling.maxReadCapacity),
                maxWriteCapacity: capacity.default(provisioned.autoscaling.maxWriteCapacity),
                targetUtilizationPercent: z.number().min(TARGET_UTILIZATION_PERCENT.min).max(TARGET_UTILIZATION_PERCENT.max).default(provisioned.autoscaling.targetUtilizationPercent),
            })
            .strict()
            .default({ ...provisioned.autoscaling }),
        // On demand only (a multi-Region table is never provisioned), no default here: GlobalTable applies its own.
        onDemandThroughput: z
            .object({
                maxReadRequestUnits: requestUnits.default(onDemandCap.maxReadRequestUnits),
                maxWriteRequestUnits: requestUnits.default(onDemandCap.maxWriteRequestUnits),
            })
            .strict()
            .optional(),
        ttlAttribute: attributeName.nullable().optional(),
        globalSecondaryIndexes: z.array(gsi).max(MAX_GSIS).default([]),
        localSecondaryIndexes: z.array(z.object({ name: z.string(), sortKey: keyAttribute }).strict()).default([]),
        pointInTimeRecoveryDays: z.number().int().min(PITR_DAYS.min).max(PITR_DAYS.max).default(GLOBAL_TABLE_DEFAULTS.pointInTimeRecoveryDays),
    })
    .strict();

const service = REGIONAL_SERVICE_DEFAULTS;

// Types only: whether the issuer and audience are there and well formed is RegionalService's rule (authProblems),
// which config/checks.ts calls with this key's name, so a stack without an issuer names the key.
const jwtAuth = z
    .object({
        type: z.literal("jwt"),
        issuer: z.string().optional(),
        audience: z.array(z.string()).optional(),
        scopes: z
            .object({ read: z.string().default(service.auth.scopes.read), write: z.string().default(service.auth.scopes.write) })
            .strict()
            .default({ ...service.auth.scopes }),
    })
    .strict();
const iamAuth = z.object({ type: z.literal("iam") }).strict();

const throttle = (defaults: { rateLimit: number; burstLimit: number }) =>
    z
        .object({
            rateLimit: z.number().positive().max(10000).default(defaults.rateLimit),
            burstLimit: z.number().int().positive().max(5000).default(defaults.burstLimit),
        })
        .strict()
        .default({ ...defaults });
export const serviceSchema = z
    .object({
        mode: oneOf(["lambda", "external"], "a service mode").default("lambda"),
        name: z
            .string()
            .regex(/^[a-z][a-z0-9-]{1,30}$/, { message: says("is not a service name", "2-31 lower-case letters, digits, hyphens, starting with a letter") })
            .default(service.name),
        memoryMb: z.number().int().min(LAMBDA_MEMORY_MB.min).max(LAMBDA_MEMORY_MB.max).default(service.memoryMb),
        timeoutSeconds: z.number().int().min(LAMBDA_TIMEOUT_S.min).max(LAMBDA_TIMEOUT_S.max).default(service.timeoutSeconds),
        capacityPerRegion: z.number().int().min(1).max(10000).default(service.capacityPerRegion),
        throttle: throttle(service.throttle),
        writeThrottle: throttle(service.writeThrottle),
        healthThrottle: throttle(service.healthThrottle),
        logRetentionDays: z
            .number()
            .refine((v) => (LOG_RETENTION_DAYS as readonly number[]).includes(v), {
                message: says("is not a CloudWatch Logs retention", LOG_RETENTION_DAYS.join(", ")),
            })
            .default(service.logRetentionDays),
        // With a cold start and API Gateway, at most this fits Route 53's 2 s response window (failover-model healthBudget).
        healthTimeoutMs: z
            .number()
            .int()
            .min(200)
            .max(MAX_HEALTH_TIMEOUT_MS, { message: says("does not fit Route 53's 2000 ms response window with a cold start", `200 to ${MAX_HEALTH_TIMEOUT_MS} (see docs/capacity.md, "Health budget")`) })
            .default(service.healthTimeoutMs),
        heartbeatIntervalMs: z.number().int().min(1000).max(600000).default(service.heartbeatIntervalMs),
        healthConcurrency: z.number().int().min(1).max(100).default(service.healthConcurrency),
        // Measured shares of the traffic, percent per region; unset is an even share (config/capacity.ts).
        trafficShare: z.record(z.string(), z.number().positive().max(100)).optional(),
        // The account's Lambda concurrency quota in each region (Service Quotas, "Concurrent executions").
        concurrencyQuota: z.number().int().min(1).max(10_000_000).default(LAMBDA_DEFAULT_CONCURRENCY_QUOTA),
        // Unset follows active-active:protect (see config/index.ts), not the component's default.
        safeDeployment: z.boolean().optional(),
        auth: z
            .discriminatedUnion("type", [jwtAuth, iamAuth], { message: says("is not an authorizer", '{"type":"jwt",...} or {"type":"iam"}') })
            .default({ type: "jwt", scopes: { ...service.auth.scopes } }),
        endpoints: z.record(z.string(), dnsName).default({}),
    })
    .strict();

const checkerRegion = z.string().refine((r) => ROUTE53_CHECKER_REGIONS.includes(r), {
    message: says("is not a Route 53 checker region", ROUTE53_CHECKER_REGIONS.join(", ")),
});

export const healthSchema = z
    .object({
        path: z
            .string()
            .max(ROUTE53_RESOURCE_PATH_MAX_LENGTH, { abort: true })
            .regex(/^\/[A-Za-z0-9/_-]*$/, { message: says("is not a path", "an absolute path such as /health") })
            .default("/health"),
        requestIntervalSeconds: z.union([z.literal(10), z.literal(30)], { message: says("is not a Route 53 request interval", "10, 30") }).optional(),
        failureThreshold: z.number().int().min(ROUTE53_FAILURE_THRESHOLD.min).max(ROUTE53_FAILURE_THRESHOLD.max).optional(),
        checkerRegions: z.array(checkerRegion).min(ROUTE53_MIN_CHECKER_REGIONS).default(["us-east-1", "eu-west-1", "ap-southeast-1"]),
    })
    .strict();

export const routingSchema = z
    .object({
        recordType: oneOf(["auto", "alias", "cname"], "a record type").default("auto"),
        cnameTtlSeconds: z.number().int().min(ROUTE53_CNAME_TTL_SECONDS.min).max(ROUTE53_CNAME_TTL_SECONDS.max).optional(),
        dualStack: z.boolean().default(false),
        // A data-plane drain: ARC routing controls in the gates (docs/recovery-control.md). true creates a cluster
        // (billed by the hour); { clusterArn } uses one you have.
        recoveryControl: z
            .union([z.boolean(), z.object({ clusterArn: z.string().regex(ARC_CLUSTER_ARN.pattern, { message: says("is not an ARC cluster ARN", ARC_CLUSTER_ARN.allowed) }) }).strict()], {
                message: says("is not a recovery control setting", 'true, false or {"clusterArn": "arn:aws:route53-recovery-control::<account>:cluster/<id>"}'),
            })
            .default(false),
        // How users are spread over the regions (docs/traffic.md, "Routing modes"). Unset: latency records with
        // Route 53, cloudflare.steering with Cloudflare. The rest refine the chosen mode; config/routing.ts checks them.
        policy: oneOf(ROUTING_POLICIES, "a routing policy").optional(),
        weights: z.record(z.string(), z.number().int().min(ROUTE53_WEIGHT.min).max(ROUTE53_WEIGHT.max)).optional(),
        biases: z.record(z.string(), z.number().int().min(ROUTE53_GEOPROXIMITY_BIAS.min).max(ROUTE53_GEOPROXIMITY_BIAS.max)).optional(),
        geolocation: z
            .object({
                continents: z.partialRecord(oneOf(ROUTE53_CONTINENTS, "a Route 53 continent code"), z.string()).optional(),
                countries: z.record(z.string().regex(COUNTRY_CODE.pattern, { message: says("is not a country code", COUNTRY_CODE.allowed) }), z.string()).optional(),
                default: z.string().nullable().optional(),
            })
            .strict()
            .optional(),
        // Failover only: percent of the primary's peak concurrency each standby keeps warm (docs/capacity.md).
        standbyWarmPercent: z.number().min(0).max(100).default(0),
        // The request volume the --compare table prices (per month, all regions), and the share that writes.
        requestsPerMonth: z.number().int().min(0).max(1e12).default(100_000_000),
        writePercent: z.number().min(0).max(100).default(10),
    })
    .strict();

const hex32 = (what: string) => z.string().regex(/^[0-9a-f]{32}$/, { message: says(`is not a Cloudflare ${what}`, "32 hex characters") });

export const cloudflareSchema = z
    .object({
        accountId: hex32("account id"),
        zoneId: hex32("zone id"),
        steering: oneOf(["dynamic_latency", "proximity", "geo"], "a steering policy").default("dynamic_latency"),
        // The Cloudflare regions users come from: every pool is probed from each (dynamic steering needs it).
        checkRegions: z.array(oneOf(CLOUDFLARE_REGION_CODES, "a Cloudflare region")).min(1).default([...CLOUDFLARE_LOAD_BALANCER_DEFAULTS.checkRegions]),
        originTlsRule: z.boolean().default(CLOUDFLARE_LOAD_BALANCER_DEFAULTS.originTlsRule),
        proxied: z.boolean().default(true),
        sessionAffinity: oneOf(["none", "cookie"], "a session affinity").default("none"),
        plan: oneOf(["enterprise", "business", "pro", "free"], "a Cloudflare plan").default(DEFAULT_CLOUDFLARE_PLAN),
        monitorIntervalSeconds: z.number().int().min(10).max(3600).optional(),
        consecutiveDown: z.number().int().min(1).max(10).optional(),
        ttlSeconds: z.number().int().min(30).max(86400).optional(),
    })
    .strict();

export const alarmsSchema = z
    .object({
        snsTopicArns: z.record(z.string(), z.string().regex(SNS_TOPIC_ARN.pattern, { message: says("is not an SNS topic ARN", SNS_TOPIC_ARN.allowed) })).default({}),
        email: z.string().email({ message: says("is not an email address", "an address such as oncall@example.com") }).optional(),
    })
    .strict();

/** A tag key, checked by the one tag rule (aws-facts `tagProblems`); the first problem is the one reported. */
const tagKey = z.string().superRefine((key, ctx) => {
    const [first] = tagProblems({ [key]: "" }, "tags");
    if (first) ctx.addIssue({ code: "custom", message: says(first.reason, first.allowed) });
});

const regionCount = (n: number) => `has ${n} region${n === 1 ? "" : "s"}`;

/** Every key of the `active-active` namespace with its schema. Order is the order errors are reported in. */
export const KEYS = {
    regions: z.array(region).min(MIN_REGIONS, {
        error: (issue) => says(regionCount(Array.isArray(issue.input) ? issue.input.length : 0), `at least ${MIN_REGIONS} regions`),
    }),
    homeRegion: region,
    // The account every provider deploys to, given rather than looked up: no STS call in any region (providers.ts).
    accountId: z.string().regex(/^\d{12}$/, { message: says("is not an AWS account id", "12 digits") }),
    domain: dnsName,
    consistency: oneOf(["eventual", "strong"], "a consistency mode").default(GLOBAL_TABLE_DEFAULTS.consistency),
    witnessRegion: region.optional(),
    traffic: oneOf(["route53", "cloudflare"], "a traffic layer").default("route53"),
    drain: z.array(z.string()).default([]),
    hostedZoneId: z.string().regex(HOSTED_ZONE_ID.pattern, { message: says("is not a Route 53 hosted zone id", HOSTED_ZONE_ID.allowed) }).optional(),
    zoneName: dnsName.optional(),
    cloudflare: cloudflareSchema.optional(),
    table: tableSchema.default(tableSchema.parse({})),
    service: serviceSchema.default(serviceSchema.parse({})),
    health: healthSchema.default(healthSchema.parse({})),
    routing: routingSchema.default(routingSchema.parse({})),
    rtoTargetSeconds: z.number().int().min(1).max(3600).default(180),
    // Unset: clients close pooled connections within the record's TTL, as docs/traffic.md recommends.
    clientMaxConnectionAgeSeconds: z.number().int().min(1).max(86400).optional(),
    alarms: alarmsSchema.default(alarmsSchema.parse({})),
    tags: z.record(tagKey, z.string().max(TAG_VALUE_MAX_LENGTH)).default({}),
    protect: z.boolean().default(GLOBAL_TABLE_DEFAULTS.protect),
    allowReplicaRemoval: z.boolean().default(GLOBAL_TABLE_DEFAULTS.allowReplicaRemoval),
    unprotectReplicas: z.array(region).default([]),
    services: servicesSchema.optional(), // a fleet, one table, services and routed name each (config/services.ts)
} as const;

export type Keys = typeof KEYS;
export type Key = keyof Keys;
/** Every key with its parsed value (defaults applied). */
export type Complete = { [K in Key]: z.output<Keys[K]> };
/** The keys that parsed; a key whose value was refused is absent. */
export type Parsed = Partial<Complete>;

/** Keys whose value is text: the engine's string is the value, never decoded as JSON. */
export const TEXT_KEYS: ReadonlySet<string> = new Set(["homeRegion", "accountId", "domain", "consistency", "witnessRegion", "traffic", "hostedZoneId", "zoneName"]);

export type { AlarmSettings, CloudflareSettings, HealthSettings, RoutingSettings, ServiceSettings, TableSettings } from "./types";

/** True when each of A and B is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compiles only when the schema's output is exactly the public shape in types.ts. */
function same<A, B>(check: Same<A, B>): Same<A, B> {
    return check;
}
same<Omit<z.output<typeof tableSchema>, "ttlAttribute">, Omit<TableSettings, "ttlAttribute">>(true);
same<Omit<z.output<typeof serviceSchema>, "safeDeployment" | "auth">, Omit<ServiceSettings, "safeDeployment" | "auth">>(true);
same<z.output<typeof healthSchema>, HealthSettings>(true);
same<z.output<typeof routingSchema>, RoutingSettings>(true);
same<z.output<typeof cloudflareSchema>, CloudflareSettings>(true);
same<z.output<typeof alarmsSchema>, AlarmSettings>(true);
