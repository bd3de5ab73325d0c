import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { systemClock, systemTimers, type Clock, type Timers } from "./clock";
import type { AppConfig } from "./config";
import { createDynamoClients, type DynamoClients } from "./dynamo";
import { HealthChecker, networkErrorCode, type HealthyBody } from "./health";
import { heartbeatMetricLines } from "./metrics";
import { CachedHealth } from "./health-cache";
import { errorResponse, etag, HttpError, json, SECURITY_HEADERS, type HttpResponse } from "./http";
import { createIdempotency, idempotentWrite, writeIdFor, type Idempotency } from "./idempotency";
import { ItemStore } from "./items";
import { principalOf } from "./principal";
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
    type ItemRoute,
} from "./request";
import { itemBody, outcomeOf, REPLAY_HEADER, writeResponse, type WriteOutcome } from "./writes";

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

type WriteRoute = ItemRoute & { method: "PUT" | "DELETE" };

/** True when the error or one of its causes is named `name`. */
function causedBy(error: unknown, name: string): boolean {
    let current: unknown = error;
    for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
        if (current.name === name) return true;
        current = (current as { cause?: unknown }).cause;
    }
    return false;
}

function withHeader(response: HttpResponse, name: string, value: string): HttpResponse {
    return { ...response, headers: { ...response.headers, [name]: value } };
}

/** The idempotency layer's refusals as HTTP answers; anything else is the table's and propagates. */
function idempotencyRefusal(error: unknown): HttpResponse | null {
    const name = errorName(error);
    if (name === "IdempotencyValidationError") {
        return errorResponse(422, "idempotency_key_reused", "This Idempotency-Key was already used for a different request.");
    }
    if (name === "IdempotencyAlreadyInProgressError") {
        return errorResponse(409, "request_in_progress", "A request with this Idempotency-Key is still being processed; retry shortly.", { "retry-after": "1" });
    }
    return null;
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
    const health = new CachedHealth(new HealthChecker({ client: clients.health, config, clock, timers }), clock, config.healthCacheMs);
    const writeMetric = deps.writeMetric ?? ((line: string) => process.stdout.write(line + "\n"));
    const idempotency: Idempotency = createIdempotency(config, clients.data);

    /** The public answer is `{ status, region }` only (security review F14); the details go to the log. */
    async function handleHealth(log: RequestLog): Promise<HttpResponse> {
        const { result, fresh } = await health.check();
        if (fresh && result.statusCode !== 200) log.warn("health check failed", { health: result.body });
        if (fresh && result.statusCode === 200) log.debug("health check", { health: result.body });
        // Once per real check (not per cached answer): the age of each peer's newest heartbeat, as an EMF metric.
        if (fresh && result.statusCode === 200) for (const line of heartbeatMetricLines(config.serviceName, result.body as HealthyBody, clock.now())) writeMetric(line);
        return json(result.statusCode, { status: result.body.status, region: config.region });
    }

    async function handleWrite(event: APIGatewayProxyEventV2, context: Context, route: WriteRoute, owner: string, log: RequestLog): Promise<HttpResponse> {
        const { id, method } = route;
        // Validate everything before anything is written (or an idempotency record is taken).
        const bytes = readBody(event, config.maxBodyBytes);
        const ifMatch = parseIfMatch(event);
        const key = parseIdempotencyKey(event);
        const parsed = method === "PUT" ? parsePutBody(event, bytes, config.maxBodyBytes) : { ...parseDeleteBody(event, bytes), data: null };
        const expectedVersion = expectedVersionOf(ifMatch, parsed.expectedVersion);
        const write = key === undefined ? null : idempotentWrite(owner, key, { method, id, expectedVersion: expectedVersion ?? null, data: parsed.data });
        const writeId = writeIdFor(write);

        const execute = async (): Promise<WriteOutcome> => {
            const result =
                method === "PUT"
                    ? await items.put({ owner, id, data: parsed.data!, expectedVersion, writeId })
                    : await items.delete({ owner, id, expectedVersion, writeId });
            const outcome = outcomeOf(result);
            log.info("item write", { itemId: id, outcome: outcome.outcome, ...("version" in outcome ? { version: outcome.version } : {}) });
            return outcome;
        };

        if (write === null) return writeResponse(id, await execute(), expectedVersion, parsed.data);
        try {
            const { value, replayed } = await idempotency.run(write, context, execute);
            const response = writeResponse(id, value, expectedVersion, parsed.data);
            return replayed ? withHeader(response, REPLAY_HEADER, "true") : response;
        } catch (error) {
            const refusal = idempotencyRefusal(error);
            if (refusal === null) throw error;
            return refusal;
        }
    }

    async function handleItem(event: APIGatewayProxyEventV2, context: Context, route: ItemRoute, principal: string | null, log: RequestLog): Promise<HttpResponse> {
        // Never a header: only what the API's authorizer established names the caller.
        if (principal === null) throw new HttpError(401, "unauthenticated", "This route needs a caller identity from the API's authorizer.");
        if (route.method !== "GET") return handleWrite(event, context, { ...route, method: route.method }, principal, log);
        const item = await items.get(principal, route.id);
        if (item === null) return errorResponse(404, "item_not_found", `Item ${route.id} does not exist.`);
        return json(200, itemBody(item), { etag: etag(item.version) });
    }

    function failure(error: unknown, log: RequestLog): HttpResponse {
        if (error instanceof HttpError) {
            const response = error.toResponse();
            log.info("request rejected", { statusCode: response.statusCode, code: error.code });
            return response;
        }
        if (causedBy(error, "ValidationException")) {
            // DynamoDB refused the item; a client's input must never count as a server error (security review F6).
            log.warn("request refused by the table", { error: errorName(error), cause: describe(error) });
            return errorResponse(400, "invalid_body", "The table refused this item as invalid.");
        }
        if (isRetryable(error)) {
            log.warn("request failed, retryable", { error: errorName(error), cause: describe(error) });
            return errorResponse(503, "service_unavailable", "The table is temporarily unavailable; retry shortly, with the same Idempotency-Key for writes.", {
                "retry-after": "1",
            });
        }
        log.error("request failed", { error: errorName(error), cause: describe(error) });
        return errorResponse(500, "internal_error", "The request failed unexpectedly.");
    }

    async function handle(event: APIGatewayProxyEventV2, context: Context): Promise<HttpResponse> {
        const requestId = event.requestContext?.requestId ?? context.awsRequestId;
        const principal = principalOf(event);
        logger.addContext(context);
        const log = requestLog(logger, {
            requestId,
            lambdaRequestId: context.awsRequestId,
            method: methodOf(event),
            path: pathOf(event),
            ...(principal !== null ? { principal } : {}),
        });
        let response: HttpResponse;
        try {
            const route = resolveRoute(event);
            response = route.kind === "health" ? await handleHealth(log) : await handleItem(event, context, route, principal, log);
        } catch (error) {
            response = failure(error, log);
        }
        return { ...response, headers: { ...response.headers, ...SECURITY_HEADERS, "x-region": config.region } };
    }

    return { config, clients, handle };
}

/** Log functions that add the request's ids to every line (safe if several requests share the instance). */
interface RequestLog {
    debug(message: string, extra?: Record<string, unknown>): void;
    info(message: string, extra?: Record<string, unknown>): void;
    warn(message: string, extra?: Record<string, unknown>): void;
    error(message: string, extra?: Record<string, unknown>): void;
}

function requestLog(logger: Logger, keys: Record<string, unknown>): RequestLog {
    return {
        debug: (message, extra = {}) => logger.debug(message, { ...keys, ...extra }),
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
