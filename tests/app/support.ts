import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { createApp, type App } from "../../app/app";
import type { Clock, Timers } from "../../app/clock";
import { parseConfig, type AppConfig, type Env } from "../../app/config";
import { createDynamoClients, type DynamoClients } from "../../app/dynamo";
import type { HttpResponse } from "../../app/http";
import { TEST_CREDENTIALS, TEST_REGION, type DynamoServer } from "../helpers/dynamo-server";

/** Shared test fixtures: events, contexts, a settable clock, hand-fired timers, command recording. */

export const PEERS = ["us-east-1", "ap-southeast-2"] as const;

export function testEnv(server: Pick<DynamoServer, "tableName">, endpoint: string, overrides: Env = {}): Env {
    return {
        TABLE_NAME: server.tableName,
        REGION: TEST_REGION,
        PEER_REGIONS: PEERS.join(","),
        SERVICE_NAME: "orders",
        CONSISTENCY: "eventual",
        HEALTH_TIMEOUT_MS: "400",
        DYNAMODB_ENDPOINT: endpoint,
        ...overrides,
    };
}

/** A clock that only moves when told to. */
export class FakeClock implements Clock {
    constructor(private time = Date.UTC(2030, 0, 1, 12, 0, 0)) {}

    now(): number {
        return this.time;
    }

    advance(ms: number): void {
        this.time += ms;
    }

    set(ms: number): void {
        this.time = ms;
    }
}

/** Timers that never fire on their own: the test fires them, and can see the delays asked for. */
export class ManualTimers implements Timers {
    private next = 1;
    readonly pending = new Map<number, { callback: () => void; ms: number }>();
    readonly requested: number[] = [];

    setTimeout(callback: () => void, ms: number): unknown {
        const handle = this.next++;
        this.pending.set(handle, { callback, ms });
        this.requested.push(ms);
        return handle;
    }

    clearTimeout(handle: unknown): void {
        this.pending.delete(handle as number);
    }

    /** Fire every pending timer now. Returns how many fired. */
    fireAll(): number {
        const due = [...this.pending.values()];
        this.pending.clear();
        for (const t of due) t.callback();
        return due.length;
    }
}

export interface CommandRecord {
    /** IAM-style action, e.g. `dynamodb:PutItem`, from the request's `X-Amz-Target`. */
    action: string;
    /** The serialized request body (JSON). */
    body: string;
}

/** Records every request a client sends (once per `send`, before retries) through a middleware. */
export function recordCommands(client: DynamoDBClient, into: CommandRecord[] = []): CommandRecord[] {
    client.middlewareStack.add(
        (next) => async (args) => {
            const request = args.request as { headers?: Record<string, string>; body?: unknown };
            const target = request.headers?.["x-amz-target"] ?? "";
            const operation = target.slice(target.indexOf(".") + 1);
            const body = request.body;
            const text = typeof body === "string" ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : "";
            into.push({ action: `dynamodb:${operation}`, body: text });
            return next(args);
        },
        { step: "build", name: "testCommandRecorder", override: true },
    );
    return into;
}

export function silentLogger(): Logger {
    return new Logger({ serviceName: "orders", logLevel: "SILENT" });
}

export interface TestApp {
    app: App;
    config: AppConfig;
    clients: DynamoClients;
    clock: FakeClock;
    timers: ManualTimers | undefined;
    /** Every request the app's clients sent. */
    commands: CommandRecord[];
}

export interface TestAppOptions {
    env?: Env;
    clock?: FakeClock;
    /**
     * Hand-fired timers for the health timeout; default: real timers. With them, the health client's own socket
     * timeouts are a minute long, so a health check ends only when the table answers or the test fires the budget:
     * a loaded machine can never turn a slow answer into a 503.
     */
    manualTimers?: boolean;
    /** Attempts per data call (default 3, like production). */
    dataMaxAttempts?: number;
    /** Per-attempt timeout of data calls (default 3000 ms, like production). */
    dataRequestTimeoutMs?: number;
    logger?: Logger;
}

export function buildTestApp(server: DynamoServer, endpoint: string, options: TestAppOptions = {}): TestApp {
    const config = parseConfig(testEnv(server, endpoint, options.env));
    const clients = createDynamoClients(config, {
        credentials: TEST_CREDENTIALS,
        ...(options.dataMaxAttempts !== undefined ? { dataMaxAttempts: options.dataMaxAttempts } : {}),
        ...(options.dataRequestTimeoutMs !== undefined ? { dataRequestTimeoutMs: options.dataRequestTimeoutMs } : {}),
        ...(options.manualTimers === true ? { healthSocketTimeoutMs: 60_000 } : {}),
    });
    const commands: CommandRecord[] = [];
    recordCommands(clients.data, commands);
    recordCommands(clients.health, commands);
    const clock = options.clock ?? new FakeClock();
    const timers = options.manualTimers === true ? new ManualTimers() : undefined;
    const app = createApp({
        config,
        clients,
        clock,
        ...(timers !== undefined ? { timers } : {}),
        logger: options.logger ?? silentLogger(),
    });
    return { app, config, clients, clock, timers, commands };
}

export function destroyClients(...apps: TestApp[]): void {
    for (const a of apps) {
        a.clients.data.destroy();
        a.clients.health.destroy();
    }
}

let requestCounter = 0;

/**
 * Who calls, as API Gateway's authorizer reports it in `requestContext.authorizer`: a JWT subject (with its scopes),
 * an IAM caller ARN, or nobody (`null`: a route without authorization). Defaults to the JWT subject "alice".
 */
export type TestPrincipal = { jwt: string; scopes?: string[] } | { iamArn: string } | null;

export const ALICE: TestPrincipal = { jwt: "alice" };
export const MALLORY: TestPrincipal = { jwt: "mallory" };

export interface EventOptions {
    body?: string | object;
    headers?: Record<string, string>;
    base64?: boolean;
    stage?: string;
    requestId?: string;
    /** @default ALICE */
    principal?: TestPrincipal;
}

/** `requestContext.authorizer` of payload format 2.0 for a JWT or IAM caller (shapes of the API Gateway developer guide). */
export function authorizerContext(principal: TestPrincipal): Record<string, unknown> | undefined {
    if (principal === null) return undefined;
    if ("jwt" in principal) {
        const scopes = principal.scopes ?? ["items:read", "items:write"];
        return {
            principalId: "",
            integrationLatency: 0,
            jwt: {
                claims: { sub: principal.jwt, iss: "https://id.example.com/", client_id: "orders-client", scope: scopes.join(" "), token_use: "access" },
                scopes,
            },
        };
    }
    return {
        iam: {
            accessKey: "ASIAEXAMPLEEXAMPLE01",
            accountId: "123456789012",
            callerId: "AROAEXAMPLEEXAMPLE01:session",
            cognitoIdentity: null,
            principalOrgId: "o-example",
            userArn: principal.iamArn,
            userId: "AROAEXAMPLEEXAMPLE01:session",
        },
    };
}

export function httpEvent(method: string, path: string, options: EventOptions = {}): APIGatewayProxyEventV2 {
    requestCounter += 1;
    const requestId = options.requestId ?? `req-${requestCounter}`;
    let body: string | undefined;
    if (options.body !== undefined) {
        body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
        if (options.base64 === true) body = Buffer.from(body, "utf8").toString("base64");
    }
    const headers: Record<string, string> = {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    };
    const stage = options.stage ?? "$default";
    const authorizer = authorizerContext(options.principal === undefined ? ALICE : options.principal);
    return {
        version: "2.0",
        routeKey: "$default",
        rawPath: path,
        rawQueryString: "",
        headers,
        requestContext: {
            accountId: "123456789012",
            apiId: "api1234567",
            domainName: "api1234567.execute-api.eu-west-1.amazonaws.com",
            domainPrefix: "api1234567",
            http: { method, path, protocol: "HTTP/1.1", sourceIp: "192.0.2.10", userAgent: "jest" },
            requestId,
            routeKey: "$default",
            stage,
            time: "01/Jan/2030:12:00:00 +0000",
            timeEpoch: Date.UTC(2030, 0, 1, 12),
            ...(authorizer !== undefined ? { authorizer } : {}),
        },
        isBase64Encoded: options.base64 === true,
        ...(body !== undefined ? { body } : {}),
    };
}

export function lambdaContext(awsRequestId = `lambda-${++requestCounter}`): Context {
    return {
        callbackWaitsForEmptyEventLoop: false,
        functionName: "orders-eu-west-1-a1b2c3",
        functionVersion: "$LATEST",
        invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:orders-eu-west-1-a1b2c3",
        memoryLimitInMB: "512",
        awsRequestId,
        logGroupName: "/aws/lambda/orders-eu-west-1-a1b2c3",
        logStreamName: "2030/01/01/[$LATEST]0123456789abcdef",
        getRemainingTimeInMillis: () => 25_000,
        done: () => undefined,
        fail: () => undefined,
        succeed: () => undefined,
    };
}

export async function call(app: App, method: string, path: string, options: EventOptions = {}): Promise<HttpResponse> {
    return app.handle(httpEvent(method, path, options), lambdaContext());
}

export function bodyOf(response: HttpResponse): Record<string, unknown> {
    if (response.body === undefined) throw new Error(`response ${response.statusCode} has no body`);
    return JSON.parse(response.body) as Record<string, unknown>;
}
