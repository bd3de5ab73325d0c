import { startDynamoServer, TEST_CREDENTIALS, type DynamoServer } from "../helpers/dynamo-server";
import { httpEvent, lambdaContext, testEnv } from "./support";

type Handler = typeof import("../../app/handler").handler;

/** The Lambda entry point, configured from environment variables like on Lambda. */
describe("app/handler.ts", () => {
    let server: DynamoServer;
    const savedEnv = { ...process.env };

    const loadHandler = (): Handler => {
        let loaded: Handler | undefined;
        jest.isolateModules(() => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            loaded = (require("../../app/handler") as typeof import("../../app/handler")).handler;
        });
        return loaded!;
    };

    const setEnv = (env: Record<string, string | undefined>): void => {
        for (const [key, value] of Object.entries(env)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
    };

    beforeAll(async () => {
        server = await startDynamoServer();
    });

    afterEach(() => {
        for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
        Object.assign(process.env, savedEnv);
        jest.restoreAllMocks();
    });

    afterAll(async () => {
        await server.close();
    });

    test("serves requests configured from the environment and logs JSON lines with the region and request id", async () => {
        setEnv({
            // The real timer runs here (the handler builds its own app): the largest budget keeps a loaded machine from failing it.
            ...testEnv(server, server.endpoint, { HEALTH_TIMEOUT_MS: "10000" }),
            AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
            POWERTOOLS_LOG_LEVEL: "INFO",
            POWERTOOLS_DEV: undefined,
        });
        const lines: string[] = [];
        jest.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array) => {
            lines.push(String(chunk));
            return true;
        }) as never);
        const handler = loadHandler();

        const created = await handler(
            httpEvent("PUT", "/items/from-handler", { body: { data: { a: 1 } }, requestId: "api-req-1" }),
            lambdaContext("lambda-req-1"),
        );
        const rejected = await handler(httpEvent("GET", "/items/bad%20id", { requestId: "api-req-2" }), lambdaContext("lambda-req-2"));
        const health = await handler(httpEvent("GET", "/health", { requestId: "api-req-3" }), lambdaContext("lambda-req-3"));

        expect(created.statusCode).toBe(201);
        expect(rejected.statusCode).toBe(400);
        expect(health.statusCode).toBe(200);

        const logs = lines
            .join("")
            .split("\n")
            .filter((line) => line.trim() !== "")
            .map((line) => JSON.parse(line) as Record<string, unknown>);
        const write = logs.find((l) => l.message === "item write");
        expect(write).toMatchObject({
            level: "INFO",
            service: "orders",
            region: "eu-west-1",
            requestId: "api-req-1",
            lambdaRequestId: "lambda-req-1",
            function_request_id: "lambda-req-1",
            itemId: "from-handler",
            outcome: "created",
            principal: "jwt:alice",
            version: JSON.parse(created.body!).version,
        });
        expect(write?.timestamp).toEqual(expect.any(String));
        expect(logs.find((l) => l.message === "request rejected")).toMatchObject({
            region: "eu-west-1",
            requestId: "api-req-2",
            statusCode: 400,
            code: "invalid_id",
        });
        // Healthy checks log nothing: checkers call several times per second.
        expect(logs.filter((l) => l.requestId === "api-req-3")).toEqual([]);
    });

    test("fails every invocation with all configuration problems listed", async () => {
        setEnv({ TABLE_NAME: "t", REGION: "mars-1", SERVICE_NAME: undefined, CONSISTENCY: "sometimes", HEALTH_TIMEOUT_MS: "5s" });
        const handler = loadHandler();
        const attempt = handler(httpEvent("GET", "/health"), lambdaContext());
        await expect(attempt).rejects.toMatchObject({
            name: "ConfigError",
            problems: [
                'TABLE_NAME must be a DynamoDB table name: 3-255 characters of letters, digits, _ . -; got "t".',
                'REGION must be an AWS region name such as eu-west-1; got "mars-1".',
                "SERVICE_NAME is required (1-64 characters of A-Z, a-z, 0-9, '_', '.', '-', starting with a letter or digit).",
                'CONSISTENCY must be "eventual" or "strong"; got "sometimes".',
                'HEALTH_TIMEOUT_MS must be a whole number between 100 and 10000; got "5s".',
            ],
        });
    });
});
