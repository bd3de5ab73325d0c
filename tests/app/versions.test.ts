import { DeleteItemCommand, ScanCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startDynamoServer, type DynamoServer } from "../helpers/dynamo-server";
import { FaultProxy } from "../helpers/fault-proxy";
import { bodyOf, buildTestApp, call, destroyClients, type TestApp } from "./support";

/**
 * Versions never repeat for an id (security review F13): a version an old ETag names can never be the version of
 * a later item under the same id, even after DynamoDB's TTL removed the tombstone that carried the count on.
 */
describe("item versions", () => {
    let server: DynamoServer;
    let admin: DynamoDBClient;
    let proxy: FaultProxy;
    const apps: TestApp[] = [];

    beforeAll(async () => {
        server = await startDynamoServer();
        admin = server.client();
        proxy = await FaultProxy.start(server.endpoint);
    });

    afterAll(async () => {
        destroyClients(...apps.splice(0));
        await proxy.close();
        await server.close();
    });

    /** What DynamoDB's TTL does to an expired tombstone: the item is gone, with nothing left of its version. */
    const expireTombstone = async (id: string): Promise<void> => {
        const scan = await admin.send(new ScanCommand({ TableName: server.tableName }));
        const tombstones = (scan.Items ?? []).filter((i) => i.id?.S === id && i.deleted?.BOOL === true);
        expect(tombstones).toHaveLength(1);
        await admin.send(new DeleteItemCommand({ TableName: server.tableName, Key: { pk: tombstones[0]!.pk!, sk: tombstones[0]!.sk! } }));
    };

    test("a stale If-Match never matches an item created again after TTL removed the tombstone (F13)", async () => {
        const t = buildTestApp(server, proxy.endpoint);
        apps.push(t);
        const id = "aba-1";

        const first = await call(t.app, "PUT", `/items/${id}`, { body: { data: { v: "first" } } });
        expect(first.statusCode).toBe(201);
        const staleEtag = first.headers.etag!;
        expect((await call(t.app, "DELETE", `/items/${id}`)).statusCode).toBe(204);

        // The tombstone expires (no earlier than IDEMPOTENCY_EXPIRY_SECONDS after the delete) and TTL removes it.
        t.clock.advance(t.config.idempotencyExpirySeconds * 1000);
        await expireTombstone(id);

        const again = await call(t.app, "PUT", `/items/${id}`, { body: { data: { v: "second" } } });
        expect(again.statusCode).toBe(201);
        expect(again.headers.etag).not.toBe(staleEtag);
        expect(bodyOf(again).version as number).toBeGreaterThan(bodyOf(first).version as number);

        const stale = await call(t.app, "PUT", `/items/${id}`, { body: { data: { v: "lost update" } }, headers: { "if-match": staleEtag } });
        expect(stale.statusCode).toBe(409);
        expect(bodyOf(await call(t.app, "GET", `/items/${id}`))).toMatchObject({ data: { v: "second" } });
    });

    test("a new item's first version is its creation time in milliseconds; each write adds one", async () => {
        const t = buildTestApp(server, proxy.endpoint);
        apps.push(t);
        const created = await call(t.app, "PUT", "/items/count-1", { body: { data: { n: 1 } } });
        expect(bodyOf(created).version).toBe(t.clock.now());
        expect(created.headers.etag).toBe(`"${t.clock.now()}"`);
        const updated = await call(t.app, "PUT", "/items/count-1", { body: { data: { n: 2 } }, headers: { "if-match": created.headers.etag! } });
        expect(bodyOf(updated).version).toBe(t.clock.now() + 1);
        expect((await call(t.app, "DELETE", "/items/count-1", { headers: { "if-match": updated.headers.etag! } })).statusCode).toBe(204);
        // A tombstone carries the count on: the next create continues from it.
        t.clock.advance(5000);
        const recreated = await call(t.app, "PUT", "/items/count-1", { body: { data: { n: 3 } } });
        expect(bodyOf(recreated).version).toBe(t.clock.now() - 5000 + 3);
    });
});
