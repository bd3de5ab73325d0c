import { setMaxListeners } from "node:events";
import {
    DynamoDBClient,
    GetItemCommand,
    PutItemCommand,
    type AttributeValue,
} from "@aws-sdk/client-dynamodb";
import type { AppConfig } from "./config";
import type { Clock, Timers } from "./clock";
import { heartbeatKey } from "./keys";

/**
 * `GET /health`: a deep check of this region's replica, built for Route 53 health checkers.
 *
 * - `read`: a strongly consistent GetItem of this region's heartbeat item.
 * - `write`: a conditional PutItem of this region's heartbeat (`beatAt` may only move forward). At most one write per
 *   `HEARTBEAT_INTERVAL_MS` per Lambda instance: checkers call several times per second and every write replicates
 *   to every region. Between writes the check reports the last successful write; a failed write is retried on the
 *   next call (a failed write does not replicate, so it does not count against the rate limit).
 * - `peers`: the other regions' heartbeat items as this replica sees them. Informational only: a peer that is down,
 *   stale or missing never makes this region unhealthy (no cascading failure).
 *
 * The whole check runs under one AbortController that fires after `HEALTH_TIMEOUT_MS`; the signal goes to every SDK
 * call (`send(cmd, { abortSignal })`) and each check is raced against it, so the answer never takes longer than the
 * budget. The body carries heartbeat timestamps and check outcomes only, never item data or SDK error messages.
 */

export type FailureReason = "timeout" | "throttled" | "unavailable" | "error";

export type CheckResult =
    | { status: "ok"; lastHeartbeatAt?: string | null; performed?: boolean; lastWriteAt?: string }
    | { status: "fail"; reason: FailureReason; error: string; timeoutMs?: number };

export interface PeerStatus {
    /** When the peer last wrote its heartbeat (its clock), as replicated here; `null` if never seen. */
    lastHeartbeatAt: string | null;
    /** Time since that heartbeat, by this region's clock. */
    ageMs: number | null;
    /**
     * Upper-bound estimate of replication lag from the peer: how long after the peer wrote a heartbeat this instance
     * first saw it here. `null` until this instance has seen a heartbeat change, and while the peer is stale.
     */
    replicationLagMs: number | null;
    status: "ok" | "stale" | "missing" | "unknown";
}

export interface HealthyBody {
    region: string;
    status: "ok";
    consistency: AppConfig["consistency"];
    checks: { read: CheckResult; write: CheckResult };
    peers: Record<string, PeerStatus>;
}

export interface UnhealthyBody {
    region: string;
    status: "unhealthy";
    consistency: AppConfig["consistency"];
    failedChecks: ("read" | "write")[];
    checks: { read: CheckResult; write: CheckResult };
}

export interface HealthResult {
    statusCode: 200 | 503;
    body: HealthyBody | UnhealthyBody;
}

/** The reason the health check's AbortController fires with. */
export class HealthTimeoutError extends Error {
    readonly timeoutMs: number;

    constructor(timeoutMs: number) {
        super(`health check exceeded ${timeoutMs} ms`);
        this.name = "HealthTimeoutError";
        this.timeoutMs = timeoutMs;
    }
}

/** A peer counts as stale after missing this many heartbeat intervals. */
export const STALE_AFTER_INTERVALS = 3;

const THROTTLING_ERRORS = new Set([
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "ThrottlingError",
    "TooManyRequestsException",
]);
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

interface ErrorLike {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: number };
}

/**
 * The Node.js network error code of an error: its `code`, or the code named in its message (the SDK re-wraps errors
 * that do not pass its `instanceof Error` check, e.g. across VM contexts, keeping only the message).
 */
export function networkErrorCode(error: unknown): string | undefined {
    const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
    if (typeof e.code === "string" && NETWORK_ERROR_CODES.has(e.code)) return e.code;
    if (typeof e.message === "string") {
        const match = /\b(E[A-Z_]+)\b/.exec(e.message);
        if (match !== null && NETWORK_ERROR_CODES.has(match[1]!)) return match[1];
    }
    return undefined;
}

export function classifyError(error: unknown): { reason: FailureReason; error: string } {
    const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
    const name = typeof e.name === "string" ? e.name : "Error";
    const code = networkErrorCode(error);
    if (error instanceof HealthTimeoutError || name === "AbortError" || name === "TimeoutError") {
        return { reason: "timeout", error: name };
    }
    if (THROTTLING_ERRORS.has(name) || e.$metadata?.httpStatusCode === 429) return { reason: "throttled", error: name };
    // No HTTP status on an SDK error: no answer arrived at all (connection refused, reset, hung up).
    const noAnswer = e.$metadata !== undefined && e.$metadata.httpStatusCode === undefined;
    if (code !== undefined || noAnswer || (e.$metadata?.httpStatusCode ?? 0) >= 500) {
        return { reason: "unavailable", error: code ?? name };
    }
    return { reason: "error", error: name };
}

/** Resolves like `promise`, or rejects with the signal's reason as soon as the signal fires. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        const onAbort = (): void => reject(signal.reason);
        if (signal.aborted) {
            onAbort();
        } else {
            signal.addEventListener("abort", onAbort, { once: true });
        }
        promise.then(
            (value) => {
                signal.removeEventListener("abort", onAbort);
                resolve(value);
            },
            (error: unknown) => {
                signal.removeEventListener("abort", onAbort);
                reject(error);
            },
        );
    });
}

interface PeerObservation {
    beatAt: number;
    lagMs: number | null;
}

export interface HealthCheckerOptions {
    client: DynamoDBClient;
    config: AppConfig;
    clock: Clock;
    timers: Timers;
}

export class HealthChecker {
    private readonly client: DynamoDBClient;
    private readonly config: AppConfig;
    private readonly clock: Clock;
    private readonly timers: Timers;
    /** Time (this instance's clock) of the last successful heartbeat write. */
    private lastWriteAt: number | null = null;
    private writeInFlight: Promise<void> | null = null;
    private readonly peerObservations = new Map<string, PeerObservation>();

    constructor(options: HealthCheckerOptions) {
        this.client = options.client;
        this.config = options.config;
        this.clock = options.clock;
        this.timers = options.timers;
    }

    async check(): Promise<HealthResult> {
        const { config } = this;
        const timeoutMs = config.healthTimeoutMs;
        const controller = new AbortController();
        // One signal serves every call of the check, and the SDK adds a few listeners per call.
        setMaxListeners(8 * (3 + config.peerRegions.length), controller.signal);
        const timer = this.timers.setTimeout(() => controller.abort(new HealthTimeoutError(timeoutMs)), timeoutMs);
        const signal = controller.signal;
        const now = this.clock.now();

        try {
            const ownRead = raceAbort(this.readHeartbeat(config.region, true, signal), signal);
            const write = this.heartbeatWrite(now, signal);
            const peerReads = config.peerRegions.map((peer) => raceAbort(this.readHeartbeat(peer, false, signal), signal));
            const [own, written, ...peers] = await Promise.allSettled([
                ownRead,
                write === null ? Promise.resolve(null) : raceAbort(write, signal),
                ...peerReads,
            ]);

            const failure = (result: PromiseRejectedResult): CheckResult => {
                const classified = classifyError(result.reason);
                return { status: "fail", ...classified, ...(classified.reason === "timeout" ? { timeoutMs } : {}) };
            };

            const read: CheckResult =
                own!.status === "fulfilled"
                    ? { status: "ok", lastHeartbeatAt: own!.value === null ? null : new Date(own!.value).toISOString() }
                    : failure(own!);

            let writeCheck: CheckResult;
            if (write === null) {
                writeCheck = { status: "ok", performed: false, lastWriteAt: new Date(this.lastWriteAt!).toISOString() };
            } else if (written!.status === "fulfilled") {
                writeCheck = { status: "ok", performed: true, lastWriteAt: new Date(now).toISOString() };
            } else {
                writeCheck = failure(written!);
            }

            const failedChecks: ("read" | "write")[] = [];
            if (read.status === "fail") failedChecks.push("read");
            if (writeCheck.status === "fail") failedChecks.push("write");
            if (failedChecks.length > 0) {
                return {
                    statusCode: 503,
                    body: {
                        region: config.region,
                        status: "unhealthy",
                        consistency: config.consistency,
                        failedChecks,
                        checks: { read, write: writeCheck },
                    },
                };
            }

            const peerStatuses: Record<string, PeerStatus> = {};
            config.peerRegions.forEach((peer, index) => {
                const result = peers[index]!;
                peerStatuses[peer] =
                    result.status === "fulfilled"
                        ? this.peerStatus(peer, result.value as number | null, now)
                        : { lastHeartbeatAt: null, ageMs: null, replicationLagMs: null, status: "unknown" };
            });
            return {
                statusCode: 200,
                body: {
                    region: config.region,
                    status: "ok",
                    consistency: config.consistency,
                    checks: { read, write: writeCheck },
                    peers: peerStatuses,
                },
            };
        } finally {
            this.timers.clearTimeout(timer);
        }
    }

    /**
     * The heartbeat write this check waits for: a new one when the interval has passed since the last successful
     * write, the one already in flight if another check started it, or `null` (no write due).
     */
    private heartbeatWrite(now: number, signal: AbortSignal): Promise<void> | null {
        if (this.writeInFlight !== null) return this.writeInFlight;
        if (this.lastWriteAt !== null && now - this.lastWriteAt < this.config.heartbeatIntervalMs) return null;
        const write = this.writeHeartbeat(now, signal).then(() => {
            this.lastWriteAt = Math.max(this.lastWriteAt ?? now, now);
        });
        this.writeInFlight = write;
        const clear = (): void => {
            if (this.writeInFlight === write) this.writeInFlight = null;
        };
        write.then(clear, clear);
        return write;
    }

    /** The heartbeat time (ms) stored for `region`, or `null` when there is none. */
    private async readHeartbeat(region: string, consistent: boolean, signal: AbortSignal): Promise<number | null> {
        const result = await this.client.send(
            new GetItemCommand({
                TableName: this.config.tableName,
                Key: toKey(heartbeatKey(this.config, region)),
                ProjectionExpression: "#beatAt",
                ExpressionAttributeNames: { "#beatAt": "beatAt" },
                ConsistentRead: consistent,
            }),
            { abortSignal: signal },
        );
        const beatAt = result.Item?.beatAt?.N;
        if (beatAt === undefined) return null;
        const value = Number(beatAt);
        return Number.isFinite(value) ? value : null;
    }

    private async writeHeartbeat(now: number, signal: AbortSignal): Promise<void> {
        const { config } = this;
        try {
            await this.client.send(
                new PutItemCommand({
                    TableName: config.tableName,
                    Item: {
                        ...toKey(heartbeatKey(config, config.region)),
                        entity: { S: "heartbeat" },
                        region: { S: config.region },
                        beatAt: { N: String(now) },
                    },
                    // The heartbeat only moves forward; another instance may have written a newer one already.
                    ConditionExpression: "attribute_not_exists(#pk) OR #beatAt < :beatAt",
                    ExpressionAttributeNames: { "#pk": config.partitionKey, "#beatAt": "beatAt" },
                    ExpressionAttributeValues: { ":beatAt": { N: String(now) } },
                }),
                { abortSignal: signal },
            );
        } catch (error) {
            // A newer heartbeat is stored: the write path answered, which is what this check is about.
            if (error instanceof Error && error.name === "ConditionalCheckFailedException") return;
            throw error;
        }
    }

    private peerStatus(peer: string, beatAt: number | null, now: number): PeerStatus {
        if (beatAt === null) {
            this.peerObservations.delete(peer);
            return { lastHeartbeatAt: null, ageMs: null, replicationLagMs: null, status: "missing" };
        }
        const previous = this.peerObservations.get(peer);
        let observation: PeerObservation;
        if (previous === undefined) {
            // First sighting by this instance: we cannot tell when it arrived.
            observation = { beatAt, lagMs: null };
        } else if (previous.beatAt !== beatAt) {
            // A new heartbeat arrived since the last look: it became visible at most `now - beatAt` after it was written.
            observation = { beatAt, lagMs: Math.max(0, now - beatAt) };
        } else {
            observation = previous;
        }
        this.peerObservations.set(peer, observation);
        const ageMs = Math.max(0, now - beatAt);
        const stale = ageMs > STALE_AFTER_INTERVALS * this.config.heartbeatIntervalMs;
        return {
            lastHeartbeatAt: new Date(beatAt).toISOString(),
            ageMs,
            replicationLagMs: stale ? null : observation.lagMs,
            status: stale ? "stale" : "ok",
        };
    }
}

function toKey(key: Record<string, string>): Record<string, AttributeValue> {
    const result: Record<string, AttributeValue> = {};
    for (const [name, value] of Object.entries(key)) result[name] = { S: value };
    return result;
}
