import { ScanCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Logger } from "@aws-lambda-powertools/logger";
import { startDynamoServer, type DynamoServer } from "../helpers/dynamo-server";
import { FaultProxy } from "../helpers/fault-proxy";
import { ALICE, bodyOf, buildTestApp, call, destroyClients, MALLORY, type TestApp, type TestPrincipal } from "./support";

/**
 * Items belong to the caller who created them (security review F1), idempotency keys are scoped to the caller (F3),
 * and the logs name the caller but never the token (F10). The caller is what API Gateway's authorizer put in
 * `requestContext.authorizer`; nothing the client sends in headers counts.
 */
describe("items and idempotency keys belong to their caller", () => {
    let server: DynamoServer;
    let admin: DynamoDBClient;
    let proxy: FaultProxy;
    const apps: TestApp[] = [];
    let counter = 0;
    const newId = (): string => `owned-${++counter}`;

    const build = (options: Parameters<typeof buildTestApp>[2] = {}): TestApp => {
        const built = buildTestApp(server, proxy.endpoint, options);
        apps.push(built);
        return built;
    };

    /** Every stored item (not heartbeats or idempotency records) whose id is `id`. */
    const storedItems = async (id: string): Promise<Record<string, { S?: string; N?: string }>[]> => {
        const result = await admin.send(new ScanCommand({ TableName: server.tableName }));
        return (result.Items ?? []).filter((item) => item.entity?.S === "item" && item.id?.S === id) as Record<string, { S?: string; N?: string }>[];
    };

    const idempotencyRecords = async (): Promise<Record<string, unknown>[]> => {
        const result = await admin.send(new ScanCommand({ TableName: server.tableName }));
        return (result.Items ?? []).filter((item) => item.pk?.S?.startsWith("idempotency#"));
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

    describe("F1: another principal's item is a 404", () => {
        test("a second principal can neither read, update nor delete the first one's item, and learns nothing from trying", async () => {
            const { app } = build();
            const id = newId();
            const never = newId();
            const created = await call(app, "PUT", `/items/${id}`, { body: { data: { card: "4111" } } });
            expect(created.statusCode).toBe(201);
            const version = created.headers.etag!;

            // Each answer Mallory gets for Alice's item is the answer she gets for an id nobody ever used.
            const asMallory = async (itemId: string) => [
                await call(app, "GET", `/items/${itemId}`, { principal: MALLORY }),
                await call(app, "PUT", `/items/${itemId}`, { principal: MALLORY, body: { data: { card: "stolen" } }, headers: { "if-match": version } }),
                await call(app, "DELETE", `/items/${itemId}`, { principal: MALLORY }),
                await call(app, "DELETE", `/items/${itemId}`, { principal: MALLORY, headers: { "if-match": version } }),
            ];
            const onAlices = await asMallory(id);
            const onNobodys = await asMallory(never);
            expect(onAlices.map((r) => r.statusCode)).toEqual([404, 409, 404, 404]);
            expect(onAlices.map((r) => r.body!.replace(id, "<id>"))).toEqual(onNobodys.map((r) => r.body!.replace(never, "<id>")));

            const read = await call(app, "GET", `/items/${id}`);
            expect(read.statusCode).toBe(200);
            expect(bodyOf(read)).toMatchObject({ data: { card: "4111" } });
            expect(read.headers.etag).toBe(version);
        });

        test("a create on another principal's id does not reveal it: each caller gets an item of their own", async () => {
            const { app } = build();
            const id = newId();
            expect((await call(app, "PUT", `/items/${id}`, { body: { data: { owner: "alice" } } })).statusCode).toBe(201);

            const mallorys = await call(app, "PUT", `/items/${id}`, { principal: MALLORY, body: { data: { owner: "mallory" } } });
            expect(mallorys.statusCode).toBe(201);

            expect(bodyOf(await call(app, "GET", `/items/${id}`))).toMatchObject({ data: { owner: "alice" } });
            expect(bodyOf(await call(app, "GET", `/items/${id}`, { principal: MALLORY }))).toMatchObject({ data: { owner: "mallory" } });
            expect((await storedItems(id)).map((i) => i.owner?.S).sort()).toEqual(["jwt:alice", "jwt:mallory"]);
        });

        test("stores the owner as the top-level attribute `owner` (what prod's by-owner index keys on)", async () => {
            const { app } = build();
            const id = newId();
            await call(app, "PUT", `/items/${id}`, { body: { data: { a: 1 } } });
            await call(app, "PUT", `/items/${id}`, { body: { data: { a: 2 } }, headers: { "if-match": (await call(app, "GET", `/items/${id}`)).headers.etag! } });
            await call(app, "DELETE", `/items/${id}`);
            const [tombstone] = await storedItems(id);
            expect(tombstone!.owner).toEqual({ S: "jwt:alice" });
            expect(Object.keys(tombstone!.data ?? {})).toEqual([]);
        });

        test("IAM callers: the sessions of one assumed role are one principal, another role is someone else", async () => {
            const { app } = build();
            const id = newId();
            const session = (role: string, name: string): TestPrincipal => ({ iamArn: `arn:aws:sts::123456789012:assumed-role/${role}/${name}` });

            expect((await call(app, "PUT", `/items/${id}`, { principal: session("orders-writer", "ci-run-1"), body: { data: { a: 1 } } })).statusCode).toBe(201);
            expect((await call(app, "GET", `/items/${id}`, { principal: session("orders-writer", "ci-run-2") })).statusCode).toBe(200);
            expect((await call(app, "GET", `/items/${id}`, { principal: session("orders-reader", "ci-run-1") })).statusCode).toBe(404);
            expect((await call(app, "GET", `/items/${id}`, { principal: { iamArn: "arn:aws:iam::123456789012:user/orders-writer" } })).statusCode).toBe(404);
            expect((await storedItems(id)).map((i) => i.owner?.S)).toEqual(["iam:arn:aws:sts::123456789012:assumed-role/orders-writer"]);
        });

        test.each([
            ["GET", undefined],
            ["PUT", { data: { a: 1 } }],
            ["DELETE", undefined],
        ] as const)("%s without a principal is 401 and touches nothing, whatever identity the headers claim", async (method, body) => {
            const t = build();
            const response = await call(t.app, method, `/items/${newId()}`, {
                principal: null,
                ...(body !== undefined ? { body } : {}),
                headers: { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.", "x-principal": "jwt:alice", "x-amzn-oidc-identity": "alice" },
            });
            expect(response.statusCode).toBe(401);
            expect(bodyOf(response)).toEqual({ error: { code: "unauthenticated", message: "This route needs a caller identity from the API's authorizer." } });
            expect(t.commands).toEqual([]);
        });

        test("a JWT without a subject is no principal", async () => {
            const t = build();
            const response = await call(t.app, "GET", `/items/${newId()}`, { principal: { jwt: "" } });
            expect(response.statusCode).toBe(401);
            expect(t.commands).toEqual([]);
        });

        test("/health needs no principal", async () => {
            const { app } = build({ manualTimers: true });
            expect((await call(app, "GET", "/health", { principal: null })).statusCode).toBe(200);
        });
    });

    describe("F3: an Idempotency-Key belongs to the caller who sent it", () => {
        test("another principal sending the same key and body gets no replay of the stored response: the request runs as their own", async () => {
            const t = build();
            const id = newId();
            const request = { body: { data: { amount: 10 } }, headers: { "idempotency-key": "order-42" } };
            const alices = await call(t.app, "PUT", `/items/${id}`, request);
            expect(alices.statusCode).toBe(201);

            const mallorys = await call(t.app, "PUT", `/items/${id}`, { ...request, principal: MALLORY });
            expect(mallorys.statusCode).toBe(201);
            expect(mallorys.headers["idempotent-replayed"]).toBeUndefined();
            expect((await storedItems(id)).map((i) => i.owner?.S).sort()).toEqual(["jwt:alice", "jwt:mallory"]);

            // Alice's own retry is still a replay of her first answer.
            const retry = await call(t.app, "PUT", `/items/${id}`, request);
            expect(retry.headers["idempotent-replayed"]).toBe("true");
            expect(retry.body).toBe(alices.body);
        });

        test("another principal cannot squat a key: the victim's write still runs", async () => {
            const { app } = build();
            const squatted = await call(app, "PUT", `/items/${newId()}`, { principal: MALLORY, body: { data: { junk: true } }, headers: { "idempotency-key": "alice-order-43" } });
            expect(squatted.statusCode).toBe(201);

            const id = newId();
            const alices = await call(app, "PUT", `/items/${id}`, { principal: ALICE, body: { data: { real: true } }, headers: { "idempotency-key": "alice-order-43" } });
            expect(alices.statusCode).toBe(201);
            expect(bodyOf(await call(app, "GET", `/items/${id}`))).toMatchObject({ data: { real: true } });
        });

        test("one key used by two principals makes two records", async () => {
            const { app } = build();
            const before = (await idempotencyRecords()).length;
            await call(app, "PUT", `/items/${newId()}`, { body: { data: { a: 1 } }, headers: { "idempotency-key": "shared-key-1" } });
            await call(app, "PUT", `/items/${newId()}`, { principal: MALLORY, body: { data: { a: 1 } }, headers: { "idempotency-key": "shared-key-1" } });
            expect((await idempotencyRecords()).length).toBe(before + 2);
        });
    });

    describe("F10: logs name the principal, never the token", () => {
        test("the item write line carries the principal; no line carries the bearer token", async () => {
            const lines: string[] = [];
            const spy = jest.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array) => {
                lines.push(String(chunk));
                return true;
            }) as never);
            try {
                const logger = new Logger({ serviceName: "orders", logLevel: "INFO" });
                const { app } = build({ logger });
                const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNlY3JldA";
                const id = newId();
                const headers = { authorization: `Bearer ${token}` };
                await call(app, "PUT", `/items/${id}`, { body: { data: { a: 1 } }, headers });
                await call(app, "GET", `/items/${id}/x`, { headers });

                const logs = lines.join("").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Record<string, unknown>);
                expect(logs.find((l) => l.message === "item write")).toMatchObject({ principal: "jwt:alice", itemId: id, outcome: "created" });
                expect(logs.find((l) => l.message === "request rejected")).toMatchObject({ principal: "jwt:alice", statusCode: 404 });
                expect(lines.join("")).not.toContain(token);
                expect(lines.join("")).not.toContain("c2lnbmF0dXJlLXNlY3JldA");
            } finally {
                spy.mockRestore();
            }
        });
    });
});
