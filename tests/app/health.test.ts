import { GetItemCommand, PutItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startDynamoServer, type DynamoServer } from "../helpers/dynamo-server";
import { FaultProxy } from "../helpers/fault-proxy";
import { bodyOf, buildTestApp, call, destroyClients, FakeClock, PEERS, type TestApp } from "./support";

const REGION = "eu-west-1";

describe("GET /health", () => {
    let server: DynamoServer;
    let proxy: FaultProxy;
    let admin: DynamoDBClient;
    const apps: TestApp[] = [];

    const build = (options: Parameters<typeof buildTestApp>[2] = {}, endpoint?: string): TestApp => {
        const built = buildTestApp(server, endpoint ?? proxy.endpoint, options);
        apps.push(built);
        return built;
    };

    const putHeartbeat = (region: string, beatAt: number): Promise<unknown> =>
        admin.send(
            new PutItemCommand({
                TableName: server.tableName,
                Item: { pk: { S: `heartbeat#${region}` }, sk: { S: "heartbeat" }, region: { S: region }, beatAt: { N: String(beatAt) } },
            }),
        );

    // A fresh in-memory server per test: heartbeats written by one test never show up in another.
    beforeEach(async () => {
        server = await startDynamoServer();
        admin = server.client();
        proxy = await FaultProxy.start(server.endpoint);
    });

    afterEach(async () => {
        destroyClients(...apps.splice(0));
        await proxy.close();
        await server.close();
    });

    test("answers 200 with the checks and the peers when the table answers", async () => {
        const { app, clock } = build();
        await putHeartbeat("us-east-1", clock.now() - 2000);

        const response = await call(app, "GET", "/health");

        expect(response.statusCode).toBe(200);
        expect(response.headers["content-type"]).toBe("application/json");
        expect(response.headers["x-region"]).toBe(REGION);
        const body = bodyOf(response);
        expect(body).toEqual({
            region: REGION,
            status: "ok",
            consistency: "eventual",
            checks: {
                // Read and write run side by side: the very first read finds no heartbeat yet.
                read: { status: "ok", lastHeartbeatAt: null },
                write: { status: "ok", performed: true, lastWriteAt: new Date(clock.now()).toISOString() },
            },
            peers: {
                "us-east-1": { lastHeartbeatAt: new Date(clock.now() - 2000).toISOString(), ageMs: 2000, replicationLagMs: null, status: "ok" },
                "ap-southeast-2": { lastHeartbeatAt: null, ageMs: null, replicationLagMs: null, status: "missing" },
            },
        });

        // The heartbeat was written to the local replica.
        const stored = await admin.send(
            new GetItemCommand({ TableName: server.tableName, Key: { pk: { S: `heartbeat#${REGION}` }, sk: { S: "heartbeat" } } }),
        );
        expect(stored.Item?.beatAt?.N).toBe(String(clock.now()));
        clock.advance(1000);
        expect(bodyOf(await call(app, "GET", "/health")).checks).toMatchObject({
            read: { status: "ok", lastHeartbeatAt: new Date(clock.now() - 1000).toISOString() },
        });
    });

    test("answers 503 naming the failed checks when the DynamoDB server is stopped", async () => {
        const own = await startDynamoServer();
        const built = build({}, own.endpoint);
        const { app } = built;
        expect((await call(app, "GET", "/health")).statusCode).toBe(200);

        await own.close();
        built.clock.advance(10_000); // a heartbeat write is due again

        const response = await call(app, "GET", "/health");
        expect(response.statusCode).toBe(503);
        const body = bodyOf(response);
        expect(body.status).toBe("unhealthy");
        expect(body.failedChecks).toEqual(["read", "write"]);
        // The last attempt is refused (an earlier one may have found a kept-alive socket reset).
        expect(body.checks).toEqual({
            read: { status: "fail", reason: "unavailable", error: "ECONNREFUSED" },
            write: { status: "fail", reason: "unavailable", error: "ECONNREFUSED" },
        });
        expect(body).not.toHaveProperty("peers");
    });

    test("answers 503 while connections are refused and 200 once the server is reachable again", async () => {
        const { app } = build({ manualTimers: true });
        expect((await call(app, "GET", "/health")).statusCode).toBe(200);

        await proxy.down();
        const down = await call(app, "GET", "/health");
        expect(down.statusCode).toBe(503);
        expect(bodyOf(down)).toMatchObject({ status: "unhealthy", failedChecks: ["read"], checks: { read: { reason: "unavailable" } } });

        await proxy.up();
        expect((await call(app, "GET", "/health")).statusCode).toBe(200);
    });

    test("answers 503 when the table throttles", async () => {
        const { app } = build({ manualTimers: true });
        proxy.setFault({ kind: "throttle" });

        const response = await call(app, "GET", "/health");

        expect(response.statusCode).toBe(503);
        const body = bodyOf(response);
        expect(body.failedChecks).toEqual(["read", "write"]);
        expect(body.checks).toEqual({
            read: { status: "fail", reason: "throttled", error: "ProvisionedThroughputExceededException" },
            write: { status: "fail", reason: "throttled", error: "ProvisionedThroughputExceededException" },
        });
        expect(proxy.requests.every((r) => r.fault === "throttle")).toBe(true);
    });

    test("answers 503 when the table is slower than the health timeout, aborting the SDK calls at the configured timeout", async () => {
        const { app, timers, clients, config } = build({ manualTimers: true, env: { HEALTH_TIMEOUT_MS: "750" } });
        proxy.setFault({ kind: "hang" });

        // Capture what the app hands to the SDK, and what the SDK calls end with.
        const original = clients.health.send.bind(clients.health) as (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;
        const signals: AbortSignal[] = [];
        const outcomes: Promise<PromiseSettledResult<unknown>>[] = [];
        jest.spyOn(clients.health, "send").mockImplementation(((command: unknown, options?: { abortSignal?: AbortSignal }) => {
            if (options?.abortSignal !== undefined) signals.push(options.abortSignal);
            const result = original(command, options);
            outcomes.push(Promise.allSettled([result]).then(([settled]) => settled!));
            return result;
        }) as never);

        const pending = call(app, "GET", "/health");
        // Own read, heartbeat write and two peer reads all reach the (hanging) server.
        await proxy.waitForHeld(2 + PEERS.length);
        expect(timers!.requested).toEqual([config.healthTimeoutMs]);
        expect(config.healthTimeoutMs).toBe(750);
        expect(signals.length).toBe(2 + PEERS.length);
        expect(signals.some((s) => s.aborted)).toBe(false);

        // The budget is spent.
        expect(timers!.fireAll()).toBe(1);
        const response = await pending;

        expect(response.statusCode).toBe(503);
        const body = bodyOf(response);
        expect(body.failedChecks).toEqual(["read", "write"]);
        expect(body.checks).toEqual({
            read: { status: "fail", reason: "timeout", error: "HealthTimeoutError", timeoutMs: 750 },
            write: { status: "fail", reason: "timeout", error: "HealthTimeoutError", timeoutMs: 750 },
        });
        // Every SDK call got the same signal, it fired with the timeout, and every call ended in an AbortError.
        expect(new Set(signals).size).toBe(1);
        expect(signals[0]!.aborted).toBe(true);
        expect(signals[0]!.reason).toMatchObject({ name: "HealthTimeoutError", timeoutMs: 750 });
        const settled = await Promise.all(outcomes);
        expect(settled.map((s) => s.status)).toEqual(settled.map(() => "rejected"));
        for (const s of settled) expect(((s as PromiseRejectedResult).reason as Error).name).toBe("AbortError");
        // The aborted requests were really dropped on the wire, not left running.
        await proxy.waitForClientAborts(2 + PEERS.length);
        expect(proxy.heldCount).toBe(0);
    });

    test("uses a health client with at most two attempts", async () => {
        const { clients } = build();
        expect(await clients.health.config.maxAttempts()).toBe(2);
        expect(await clients.data.config.maxAttempts()).toBe(3);
    });

    test("answers 503 on slowness with the real timer too", async () => {
        const { app } = build({ env: { HEALTH_TIMEOUT_MS: "100" } });
        proxy.setFault({ kind: "hang" });

        const response = await call(app, "GET", "/health");

        expect(response.statusCode).toBe(503);
        expect(bodyOf(response).checks).toMatchObject({
            read: { status: "fail", reason: "timeout", timeoutMs: 100 },
            write: { status: "fail", reason: "timeout", timeoutMs: 100 },
        });
    });

    test("recovers to 200 once the table answers again", async () => {
        const { app } = build({ manualTimers: true });
        proxy.setFault({ kind: "throttle" });
        expect((await call(app, "GET", "/health")).statusCode).toBe(503);

        proxy.setFault(null);
        const response = await call(app, "GET", "/health");
        expect(response.statusCode).toBe(200);
        // The failed write did not count against the rate limit: it is retried at once.
        expect(bodyOf(response).checks).toMatchObject({ write: { status: "ok", performed: true } });
    });

    test("stays 200 when peer heartbeats are missing or stale", async () => {
        const { app, clock, config } = build();
        // One peer never wrote a heartbeat, the other stopped long ago.
        await putHeartbeat("us-east-1", clock.now() - 10 * config.heartbeatIntervalMs);

        const response = await call(app, "GET", "/health");

        expect(response.statusCode).toBe(200);
        const body = bodyOf(response);
        expect(body.status).toBe("ok");
        expect(body.peers).toEqual({
            "us-east-1": {
                lastHeartbeatAt: new Date(clock.now() - 10 * config.heartbeatIntervalMs).toISOString(),
                ageMs: 10 * config.heartbeatIntervalMs,
                replicationLagMs: null,
                status: "stale",
            },
            "ap-southeast-2": { lastHeartbeatAt: null, ageMs: null, replicationLagMs: null, status: "missing" },
        });
    });

    test("stays 200 when reading a peer heartbeat fails", async () => {
        const { app } = build({ manualTimers: true });
        proxy.failRequest({ nth: 1, operation: "GetItem", bodyIncludes: "heartbeat#us-east-1", fault: { kind: "server-error" } });
        // Two rules: the first attempt and the SDK's retry.
        proxy.failRequest({ nth: 1, operation: "GetItem", bodyIncludes: "heartbeat#us-east-1", fault: { kind: "server-error" } });

        const response = await call(app, "GET", "/health");

        expect(response.statusCode).toBe(200);
        expect((bodyOf(response).peers as Record<string, unknown>)["us-east-1"]).toEqual({
            lastHeartbeatAt: null,
            ageMs: null,
            replicationLagMs: null,
            status: "unknown",
        });
    });

    test("estimates replication lag from when a new peer heartbeat first becomes visible", async () => {
        const { app, clock } = build();
        const start = clock.now();
        await putHeartbeat("us-east-1", start - 1000);

        // First sighting: arrival time unknown.
        let body = bodyOf(await call(app, "GET", "/health"));
        expect((body.peers as Record<string, { replicationLagMs: unknown }>)["us-east-1"]!.replicationLagMs).toBeNull();

        // The peer writes at start + 4000; this replica shows it when we look at start + 4250.
        await putHeartbeat("us-east-1", start + 4000);
        clock.set(start + 4250);
        body = bodyOf(await call(app, "GET", "/health"));
        expect((body.peers as Record<string, unknown>)["us-east-1"]).toEqual({
            lastHeartbeatAt: new Date(start + 4000).toISOString(),
            ageMs: 250,
            replicationLagMs: 250,
            status: "ok",
        });

        // Same heartbeat a second later: the estimate stays, the age grows.
        clock.set(start + 5250);
        body = bodyOf(await call(app, "GET", "/health"));
        expect((body.peers as Record<string, unknown>)["us-east-1"]).toMatchObject({ ageMs: 1250, replicationLagMs: 250 });
    });

    test("writes the heartbeat at most once per interval and only reads in between", async () => {
        const clock = new FakeClock();
        const { app, commands, config } = build({ clock });
        const writes = (): number => commands.filter((c) => c.action === "dynamodb:PutItem").length;
        const reads = (): number => commands.filter((c) => c.action === "dynamodb:GetItem").length;
        const start = clock.now();

        const first = bodyOf(await call(app, "GET", "/health"));
        expect(first.checks).toMatchObject({ write: { status: "ok", performed: true } });
        expect(writes()).toBe(1);

        for (const offset of [1, 1000, 2500, config.heartbeatIntervalMs - 1]) {
            clock.set(start + offset);
            const body = bodyOf(await call(app, "GET", "/health"));
            expect(body.checks).toMatchObject({
                write: { status: "ok", performed: false, lastWriteAt: new Date(start).toISOString() },
            });
        }
        expect(writes()).toBe(1);
        expect(reads()).toBe(5 * (1 + PEERS.length));

        clock.set(start + config.heartbeatIntervalMs);
        const due = bodyOf(await call(app, "GET", "/health"));
        expect(due.checks).toMatchObject({
            write: { status: "ok", performed: true, lastWriteAt: new Date(start + config.heartbeatIntervalMs).toISOString() },
        });
        expect(writes()).toBe(2);
    });

    test("counts a newer heartbeat from another instance as a working write", async () => {
        const clock = new FakeClock();
        const { app } = build({ clock });
        await putHeartbeat(REGION, clock.now() + 60_000);

        const response = await call(app, "GET", "/health");

        expect(response.statusCode).toBe(200);
        expect(bodyOf(response).checks).toMatchObject({
            read: { status: "ok", lastHeartbeatAt: new Date(clock.now() + 60_000).toISOString() },
            write: { status: "ok", performed: true },
        });
    });

    test("returns no item data in the health body", async () => {
        const { app } = build();
        const marker = "confidential-marker-7f3a";
        expect((await call(app, "PUT", `/items/${marker}`, { body: { data: { secret: marker } } })).statusCode).toBe(201);

        const response = await call(app, "GET", "/health");

        expect(response.statusCode).toBe(200);
        expect(response.body).not.toContain(marker);
        const body = bodyOf(response);
        expect(Object.keys(body).sort()).toEqual(["checks", "consistency", "peers", "region", "status"]);
        expect(Object.keys(body.peers as object).sort()).toEqual([...PEERS].sort());
    });

    test("rejects other methods on /health with 405 as a bad request", async () => {
        const { app } = build();
        const response = await call(app, "POST", "/health");
        expect(response.statusCode).toBe(405);
        expect(response.headers.allow).toBe("GET");
        expect(bodyOf(response)).toEqual({
            error: { code: "method_not_allowed", message: "Method POST is not allowed on /health; use GET." },
        });
    });
});
