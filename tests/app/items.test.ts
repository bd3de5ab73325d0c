import { GetItemCommand, ScanCommand, UpdateItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startDynamoServer, type DynamoServer } from "../helpers/dynamo-server";
import { FaultProxy } from "../helpers/fault-proxy";
import { principalDigest } from "../../app/principal";
import { bodyOf, buildTestApp, call, destroyClients, type TestApp } from "./support";

describe("items API", () => {
    let server: DynamoServer;
    let admin: DynamoDBClient;
    let proxy: FaultProxy;
    const apps: TestApp[] = [];
    let counter = 0;
    /** A fresh item id per use, so tests sharing the server never see each other's items. */
    const newId = (): string => `item-${++counter}`;

    const build = (options: Parameters<typeof buildTestApp>[2] = {}): TestApp => {
        const built = buildTestApp(server, proxy.endpoint, options);
        apps.push(built);
        return built;
    };

    /** Text in the request body of every call on item `id` (its key ends in `#<id>`, the owner's digest before it). */
    const onItem = (id: string): string => `#${id}"`;

    /** Writes the app sent for one item (idempotency records and heartbeats excluded). */
    const itemWrites = (t: TestApp, id: string): number =>
        t.commands.filter((c) => c.action === "dynamodb:UpdateItem" && c.body.includes(onItem(id))).length;

    /** Alice's item `id` as stored (the test events' default principal). */
    const storedItem = async (id: string): Promise<Record<string, unknown> | undefined> => {
        const pk = `item#${principalDigest("jwt:alice")}#${id}`;
        const result = await admin.send(new GetItemCommand({ TableName: server.tableName, Key: { pk: { S: pk }, sk: { S: "item" } }, ConsistentRead: true }));
        return result.Item;
    };

    /** The version of the nth write (1 = the create) to an item created at the test clock's current time. */
    const nth = (t: TestApp, n: number): number => t.clock.now() + n - 1;
    const etagOf = (version: number): string => `"${version}"`;

    const idempotencyRecords = async (): Promise<Record<string, { S?: string; N?: string }>[]> => {
        const result = await admin.send(new ScanCommand({ TableName: server.tableName }));
        return (result.Items ?? []).filter((item) => item.pk?.S?.startsWith("idempotency#")) as Record<string, { S?: string; N?: string }>[];
    };

    /** The idempotency records `run` added (records hold no item data, so they are found by what is new). */
    const recordsAddedBy = async (run: () => Promise<unknown>): Promise<Record<string, { S?: string; N?: string }>[]> => {
        const before = new Set((await idempotencyRecords()).map((r) => r.pk?.S));
        await run();
        return (await idempotencyRecords()).filter((r) => !before.has(r.pk?.S));
    };

    beforeAll(async () => {
        server = await startDynamoServer();
        admin = server.client();
    });

    beforeEach(async () => {
        proxy = await FaultProxy.start(server.endpoint);
    });

    afterEach(async () => {
        destroyClients(...apps.splice(0));
        await proxy.close();
    });

    afterAll(async () => {
        await server.close();
    });

    describe("reads and writes", () => {
        test("creates, reads, updates and deletes an item with versions", async () => {
            const t = build();
            const { app, clock } = t;
            const id = newId();
            const [v1, v2, v3] = [nth(t, 1), nth(t, 2), nth(t, 3)];

            const created = await call(app, "PUT", `/items/${id}`, { body: { data: { name: "first", tags: ["a", "b"], n: 1.5, ok: true, none: null } } });
            expect(created.statusCode).toBe(201);
            expect(created.headers.etag).toBe(etagOf(v1));
            expect(bodyOf(created)).toEqual({
                id,
                version: v1,
                data: { name: "first", tags: ["a", "b"], n: 1.5, ok: true, none: null },
                updatedAt: new Date(clock.now()).toISOString(),
                updatedIn: "eu-west-1",
            });

            const read = await call(app, "GET", `/items/${id}`);
            expect(read.statusCode).toBe(200);
            expect(read.headers.etag).toBe(etagOf(v1));
            expect(read.body).toBe(created.body);

            const updated = await call(app, "PUT", `/items/${id}`, { body: { data: { name: "second" } }, headers: { "If-Match": etagOf(v1) } });
            expect(updated.statusCode).toBe(200);
            expect(updated.headers.etag).toBe(etagOf(v2));
            expect(bodyOf(updated)).toMatchObject({ id, version: v2, data: { name: "second" } });

            const viaBody = await call(app, "PUT", `/items/${id}`, { body: { data: { name: "third" }, expectedVersion: v2 } });
            expect(viaBody.statusCode).toBe(200);
            expect(bodyOf(viaBody)).toMatchObject({ version: v3, data: { name: "third" } });

            const deleted = await call(app, "DELETE", `/items/${id}`, { headers: { "if-match": String(v3) } });
            expect(deleted.statusCode).toBe(204);
            expect(deleted.body).toBeUndefined();

            const gone = await call(app, "GET", `/items/${id}`);
            expect(gone.statusCode).toBe(404);
            expect(bodyOf(gone)).toEqual({ error: { code: "item_not_found", message: `Item ${id} does not exist.` } });
        });

        test("keeps versions increasing when an id is deleted and created again", async () => {
            const t = build();
            const { app, clock, config } = t;
            const id = newId();
            await call(app, "PUT", `/items/${id}`, { body: { data: { v: 1 } } });
            expect((await call(app, "DELETE", `/items/${id}`)).statusCode).toBe(204);

            // The tombstone: no data, the next version, expiring through TTL after the idempotency window.
            const tombstone = await storedItem(id);
            expect(tombstone?.deleted).toEqual({ BOOL: true });
            expect(tombstone?.data).toBeUndefined();
            expect(tombstone?.version).toEqual({ N: String(nth(t, 2)) });
            expect(tombstone?.expiresAt).toEqual({ N: String(Math.floor(clock.now() / 1000) + config.idempotencyExpirySeconds) });

            // A stale If-Match from before the delete cannot match the new item.
            const recreated = await call(app, "PUT", `/items/${id}`, { body: { data: { v: 2 } } });
            expect(recreated.statusCode).toBe(201);
            expect(bodyOf(recreated)).toMatchObject({ version: nth(t, 3), data: { v: 2 } });
            const live = await storedItem(id);
            expect(live?.deleted).toBeUndefined();
            expect(live?.expiresAt).toBeUndefined();

            const stale = await call(app, "PUT", `/items/${id}`, { body: { data: { v: 3 } }, headers: { "if-match": etagOf(nth(t, 1)) } });
            expect(stale.statusCode).toBe(409);
        });

        test("serves paths under a named stage", async () => {
            const { app } = build();
            const id = newId();
            const response = await call(app, "PUT", `/prod/items/${id}`, { stage: "prod", body: { data: { x: 1 } } });
            expect(response.statusCode).toBe(201);
            expect((await call(app, "GET", `/prod/items/${id}`, { stage: "prod" })).statusCode).toBe(200);
        });

        test("accepts a base64-encoded body", async () => {
            const { app } = build();
            const id = newId();
            const response = await call(app, "PUT", `/items/${id}`, { body: { data: { text: "grüße" } }, base64: true });
            expect(response.statusCode).toBe(201);
            expect(bodyOf(response)).toMatchObject({ data: { text: "grüße" } });
        });
    });

    describe("optimistic concurrency", () => {
        test("refuses to create an item that exists", async () => {
            const t = build();
            const { app } = t;
            const id = newId();
            const v1 = nth(t, 1);
            await call(app, "PUT", `/items/${id}`, { body: { data: { a: 1 } } });

            const response = await call(app, "PUT", `/items/${id}`, { body: { data: { a: 2 } } });

            expect(response.statusCode).toBe(409);
            expect(bodyOf(response)).toEqual({
                error: {
                    code: "item_already_exists",
                    message: `Item ${id} already exists at version ${v1}; send If-Match: "${v1}" to update it.`,
                    currentVersion: v1,
                },
            });
            expect(bodyOf(await call(app, "GET", `/items/${id}`))).toMatchObject({ version: v1, data: { a: 1 } });
        });

        test("refuses an update with a stale version", async () => {
            const t = build();
            const { app } = t;
            const id = newId();
            const [v1, v2] = [nth(t, 1), nth(t, 2)];
            await call(app, "PUT", `/items/${id}`, { body: { data: { a: 1 } } });
            await call(app, "PUT", `/items/${id}`, { body: { data: { a: 2 } }, headers: { "if-match": etagOf(v1) } });

            const response = await call(app, "PUT", `/items/${id}`, { body: { data: { a: 3 } }, headers: { "if-match": etagOf(v1) } });

            expect(response.statusCode).toBe(409);
            expect(bodyOf(response)).toEqual({
                error: { code: "version_mismatch", message: `Item ${id} is at version ${v2}, not ${v1}.`, currentVersion: v2 },
            });
        });

        test("refuses an update of an item that does not exist", async () => {
            const { app } = build();
            const id = newId();
            const response = await call(app, "PUT", `/items/${id}`, { body: { data: { a: 1 } }, headers: { "if-match": '"4"' } });
            expect(response.statusCode).toBe(409);
            expect(bodyOf(response)).toEqual({
                error: { code: "version_mismatch", message: `Item ${id} does not exist, so it is not at version 4.`, currentVersion: null },
            });
            expect(await storedItem(id)).toBeUndefined();
        });

        test("deletes conditionally", async () => {
            const t = build();
            const { app } = t;
            const id = newId();
            const v1 = nth(t, 1);
            await call(app, "PUT", `/items/${id}`, { body: { data: { a: 1 } } });

            const stale = await call(app, "DELETE", `/items/${id}`, { headers: { "if-match": '"7"' } });
            expect(stale.statusCode).toBe(409);
            expect(bodyOf(stale)).toEqual({
                error: { code: "version_mismatch", message: `Item ${id} is at version ${v1}, not 7.`, currentVersion: v1 },
            });

            const viaBody = await call(app, "DELETE", `/items/${id}`, { body: { expectedVersion: v1 } });
            expect(viaBody.statusCode).toBe(204);

            const again = await call(app, "DELETE", `/items/${id}`);
            expect(again.statusCode).toBe(404);
            expect(bodyOf(again)).toEqual({ error: { code: "item_not_found", message: `Item ${id} does not exist.` } });
        });

        test("lets exactly one of several concurrent conflicting updates win", async () => {
            const id = newId();
            // Separate app instances: separate Lambda instances racing on one replica.
            const instances = Array.from({ length: 6 }, () => build());
            const [v1, v2] = [nth(instances[0]!, 1), nth(instances[0]!, 2)];
            await call(instances[0]!.app, "PUT", `/items/${id}`, { body: { data: { writer: "creator" } } });

            const responses = await Promise.all(
                instances.map((t, index) =>
                    call(t.app, "PUT", `/items/${id}`, { body: { data: { writer: `writer-${index}` } }, headers: { "if-match": etagOf(v1) } }),
                ),
            );

            const winners = responses.filter((r) => r.statusCode === 200);
            const losers = responses.filter((r) => r.statusCode === 409);
            expect(winners).toHaveLength(1);
            expect(losers).toHaveLength(5);
            for (const loser of losers) {
                expect(bodyOf(loser)).toEqual({
                    error: { code: "version_mismatch", message: `Item ${id} is at version ${v2}, not ${v1}.`, currentVersion: v2 },
                });
            }
            const winner = bodyOf(winners[0]!);
            expect(winner.version).toBe(v2);
            expect(bodyOf(await call(instances[0]!.app, "GET", `/items/${id}`))).toEqual(winner);
        });

        test("lets exactly one of several concurrent creates win", async () => {
            const id = newId();
            const instances = Array.from({ length: 5 }, () => build());

            const responses = await Promise.all(
                instances.map((t, index) => call(t.app, "PUT", `/items/${id}`, { body: { data: { writer: index } } })),
            );

            expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
            const losers = responses.filter((r) => r.statusCode === 409);
            expect(losers).toHaveLength(4);
            for (const loser of losers) expect(bodyOf(loser)).toMatchObject({ error: { code: "item_already_exists", currentVersion: nth(instances[0]!, 1) } });
        });
    });

    describe("idempotency", () => {
        test("writes once for two requests with the same Idempotency-Key and returns the same response", async () => {
            const t = build();
            const id = newId();
            const request = { body: { data: { amount: 10 } }, headers: { "Idempotency-Key": "key-create-1" } };

            const first = await call(t.app, "PUT", `/items/${id}`, request);
            const second = await call(t.app, "PUT", `/items/${id}`, request);

            expect(first.statusCode).toBe(201);
            expect(second.statusCode).toBe(201);
            expect(second.body).toBe(first.body);
            expect(second.headers.etag).toBe(first.headers.etag);
            expect(first.headers["idempotent-replayed"]).toBeUndefined();
            expect(second.headers["idempotent-replayed"]).toBe("true");
            expect(itemWrites(t, id)).toBe(1);
            expect(bodyOf(await call(t.app, "GET", `/items/${id}`))).toMatchObject({ version: nth(t, 1), data: { amount: 10 } });
        });

        test("works with what Powertools sends, on an engine without ReturnValuesOnConditionCheckFailure", async () => {
            const t = build();
            const id = newId();
            const request = { body: { data: { a: 1 } }, headers: { "idempotency-key": "key-wire-1" } };
            await call(t.app, "PUT", `/items/${id}`, request);
            const before = t.commands.length;
            const replay = await call(t.app, "PUT", `/items/${id}`, request);
            expect(replay.headers["idempotent-replayed"]).toBe("true");

            // The replay: Powertools' conditional PutItem asks for the old item on failure; dynalite ignores that
            // and returns none, so Powertools reads the record back with a strongly consistent GetItem.
            const replayCommands = t.commands.slice(before);
            expect(replayCommands.map((c) => c.action)).toEqual(["dynamodb:PutItem", "dynamodb:GetItem"]);
            const put = JSON.parse(replayCommands[0]!.body) as Record<string, unknown>;
            expect(put).toMatchObject({
                ReturnValuesOnConditionCheckFailure: "ALL_OLD",
                ExpressionAttributeNames: { "#id": "pk", "#expiry": "expiresAt" },
            });
            expect(put.ConditionExpression).toContain("attribute_not_exists(#id)");
            expect(put.ConditionExpression).toContain("#expiry < :now");
            expect(JSON.parse(replayCommands[1]!.body)).toMatchObject({ ConsistentRead: true });
            // No transactions, TTL or stream APIs anywhere.
            expect(t.commands.filter((c) => /Transact|TimeToLive|Stream/.test(c.action))).toEqual([]);
        });

        test("returns the first result to a retry even after the item changed", async () => {
            const t = build();
            const id = newId();
            const update = { body: { data: { step: 2 } }, headers: { "idempotency-key": "key-update-1", "if-match": etagOf(nth(t, 1)) } };
            await call(t.app, "PUT", `/items/${id}`, { body: { data: { step: 1 } } });

            const first = await call(t.app, "PUT", `/items/${id}`, update);
            await call(t.app, "PUT", `/items/${id}`, { body: { data: { step: 3 } }, headers: { "if-match": etagOf(nth(t, 2)) } });
            const retry = await call(t.app, "PUT", `/items/${id}`, update);

            expect(first.statusCode).toBe(200);
            expect(retry.statusCode).toBe(200);
            expect(retry.body).toBe(first.body);
            expect(bodyOf(await call(t.app, "GET", `/items/${id}`))).toMatchObject({ version: nth(t, 3), data: { step: 3 } });
        });

        test("replays a stored conflict instead of running the request again", async () => {
            const t = build();
            const id = newId();
            await call(t.app, "PUT", `/items/${id}`, { body: { data: { a: 1 } } });
            const request = { body: { data: { a: 2 } }, headers: { "idempotency-key": "key-conflict-1" } };

            const first = await call(t.app, "PUT", `/items/${id}`, request);
            const retry = await call(t.app, "PUT", `/items/${id}`, request);

            expect(first.statusCode).toBe(409);
            expect(retry.statusCode).toBe(409);
            expect(retry.body).toBe(first.body);
            expect(retry.headers["idempotent-replayed"]).toBe("true");
        });

        test("rejects an Idempotency-Key reused for a different request as a bad request", async () => {
            const { app } = build();
            const id = newId();
            await call(app, "PUT", `/items/${id}`, { body: { data: { a: 1 } }, headers: { "idempotency-key": "key-reuse-1" } });

            for (const [path, data] of [
                [`/items/${id}`, { a: 2 }],
                [`/items/${newId()}`, { a: 1 }],
            ] as const) {
                const response = await call(app, "PUT", path, { body: { data }, headers: { "idempotency-key": "key-reuse-1" } });
                expect(response.statusCode).toBe(422);
                expect(bodyOf(response)).toEqual({
                    error: { code: "idempotency_key_reused", message: "This Idempotency-Key was already used for a different request." },
                });
            }
        });

        test("finds the record from another Lambda function and region, whatever the function is called", async () => {
            const id = newId();
            const previous = process.env.AWS_LAMBDA_FUNCTION_NAME;
            try {
                process.env.AWS_LAMBDA_FUNCTION_NAME = "orders-eu-west-1-1a2b3c";
                const west = build();
                process.env.AWS_LAMBDA_FUNCTION_NAME = "orders-us-east-1-9z8y7x";
                const east = build({ env: { REGION: "us-east-1", PEER_REGIONS: "eu-west-1" } });
                const request = { body: { data: { a: 1 } }, headers: { "idempotency-key": "key-cross-1" } };

                const first = await call(west.app, "PUT", `/items/${id}`, request);
                const retry = await call(east.app, "PUT", `/items/${id}`, request);

                expect(first.statusCode).toBe(201);
                expect(retry.statusCode).toBe(201);
                expect(retry.body).toBe(first.body);
                expect(retry.headers["idempotent-replayed"]).toBe("true");
                expect(itemWrites(east, id)).toBe(0);
            } finally {
                if (previous === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
                else process.env.AWS_LAMBDA_FUNCTION_NAME = previous;
            }
        });

        test("stores idempotency records under their own keys with the TTL attribute", async () => {
            const { app } = build();
            const id = newId();
            const before = Math.floor(Date.now() / 1000);
            const records = await recordsAddedBy(() => call(app, "PUT", `/items/${id}`, { body: { data: { a: 1 } }, headers: { "idempotency-key": "key-layout-1" } }));
            const after = Math.ceil(Date.now() / 1000);

            expect(records.map((r) => r.status?.S)).toEqual(["COMPLETED"]);
            const record = records[0]!;
            expect(record.pk?.S).toMatch(/^idempotency#orders#[A-Za-z0-9+/=]+$/);
            expect(record.sk?.S).toBe("idempotency");
            const expiresAt = Number(record.expiresAt?.N);
            expect(expiresAt).toBeGreaterThanOrEqual(before + 3600);
            expect(expiresAt).toBeLessThanOrEqual(after + 3600);
        });

        test("enforces the idempotency expiry itself when the table has no TTL (strong mode)", async () => {
            const t = build({ env: { CONSISTENCY: "strong" } });
            expect(t.config.ttlAttribute).toBeNull();
            const id = newId();
            const key = "key-expiry-1";
            const [record] = await recordsAddedBy(() => call(t.app, "PUT", `/items/${id}`, { body: { data: { a: 1 } }, headers: { "idempotency-key": key } }));
            expect(record).toBeDefined();
            expect(record!.expiresAt).toBeUndefined();
            expect(Number(record!.idempotencyExpiry?.N)).toBeGreaterThan(Date.now() / 1000);

            // While the record is valid, the key cannot be reused for another request.
            const reused = await call(t.app, "PUT", `/items/${id}`, { body: { data: { a: 2 } }, headers: { "idempotency-key": key, "if-match": etagOf(nth(t, 1)) } });
            expect(reused.statusCode).toBe(422);

            // Past its expiry the record is ignored even though nothing deleted it.
            await admin.send(
                new UpdateItemCommand({
                    TableName: server.tableName,
                    Key: { pk: record!.pk as { S: string }, sk: record!.sk as { S: string } },
                    UpdateExpression: "SET idempotencyExpiry = :past",
                    ExpressionAttributeValues: { ":past": { N: String(Math.floor(Date.now() / 1000) - 60) } },
                }),
            );
            const afterExpiry = await call(t.app, "PUT", `/items/${id}`, { body: { data: { a: 2 } }, headers: { "idempotency-key": key, "if-match": etagOf(nth(t, 1)) } });
            expect(afterExpiry.statusCode).toBe(200);
            expect(afterExpiry.headers["idempotent-replayed"]).toBeUndefined();
            expect(bodyOf(afterExpiry)).toMatchObject({ version: nth(t, 2), data: { a: 2 } });
        });

        test("answers 409 to a duplicate that arrives while the first is still running", async () => {
            const t = build({ manualTimers: true });
            const id = newId();
            const request = { body: { data: { a: 1 } }, headers: { "idempotency-key": "key-inflight-1" } };
            // Hold the first request's item write at the server.
            proxy.failRequest({ nth: 1, operation: "UpdateItem", bodyIncludes: onItem(id), fault: { kind: "hang" } });

            const first = call(t.app, "PUT", `/items/${id}`, request);
            await proxy.waitForHeld(1);
            const duplicate = await call(t.app, "PUT", `/items/${id}`, request);
            proxy.releaseHeld();

            expect(duplicate.statusCode).toBe(409);
            expect(duplicate.headers["retry-after"]).toBe("1");
            expect(bodyOf(duplicate)).toEqual({
                error: { code: "request_in_progress", message: "A request with this Idempotency-Key is still being processed; retry shortly." },
            });
            expect((await first).statusCode).toBe(201);
            expect(itemWrites(t, id)).toBe(1);
        });
    });

    describe("failures half-way", () => {
        test("acknowledges a create whose response was lost exactly once (SDK retry)", async () => {
            const t = build();
            const id = newId();
            proxy.failRequest({ nth: 1, operation: "UpdateItem", bodyIncludes: onItem(id), fault: { kind: "drop-response" } });

            const response = await call(t.app, "PUT", `/items/${id}`, { body: { data: { a: 1 } } });

            // The engine applied the first attempt; the retry's condition failed on our own write, which is recognised.
            expect(response.statusCode).toBe(201);
            expect(bodyOf(response)).toMatchObject({ version: nth(t, 1), data: { a: 1 } });
            const attempts = proxy.requests.filter((r) => r.operation === "UpdateItem" && r.body.includes(onItem(id)));
            expect(attempts.map((r) => r.fault)).toEqual(["drop-response", null]);
            expect(bodyOf(await call(t.app, "GET", `/items/${id}`))).toMatchObject({ version: nth(t, 1), data: { a: 1 } });
        });

        test("acknowledges an update and a delete whose responses were lost exactly once (SDK retry)", async () => {
            const t = build();
            const id = newId();
            await call(t.app, "PUT", `/items/${id}`, { body: { data: { a: 1 } } });

            proxy.failRequest({ nth: 1, operation: "UpdateItem", bodyIncludes: onItem(id), fault: { kind: "drop-response" } });
            const updated = await call(t.app, "PUT", `/items/${id}`, { body: { data: { a: 2 } }, headers: { "if-match": etagOf(nth(t, 1)) } });
            expect(updated.statusCode).toBe(200);
            expect(bodyOf(updated)).toMatchObject({ version: nth(t, 2), data: { a: 2 } });

            proxy.failRequest({ nth: 1, operation: "UpdateItem", bodyIncludes: onItem(id), fault: { kind: "drop-response" } });
            const deleted = await call(t.app, "DELETE", `/items/${id}`, { headers: { "if-match": etagOf(nth(t, 2)) } });
            expect(deleted.statusCode).toBe(204);
            expect((await storedItem(id))?.version).toEqual({ N: String(nth(t, 3)) });
        });

        test("keeps exactly one write when the client retries with the same Idempotency-Key after a lost response", async () => {
            const t = build({ dataMaxAttempts: 1 }); // no SDK retry: the failure reaches the client
            const id = newId();
            const request = { body: { data: { amount: 42 } }, headers: { "idempotency-key": "key-halfway-1" } };
            proxy.failRequest({ nth: 1, operation: "UpdateItem", bodyIncludes: onItem(id), fault: { kind: "drop-response" } });

            const failed = await call(t.app, "PUT", `/items/${id}`, request);
            expect(failed.statusCode).toBe(503);
            expect(failed.headers["retry-after"]).toBe("1");
            expect(bodyOf(failed)).toEqual({
                error: { code: "service_unavailable", message: "The table is temporarily unavailable; retry shortly, with the same Idempotency-Key for writes." },
            });
            // The write reached the engine even though the caller saw an error.
            expect((await storedItem(id))?.version).toEqual({ N: String(nth(t, 1)) });

            const retried = await call(t.app, "PUT", `/items/${id}`, request);
            expect(retried.statusCode).toBe(201);
            expect(bodyOf(retried)).toMatchObject({ id, version: nth(t, 1), data: { amount: 42 } });

            const replayed = await call(t.app, "PUT", `/items/${id}`, request);
            expect(replayed.statusCode).toBe(201);
            expect(replayed.body).toBe(retried.body);
            expect(replayed.headers["idempotent-replayed"]).toBe("true");

            // One write applied (version 1); the retry's conditional write was refused and recognised as ours.
            expect(bodyOf(await call(t.app, "GET", `/items/${id}`))).toMatchObject({ version: nth(t, 1), data: { amount: 42 } });
        });

        test("replays the stored result when only the idempotency record's completion response was lost", async () => {
            const t = build({ dataMaxAttempts: 1 });
            const id = newId();
            const request = { body: { data: { a: 1 } }, headers: { "idempotency-key": "key-halfway-2" } };
            proxy.failRequest({ nth: 1, operation: "UpdateItem", bodyIncludes: '"COMPLETED"', fault: { kind: "drop-response" } });

            const failed = await call(t.app, "PUT", `/items/${id}`, request);
            expect(failed.statusCode).toBe(503);

            const retried = await call(t.app, "PUT", `/items/${id}`, request);
            expect(retried.statusCode).toBe(201);
            expect(retried.headers["idempotent-replayed"]).toBe("true");
            expect(bodyOf(retried)).toMatchObject({ version: nth(t, 1), data: { a: 1 } });
            expect(itemWrites(t, id)).toBe(1);
        });

        test("writes nothing when a write never reached the engine, and succeeds on retry", async () => {
            const t = build({ dataMaxAttempts: 1 });
            const id = newId();
            const request = { body: { data: { a: 1 } }, headers: { "idempotency-key": "key-halfway-3" } };
            proxy.failRequest({ nth: 1, operation: "UpdateItem", bodyIncludes: onItem(id), fault: { kind: "reset" } });

            expect((await call(t.app, "PUT", `/items/${id}`, request)).statusCode).toBe(503);
            expect(await storedItem(id)).toBeUndefined();

            const retried = await call(t.app, "PUT", `/items/${id}`, request);
            expect(retried.statusCode).toBe(201);
            expect(bodyOf(await call(t.app, "GET", `/items/${id}`))).toMatchObject({ version: nth(t, 1) });
        });

        test("answers 503 with Retry-After when the table throttles", async () => {
            const { app } = build({ dataMaxAttempts: 1 }); // the SDK's throttling back-off is not what this is about
            proxy.setFault({ kind: "throttle" });
            const id = newId();

            const response = await call(app, "PUT", `/items/${id}`, { body: { data: { a: 1 } }, headers: { "idempotency-key": "key-throttle-1" } });

            expect(response.statusCode).toBe(503);
            expect(response.headers["retry-after"]).toBe("1");
            expect(bodyOf(response)).toEqual({
                error: { code: "service_unavailable", message: "The table is temporarily unavailable; retry shortly, with the same Idempotency-Key for writes." },
            });
            proxy.setFault(null);
            expect((await call(app, "PUT", `/items/${id}`, { body: { data: { a: 1 } }, headers: { "idempotency-key": "key-throttle-1" } })).statusCode).toBe(201);
        });

        test("always reads back every acknowledged write while writes fail at different points", async () => {
            const t = build({ dataMaxAttempts: 1 });
            const id = newId();
            const faults = ["drop-response", "reset", "server-error", "drop-response"] as const;
            let version = 0;
            let data: Record<string, unknown> | null = null;
            for (let round = 0; round < 8; round++) {
                const fault = faults[round % faults.length]!;
                if (round % 2 === 0) proxy.failRequest({ nth: 1, operation: "UpdateItem", bodyIncludes: onItem(id), fault: { kind: fault } });
                const key = `key-soak-${round}`;
                const next = { round };
                const headers: Record<string, string> = { "idempotency-key": key, ...(version > 0 ? { "if-match": `"${version}"` } : {}) };
                // Retry with the same key until acknowledged, like a well-behaved client.
                let response = await call(t.app, "PUT", `/items/${id}`, { body: { data: next }, headers });
                for (let tries = 0; response.statusCode === 503 && tries < 3; tries++) {
                    response = await call(t.app, "PUT", `/items/${id}`, { body: { data: next }, headers });
                }
                expect([200, 201]).toContain(response.statusCode);
                version = bodyOf(response).version as number;
                data = next;
                expect(bodyOf(await call(t.app, "GET", `/items/${id}`))).toMatchObject({ version, data });
            }
            expect(version).toBe(nth(t, 8));
            expect(data).toEqual({ round: 7 });
        });
    });

    describe("bad requests", () => {
        const cases: { name: string; method: string; path: string; body?: string | object; headers?: Record<string, string>; status: number; error: { code: string; message: string }; env?: Record<string, string> }[] = [
            { name: "invalid JSON", method: "PUT", path: "/items/a1", body: "{not json", status: 400, error: { code: "invalid_json", message: "The request body is not valid JSON." } },
            { name: "a missing body", method: "PUT", path: "/items/a1", status: 400, error: { code: "missing_body", message: 'PUT /items/{id} needs a JSON body such as {"data": {...}}.' } },
            { name: "a body that is not an object", method: "PUT", path: "/items/a1", body: "[1,2]", status: 400, error: { code: "invalid_body", message: "The request body must be a JSON object." } },
            { name: "an unknown body field", method: "PUT", path: "/items/a1", body: { data: {}, owner: "x" }, status: 400, error: { code: "invalid_body", message: 'Unknown field "owner" in the request body; allowed: data, expectedVersion.' } },
            { name: "missing data", method: "PUT", path: "/items/a1", body: { expectedVersion: 1 }, status: 400, error: { code: "invalid_body", message: 'The request body needs a "data" field holding a JSON object.' } },
            { name: "data that is not an object", method: "PUT", path: "/items/a1", body: { data: "text" }, status: 400, error: { code: "invalid_body", message: 'The request body needs a "data" field holding a JSON object.' } },
            { name: "a bad expectedVersion", method: "PUT", path: "/items/a1", body: { data: {}, expectedVersion: 1.5 }, status: 400, error: { code: "invalid_body", message: '"expectedVersion" must be a positive integer.' } },
            { name: "a number DynamoDB cannot hold", method: "PUT", path: "/items/a1", body: '{"data":{"big":1e300}}', status: 400, error: { code: "invalid_body", message: "data.big is a number beyond +/-9007199254740991; send such numbers as strings." } },
            { name: "an empty object key", method: "PUT", path: "/items/a1", body: { data: { nested: { "": 1 } } }, status: 400, error: { code: "invalid_body", message: "data.nested has an empty key; object keys must not be empty." } },
            { name: "data nested too deep", method: "PUT", path: "/items/a1", body: `{"data":${'{"a":'.repeat(16)}1${"}".repeat(16)}}`, status: 400, error: { code: "invalid_body", message: '"data" is nested more than 16 levels deep.' } },
            { name: "a missing id", method: "GET", path: "/items/", status: 400, error: { code: "missing_id", message: "The item id is missing: use /items/{id}." } },
            { name: "a missing id without slash", method: "PUT", path: "/items", body: { data: {} }, status: 400, error: { code: "missing_id", message: "The item id is missing: use /items/{id}." } },
            { name: "an id that is too long", method: "GET", path: `/items/${"x".repeat(129)}`, status: 400, error: { code: "invalid_id", message: "The item id is 129 characters long; the limit is 128." } },
            { name: "an id with bad characters", method: "GET", path: "/items/bad%20id%21", status: 400, error: { code: "invalid_id", message: "The item id may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit." } },
            { name: "an id that is only dots", method: "DELETE", path: "/items/..", status: 400, error: { code: "invalid_id", message: "The item id may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit." } },
            { name: "an id with broken percent-encoding", method: "GET", path: "/items/a%zz", status: 400, error: { code: "invalid_id", message: "The item id is not valid percent-encoding." } },
            { name: "an oversized body", method: "PUT", path: "/items/a1", body: { data: { blob: "x".repeat(2000) } }, env: { MAX_BODY_BYTES: "1024" }, status: 413, error: { code: "payload_too_large", message: "The request body is 2020 bytes; the limit is 1024." } },
            { name: "a non-JSON content type", method: "PUT", path: "/items/a1", body: "data=1", headers: { "content-type": "application/x-www-form-urlencoded" }, status: 415, error: { code: "unsupported_media_type", message: "Content-Type application/x-www-form-urlencoded is not supported; send application/json." } },
            { name: "a wrong method", method: "POST", path: "/items/a1", body: { data: {} }, status: 405, error: { code: "method_not_allowed", message: "Method POST is not allowed on /items/{id}; use GET, PUT or DELETE." } },
            { name: "an unknown route", method: "GET", path: "/orders/1", status: 404, error: { code: "route_not_found", message: "No route for this path; the routes are /items/{id} and /health." } },
            { name: "a nested item path", method: "GET", path: "/items/a/b", status: 404, error: { code: "route_not_found", message: "No route for this path; the routes are /items/{id} and /health." } },
            { name: "a bad If-Match", method: "PUT", path: "/items/a1", body: { data: {} }, headers: { "if-match": "W/\"1\"" }, status: 400, error: { code: "invalid_if_match", message: 'If-Match must be one item version as returned in the ETag header, e.g. "3".' } },
            { name: "If-Match *", method: "DELETE", path: "/items/a1", headers: { "if-match": "*" }, status: 400, error: { code: "invalid_if_match", message: 'If-Match must be one item version as returned in the ETag header, e.g. "3".' } },
            { name: "If-Match and expectedVersion disagreeing", method: "PUT", path: "/items/a1", body: { data: {}, expectedVersion: 2 }, headers: { "if-match": '"3"' }, status: 400, error: { code: "conflicting_versions", message: "If-Match asks for version 3 but the body's expectedVersion is 2; send one, or the same in both." } },
            { name: "a bad Idempotency-Key", method: "PUT", path: "/items/a1", body: { data: {} }, headers: { "idempotency-key": "has space" }, status: 400, error: { code: "invalid_idempotency_key", message: "Idempotency-Key must be 1-255 visible ASCII characters (no spaces)." } },
            { name: "a DELETE body with data", method: "DELETE", path: "/items/a1", body: { data: {} }, status: 400, error: { code: "invalid_body", message: 'Unknown field "data" in the request body; allowed: expectedVersion.' } },
        ];

        test.each(cases)("answers a bad request with $name with $status and an exact error body", async ({ method, path, body, headers, status, error, env }) => {
            const t = build(env === undefined ? {} : { env });
            const response = await call(t.app, method, path, {
                ...(body !== undefined ? { body } : {}),
                ...(headers !== undefined ? { headers } : {}),
            });
            expect(response.statusCode).toBe(status);
            expect(response.headers["content-type"]).toBe("application/json");
            expect(bodyOf(response)).toEqual({ error });
            // Rejected before anything touched the table.
            expect(t.commands).toEqual([]);
        });

        test("answers a bad request for a wrong method with an Allow header", async () => {
            const { app } = build();
            const response = await call(app, "PATCH", "/items/a1", { body: { data: {} } });
            expect(response.statusCode).toBe(405);
            expect(response.headers.allow).toBe("GET, PUT, DELETE");
        });
    });
});
