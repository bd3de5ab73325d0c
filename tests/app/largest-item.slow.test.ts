import { MAX_BODY_BYTES_LIMIT } from "../../app/config";
import { startDynamoServer, type DynamoServer } from "../helpers/dynamo-server";
import { bodyOf, buildTestApp, call, destroyClients, type TestApp } from "./support";

/**
 * The largest write the service accepts (security review F8), against dynalite, which enforces DynamoDB's 400 KB
 * item limit: a valid write is applied and acknowledged, never applied and answered 500. Slow by nature (a list of
 * 131,000 numbers through the SDK and the engine, twice), hence the slow suite; the data calls get a long timeout
 * so a loaded machine cannot turn the engine's slowness into a 503.
 */
describe("the largest item", () => {
    let server: DynamoServer;
    let t: TestApp;

    beforeAll(async () => {
        server = await startDynamoServer();
        t = buildTestApp(server, server.endpoint, { env: { MAX_BODY_BYTES: String(MAX_BODY_BYTES_LIMIT) }, dataRequestTimeoutMs: 120_000 });
    });

    afterAll(async () => {
        destroyClients(t);
        await server.close();
    });

    test("the largest data MAX_BODY_BYTES allows is written and acknowledged with an Idempotency-Key, and its replay is byte-identical", async () => {
        // The worst shape for DynamoDB's item size per JSON byte: a list of one-digit numbers.
        const count = Math.floor((MAX_BODY_BYTES_LIMIT - 40) / 2);
        const body = `{"data":{"n":[${Array(count).fill("1").join(",")}]}}`;
        expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES_LIMIT);
        const request = { body, headers: { "idempotency-key": "big-list-1" } };

        const first = await call(t.app, "PUT", "/items/largest", request);
        expect(first.statusCode).toBe(201);
        expect((bodyOf(first).data as { n: number[] }).n).toHaveLength(count);
        const replay = await call(t.app, "PUT", "/items/largest", request);
        expect(replay.headers["idempotent-replayed"]).toBe("true");
        expect(replay.body).toBe(first.body);
        expect((await call(t.app, "GET", "/items/largest")).body).toBe(first.body);
    });
});
