import { startDynamoServer, type DynamoServer } from "../helpers/dynamo-server";
import { FaultProxy } from "../helpers/fault-proxy";
import { buildTestApp, call, destroyClients, type EventOptions, type TestApp } from "./support";

/**
 * Every response is safe to render (security review F15): `X-Content-Type-Options: nosniff` on each one, and no
 * text the client sent is echoed in an error body.
 */
describe("responses", () => {
    let server: DynamoServer;
    let proxy: FaultProxy;
    let t: TestApp;

    beforeAll(async () => {
        server = await startDynamoServer();
        proxy = await FaultProxy.start(server.endpoint);
        t = buildTestApp(server, proxy.endpoint, { manualTimers: true, dataMaxAttempts: 1 });
    });

    afterAll(async () => {
        destroyClients(t);
        await proxy.close();
        await server.close();
    });

    test("every response carries X-Content-Type-Options: nosniff", async () => {
        const requests: [string, string, EventOptions, number][] = [
            ["PUT", "/items/n-1", { body: { data: { a: 1 } } }, 201],
            ["GET", "/items/n-1", {}, 200],
            ["PUT", "/items/n-1", { body: { data: { a: 1 } } }, 409],
            ["DELETE", "/items/n-1", {}, 204],
            ["GET", "/items/n-1", {}, 404],
            ["GET", "/items/n-1", { principal: null }, 401],
            ["PUT", "/items/n-2", { body: "{" }, 400],
            ["POST", "/items/n-2", {}, 405],
            ["GET", "/elsewhere", {}, 404],
            ["PUT", "/items/n-2", { body: "x", headers: { "content-type": "text/html" } }, 415],
            ["GET", "/health", {}, 200],
        ];
        for (const [method, path, options, status] of requests) {
            const response = await call(t.app, method, path, options);
            expect([method, path, response.statusCode]).toEqual([method, path, status]);
            expect([method, path, response.headers["x-content-type-options"]]).toEqual([method, path, "nosniff"]);
        }
        proxy.setFault({ kind: "throttle" });
        try {
            const unavailable = await call(t.app, "GET", "/items/n-3");
            expect(unavailable.statusCode).toBe(503);
            expect(unavailable.headers["x-content-type-options"]).toBe("nosniff");
        } finally {
            proxy.setFault(null);
        }
    });

    test.each<[string, string, string, EventOptions]>([
        ["an unknown body field", "PUT", "/items/r-1", { body: '{"data":{},"<img src=x onerror=alert(1)>":1}' }],
        ["an unknown route", "GET", "/<script>alert(1)</script>", {}],
        ["a route under /items", "GET", "/items/a/<script>alert(1)</script>", {}],
        ["a bad number under a crafted key", "PUT", "/items/r-2", { body: '{"data":{"<svg onload=alert(1)>":1e300}}' }],
        ["an empty key under a crafted key", "PUT", "/items/r-3", { body: '{"data":{"<b>":{"":1}}}' }],
        ["a crafted method", "<SCRIPT>", "/items/r-4", {}],
        ["a crafted content type", "PUT", "/items/r-5", { body: "x", headers: { "content-type": "text/<script>" } }],
    ])("echoes nothing the client sent: %s", async (_name, method, path, options) => {
        const response = await call(t.app, method, path, options);
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.body).not.toMatch(/[<>]/);
        expect(response.body).not.toMatch(/script|onerror|onload|svg|alert/i);
    });
});
