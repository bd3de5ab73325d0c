/**
 * One region on this machine: the real `app/` (an items function and a health function, as the stack deploys them)
 * behind an API Gateway HTTP API front that authorizes with the JWT authorizer and builds payload 2.0 events, over the
 * region's own engine. The region's faults (down, brownout, throttling, strong-consistency quorum) act here: on the
 * front, or in a middleware on the app's DynamoDB clients where the real service would fail.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { createApp, type App } from "../app/app";
import type { Timers } from "../app/clock";
import { parseConfig } from "../app/config";
import { createDynamoClients } from "../app/dynamo";
import { LOCAL_CREDENTIALS, type Engine } from "./engine";
import type { JwtAuthorizer } from "./jwt";
import type { Key, Replication } from "./replication";
import type { Random, Scheduler } from "./scheduler";
import type { AuthSettings } from "./settings";

/** Simulated time is Date.UTC(2030, 0, 1) plus the scheduler's milliseconds. */
export const EPOCH_MS = Date.UTC(2030, 0, 1);

/** API Gateway's longest integration wait (`API_GATEWAY_MAX_INTEGRATION_TIMEOUT_MS` in aws-facts). */
const INTEGRATION_TIMEOUT_MS = 30_000;
/** Time an answer takes inside a healthy region (gateway + warm Lambda + table), assumed. */
export const SERVICE_MS = { items: 25, health: 15 } as const;

export interface RegionFaults {
    brownoutMs: number;
    brownoutJitterMs: number;
    brownoutAffects: "items" | "health" | "both";
    throttleRate: number;
}

export interface HttpRequest {
    method: string;
    path: string;
    headers: Record<string, string>;
    body?: string;
}

export interface GatewayAnswer {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
    /** How long the region took to answer, ms (the network round trip is the caller's). */
    serviceMs: number;
}

/** Timers that never fire on their own: the health budget is the simulator's business, never the wall clock's. */
const NEVER: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

const WRITES = new Set(["PutItemCommand", "UpdateItemCommand", "DeleteItemCommand"]);

class ServiceError extends Error {
    readonly $fault: "client" | "server";
    readonly $metadata: { httpStatusCode: number };

    constructor(name: string, message: string, status: number) {
        super(message);
        this.name = name;
        this.$fault = status >= 500 ? "server" : "client";
        this.$metadata = { httpStatusCode: status };
    }
}

export interface RegionOptions {
    name: string;
    env: Record<string, string>;
    engine: Engine;
    sched: Scheduler;
    rng: Random;
    replication: Replication;
    authorizer: JwtAuthorizer | null;
    auth: AuthSettings | null;
    /** A deliberately broken app: the front drops every Idempotency-Key before the app sees it. */
    idempotency: boolean;
}

export class Region {
    readonly name: string;
    readonly faults: RegionFaults = { brownoutMs: 0, brownoutJitterMs: 0, brownoutAffects: "items", throttleRate: 0 };
    private readonly items: App;
    private readonly health: App;
    private extraMs = 0;
    private requestCount = 0;

    constructor(private readonly o: RegionOptions) {
        this.name = o.name;
        this.items = this.buildApp();
        this.health = this.buildApp();
    }

    private buildApp(): App {
        const config = parseConfig({ ...this.o.env, DYNAMODB_ENDPOINT: this.o.engine.endpoint });
        // Long socket timeouts: a loaded machine must never turn a slow local engine into a fault.
        const clients = createDynamoClients(config, { credentials: LOCAL_CREDENTIALS, healthSocketTimeoutMs: 60_000, dataRequestTimeoutMs: 60_000 });
        this.intercept(clients.data);
        this.intercept(clients.health);
        return createApp({
            config,
            clients,
            clock: { now: () => EPOCH_MS + Math.floor(this.o.sched.now) },
            timers: NEVER,
            logger: new Logger({ serviceName: config.serviceName, logLevel: (process.env.GAMEDAY_LOG_LEVEL as "ERROR" | "INFO" | undefined) ?? "SILENT" }),
            writeMetric: () => undefined,
        });
    }

    /** Faults where the table would fail, and replication of every write that succeeded. */
    private intercept(client: DynamoDBClient): void {
        client.middlewareStack.add(
            (next, context) => async (args) => {
                const command = context.commandName ?? "";
                const input = args.input as { Key?: Key; Item?: Key; ConsistentRead?: boolean };
                const write = WRITES.has(command);
                const key = this.keyOf(input);
                this.engineFault(write, command === "GetItemCommand" && input.ConsistentRead === true, key);
                const result = await next(args);
                if (write && key !== null) await this.o.replication.captured(this.name, key);
                return result;
            },
            { step: "serialize", priority: "high", name: "gamedayRegion" },
        );
    }

    /** The item key a call names; the document client's commands may not be marshalled yet here (keys are strings). */
    private keyOf(input: { Key?: Key; Item?: Key }): Key | null {
        const source = input.Key ?? input.Item;
        if (source === undefined) return null;
        const key: Key = {};
        for (const name of [this.o.env.TABLE_PARTITION_KEY ?? "pk", this.o.env.TABLE_SORT_KEY ?? "sk"]) {
            const v = source[name] as unknown;
            key[name] = typeof v === "string" ? { S: v } : (v as Key[string]);
        }
        return key;
    }

    private engineFault(write: boolean, strongRead: boolean, key: Key | null): void {
        if (this.faults.throttleRate > 0 && this.o.rng.chance(this.faults.throttleRate)) {
            throw new ServiceError("ProvisionedThroughputExceededException", "Throughput exceeds the current capacity of your table or index.", 400);
        }
        const rep = this.o.replication;
        if (rep.consistency !== "strong" || (!write && !strongRead)) return;
        if (!rep.hasQuorum(this.name)) {
            // What an isolated MRSC replica returns is not documented in what we could retrieve; a 500 stands for it.
            throw new ServiceError("InternalServerError", "The replica cannot reach a majority of the global table's regions.", 500);
        }
        if (write && key !== null && rep.conflicts(this.name, key)) {
            throw new ServiceError("ReplicatedWriteConflictException", "One or more items in this request are being modified by a request in another Region.", 400);
        }
        if (write) this.extraMs += rep.quorumRttMs(this.name);
    }

    /** The API Gateway front: route, authorize, call the function, time the answer. */
    async request(req: HttpRequest): Promise<GatewayAnswer> {
        const route = routeKeyOf(req.method, req.path);
        if (route === null) return answer(404, { message: "Not Found" }, 5);
        const isHealth = route === "GET /health";
        const scopes = this.o.auth?.routeScopes[route] ?? [];
        let authorizer: Record<string, unknown> | undefined;
        if (scopes.length > 0 && this.o.authorizer !== null) {
            const verdict = this.o.authorizer.authorize(req.headers.authorization, Math.floor((EPOCH_MS + this.o.sched.now) / 1000), scopes);
            if (!verdict.ok) return answer(verdict.statusCode, { message: verdict.statusCode === 401 ? "Unauthorized" : "Forbidden" }, 5);
            authorizer = { jwt: { claims: verdict.claims, scopes: verdict.scopes } };
        }
        const headers = { ...req.headers };
        delete headers.authorization;
        if (!this.o.idempotency) delete headers["idempotency-key"];
        this.extraMs = 0;
        const app = isHealth ? this.health : this.items;
        const response = await this.o.sched.track(app.handle(this.event(req, route, headers, authorizer), this.context()));
        const slowed = this.faults.brownoutMs > 0 && (this.faults.brownoutAffects === "both" || (this.faults.brownoutAffects === "health") === isHealth);
        const brownout = slowed ? this.faults.brownoutMs + this.o.rng.uniform(0, this.faults.brownoutJitterMs) : 0;
        const serviceMs = (isHealth ? SERVICE_MS.health : SERVICE_MS.items) + this.extraMs + brownout;
        if (serviceMs > INTEGRATION_TIMEOUT_MS) return answer(504, { message: "Service Unavailable" }, INTEGRATION_TIMEOUT_MS);
        return { statusCode: response.statusCode ?? 200, headers: (response.headers ?? {}) as Record<string, string>, body: response.body ?? "", serviceMs };
    }

    private event(req: HttpRequest, routeKey: string, headers: Record<string, string>, authorizer: Record<string, unknown> | undefined): APIGatewayProxyEventV2 {
        const requestId = `${this.name}-${++this.requestCount}`;
        return {
            version: "2.0",
            routeKey,
            rawPath: req.path,
            rawQueryString: "",
            headers,
            requestContext: {
                accountId: "123456789012",
                apiId: "gameday",
                domainName: `${this.name}.gameday.local`,
                domainPrefix: this.name,
                http: { method: req.method, path: req.path, protocol: "HTTP/1.1", sourceIp: "192.0.2.10", userAgent: "gameday" },
                requestId,
                routeKey,
                stage: "$default",
                time: new Date(EPOCH_MS + this.o.sched.now).toISOString(),
                timeEpoch: EPOCH_MS + this.o.sched.now,
                ...(authorizer !== undefined ? { authorizer } : {}),
            },
            isBase64Encoded: false,
            ...(req.body !== undefined ? { body: req.body } : {}),
        } as APIGatewayProxyEventV2;
    }

    private context(): Context {
        const id = `${this.name}-lambda-${this.requestCount}`;
        return {
            callbackWaitsForEmptyEventLoop: false,
            functionName: `gameday-${this.name}`,
            functionVersion: "$LATEST",
            invokedFunctionArn: `arn:aws:lambda:${this.name}:123456789012:function:gameday-${this.name}`,
            memoryLimitInMB: "1024",
            awsRequestId: id,
            logGroupName: `/aws/lambda/gameday-${this.name}`,
            logStreamName: "gameday",
            getRemainingTimeInMillis: () => 25_000,
            done: () => undefined,
            fail: () => undefined,
            succeed: () => undefined,
        };
    }

    destroy(): void {
        for (const app of [this.items, this.health]) {
            app.clients.data.destroy();
            app.clients.health.destroy();
        }
    }
}

function answer(statusCode: number, body: object, serviceMs: number): GatewayAnswer {
    return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body), serviceMs };
}

/** The stack's routes (`GET /health`, `GET|PUT|DELETE /items/{id}`). */
export function routeKeyOf(method: string, path: string): string | null {
    if (path === "/health") return method === "GET" ? "GET /health" : null;
    if (/^\/items\/[^/]+$/.test(path) && ["GET", "PUT", "DELETE"].includes(method)) return `${method} /items/{id}`;
    return null;
}
