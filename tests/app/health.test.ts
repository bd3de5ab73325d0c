import { GetItemCommand, PutItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Logger } from "@aws-lambda-powertools/logger";
import { systemTimers } from "../../app/clock";
import { HealthChecker, type HealthResult } from "../../app/health";
import { startDynamoServer, type DynamoServer } from "../helpers/dynamo-server";
import { FaultProxy } from "../helpers/fault-proxy";
import { bodyOf, buildTestApp, call, destroyClients, FakeClock, PEERS, type TestApp } from "./support";

const REGION = "eu-west-1";

/**
 * The health check. Its details (each check, every peer) are what `HealthChecker.check()` returns and what the app
 * logs; `GET /health` itself answers only `{ status, region }` (security review F14). Every test runs on the app's
 * injectable clock and hand-fired timers: no result depends on how fast the machine is (a real-time budget against
 * dynalite once failed under load).
 */
describe("GET /health", () => {
    let server: DynamoServer;
    let proxy: FaultProxy;
    let admin: DynamoDBClient;
    const apps: TestApp[] = [];

    /** An app with hand-fired timers unless told otherwise: the health budget fires only when a test fires it. */
    const build = (options: Parameters<typeof buildTestApp>[2] = {}, endpoint?: string): TestApp => {
        const built = buildTestApp(server, endpoint ?? proxy.endpoint, { manualTimers: true, ...options });
        apps.push(built);
        return built;
    };

    /** The health checker of an app's clients, clock and timers: the detailed result, without the HTTP layer's cache. */
    const checkerOf = (t: TestApp, timers = t.timers ?? systemTimers): HealthChecker =>
        new HealthChecker({ client: t.clients.health, config: t.config, clock: t.clock, timers });

    const check = async (t: TestApp): Promise<HealthResult> => checkerOf(t).check();

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

    /** Log lines written while `run` runs (the app's Powertools logger writes JSON lines). */
    const captureLogs = async (run: () => Promise<void>): Promise<Record<string, unknown>[]> => {
        const chunks: string[] = [];
        const capture = ((chunk: string | Uint8Array) => {
            chunks.push(String(chunk));
            return true;
        }) as never;
        // Powertools writes warnings and errors to stderr, the rest to stdout.
        const spies = [jest.spyOn(process.stdout, "write").mockImplementation(capture), jest.spyOn(process.stderr, "write").mockImplementation(capture)];
        try {
            await run();
        } finally {
            for (const spy of spies) spy.mockRestore();
        }
        return chunks.join("").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Record<string, unknown>);
    };

    describe("what the public sees (F14)", () => {
        test("answers 200 with only its status and region", async () => {
            const { app, clock } = build();
            await putHeartbeat("us-east-1", clock.now() - 2000);

            const response = await call(app, "GET", "/health");

            expect(response.statusCode).toBe(200);
            expect(response.headers["content-type"]).toBe("application/json");
            expect(response.headers["x-region"]).toBe(REGION);
            expect(bodyOf(response)).toEqual({ status: "ok", region: REGION });
        });

        test("answers 503 with only its status and region; the failed checks and error names go to the log", async () => {
            const logger = new Logger({ serviceName: "orders", logLevel: "INFO" });
            const { app } = build({ logger });
            proxy.setFault({ kind: "throttle" });

            let response: Awaited<ReturnType<typeof call>> | undefined;
            const logs = await captureLogs(async () => {
                response = await call(app, "GET", "/health", { requestId: "health-1" });
            });

            expect(response!.statusCode).toBe(503);
            expect(bodyOf(response!)).toEqual({ status: "unhealthy", region: REGION });
            expect(response!.body).not.toContain("Exception");
            expect(logs.find((l) => l.message === "health check failed")).toMatchObject({
                requestId: "health-1",
                health: {
                    status: "unhealthy",
                    failedChecks: ["read", "write"],
                    checks: { read: { reason: "throttled", error: "ProvisionedThroughputExceededException" } },
                },
            });
        });

        test("returns no item data, topology or peer regions", async () => {
            const { app } = build();
            const marker = "confidential-marker-7f3a";
            expect((await call(app, "PUT", `/items/${marker}`, { body: { data: { secret: marker } } })).statusCode).toBe(201);

            const response = await call(app, "GET", "/health");

            expect(response.statusCode).toBe(200);
            expect(response.body).not.toContain(marker);
            expect(Object.keys(bodyOf(response)).sort()).toEqual(["region", "status"]);
            for (const peer of PEERS) expect(response.body).not.toContain(peer);
            expect(response.body).not.toContain("eventual");
        });

        test("rejects other methods on /health with 405", async () => {
            const { app } = build();
            const response = await call(app, "POST", "/health");
            expect(response.statusCode).toBe(405);
            expect(response.headers.allow).toBe("GET");
            expect(bodyOf(response)).toEqual({
                error: { code: "method_not_allowed", message: "Method POST is not allowed on /health; use GET." },
            });
        });
    });

    describe("one check per second per instance", () => {
        test("calls within a second share one check; the next second runs a new one", async () => {
            const t = build();
            const calls = (): number => t.commands.length;
            expect((await call(t.app, "GET", "/health")).statusCode).toBe(200);
            const perCheck = calls();
            expect(perCheck).toBe(1 + 1 + PEERS.length); // own read, heartbeat write, peer reads

            t.clock.advance(999);
            expect((await call(t.app, "GET", "/health")).statusCode).toBe(200);
            expect(calls()).toBe(perCheck);

            t.clock.advance(1);
            expect((await call(t.app, "GET", "/health")).statusCode).toBe(200);
            expect(calls()).toBe(perCheck + 1 + PEERS.length); // no heartbeat write is due yet
        });

        test("concurrent calls share the check in flight", async () => {
            const t = build();
            const responses = await Promise.all(Array.from({ length: 5 }, () => call(t.app, "GET", "/health")));
            expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
            expect(t.commands.length).toBe(1 + 1 + PEERS.length);
        });

        test("a failed check is cached too: a flood of calls on a failing table sends one check per second", async () => {
            const t = build();
            proxy.setFault({ kind: "throttle" });
            for (let i = 0; i < 5; i++) expect((await call(t.app, "GET", "/health")).statusCode).toBe(503);
            const requests = proxy.requests.length;
            proxy.setFault(null);
            expect((await call(t.app, "GET", "/health")).statusCode).toBe(503);
            expect(proxy.requests.length).toBe(requests);
            t.clock.advance(1000);
            expect((await call(t.app, "GET", "/health")).statusCode).toBe(200);
        });
    });

    describe("the checks", () => {
        test("report read, write and peers when the table answers", async () => {
            const t = build();
            const { clock } = t;
            await putHeartbeat("us-east-1", clock.now() - 2000);
            const checker = checkerOf(t);

            const result = await checker.check();

            expect(result).toEqual({
                statusCode: 200,
                body: {
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
                },
            });

            // The heartbeat was written to the local replica.
            const stored = await admin.send(
                new GetItemCommand({ TableName: server.tableName, Key: { pk: { S: `heartbeat#${REGION}` }, sk: { S: "heartbeat" } } }),
            );
            expect(stored.Item?.beatAt?.N).toBe(String(clock.now()));
            clock.advance(1000);
            expect((await checker.check()).body.checks).toMatchObject({
                read: { status: "ok", lastHeartbeatAt: new Date(clock.now() - 1000).toISOString() },
            });
        });

        test("fail naming the failed checks when the DynamoDB server is stopped", async () => {
            const own = await startDynamoServer();
            const built = build({}, own.endpoint);
            const checker = checkerOf(built);
            expect((await checker.check()).statusCode).toBe(200);

            await own.close();
            built.clock.advance(10_000); // a heartbeat write is due again

            const result = await checker.check();
            expect(result.statusCode).toBe(503);
            // The last attempt is refused (an earlier one may have found a kept-alive socket reset).
            expect(result.body).toEqual({
                region: REGION,
                status: "unhealthy",
                consistency: "eventual",
                failedChecks: ["read", "write"],
                checks: {
                    read: { status: "fail", reason: "unavailable", error: "ECONNREFUSED" },
                    write: { status: "fail", reason: "unavailable", error: "ECONNREFUSED" },
                },
            });
        });

        test("answer 503 while connections are refused and 200 once the server is reachable again", async () => {
            const t = build();
            expect((await call(t.app, "GET", "/health")).statusCode).toBe(200);

            await proxy.down();
            t.clock.advance(1000);
            expect((await call(t.app, "GET", "/health")).statusCode).toBe(503);
            expect((await check(t)).body).toMatchObject({ status: "unhealthy", checks: { read: { status: "fail", reason: "unavailable" } } });

            await proxy.up();
            t.clock.advance(1000);
            expect((await call(t.app, "GET", "/health")).statusCode).toBe(200);
        });

        test("fail when the table throttles", async () => {
            const t = build();
            proxy.setFault({ kind: "throttle" });

            const result = await check(t);

            expect(result.statusCode).toBe(503);
            expect(result.body).toMatchObject({ failedChecks: ["read", "write"] });
            expect(result.body.checks).toEqual({
                read: { status: "fail", reason: "throttled", error: "ProvisionedThroughputExceededException" },
                write: { status: "fail", reason: "throttled", error: "ProvisionedThroughputExceededException" },
            });
            expect(proxy.requests.every((r) => r.fault === "throttle")).toBe(true);
        });

        test("fail when the table is slower than the health timeout, aborting the SDK calls at the configured timeout", async () => {
            const t = build({ env: { HEALTH_TIMEOUT_MS: "750" } });
            const { timers, clients, config } = t;
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

            const pending = call(t.app, "GET", "/health");
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

        test("name the timeout in the failed checks", async () => {
            const t = build({ env: { HEALTH_TIMEOUT_MS: "750" } });
            proxy.setFault({ kind: "hang" });
            const pending = check(t);
            await proxy.waitForHeld(2 + PEERS.length);
            t.timers!.fireAll();
            expect((await pending).body.checks).toEqual({
                read: { status: "fail", reason: "timeout", error: "HealthTimeoutError", timeoutMs: 750 },
                write: { status: "fail", reason: "timeout", error: "HealthTimeoutError", timeoutMs: 750 },
            });
        });

        test("use a health client with at most two attempts", async () => {
            const { clients } = build();
            expect(await clients.health.config.maxAttempts()).toBe(2);
            expect(await clients.data.config.maxAttempts()).toBe(3);
        });

        test("answer 503 on a table that never answers with the real timer too", async () => {
            const t = build({ env: { HEALTH_TIMEOUT_MS: "100" } });
            proxy.setFault({ kind: "hang" });

            const result = await checkerOf(t, systemTimers).check();

            expect(result.statusCode).toBe(503);
            expect(result.body.checks).toMatchObject({
                read: { status: "fail", reason: "timeout", timeoutMs: 100 },
                write: { status: "fail", reason: "timeout", timeoutMs: 100 },
            });
        });

        test("recover once the table answers again", async () => {
            const t = build();
            const checker = checkerOf(t);
            proxy.setFault({ kind: "throttle" });
            expect((await checker.check()).statusCode).toBe(503);

            proxy.setFault(null);
            const result = await checker.check();
            expect(result.statusCode).toBe(200);
            // The failed write did not count against the rate limit: it is retried at once.
            expect(result.body.checks).toMatchObject({ write: { status: "ok", performed: true } });
        });

        test("stay healthy when peer heartbeats are missing or stale", async () => {
            const t = build();
            const { clock, config } = t;
            // One peer never wrote a heartbeat, the other stopped long ago.
            await putHeartbeat("us-east-1", clock.now() - 10 * config.heartbeatIntervalMs);

            const result = await check(t);

            expect(result.statusCode).toBe(200);
            expect(result.body.status).toBe("ok");
            expect("peers" in result.body && result.body.peers).toEqual({
                "us-east-1": {
                    lastHeartbeatAt: new Date(clock.now() - 10 * config.heartbeatIntervalMs).toISOString(),
                    ageMs: 10 * config.heartbeatIntervalMs,
                    replicationLagMs: null,
                    status: "stale",
                },
                "ap-southeast-2": { lastHeartbeatAt: null, ageMs: null, replicationLagMs: null, status: "missing" },
            });
        });

        test("stay healthy when reading a peer heartbeat fails", async () => {
            const t = build();
            proxy.failRequest({ nth: 1, operation: "GetItem", bodyIncludes: "heartbeat#us-east-1", fault: { kind: "server-error" } });
            // Two rules: the first attempt and the SDK's retry.
            proxy.failRequest({ nth: 1, operation: "GetItem", bodyIncludes: "heartbeat#us-east-1", fault: { kind: "server-error" } });

            const result = await check(t);

            expect(result.statusCode).toBe(200);
            expect("peers" in result.body && result.body.peers["us-east-1"]).toEqual({
                lastHeartbeatAt: null,
                ageMs: null,
                replicationLagMs: null,
                status: "unknown",
            });
        });

        test("estimate replication lag from when a new peer heartbeat first becomes visible", async () => {
            const t = build();
            const { clock } = t;
            const checker = checkerOf(t);
            const peer = async () => {
                const result = await checker.check();
                return "peers" in result.body ? result.body.peers["us-east-1"] : undefined;
            };
            const start = clock.now();
            await putHeartbeat("us-east-1", start - 1000);

            // First sighting: arrival time unknown.
            expect((await peer())!.replicationLagMs).toBeNull();

            // The peer writes at start + 4000; this replica shows it when we look at start + 4250.
            await putHeartbeat("us-east-1", start + 4000);
            clock.set(start + 4250);
            expect(await peer()).toEqual({ lastHeartbeatAt: new Date(start + 4000).toISOString(), ageMs: 250, replicationLagMs: 250, status: "ok" });

            // Same heartbeat a second later: the estimate stays, the age grows.
            clock.set(start + 5250);
            expect(await peer()).toMatchObject({ ageMs: 1250, replicationLagMs: 250 });
        });

        test("write the heartbeat at most once per interval and only read in between", async () => {
            const clock = new FakeClock();
            const t = build({ clock });
            const { commands, config } = t;
            const checker = checkerOf(t);
            const writes = (): number => commands.filter((c) => c.action === "dynamodb:PutItem").length;
            const reads = (): number => commands.filter((c) => c.action === "dynamodb:GetItem").length;
            const start = clock.now();

            expect((await checker.check()).body.checks).toMatchObject({ write: { status: "ok", performed: true } });
            expect(writes()).toBe(1);

            for (const offset of [1, 1000, 2500, config.heartbeatIntervalMs - 1]) {
                clock.set(start + offset);
                expect((await checker.check()).body.checks).toMatchObject({
                    write: { status: "ok", performed: false, lastWriteAt: new Date(start).toISOString() },
                });
            }
            expect(writes()).toBe(1);
            expect(reads()).toBe(5 * (1 + PEERS.length));

            clock.set(start + config.heartbeatIntervalMs);
            expect((await checker.check()).body.checks).toMatchObject({
                write: { status: "ok", performed: true, lastWriteAt: new Date(start + config.heartbeatIntervalMs).toISOString() },
            });
            expect(writes()).toBe(2);
        });

        test("count a newer heartbeat from another instance as a working write", async () => {
            const clock = new FakeClock();
            const t = build({ clock });
            await putHeartbeat(REGION, clock.now() + 60_000);

            const result = await check(t);

            expect(result.statusCode).toBe(200);
            expect(result.body.checks).toMatchObject({
                read: { status: "ok", lastHeartbeatAt: new Date(clock.now() + 60_000).toISOString() },
                write: { status: "ok", performed: true },
            });
        });
    });
});
