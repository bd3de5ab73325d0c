/**
 * Runtime configuration of the regional service, read from environment variables once per Lambda instance.
 *
 * | Variable                     | Required | Default                                | Meaning                                                                                   |
 * |------------------------------|----------|----------------------------------------|-------------------------------------------------------------------------------------------|
 * | `TABLE_NAME`                 | yes      |                                        | Name of the DynamoDB global table (its replica in this region is used).                   |
 * | `REGION`                     | yes      |                                        | This region, e.g. `eu-west-1`. The SDK client talks to this region's replica.             |
 * | `PEER_REGIONS`               | no       | `` (none)                              | Comma-separated other regions of the deployment, e.g. `us-east-1,ap-southeast-2`.         |
 * | `SERVICE_NAME`               | yes      |                                        | Service name used in logs and as the idempotency key prefix (must be equal in every region). |
 * | `TABLE_PARTITION_KEY`        | no       | `pk`                                   | Name of the table's partition key attribute (type S).                                     |
 * | `TABLE_SORT_KEY`             | no       | `sk`                                   | Name of the table's sort key attribute (type S).                                          |
 * | `CONSISTENCY`                | no       | `eventual`                             | `eventual` (multi-Region eventual consistency) or `strong` (multi-Region strong consistency). |
 * | `HEALTH_TIMEOUT_MS`          | no       | `1500`                                 | Budget of the whole `GET /health` check, 100..10000. Keep it under Route 53's 2 s.         |
 * | `HEALTH_CACHE_MS`            | no       | `1000`                                 | How long an instance serves one health check's result to every `GET /health`, 0..10000.  |
 * | `HEARTBEAT_INTERVAL_MS`      | no       | `5000`                                 | Minimum time between two heartbeat writes by one Lambda instance, 1000..600000.           |
 * | `IDEMPOTENCY_EXPIRY_SECONDS` | no       | `3600`                                 | How long an `Idempotency-Key` (and a delete tombstone) is remembered, 60..604800.         |
 * | `TTL_ATTRIBUTE`              | no       | `expiresAt` (eventual), empty (strong) | Attribute the table's TTL is enabled on. Empty: the table has no TTL (strong mode).        |
 * | `MAX_BODY_BYTES`             | no       | `65536`                                | Largest accepted body, and data once re-serialized as JSON, in bytes, 1..262144.          |
 * | `DYNAMODB_ENDPOINT`          | no       | (AWS endpoint)                         | Tests only: an `http(s)://` URL of a DynamoDB-compatible server.                          |
 *
 * `parseConfig` collects every problem and throws one `ConfigError` listing them all, so a broken deployment
 * shows all of its mistakes in the first cold start's log.
 */
import type { Consistency } from "../packages/aws-facts";
import { TABLE_NAME } from "../packages/aws-facts/patterns";

export type { Consistency };

export interface AppConfig {
    readonly tableName: string;
    readonly region: string;
    readonly peerRegions: readonly string[];
    readonly serviceName: string;
    readonly partitionKey: string;
    readonly sortKey: string;
    readonly consistency: Consistency;
    readonly healthTimeoutMs: number;
    /** How long one health check's result serves every `GET /health` of this instance; 0: no cache. */
    readonly healthCacheMs: number;
    readonly heartbeatIntervalMs: number;
    readonly idempotencyExpirySeconds: number;
    /** Attribute the table's TTL is enabled on, or `null` when the table has no TTL (strong mode). */
    readonly ttlAttribute: string | null;
    readonly maxBodyBytes: number;
    readonly dynamodbEndpoint: string | null;
}

export class ConfigError extends Error {
    readonly problems: readonly string[];

    constructor(problems: readonly string[]) {
        super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "ConfigError";
        this.problems = problems;
    }
}

export type Env = Readonly<Record<string, string | undefined>>;

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ATTRIBUTE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;
const SERVICE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Largest body (and data once re-serialized) we accept. The item must fit in DynamoDB's 400 KB: JSON of at most
 * 256 KB takes at most about 1.5 times that in an item (a list of one-digit numbers is the worst case), and the
 * request parser refuses data whose estimated item size is too large anyway. Idempotency records keep no data.
 */
export const MAX_BODY_BYTES_LIMIT = 262144;

export function parseConfig(env: Env): AppConfig {
    const problems: string[] = [];
    const raw = (name: string): string | undefined => {
        const value = env[name];
        return value === undefined ? undefined : value.trim();
    };

    const required = (name: string, pattern: RegExp, describe: string): string => {
        const value = raw(name);
        if (value === undefined || value === "") {
            problems.push(`${name} is required (${describe}).`);
            return "";
        }
        if (!pattern.test(value)) {
            problems.push(`${name} must be ${describe}; got ${JSON.stringify(value)}.`);
        }
        return value;
    };

    const integer = (name: string, fallback: number, min: number, max: number): number => {
        const value = raw(name);
        if (value === undefined || value === "") return fallback;
        if (!/^\d+$/.test(value)) {
            problems.push(`${name} must be a whole number between ${min} and ${max}; got ${JSON.stringify(value)}.`);
            return fallback;
        }
        const parsed = Number(value);
        if (parsed < min || parsed > max) {
            problems.push(`${name} must be between ${min} and ${max}; got ${parsed}.`);
            return fallback;
        }
        return parsed;
    };

    const attributeName = (name: string, fallback: string): string => {
        const value = raw(name);
        if (value === undefined || value === "") return fallback;
        if (!ATTRIBUTE_NAME_PATTERN.test(value)) {
            problems.push(`${name} must be an attribute name (letters, digits, '_', '.', '-', starting with a letter or '_'); got ${JSON.stringify(value)}.`);
        }
        return value;
    };

    const tableName = required("TABLE_NAME", TABLE_NAME.pattern, `a DynamoDB table name: ${TABLE_NAME.allowed}`);
    const region = required("REGION", REGION_PATTERN, "an AWS region name such as eu-west-1");
    const serviceName = required("SERVICE_NAME", SERVICE_NAME_PATTERN, "1-64 characters of A-Z, a-z, 0-9, '_', '.', '-', starting with a letter or digit");

    const peerRegions: string[] = [];
    const peersRaw = raw("PEER_REGIONS") ?? "";
    for (const part of peersRaw.split(",")) {
        const peer = part.trim();
        if (peer === "") continue;
        if (!REGION_PATTERN.test(peer)) {
            problems.push(`PEER_REGIONS must be a comma-separated list of AWS region names; ${JSON.stringify(peer)} is not one.`);
        } else if (peer === region) {
            problems.push(`PEER_REGIONS must not contain this region (${region}).`);
        } else if (peerRegions.includes(peer)) {
            problems.push(`PEER_REGIONS lists ${peer} twice.`);
        } else {
            peerRegions.push(peer);
        }
    }

    const partitionKey = attributeName("TABLE_PARTITION_KEY", "pk");
    const sortKey = attributeName("TABLE_SORT_KEY", "sk");
    if (partitionKey === sortKey) {
        problems.push(`TABLE_PARTITION_KEY and TABLE_SORT_KEY must differ; both are ${JSON.stringify(partitionKey)}.`);
    }

    let consistency: Consistency = "eventual";
    const consistencyRaw = raw("CONSISTENCY");
    if (consistencyRaw !== undefined && consistencyRaw !== "") {
        if (consistencyRaw === "eventual" || consistencyRaw === "strong") {
            consistency = consistencyRaw;
        } else {
            problems.push(`CONSISTENCY must be "eventual" or "strong"; got ${JSON.stringify(consistencyRaw)}.`);
        }
    }

    const healthTimeoutMs = integer("HEALTH_TIMEOUT_MS", 1500, 100, 10000);
    const healthCacheMs = integer("HEALTH_CACHE_MS", 1000, 0, 10000);
    const heartbeatIntervalMs = integer("HEARTBEAT_INTERVAL_MS", 5000, 1000, 600000);
    const idempotencyExpirySeconds = integer("IDEMPOTENCY_EXPIRY_SECONDS", 3600, 60, 604800);
    const maxBodyBytes = integer("MAX_BODY_BYTES", 65536, 1, MAX_BODY_BYTES_LIMIT);

    // Unset: the mode's default. Set but empty: explicitly "no TTL on this table".
    let ttlAttribute: string | null;
    const ttlRaw = raw("TTL_ATTRIBUTE");
    if (ttlRaw === undefined) {
        ttlAttribute = consistency === "strong" ? null : "expiresAt";
    } else if (ttlRaw === "") {
        ttlAttribute = null;
    } else {
        ttlAttribute = attributeName("TTL_ATTRIBUTE", "expiresAt");
        if (ttlAttribute === partitionKey || ttlAttribute === sortKey) {
            problems.push(`TTL_ATTRIBUTE must not be a key attribute; got ${JSON.stringify(ttlAttribute)}.`);
        }
        if (RESERVED_ITEM_ATTRIBUTES.has(ttlAttribute) || RESERVED_IDEMPOTENCY_ATTRIBUTES.has(ttlAttribute)) {
            problems.push(`TTL_ATTRIBUTE must not be one of the attributes the service stores (${[...RESERVED_ITEM_ATTRIBUTES, ...RESERVED_IDEMPOTENCY_ATTRIBUTES].join(", ")}); got ${JSON.stringify(ttlAttribute)}.`);
        }
    }
    for (const [name, value] of [["TABLE_PARTITION_KEY", partitionKey], ["TABLE_SORT_KEY", sortKey]] as const) {
        if (RESERVED_ITEM_ATTRIBUTES.has(value) || RESERVED_IDEMPOTENCY_ATTRIBUTES.has(value)) {
            problems.push(`${name} must not be one of the attributes the service stores (${[...RESERVED_ITEM_ATTRIBUTES, ...RESERVED_IDEMPOTENCY_ATTRIBUTES].join(", ")}); got ${JSON.stringify(value)}.`);
        }
    }

    let dynamodbEndpoint: string | null = null;
    const endpointRaw = raw("DYNAMODB_ENDPOINT");
    if (endpointRaw !== undefined && endpointRaw !== "") {
        let url: URL | null = null;
        try {
            url = new URL(endpointRaw);
        } catch {
            url = null;
        }
        if (url === null || (url.protocol !== "http:" && url.protocol !== "https:")) {
            problems.push(`DYNAMODB_ENDPOINT must be an http:// or https:// URL; got ${JSON.stringify(endpointRaw)}.`);
        } else {
            dynamodbEndpoint = endpointRaw;
        }
    }

    if (problems.length > 0) throw new ConfigError(problems);

    return Object.freeze({
        tableName,
        region,
        peerRegions: Object.freeze(peerRegions),
        serviceName,
        partitionKey,
        sortKey,
        consistency,
        healthTimeoutMs,
        healthCacheMs,
        heartbeatIntervalMs,
        idempotencyExpirySeconds,
        ttlAttribute,
        maxBodyBytes,
        dynamodbEndpoint,
    });
}

/** Attributes the items and heartbeats use (besides the key attributes); config must not collide with them. */
export const RESERVED_ITEM_ATTRIBUTES: ReadonlySet<string> = new Set([
    "entity",
    "id",
    "owner",
    "data",
    "version",
    "updatedAt",
    "updatedIn",
    "writeId",
    "deleted",
    "region",
    "beatAt",
]);

/** Attributes Powertools' DynamoDB persistence layer writes (its defaults), plus our fallback expiry attribute. */
export const RESERVED_IDEMPOTENCY_ATTRIBUTES: ReadonlySet<string> = new Set([
    "status",
    "in_progress_expiration",
    "validation",
    "idempotencyExpiry",
]);

/**
 * Attribute the idempotency records keep their expiry (epoch seconds) in. With TTL it is the TTL attribute, so
 * DynamoDB deletes old records; without TTL (strong mode) it is a plain attribute the app checks itself.
 */
export function idempotencyExpiryAttribute(config: AppConfig): string {
    return config.ttlAttribute ?? "idempotencyExpiry";
}
