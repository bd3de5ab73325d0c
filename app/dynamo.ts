import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import type { AppConfig } from "./config";

/**
 * Two clients on the same table, tuned for their callers:
 *
 * - `data` serves the items API and the idempotency records: standard retries (3 attempts), a 1 s connect timeout
 *   and a 3 s per-attempt timeout.
 * - `health` serves `GET /health`: one retry at most and per-attempt timeouts no longer than the health budget,
 *   so a slow or throttled replica turns into a fast 503 instead of a Route 53 checker timeout. The health check
 *   also passes an abort signal that fires when its whole budget is spent.
 */
export interface DynamoClients {
    readonly data: DynamoDBClient;
    readonly health: DynamoDBClient;
}

export interface DynamoClientOptions {
    /** Static credentials (tests); otherwise the default provider chain (the Lambda role). */
    readonly credentials?: DynamoDBClientConfig["credentials"];
    /** Attempts per data call, including the first (default 3). */
    readonly dataMaxAttempts?: number;
    /** Per-attempt timeout of data calls, milliseconds (default 3000; tests of very large items on a loaded machine). */
    readonly dataRequestTimeoutMs?: number;
    /**
     * Connect and per-attempt timeouts of health calls, milliseconds (default: within HEALTH_TIMEOUT_MS). Tests that
     * fire the health budget by hand set it long, so only their hand-fired abort decides and never the wall clock.
     */
    readonly healthSocketTimeoutMs?: number;
}

export function createDynamoClients(config: AppConfig, options: DynamoClientOptions = {}): DynamoClients {
    const common = {
        region: config.region,
        ...(config.dynamodbEndpoint !== null ? { endpoint: config.dynamodbEndpoint } : {}),
        ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    };
    const data = new DynamoDBClient({
        ...common,
        maxAttempts: options.dataMaxAttempts ?? 3,
        requestHandler: { connectionTimeout: 1000, requestTimeout: options.dataRequestTimeoutMs ?? 3000, throwOnRequestTimeout: true },
    });
    const health = new DynamoDBClient({
        ...common,
        maxAttempts: 2,
        requestHandler: {
            connectionTimeout: options.healthSocketTimeoutMs ?? Math.min(500, config.healthTimeoutMs),
            requestTimeout: options.healthSocketTimeoutMs ?? config.healthTimeoutMs,
            throwOnRequestTimeout: true,
        },
    });
    return { data, health };
}
