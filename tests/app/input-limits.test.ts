import { GetItemCommand, ScanCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startDynamoServer, type DynamoServer } from "../helpers/dynamo-server";
import { FaultProxy } from "../helpers/fault-proxy";
import { bodyOf, buildTestApp, call, destroyClients, type TestApp } from "./support";

/**
 * What a client can send and what it costs (security review F6, F8, F9): no input the API accepts may end in a 500
 * (5xx answers feed the alarm CodeDeploy rolls back on), a write is either refused before anything is written or
 * applied and acknowledged, and the idempotency record keeps no copy of the data.
 */
describe("input limits", () => {
    let server: DynamoServer;
    let admin: DynamoDBClient;
    let proxy: FaultProxy;
    const apps: TestApp[] = [];
    let counter = 0;
    const newId = (): string => `limits-${++counter}`;

    const build = (options: Parameters<typeof buildTestApp>[2] = {}): TestApp => {
        const built = buildTestApp(server, proxy.endpoint, options);
        apps.push(built);
        return built;
    };

    const scanAll = async (): Promise<Record<string, unknown>[]> => {
        const items: Record<string, unknown>[] = [];
        let start: Record<string, any> | undefined;
        do {
            const page = await admin.send(new ScanCommand({ TableName: server.tableName, ExclusiveStartKey: start }));
            items.push(...(page.Items ?? []));
            start = page.LastEvaluatedKey;
        } while (start !== undefined);
        return items;
    };

    const storedItems = async (id: string): Promise<Record<string, unknown>[]> =>
        (await scanAll()).filter((item) => (item.id as { S?: string } | undefined)?.S === id);

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

    describe("F6: keys the DynamoDB marshaller cannot take are a 400, not a 500", () => {
        test.each([
            ["a top-level constructor key", '{"data":{"constructor":"Ferrari"}}', "data"],
            ["a nested constructor key", '{"data":{"car":{"constructor":{}}}}', "data.car"],
            ["a constructor key in a list", '{"data":{"cars":[{"constructor":1}]}}', "data.cars[0]"],
            ["a __proto__ key", '{"data":{"__proto__":{"admin":true}}}', "data"],
            ["a deep __proto__ key", '{"data":{"a":{"b":{"__proto__":{"admin":true}}}}}', "data.a.b"],
            ["a prototype key", '{"data":{"prototype":1}}', "data"],
        ])("%s", async (_name, body, where) => {
            const t = build();
            const response = await call(t.app, "PUT", `/items/${newId()}`, { body });
            expect(response.statusCode).toBe(400);
            expect(bodyOf(response)).toEqual({
                error: { code: "invalid_body", message: `${where} has a key named __proto__, constructor or prototype; such keys are not allowed.` },
            });
            expect(t.commands).toEqual([]);
            expect(({} as Record<string, unknown>).admin).toBeUndefined();
        });

        test("a ValidationException from DynamoDB is a 400 invalid_body, not a 500", async () => {
            const t = build();
            const id = newId();
            proxy.failRequest({ nth: 1, operation: "UpdateItem", bodyIncludes: `"${id}"`, fault: { kind: "validation" } });
            const response = await call(t.app, "PUT", `/items/${id}`, { body: { data: { a: 1 } } });
            expect(response.statusCode).toBe(400);
            expect(bodyOf(response)).toEqual({ error: { code: "invalid_body", message: "The table refused this item as invalid." } });
        });
    });

    describe("F8: the body limit holds after re-serialization, so a write is never applied and then answered 500", () => {
        test("data that grows past MAX_BODY_BYTES when re-serialized is refused with 413 before anything is written", async () => {
            const t = build({ env: { MAX_BODY_BYTES: "1024" } });
            // 150 x "9e15" as sent; each number re-serializes as 16 digits.
            const body = `{"data":{"n":[${Array(150).fill("9e15").join(",")}]}}`;
            const reserialized = Buffer.byteLength(JSON.stringify({ n: Array(150).fill(9e15) }));
            expect(Buffer.byteLength(body)).toBeLessThan(1024);
            expect(reserialized).toBeGreaterThan(1024);
            const response = await call(t.app, "PUT", `/items/${newId()}`, { body });
            expect(response.statusCode).toBe(413);
            expect(bodyOf(response)).toEqual({
                error: { code: "payload_too_large", message: `The data is ${reserialized} bytes once re-serialized as JSON; the limit is 1024.` },
            });
            expect(t.commands).toEqual([]);
        });

        test("at the largest MAX_BODY_BYTES, a body of numbers with an Idempotency-Key is refused whole, never applied and answered 500", async () => {
            const t = build({ env: { MAX_BODY_BYTES: "262144" } });
            const id = newId();
            const count = Math.floor((262144 - 30) / 5);
            const body = `{"data":{"n":[${Array(count).fill("9e15").join(",")}]}}`;
            expect(Buffer.byteLength(body)).toBeLessThanOrEqual(262144);

            const response = await call(t.app, "PUT", `/items/${id}`, { body, headers: { "idempotency-key": "big-numbers-1" } });

            expect(response.statusCode).toBe(413);
            expect(bodyOf(response).error).toMatchObject({ code: "payload_too_large" });
            expect(await storedItems(id)).toEqual([]);
        });
    });

    describe("F9: the idempotency record keeps no copy of the data", () => {
        test("after PUT and DELETE with Idempotency-Keys, no stored item holds the data", async () => {
            const { app } = build();
            const id = newId();
            const marker = "alice@example.com";
            expect((await call(app, "PUT", `/items/${id}`, { body: { data: { email: marker } }, headers: { "idempotency-key": "erase-1" } })).statusCode).toBe(201);
            expect((await call(app, "DELETE", `/items/${id}`, { headers: { "idempotency-key": "erase-2" } })).statusCode).toBe(204);

            expect((await call(app, "GET", `/items/${id}`)).statusCode).toBe(404);
            expect((await scanAll()).filter((item) => JSON.stringify(item).includes(marker))).toEqual([]);
        });

        test("an idempotency record stays small whatever the size of the data", async () => {
            const { app } = build();
            const records = async (): Promise<string[]> =>
                (await scanAll()).filter((item) => (item.pk as { S: string }).S.startsWith("idempotency#")).map((r) => (r.pk as { S: string }).S);
            const before = new Set(await records());
            const response = await call(app, "PUT", `/items/${newId()}`, { body: { data: { blob: "x".repeat(60_000) } }, headers: { "idempotency-key": "small-record-1" } });
            expect(response.statusCode).toBe(201);

            const added = (await records()).filter((pk) => !before.has(pk));
            expect(added).toHaveLength(1);
            const stored = await admin.send(new GetItemCommand({ TableName: server.tableName, Key: { pk: { S: added[0]! }, sk: { S: "idempotency" } } }));
            expect(stored.Item?.status).toEqual({ S: "COMPLETED" });
            expect(JSON.stringify(stored.Item).length).toBeLessThan(1024);
        });

        test("a replay whose data lists its keys in another order is the same bytes as the first answer", async () => {
            const { app } = build();
            const id = newId();
            const first = await call(app, "PUT", `/items/${id}`, { body: '{"data":{"b":2,"a":{"y":1,"x":2}}}', headers: { "idempotency-key": "order-1" } });
            const replay = await call(app, "PUT", `/items/${id}`, { body: '{"data":{"a":{"x":2,"y":1},"b":2}}', headers: { "idempotency-key": "order-1" } });
            expect(first.statusCode).toBe(201);
            expect(replay.headers["idempotent-replayed"]).toBe("true");
            expect(replay.body).toBe(first.body);
        });
    });
});
