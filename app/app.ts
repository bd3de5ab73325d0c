import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { systemClock, systemTimers, type Clock, type Timers } from "./clock";
import type { AppConfig } from "./config";
import { createDynamoClients, type DynamoClients } from "./dynamo";
import { HealthChecker, networkErrorCode, type HealthyBody } from "./health";
import { heartbeatMetricLines } from "./metrics";
import { errorResponse, etag, HttpError, json, noContent, type HttpResponse } from "./http";
import { createIdempotency, writeIdFor, type Idempotency, type IdempotentWrite } from "./idempotency";
import { ItemStore, type Item, type WriteResult } from "./items";
import {
    expectedVersionOf,
    methodOf,
    parseDeleteBody,
    parseIdempotencyKey,
    parseIfMatch,
    parsePutBody,
    pathOf,
    readBody,
    resolveRoute,
} from "./request";

/**
 * The service: routing, the items API and the health check, wired to their dependencies. `handler.ts` builds one
 * per Lambda instance from the environment; tests build them with their own clients, clock, timers and logger.
 */

export interface AppDeps {
    config: AppConfig;
    /** Defaults to clients built from the config (the Lambda role's credentials). */
    clients?: DynamoClients;
    clock?: Clock;
    timers?: Timers;
    logger?: Logger;
    /** Where EMF metric lines go. Defaults to stdout. */
    writeMetric?: (line: string) => void;
}

export interface App {
    readonly config: AppConfig;
    readonly clients: DynamoClients;
    handle(event: APIGatewayProxyEventV2, context: Context): Promise<HttpResponse>;
}

const THROTTLING_ERRORS = new Set([
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "ThrottlingError",
    "ReplicatedWriteConflictException",
]);
const TRANSIENT_ERRORS = new Set(["TimeoutError", "AbortError", "InternalServerError", "ServiceUnavailable", "IdempotencyInconsistentStateError"]);

/** True when the error (or one of its causes) says "try again shortly": throttling, timeouts, network trouble. */
export function isRetryable(error: unknown): boolean {
    let current: unknown = error;
    for (let depth = 0; depth < 8 && typeof current === "object" && current !== null; depth++) {
        const e = current as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number }; cause?: unknown };
        if (typeof e.name === "string" && (THROTTLING_ERRORS.has(e.name) || TRANSIENT_ERRORS.has(e.name))) return true;
        if (networkErrorCode(current) !== undefined) return true;
        // An SDK error without an HTTP status means no answer arrived (refused, reset, hung up): the outcome is
        // unknown, and a retry with the same Idempotency-Key is the way to find out.
        if (e.$metadata !== undefined && e.$metadata.httpStatusCode === undefined) return true;
        const status = e.$metadata?.httpStatusCode;
        if (status !== undefined && (status === 429 || status >= 500)) return true;
        current = e.cause;
    }
    return false;
}

function errorName(error: unknown): string {
    return error instanceof Error ? error.name : typeof error;
}

function itemBody(item: Item): Record<string, unknown> {
    return { id: item.id, version: item.version, data: item.data, updatedAt: item.updatedAt, updatedIn: item.updatedIn };
}

function writeResponse(id: string, result: WriteResult, expectedVersion: number | undefined): HttpResponse {
    switch (result.outcome) {
        case "created":
            return json(201, itemBody(result.item), { etag: etag(result.item.version) });
        case "updated":
            return json(200, itemBody(result.item), { etag: etag(result.item.version) });
        case "deleted":
            return noContent();
        case "already_exists":
            return errorResponse(
                409,
                "item_already_exists",
                `Item ${id} already exists at version ${result.currentVersion}; send If-Match: "${result.currentVersion}" to update it.`,
                {},
                { currentVersion: result.currentVersion },
            );
        case "version_mismatch":
            return errorResponse(
                409,
                "version_mismatch",
                result.currentVersion === null
                    ? `Item ${id} does not exist, so it is not at version ${expectedVersion}.`
                    : `Item ${id} is at version ${result.currentVersion}, not ${expectedVersion}.`,
                {},
                { currentVersion: result.currentVersion },
            );
        case "not_found":
            return errorResponse(404, "item_not_found", `Item ${id} does not exist.`);
    }
}

export function createApp(deps: AppDeps): App {
    const { config } = deps;
    const clients = deps.clients ?? createDynamoClients(config);
    const clock = deps.clock ?? systemClock;
    const timers = deps.timers ?? systemTimers;
    const logger =
        deps.logger ?? new Logger({ serviceName: config.serviceName, persistentKeys: { region: config.region, consistency: config.consistency } });

    const documentClient = DynamoDBDocumentClient.from(clients.data, { marshallOptions: { removeUndefinedValues: true } });
    const items = new ItemStore(documentClient, config, clock);
    const health = new HealthChecker({ client: clients.health, config, clock, timers });
    const writeMetric = deps.writeMetric ?? ((line: string) => process.stdout.write(line + "\n"));
    const idempotency: Idempotency = createIdempotency(config, clients.data);

    async function handleHealth(log: RequestLog): Promise<HttpResponse> {
        const result = await health.check();
        if (result.statusCode !== 200) log.warn("health check failed", { health: result.body });
        else for (const line of heartbeatMetricLines(config.serviceName, result.body as HealthyBody, clock.now())) writeMetric(line);
        return json(result.statusCode, result.body);
    }

    async function handleItem(
        event: APIGatewayProxyEventV2,
        context: Context,
        id: string,
        method: "GET" | "PUT" | "DELETE",
        log: RequestLog,
    ): Promise<HttpResponse> {
        if (method === "GET") {
            const item = await items.get(id);
            if (item === null) return errorResponse(404, "item_not_found", `Item ${id} does not exist.`);
            return json(200, itemBody(item), { etag: etag(item.version) });
        }

        // Validate everything before anything is written (or an idempotency record is taken).
        const bytes = readBody(event, config.maxBodyBytes);
        const ifMatch = parseIfMatch(event);
        const key = parseIdempotencyKey(event);
        const parsed = method === "PUT" ? parsePutBody(event, bytes) : { ...parseDeleteBody(event, bytes), data: null };
        const expectedVersion = expectedVersionOf(ifMatch, parsed.expectedVersion);
        const write: IdempotentWrite | null =
            key === undefined
                ? null
                : { idempotencyKey: key, fingerprint: { method, id, expectedVersion: expectedVersion ?? null, data: parsed.data } };
        const writeId = writeIdFor(write);

        const execute = async (): Promise<HttpResponse> => {
            const result =
                method === "PUT"
                    ? await items.put({ id, data: parsed.data!, expectedVersion, writeId })
                    : await items.delete({ id, expectedVersion, writeId });
            log.info("item write", { itemId: id, outcome: result.outcome, ...("item" in result ? { version: result.item.version } : {}) });
            return writeResponse(id, result, expectedVersion);
        };

        if (write === null) return execute();
        try {
            return await idempotency.run(write, context, execute);
        } catch (error) {
            const name = errorName(error);
            if (name === "IdempotencyValidationError") {
                return errorResponse(422, "idempotency_key_reused", "This Idempotency-Key was already used for a different request.");
            }
            if (name === "IdempotencyAlreadyInProgressError") {
                return errorResponse(
                    409,
                    "request_in_progress",
                    "A request with this Idempotency-Key is still being processed; retry shortly.",
                    { "retry-after": "1" },
                );
            }
            throw error;
        }
    }

    async function handle(event: APIGatewayProxyEventV2, context: Context): Promise<HttpResponse> {
        const requestId = event.requestContext?.requestId ?? context.awsRequestId;
        logger.addContext(context);
        const log = requestLog(logger, { requestId, lambdaRequestId: context.awsRequestId, method: methodOf(event), path: pathOf(event) });
        let response: HttpResponse;
        try {
            const route = resolveRoute(event);
            response = route.kind === "health" ? await handleHealth(log) : await handleItem(event, context, route.id, route.method, log);
        } catch (error) {
            if (error instanceof HttpError) {
                response = error.toResponse();
                log.info("request rejected", { statusCode: response.statusCode, code: error.code });
            } else if (isRetryable(error)) {
                log.warn("request failed, retryable", { error: errorName(error), cause: describe(error) });
                response = errorResponse(503, "service_unavailable", "The table is temporarily unavailable; retry shortly, with the same Idempotency-Key for writes.", {
                    "retry-after": "1",
                });
            } else {
                log.error("request failed", { error: errorName(error), cause: describe(error) });
                response = errorResponse(500, "internal_error", "The request failed unexpectedly.");
            }
        }
        return { ...response, headers: { ...response.headers, "x-region": config.region } };
    }

    return { config, clients, handle };
}

/** Log functions that add the request's ids to every line (safe if several requests share the instance). */
interface RequestLog {
    info(message: string, extra?: Record<string, unknown>): void;
    warn(message: string, extra?: Record<string, unknown>): void;
    error(message: string, extra?: Record<string, unknown>): void;
}

function requestLog(logger: Logger, keys: Record<string, unknown>): RequestLog {
    return {
        info: (message, extra = {}) => logger.info(message, { ...keys, ...extra }),
        warn: (message, extra = {}) => logger.warn(message, { ...keys, ...extra }),
        error: (message, extra = {}) => logger.error(message, { ...keys, ...extra }),
    };
}

/** Error names and messages along the cause chain, for logs only (never for response bodies). */
function describe(error: unknown): string {
    const parts: string[] = [];
    let current: unknown = error;
    for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
        parts.push(`${current.name}: ${current.message}`);
        current = (current as { cause?: unknown }).cause;
    }
    return parts.join(" <- ");
}
