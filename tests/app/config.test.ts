import { ConfigError, idempotencyExpiryAttribute, parseConfig } from "../../app/config";

const base = { TABLE_NAME: "orders-table", REGION: "eu-west-1", SERVICE_NAME: "orders" };

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
    try {
        parseConfig(env);
    } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
    }
    throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
    test("applies the documented defaults", () => {
        expect(parseConfig(base)).toEqual({
            tableName: "orders-table",
            region: "eu-west-1",
            peerRegions: [],
            serviceName: "orders",
            partitionKey: "pk",
            sortKey: "sk",
            consistency: "eventual",
            healthTimeoutMs: 1500,
            healthCacheMs: 1000,
            heartbeatIntervalMs: 5000,
            idempotencyExpirySeconds: 3600,
            ttlAttribute: "expiresAt",
            maxBodyBytes: 65536,
            dynamodbEndpoint: null,
        });
    });

    test("reads every variable", () => {
        const config = parseConfig({
            ...base,
            PEER_REGIONS: " us-east-1 , ap-southeast-2,",
            TABLE_PARTITION_KEY: "PK",
            TABLE_SORT_KEY: "SK",
            CONSISTENCY: "strong",
            HEALTH_TIMEOUT_MS: "900",
            HEALTH_CACHE_MS: "0",
            HEARTBEAT_INTERVAL_MS: "2000",
            IDEMPOTENCY_EXPIRY_SECONDS: "600",
            TTL_ATTRIBUTE: "ttl",
            MAX_BODY_BYTES: "1024",
            DYNAMODB_ENDPOINT: "http://127.0.0.1:8000",
        });
        expect(config).toMatchObject({
            peerRegions: ["us-east-1", "ap-southeast-2"],
            partitionKey: "PK",
            sortKey: "SK",
            consistency: "strong",
            healthTimeoutMs: 900,
            healthCacheMs: 0,
            heartbeatIntervalMs: 2000,
            idempotencyExpirySeconds: 600,
            ttlAttribute: "ttl",
            maxBodyBytes: 1024,
            dynamodbEndpoint: "http://127.0.0.1:8000",
        });
        expect(Object.isFrozen(config)).toBe(true);
    });

    test("has no TTL attribute in strong mode unless one is set, and an empty value means none", () => {
        const strong = parseConfig({ ...base, CONSISTENCY: "strong" });
        expect(strong.ttlAttribute).toBeNull();
        expect(idempotencyExpiryAttribute(strong)).toBe("idempotencyExpiry");
        const none = parseConfig({ ...base, TTL_ATTRIBUTE: "" });
        expect(none.ttlAttribute).toBeNull();
        expect(idempotencyExpiryAttribute(parseConfig(base))).toBe("expiresAt");
    });

    test("lists every problem at once", () => {
        expect(
            problemsOf({
                REGION: "eu-west-1",
                PEER_REGIONS: "us-east-1,eu-west-1,us-east-1,moon",
                TABLE_PARTITION_KEY: "id",
                TABLE_SORT_KEY: "id",
                HEARTBEAT_INTERVAL_MS: "10",
                IDEMPOTENCY_EXPIRY_SECONDS: "-1",
                MAX_BODY_BYTES: "1048576",
                TTL_ATTRIBUTE: "version",
                DYNAMODB_ENDPOINT: "ftp://example",
            }),
        ).toEqual([
            "TABLE_NAME is required (a DynamoDB table name: 3-255 characters of letters, digits, _ . -).",
            "SERVICE_NAME is required (1-64 characters of A-Z, a-z, 0-9, '_', '.', '-', starting with a letter or digit).",
            "PEER_REGIONS must not contain this region (eu-west-1).",
            "PEER_REGIONS lists us-east-1 twice.",
            'PEER_REGIONS must be a comma-separated list of AWS region names; "moon" is not one.',
            'TABLE_PARTITION_KEY and TABLE_SORT_KEY must differ; both are "id".',
            "HEARTBEAT_INTERVAL_MS must be between 1000 and 600000; got 10.",
            'IDEMPOTENCY_EXPIRY_SECONDS must be a whole number between 60 and 604800; got "-1".',
            "MAX_BODY_BYTES must be between 1 and 262144; got 1048576.",
            'TTL_ATTRIBUTE must not be one of the attributes the service stores (entity, id, owner, data, version, updatedAt, updatedIn, writeId, deleted, region, beatAt, status, in_progress_expiration, validation, idempotencyExpiry); got "version".',
            'TABLE_PARTITION_KEY must not be one of the attributes the service stores (entity, id, owner, data, version, updatedAt, updatedIn, writeId, deleted, region, beatAt, status, in_progress_expiration, validation, idempotencyExpiry); got "id".',
            'TABLE_SORT_KEY must not be one of the attributes the service stores (entity, id, owner, data, version, updatedAt, updatedIn, writeId, deleted, region, beatAt, status, in_progress_expiration, validation, idempotencyExpiry); got "id".',
            'DYNAMODB_ENDPOINT must be an http:// or https:// URL; got "ftp://example".',
        ]);
    });

    test("puts all problems in the error message", () => {
        expect(() => parseConfig({})).toThrow(
            /^Invalid configuration:\n {2}- TABLE_NAME is required .*\n {2}- REGION is required .*\n {2}- SERVICE_NAME is required .*$/,
        );
    });
});
