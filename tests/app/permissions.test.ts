import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DYNAMODB_ACTIONS } from "../../app/permissions";
import { startDynamoServer, type DynamoServer } from "../helpers/dynamo-server";
import { FaultProxy } from "../helpers/fault-proxy";
import { buildTestApp, call, destroyClients, type TestApp } from "./support";

const ROOT = join(__dirname, "..", "..");

describe("DYNAMODB_ACTIONS", () => {
    let server: DynamoServer;
    let proxy: FaultProxy;
    let built: TestApp;

    beforeAll(async () => {
        server = await startDynamoServer();
        proxy = await FaultProxy.start(server.endpoint);
    });

    afterAll(async () => {
        destroyClients(built);
        await proxy.close();
        await server.close();
    });

    test("lists exactly the DynamoDB actions the app sends, with no wildcard", async () => {
        built = buildTestApp(server, proxy.endpoint, { dataMaxAttempts: 1 });
        const { app } = built;

        // Every code path that talks to the table: health, item reads and writes, conflicts, idempotent replays,
        // and a failed idempotent request (Powertools deletes its in-progress record).
        await call(app, "GET", "/health");
        await call(app, "PUT", "/items/perm-1", { body: { data: { a: 1 } }, headers: { "idempotency-key": "perm-key-1" } });
        await call(app, "PUT", "/items/perm-1", { body: { data: { a: 1 } }, headers: { "idempotency-key": "perm-key-1" } });
        await call(app, "PUT", "/items/perm-1", { body: { data: { a: 2 } }, headers: { "if-match": '"7"' } });
        await call(app, "GET", "/items/perm-1");
        proxy.failRequest({ nth: 1, operation: "UpdateItem", bodyIncludes: '#perm-1"', fault: { kind: "server-error" } });
        expect((await call(app, "DELETE", "/items/perm-1", { headers: { "idempotency-key": "perm-key-2" } })).statusCode).toBe(503);
        await call(app, "DELETE", "/items/perm-1", { headers: { "idempotency-key": "perm-key-2" } });

        const sent = new Set(built.commands.map((c) => c.action));
        expect([...sent].sort()).toEqual([...DYNAMODB_ACTIONS].sort());
        // What reached the server agrees with what the clients recorded.
        expect(new Set(proxy.requests.map((r) => `dynamodb:${r.operation}`))).toEqual(sent);
        for (const action of DYNAMODB_ACTIONS) expect(action).toMatch(/^dynamodb:[A-Z][A-Za-z]+$/);
    });

    test("covers every DynamoDB command class the app source and Powertools' persistence layer use", () => {
        const sources = readdirSync(join(ROOT, "app"))
            .filter((f) => f.endsWith(".ts"))
            .map((f) => readFileSync(join(ROOT, "app", f), "utf8"));
        const powertools = readFileSync(
            require.resolve("@aws-lambda-powertools/idempotency/dynamodb"),
            "utf8",
        );
        // `new GetItemCommand(` (client-dynamodb) and `new GetCommand(` (lib-dynamodb) both send GetItem.
        const used = new Set<string>();
        for (const text of [...sources, powertools]) {
            for (const match of text.matchAll(/new\s+(?:[\w$]+\.)?(\w+)Command\(/g)) {
                const operation = match[1]!.replace(/Item$/, "");
                used.add(`dynamodb:${operation}Item`);
            }
        }
        expect([...used].sort()).toEqual([...DYNAMODB_ACTIONS].sort());
    });
});
