/**
 * The only module that reads stack configuration. One strict schema for the whole stack; every default lives
 * here. Bad config fails with one error that lists every problem, each naming the key, the value and what is
 * allowed, before any resource is registered.
 *
 * Secrets: this module never reads a secret value. The Cloudflare API token belongs to the Cloudflare provider
 * (`cloudflare:apiToken`, set with `--secret`, or CLOUDFLARE_API_TOKEN); we only check that it is not stored in
 * plain text, and, during an update, that one of the two is there.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { AWS_REGIONS, isAwsRegion, MRSC_REGION_SETS, mrscRegionSet, ROUTE53_CHECKER_REGIONS } from "./packages/aws-facts";
import { planFailover, FailoverPlan } from "./components/failover";
import { CLOUDFLARE_MIN_INTERVAL_SECONDS, ROUTE53_CNAME_TTL_SECONDS } from "./packages/failover-model";

// `isConfigSecret` is not on @pulumi/pulumi's public surface; it is how the SDK itself tells secret keys apart.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const runtimeConfig: { isConfigSecret(key: string): boolean } = require("@pulumi/pulumi/runtime/config");

export const NAMESPACE = "active-active";

// ---- limits, named once --------------------------------------------------------------------------------------
export const MIN_REGIONS = 2;
/** DynamoDB PITR recovery period, days (UpdateContinuousBackups, RecoveryPeriodInDays). */
export const PITR_DAYS = { min: 1, max: 35 } as const;
/** CloudWatch Logs retention values accepted by PutRetentionPolicy. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
/** Lambda memory and timeout limits. */
export const LAMBDA_MEMORY_MB = { min: 128, max: 10240 } as const;
export const LAMBDA_TIMEOUT_S = { min: 1, max: 900 } as const;
/** DynamoDB allows 20 global secondary indexes per table by default. */
export const MAX_GSIS = 20;
/** Route 53 needs at least three checker regions. */
export const MIN_CHECKER_REGIONS = 3;
/** A CNAME's TTL we accept: long enough that resolvers honour it, short enough to fail over. */
export const CNAME_TTL_SECONDS = { min: ROUTE53_CNAME_TTL_SECONDS.min, max: ROUTE53_CNAME_TTL_SECONDS.max } as const;

// ---- schema --------------------------------------------------------------------------------------------------
const dnsName = z
    .string()
    .max(253, { abort: true })
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, {
        message: "is not a DNS name; allowed: lower-case labels of letters, digits and hyphens, e.g. api.example.com",
    });

const region = z.string().refine((v) => isAwsRegion(v), {
    message: `is not an AWS region; allowed: ${AWS_REGIONS.join(", ")}`,
});

const attributeName = z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/, {
    message: "is not a DynamoDB attribute name; allowed: 1-255 characters of letters, digits, _ . -",
});

const keyAttribute = z
    .object({
        name: attributeName,
        type: z.enum(["S", "N", "B"], { message: 'is not a key type; allowed: "S", "N", "B"' }),
    })
    .strict();

const gsi = z
    .object({
        name: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, {
            message: "is not an index name; allowed: 3-255 characters of letters, digits, _ . -",
        }),
        partitionKey: keyAttribute,
        sortKey: keyAttribute.optional(),
        projection: z.enum(["ALL", "KEYS_ONLY"], { message: 'is not a projection; allowed: "ALL", "KEYS_ONLY"' }).default("ALL"),
    })
    .strict();

const capacity = z.number().int().min(1).max(40000);

const tableSchema = z
    .object({
        name: z
            .string()
            .regex(/^[A-Za-z0-9_.-]{3,255}$/, {
                message: "is not a DynamoDB table name; allowed: 3-255 characters of letters, digits, _ . -",
            })
            .optional(),
        partitionKey: keyAttribute.default({ name: "pk", type: "S" }),
        sortKey: keyAttribute.nullable().default({ name: "sk", type: "S" }),
        billingMode: z
            .enum(["PAY_PER_REQUEST", "PROVISIONED"], { message: 'is not a billing mode; allowed: "PAY_PER_REQUEST", "PROVISIONED"' })
            .default("PAY_PER_REQUEST"),
        readCapacity: capacity.default(5),
        writeCapacity: capacity.default(5),
        autoscaling: z
            .object({
                maxReadCapacity: capacity.default(100),
                maxWriteCapacity: capacity.default(100),
                targetUtilizationPercent: z.number().min(20).max(90).default(70),
            })
            .strict()
            .default({ maxReadCapacity: 100, maxWriteCapacity: 100, targetUtilizationPercent: 70 }),
        ttlAttribute: attributeName.nullable().optional(),
        globalSecondaryIndexes: z.array(gsi).max(MAX_GSIS).default([]),
        localSecondaryIndexes: z.array(z.object({ name: z.string(), sortKey: keyAttribute }).strict()).default([]),
        pointInTimeRecoveryDays: z.number().int().min(PITR_DAYS.min).max(PITR_DAYS.max).default(PITR_DAYS.max),
    })
    .strict();

const jwtAuth = z
    .object({
        type: z.literal("jwt"),
        issuer: z.string().url({ message: "is not a URL; allowed: the issuer URL of your identity provider" }),
        audience: z.array(z.string().min(1)).min(1),
    })
    .strict();
const iamAuth = z.object({ type: z.literal("iam") }).strict();

const serviceSchema = z
    .object({
        mode: z.enum(["lambda", "external"], { message: 'is not a service mode; allowed: "lambda", "external"' }).default("lambda"),
        name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, {
            message: "is not a service name; allowed: 2-31 lower-case letters, digits, hyphens, starting with a letter",
        }).default("app"),
        memoryMb: z.number().int().min(LAMBDA_MEMORY_MB.min).max(LAMBDA_MEMORY_MB.max).default(512),
        timeoutSeconds: z.number().int().min(LAMBDA_TIMEOUT_S.min).max(LAMBDA_TIMEOUT_S.max).default(10),
        capacityPerRegion: z.number().int().min(1).max(10000).default(20),
        throttle: z
            .object({ rateLimit: z.number().positive().max(10000).default(500), burstLimit: z.number().int().positive().max(5000).default(1000) })
            .strict()
            .default({ rateLimit: 500, burstLimit: 1000 }),
        logRetentionDays: z
            .number()
            .refine((v) => (LOG_RETENTION_DAYS as readonly number[]).includes(v), {
                message: `is not a CloudWatch Logs retention; allowed: ${LOG_RETENTION_DAYS.join(", ")}`,
            })
            .default(30),
        healthTimeoutMs: z.number().int().min(200).max(1800).default(1500),
        safeDeployment: z.boolean().optional(),
        auth: z.discriminatedUnion("type", [jwtAuth, iamAuth], { message: 'is not an authorizer; allowed: {"type":"jwt",...} or {"type":"iam"}' }).default({ type: "iam" }),
        endpoints: z.record(z.string(), dnsName).default({}),
    })
    .strict();

const healthSchema = z
    .object({
        path: z.string().regex(/^\/[A-Za-z0-9/_-]*$/, { message: "is not a path; allowed: an absolute path such as /health" }).default("/health"),
        requestIntervalSeconds: z.union([z.literal(10), z.literal(30)], { message: "is not a Route 53 request interval; allowed: 10, 30" }).optional(),
        failureThreshold: z.number().int().min(1).max(10).optional(),
        checkerRegions: z
            .array(z.string().refine((r) => (ROUTE53_CHECKER_REGIONS as readonly string[]).includes(r), {
                message: `is not a Route 53 checker region; allowed: ${ROUTE53_CHECKER_REGIONS.join(", ")}`,
            }))
            .min(MIN_CHECKER_REGIONS)
            .default(["us-east-1", "eu-west-1", "ap-southeast-1"]),
    })
    .strict();

const routingSchema = z
    .object({
        recordType: z.enum(["auto", "alias", "cname"], { message: 'is not a record type; allowed: "auto", "alias", "cname"' }).default("auto"),
        cnameTtlSeconds: z.number().int().min(CNAME_TTL_SECONDS.min).max(CNAME_TTL_SECONDS.max).optional(),
        dualStack: z.boolean().default(false),
    })
    .strict();

const cloudflareSchema = z
    .object({
        accountId: z.string().regex(/^[0-9a-f]{32}$/, { message: "is not a Cloudflare account id; allowed: 32 hex characters" }),
        zoneId: z.string().regex(/^[0-9a-f]{32}$/, { message: "is not a Cloudflare zone id; allowed: 32 hex characters" }),
        steering: z
            .enum(["dynamic_latency", "proximity", "geo"], { message: 'is not a steering policy; allowed: "dynamic_latency", "proximity", "geo"' })
            .default("dynamic_latency"),
        proxied: z.boolean().default(true),
        sessionAffinity: z.enum(["none", "cookie"], { message: 'is not a session affinity; allowed: "none", "cookie"' }).default("none"),
        plan: z.enum(["enterprise", "business", "pro", "free"], { message: 'is not a Cloudflare plan; allowed: "enterprise", "business", "pro", "free"' }).default("pro"),
        monitorIntervalSeconds: z.number().int().min(10).max(3600).optional(),
        consecutiveDown: z.number().int().min(1).max(10).optional(),
        ttlSeconds: z.number().int().min(30).max(86400).optional(),
    })
    .strict();

const alarmsSchema = z
    .object({
        snsTopicArns: z.record(z.string(), z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, {
            message: "is not an SNS topic ARN; allowed: arn:aws:sns:<region>:<12-digit account>:<topic name>",
        })).default({}),
        email: z.string().email({ message: "is not an email address; allowed: an address such as oncall@example.com" }).optional(),
    })
    .strict();

/** Every key of the `active-active` namespace with its schema. Order is the order errors are reported in. */
const KEYS = {
    regions: z.array(region).min(MIN_REGIONS, { message: `needs at least ${MIN_REGIONS} regions` }),
    homeRegion: region,
    domain: dnsName,
    consistency: z.enum(["eventual", "strong"], { message: 'is not a consistency mode; allowed: "eventual", "strong"' }).default("eventual"),
    witnessRegion: region.optional(),
    traffic: z.enum(["route53", "cloudflare"], { message: 'is not a traffic layer; allowed: "route53", "cloudflare"' }).default("route53"),
    drain: z.array(z.string()).default([]),
    hostedZoneId: z.string().regex(/^Z[A-Z0-9]{1,31}$/, { message: "is not a Route 53 hosted zone id; allowed: Z followed by up to 31 upper-case letters or digits" }).optional(),
    zoneName: dnsName.optional(),
    cloudflare: cloudflareSchema.optional(),
    table: tableSchema.default(tableSchema.parse({})),
    service: serviceSchema.default(serviceSchema.parse({})),
    health: healthSchema.default(healthSchema.parse({})),
    routing: routingSchema.default(routingSchema.parse({})),
    rtoTargetSeconds: z.number().int().min(1).max(3600).default(180),
    alarms: alarmsSchema.default(alarmsSchema.parse({})),
    tags: z
        .record(
            z
                .string()
                .regex(/^[\w .:/=+@-]{1,128}$/, { message: "is not a tag key; allowed: 1-128 letters, digits, spaces and _ . : / = + - @", abort: true })
                .refine((t) => !t.toLowerCase().startsWith("aws:"), { message: 'uses the prefix "aws:", which AWS reserves; allowed: any other key' }),
            z.string().max(256),
        )
        .default({}),
    protect: z.boolean().default(true),
    allowReplicaRemoval: z.boolean().default(false),
    unprotectReplicas: z.array(region).default([]),
} as const;

type Keys = typeof KEYS;
type Parsed = { [K in keyof Keys]: z.output<Keys[K]> };

export type Consistency = "eventual" | "strong";
export type TrafficLayer = "route53" | "cloudflare";
export type TableSettings = z.output<typeof tableSchema> & { ttlAttribute: string | null };
export type ServiceSettings = Omit<z.output<typeof serviceSchema>, "safeDeployment"> & { safeDeployment: boolean };
export type HealthSettings = z.output<typeof healthSchema>;
export type RoutingSettings = z.output<typeof routingSchema>;
export type CloudflareSettings = z.output<typeof cloudflareSchema>;

/** The whole stack configuration as plain typed data. Components receive parts of it; none reads config. */
export interface StackConfig {
    project: string;
    stack: string;
    regions: string[];
    homeRegion: string;
    /** Regions that serve traffic and are not drained. */
    servingRegions: string[];
    domain: string;
    zoneName: string;
    consistency: Consistency;
    witnessRegion?: string;
    traffic: TrafficLayer;
    drain: string[];
    hostedZoneId?: string;
    cloudflare?: CloudflareSettings;
    table: TableSettings;
    service: ServiceSettings;
    health: HealthSettings;
    routing: RoutingSettings;
    rtoTargetSeconds: number;
    /** Health check, record and monitor settings derived from the RTO target by the failover model. */
    failover: FailoverPlan;
    alarms: z.output<typeof alarmsSchema>;
    tags: Record<string, string>;
    protect: boolean;
    allowReplicaRemoval: boolean;
    /** Regions whose replica gets deletion protection off: the first of the two updates that remove a replica. */
    unprotectReplicas: string[];
}

/** Thrown for bad config: every problem at once, each naming the key, the value and what is allowed. */
export class ConfigError extends Error {
    readonly problems: string[];
    constructor(problems: string[]) {
        super(`Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "ConfigError";
        this.problems = problems;
    }
}

function show(value: unknown): string {
    const s = JSON.stringify(value);
    return s === undefined ? "undefined" : s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function at(value: unknown, path: PropertyKey[]): unknown {
    let v: any = value;
    for (const p of path) v = v == null ? undefined : v[p as any];
    return v;
}

function keyPath(key: string, path: PropertyKey[]): string {
    let out = `${NAMESPACE}:${key}`;
    for (const p of path) out += typeof p === "number" ? `[${p}]` : `.${String(p)}`;
    return out;
}

const TYPE_NAMES: Record<string, string> = {
    array: "a list",
    object: "an object",
    record: "an object",
    string: "a string",
    number: "a number",
    int: "an integer",
    boolean: "a boolean",
};

function kindOf(value: unknown): string {
    if (value === null) return "empty";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "number" && !Number.isInteger(value)) return "a fraction";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function describeIssue(key: string, raw: unknown, issue: z.core.$ZodIssue): string {
    const value = at(raw, issue.path);
    const where = keyPath(key, issue.path);
    switch (issue.code) {
        case "unrecognized_keys":
            return `${where}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}; allowed: ${allowedFields(key, issue.path, raw)}`;
        case "invalid_type":
            return value === undefined
                ? `${where}: is required; allowed: ${TYPE_NAMES[issue.expected] ?? issue.expected}`
                : `${where}: ${show(value)} is ${kindOf(value)}; allowed: ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
        case "invalid_key": {
            const recordWhere = keyPath(key, issue.path.slice(0, -1));
            return `${recordWhere}: key ${show(issue.path[issue.path.length - 1])} ${issue.issues.map((i) => i.message).join("; ")}`;
        }
        case "too_small":
            if (issue.origin === "array") return `${where}: ${show(value)} ${issue.message.startsWith("needs") ? issue.message : `has too few entries; allowed: at least ${issue.minimum}`}`;
            if (issue.origin === "string") return `${where}: ${show(value)} has ${String(value).length} characters; allowed: at least ${issue.minimum}`;
            return `${where}: ${show(value)} is too small; allowed: ${issue.inclusive === false ? "more than" : "at least"} ${issue.minimum}`;
        case "too_big":
            if (issue.origin === "array") return `${where}: ${show(value)} has too many entries; allowed: at most ${issue.maximum}`;
            if (issue.origin === "string") return `${where}: ${show(value)} has ${String(value).length} characters; allowed: at most ${issue.maximum}`;
            return `${where}: ${show(value)} is too large; allowed: ${issue.inclusive === false ? "less than" : "at most"} ${issue.maximum}`;
        default:
            return `${where}: ${show(value)} ${issue.message}`;
    }
}

function allowedFields(key: string, path: PropertyKey[], raw: unknown): string {
    let schema: any = (KEYS as Record<string, z.ZodType>)[key];
    const unwrap = (s: any): any => (s?.def?.innerType ? unwrap(s.def.innerType) : s);
    schema = unwrap(schema);
    for (const p of path) {
        schema = unwrap(schema);
        if (typeof p === "number") schema = unwrap(schema?.def?.element);
        else schema = unwrap(schema?.shape?.[p]);
    }
    // A discriminated union (service.auth): the fields of the variant the value names.
    if (schema?.def?.options && schema.def.discriminator) {
        const tag = (at(raw, path) as Record<string, unknown> | undefined)?.[schema.def.discriminator];
        schema = schema.def.options.find((o: any) => o.shape?.[schema.def.discriminator]?.def?.values?.includes(tag)) ?? schema;
    }
    return schema?.shape ? Object.keys(schema.shape).join(", ") : "none";
}

/** Reads a raw config string the way the engine encodes it: JSON for lists, objects, numbers and booleans. */
function decode(raw: string): unknown {
    try {
        return JSON.parse(raw);
    } catch {
        return raw;
    }
}

/** Keys whose value is text: the engine's string is the value, never decoded as JSON. */
const TEXT_KEYS: ReadonlySet<string> = new Set(["homeRegion", "domain", "consistency", "witnessRegion", "traffic", "hostedZoneId", "zoneName"]);

/** Problems for entries listed more than once, each naming the later entry. */
function listedTwice(values: readonly string[], where: string, allowed: string): string[] {
    return values.flatMap((v, i) => (values.indexOf(v) < i ? [`${where}[${i}]: "${v}" is listed twice; allowed: ${allowed}`] : []));
}

const SECRET_LIKE = /(token|secret|password|passwd|apikey|api_key|privatekey|private_key)/i;

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

/** The config of the running Pulumi program. */
export function loadConfig(): StackConfig {
    const all = pulumi.runtime.allConfig();
    const values: Record<string, string> = {};
    for (const k of Object.keys(all)) {
        if (k.startsWith(`${NAMESPACE}:`)) {
            const bare = k.slice(NAMESPACE.length + 1);
            // Secret keys of our namespace are only checked, never read.
            values[bare] = runtimeConfig.isConfigSecret(k) ? "" : all[k]!;
        }
    }
    return parseConfig({
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
        values,
        allKeys: Object.keys(all),
        isSecret: (k) => runtimeConfig.isConfigSecret(k),
        isUpdate: !pulumi.runtime.isDryRun(),
        env: process.env,
    });
}

/** Parses and checks a stack's config. Pure: every input comes through `source`. */
export function parseConfig(source: ConfigSource): StackConfig {
    const problems: string[] = [];
    const parsed: Partial<Parsed> = {};

    const secretValues = new Set(Object.keys(source.values).filter((key) => source.isSecret(`${NAMESPACE}:${key}`)));
    for (const key of Object.keys(source.values)) {
        if (!Object.hasOwn(KEYS, key)) {
            problems.push(`${NAMESPACE}:${key}: unknown key; allowed: ${Object.keys(KEYS).join(", ")}`);
        }
        if (SECRET_LIKE.test(key)) {
            problems.push(
                `${NAMESPACE}:${key}: looks like a secret stored in stack config; allowed: none here — credentials belong to their provider (e.g. \`pulumi config set --secret cloudflare:apiToken\`)`,
            );
        } else if (secretValues.has(key)) {
            problems.push(`${NAMESPACE}:${key}: is stored as a secret; allowed: plain text (only credentials are secret, and they belong to their provider)`);
        }
    }
    for (const key of source.allKeys) {
        // Keys of our namespace that look like secrets are reported above, once.
        if (key.startsWith(`${NAMESPACE}:`)) continue;
        if (SECRET_LIKE.test(key.split(":").pop() ?? "") && !source.isSecret(key)) {
            problems.push(`${key}: is stored in plain text; allowed: a secret (\`pulumi config set --secret ${key} ...\`) or the provider's environment variable`);
        }
    }

    for (const key of Object.keys(KEYS) as (keyof Keys)[]) {
        if (secretValues.has(key)) continue;
        const raw = source.values[key];
        // Text keys keep their raw string: "12345" is a (bad) zone id, not a number.
        const value = raw === undefined ? undefined : TEXT_KEYS.has(key) ? raw : decode(raw);
        const result = (KEYS[key] as z.ZodType).safeParse(value);
        if (result.success) (parsed as any)[key] = result.data;
        else for (const issue of result.error.issues) problems.push(describeIssue(key, value, issue));
    }

    const p = parsed;
    const regions: string[] = p.regions ?? [];
    const k = (key: string) => `${NAMESPACE}:${key}`;

    if (p.regions) problems.push(...listedTwice(p.regions, k("regions"), "each region once"));
    if (p.homeRegion && p.regions && !regions.includes(p.homeRegion)) {
        problems.push(`${k("homeRegion")}: "${p.homeRegion}" is not one of the regions; allowed: ${regions.join(", ")}`);
    }
    if (p.drain && p.regions) {
        p.drain.forEach((r, i) => {
            if (!regions.includes(r)) problems.push(`${k("drain")}[${i}]: "${r}" is not one of the regions; allowed: ${regions.join(", ")}`);
        });
        problems.push(...listedTwice(p.drain, k("drain"), "each region once"));
        const serving = regions.filter((r) => !p.drain!.includes(r));
        if (regions.length > 0 && serving.length === 0) {
            problems.push(`${k("drain")}: ${show(p.drain)} drains every region; allowed: leave at least one region serving`);
        }
    }

    // Consistency topology.
    // A witness that failed to parse is reported already; counting regions without it would add a second problem.
    const witnessUnreadable = !p.witnessRegion && source.values.witnessRegion !== undefined;
    if (p.consistency === "strong" && p.regions && !witnessUnreadable) {
        const sets = Object.entries(MRSC_REGION_SETS).map(([n, rs]) => `${n}: ${rs.join(", ")}`).join("; ");
        if (p.witnessRegion && regions.includes(p.witnessRegion)) {
            problems.push(`${k("witnessRegion")}: "${p.witnessRegion}" is also a replica region; allowed: a third region of the same set that is not in ${k("regions")}`);
        } else if (p.witnessRegion ? regions.length !== 2 : regions.length !== 3) {
            problems.push(
                p.witnessRegion
                    ? `${k("regions")}: ${show(regions)} has ${regions.length} regions; allowed with ${k("witnessRegion")}: exactly 2 regions (strong consistency is 3 replicas, or 2 replicas and a witness)`
                    : `${k("regions")}: ${show(regions)} has ${regions.length} regions; allowed with consistency "strong": exactly 3 regions, or 2 regions plus ${k("witnessRegion")}`,
            );
        } else if (!mrscRegionSet(regions)) {
            problems.push(`${k("regions")}: ${show(regions)} are not all in one strong-consistency region set; allowed: all in one set (${sets})`);
        } else if (p.witnessRegion && !mrscRegionSet([...regions, p.witnessRegion])) {
            const set = mrscRegionSet(regions)!;
            const allowed = MRSC_REGION_SETS[set]!.filter((r) => !regions.includes(r));
            problems.push(`${k("witnessRegion")}: "${p.witnessRegion}" is not in the ${set} strong-consistency region set of ${k("regions")}; allowed: ${allowed.join(", ")}`);
        }
        const ttl = p.table?.ttlAttribute;
        if (ttl) problems.push(`${k("table")}.ttlAttribute: ${show(ttl)} is not supported with consistency "strong"; allowed: null (the app enforces expiry itself)`);
        if (p.table && p.table.localSecondaryIndexes.length > 0) {
            problems.push(`${k("table")}.localSecondaryIndexes: ${show(p.table.localSecondaryIndexes.map((i) => i.name))} are not supported with consistency "strong"; allowed: []`);
        }
    }
    if (p.consistency === "eventual" && p.witnessRegion) {
        problems.push(`${k("witnessRegion")}: "${p.witnessRegion}" is only used with consistency "strong"; allowed: unset with consistency "eventual"`);
    }

    // DNS: the zone must contain the service name.
    // The zone is never guessed from the domain: api.example.co.uk lives in example.co.uk, not co.uk.
    const zoneName = p.zoneName;
    if (source.values.zoneName === undefined) {
        const example = p.domain ? p.domain.split(".").slice(1).join(".") || p.domain : "example.com";
        problems.push(`${k("zoneName")}: is required; allowed: the DNS zone that contains ${k("domain")} (e.g. ${example})`);
    }
    if (p.domain && zoneName && p.domain !== zoneName && !p.domain.endsWith(`.${zoneName}`)) {
        problems.push(`${k("domain")}: "${p.domain}" is not inside the zone "${zoneName}"; allowed: ${zoneName} or a name ending in .${zoneName}`);
    }

    // Traffic layer prerequisites.
    if (p.traffic === "route53" && !p.hostedZoneId && source.values.hostedZoneId === undefined) {
        problems.push(`${k("hostedZoneId")}: is required with traffic "route53"; allowed: the id of the public hosted zone of ${zoneName ?? "the domain"} (Z...)`);
    }
    if (p.traffic === "cloudflare") {
        if (!p.cloudflare && source.values.cloudflare === undefined) {
            problems.push(`${k("cloudflare")}: is required with traffic "cloudflare"; allowed: {"accountId": "<32 hex>", "zoneId": "<32 hex>"}`);
        }
        const tokenKey = "cloudflare:apiToken";
        const hasToken = source.allKeys.includes(tokenKey) || !!source.env.CLOUDFLARE_API_TOKEN || !!source.env.CLOUDFLARE_API_KEY;
        if (source.isUpdate && !hasToken) {
            problems.push(`${tokenKey}: is not set; allowed: \`pulumi config set --secret ${tokenKey} ...\` or the CLOUDFLARE_API_TOKEN environment variable`);
        }
    }

    if (p.health) problems.push(...listedTwice(p.health.checkerRegions, `${k("health")}.checkerRegions`, "each region once"));
    if (p.table) {
        problems.push(...listedTwice(p.table.globalSecondaryIndexes.map((g) => g.name), `${k("table")}.globalSecondaryIndexes`, "each index name once").map((m) => m.replace(/\]: /, "].name: ")));
        // DynamoDB defines each key attribute once: every index that uses it must agree on its type.
        const keys: [string, { name: string; type: string } | null | undefined][] = [
            [`${k("table")}.partitionKey`, p.table.partitionKey],
            [`${k("table")}.sortKey`, p.table.sortKey],
            ...p.table.globalSecondaryIndexes.flatMap((g, i): [string, { name: string; type: string } | undefined][] => [
                [`${k("table")}.globalSecondaryIndexes[${i}].partitionKey`, g.partitionKey],
                [`${k("table")}.globalSecondaryIndexes[${i}].sortKey`, g.sortKey],
            ]),
            ...p.table.localSecondaryIndexes.map((l, i): [string, { name: string; type: string }] => [`${k("table")}.localSecondaryIndexes[${i}].sortKey`, l.sortKey]),
        ];
        const firstType = new Map<string, [string, string]>();
        for (const [where, attr] of keys) {
            if (!attr) continue;
            const first = firstType.get(attr.name);
            if (!first) firstType.set(attr.name, [attr.type, where]);
            else if (first[0] !== attr.type) {
                problems.push(`${where}.type: "${attr.type}" conflicts with ${first[1]} for attribute "${attr.name}"; allowed: "${first[0]}" (one type per attribute)`);
            }
        }
    }
    if (p.alarms) {
        for (const [r, arn] of Object.entries(p.alarms.snsTopicArns)) {
            const arnRegion = arn.split(":")[3];
            if (arnRegion !== r) {
                problems.push(`${k("alarms")}.snsTopicArns.${r}: "${arn}" is a topic in ${arnRegion}; allowed: a topic in ${r} (alarm actions must target a topic in the alarm's region)`);
            }
        }
    }
    if (p.routing && p.routing.recordType === "alias" && p.routing.cnameTtlSeconds !== undefined) {
        problems.push(`${k("routing")}.cnameTtlSeconds: ${p.routing.cnameTtlSeconds} applies only to CNAME records; allowed: unset with recordType "alias" (an alias record carries its target's TTL)`);
    }
    if (p.cloudflare) {
        const minimum = CLOUDFLARE_MIN_INTERVAL_SECONDS[p.cloudflare.plan];
        const interval = p.cloudflare.monitorIntervalSeconds;
        if (interval !== undefined && interval < minimum) {
            problems.push(`${k("cloudflare")}.monitorIntervalSeconds: ${interval} is below the minimum of plan "${p.cloudflare.plan}"; allowed: at least ${minimum} (or set ${k("cloudflare")}.plan to your plan)`);
        }
        if (p.cloudflare.proxied && p.cloudflare.ttlSeconds !== undefined) {
            problems.push(`${k("cloudflare")}.ttlSeconds: ${p.cloudflare.ttlSeconds} applies only to an unproxied load balancer; allowed: unset with proxied true`);
        }
    }

    if (p.unprotectReplicas && p.regions) {
        // A region being removed stays listed until its removal is done, so entries need not be in `regions`;
        // the GlobalTable checks them against what is deployed.
        problems.push(...listedTwice(p.unprotectReplicas, k("unprotectReplicas"), "each region once"));
    }

    // Service: bring-your-own endpoints cover every region.
    if (p.service && p.service.mode === "external" && p.regions) {
        const missing = regions.filter((r) => !p.service!.endpoints[r]);
        if (missing.length) {
            problems.push(`${k("service")}.endpoints: ${show(p.service.endpoints)} lacks ${missing.join(", ")}; allowed: one hostname per region with mode "external"`);
        }
    }
    if (p.service && p.regions) {
        for (const r of Object.keys(p.service.endpoints)) {
            if (!regions.includes(r)) problems.push(`${k("service")}.endpoints.${r}: is not one of the regions; allowed: ${regions.join(", ")}`);
        }
    }
    if (p.service && p.service.mode === "lambda" && p.table && p.table.sortKey === null) {
        problems.push(`${k("table")}.sortKey: null leaves the table without a sort key; allowed: a sort key ({"name":"sk","type":"S"}) with service mode "lambda" (the reference app stores heartbeats, items and idempotency records under one partition key scheme with a sort key)`);
    }
    if (p.service && p.service.healthTimeoutMs >= p.service.timeoutSeconds * 1000) {
        problems.push(`${k("service")}.healthTimeoutMs: ${p.service.healthTimeoutMs} is not below the function timeout (${p.service.timeoutSeconds} s); allowed: less than ${p.service.timeoutSeconds * 1000}`);
    }
    if (p.table && p.table.billingMode === "PAY_PER_REQUEST" && source.values.table) {
        const rawTable = decode(source.values.table) as Record<string, unknown>;
        for (const field of ["readCapacity", "writeCapacity"]) {
            if (rawTable && typeof rawTable === "object" && field in rawTable) {
                problems.push(`${k("table")}.${field}: ${show(rawTable[field])} is set with billingMode "PAY_PER_REQUEST"; allowed: only with billingMode "PROVISIONED"`);
            }
        }
    }

    // Failover: derive the health check and record settings that meet the RTO target, or say why not.
    let failover: FailoverPlan | undefined;
    if (problems.length === 0) {
        const result = planFailover({
            traffic: p.traffic!,
            consistency: p.consistency!,
            rtoTargetSeconds: p.rtoTargetSeconds!,
            health: p.health!,
            routing: p.routing!,
            cloudflare: p.cloudflare,
        });
        if ("problems" in result) problems.push(...result.problems);
        else failover = result;
    }

    if (problems.length > 0) throw new ConfigError(problems);

    const table = { ...p.table!, ttlAttribute: p.table!.ttlAttribute === undefined ? (p.consistency === "strong" ? null : "expiresAt") : p.table!.ttlAttribute };
    return {
        project: source.project,
        stack: source.stack,
        regions,
        homeRegion: p.homeRegion!,
        servingRegions: regions.filter((r) => !p.drain!.includes(r)),
        domain: p.domain!,
        zoneName: zoneName!,
        consistency: p.consistency!,
        witnessRegion: p.witnessRegion,
        traffic: p.traffic!,
        drain: p.drain!,
        hostedZoneId: p.hostedZoneId,
        cloudflare: p.cloudflare,
        table,
        service: { ...p.service!, safeDeployment: p.service!.safeDeployment ?? p.protect! },
        health: p.health!,
        routing: p.routing!,
        rtoTargetSeconds: p.rtoTargetSeconds!,
        failover: failover!,
        alarms: p.alarms!,
        tags: { "app:name": "active-active", "app:stack": source.stack, ...p.tags! },
        protect: p.protect!,
        allowReplicaRemoval: p.allowReplicaRemoval!,
        unprotectReplicas: p.unprotectReplicas!,
    };
}
