import { DescribeTableCommand, GetItemCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startDynamoServer, TEST_CREDENTIALS, TEST_REGION, type DynamoServer } from "../helpers/dynamo-server";
import { FaultProxy } from "../helpers/fault-proxy";

/** The test helpers themselves: the proxy does what the runtime tests rely on. */
describe("fault proxy", () => {
    let server: DynamoServer;
    let proxy: FaultProxy;
    let client: DynamoDBClient;

    const get = (id: string): Promise<unknown> =>
        client.send(new GetItemCommand({ TableName: server.tableName, Key: { pk: { S: id }, sk: { S: "x" } } }));

    beforeEach(async () => {
        server = await startDynamoServer();
        proxy = await FaultProxy.start(server.endpoint);
        client = new DynamoDBClient({ region: TEST_REGION, endpoint: proxy.endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    });

    afterEach(async () => {
        client.destroy();
        await proxy.close();
        await server.close();
    });

    test("forwards requests and records their operation", async () => {
        await client.send(new DescribeTableCommand({ TableName: server.tableName }));
        await get("a");
        expect(proxy.requests.map((r) => [r.operation, r.fault])).toEqual([
            ["DescribeTable", null],
            ["GetItem", null],
        ]);
        expect(proxy.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    test("fails only the nth matching request", async () => {
        proxy.failRequest({ nth: 3, operation: "GetItem", fault: { kind: "throttle" } });
        await client.send(new DescribeTableCommand({ TableName: server.tableName }));
        await get("1");
        await get("2");
        await expect(get("3")).rejects.toMatchObject({ name: "ProvisionedThroughputExceededException" });
        await get("4");
        expect(proxy.requests.map((r) => r.fault)).toEqual([null, null, null, "throttle", null]);
    });

    test("answers 500 for a server error and drops the connection for a reset", async () => {
        proxy.failRequest({ nth: 1, fault: { kind: "server-error" } });
        await expect(get("a")).rejects.toMatchObject({ name: "InternalServerError", $metadata: { httpStatusCode: 500 } });
        proxy.failRequest({ nth: 1, fault: { kind: "reset" } });
        await expect(get("a")).rejects.toThrow(/socket hang up|ECONNRESET/);
    });

    test("holds requests until released", async () => {
        proxy.setFault({ kind: "hang" });
        const pending = get("held");
        await proxy.waitForHeld(1);
        proxy.setFault(null);
        proxy.releaseHeld();
        await expect(pending).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
        expect(proxy.heldCount).toBe(0);
    });

    test("refuses connections while down and accepts them again when up", async () => {
        await proxy.down();
        await expect(get("a")).rejects.toThrow(/ECONNREFUSED/);
        await proxy.up();
        await expect(get("a")).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
    });

    test("forwards to loopback addresses only", async () => {
        await expect(FaultProxy.start("http://192.0.2.1:8000")).rejects.toThrow("FaultProxy forwards to http loopback addresses only");
        await expect(FaultProxy.start("https://127.0.0.1:8000")).rejects.toThrow("FaultProxy forwards to http loopback addresses only");
    });
});
