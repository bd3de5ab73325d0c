import { MOCK_ACCOUNT_ID } from "../../../mock-kit";
import { REGIONAL_SERVICE_DEFAULTS } from "../../../components/regional-service";
import { child, deploy, Deployed, JWT_AUTH, JWT_WITH_CANARY, REGIONS } from "../../fixtures/regional-service";

const ROUTE = "aws:apigatewayv2/route:Route";
const { writeThrottle, healthThrottle } = REGIONAL_SERVICE_DEFAULTS;

/**
 * Three regions at an even share: each is sized for its own load plus one other region's whole load, twice its share.
 * The stage's default and the write routes' throttles scale by that worst case; the health route's does not (the
 * checkers call at the same rate whatever the traffic).
 */
const WORST_CASE = 2;

/** The stage's route throttles: the write routes' own, lower limits and the health route's. */
const ROUTE_SETTINGS = [
    { routeKey: "PUT /items/{id}", throttlingRateLimit: writeThrottle.rateLimit * WORST_CASE, throttlingBurstLimit: writeThrottle.burstLimit * WORST_CASE },
    { routeKey: "DELETE /items/{id}", throttlingRateLimit: writeThrottle.rateLimit * WORST_CASE, throttlingBurstLimit: writeThrottle.burstLimit * WORST_CASE },
    { routeKey: "GET /health", throttlingRateLimit: healthThrottle.rateLimit, throttlingBurstLimit: healthThrottle.burstLimit },
];

describe("lambda mode, IAM auth", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy();
    });

    test.each(REGIONS)("%s: routes per method, integration, stage with route throttles, invoke permission", (region) => {
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        const fn = child(d.kit, "aws:lambda/function:Function", region, "fn");
        const integration = child(d.kit, "aws:apigatewayv2/integration:Integration", region, "integration");
        expect(api.inputs.protocolType).toBe("HTTP");
        expect(integration.inputs).toEqual({
            apiId: api.id,
            integrationType: "AWS_PROXY",
            integrationMethod: "POST",
            integrationUri: fn.outputs.arn,
            payloadFormatVersion: "2.0",
            timeoutMilliseconds: 10000,
        });
        const target = `integrations/${integration.id}`;
        // /health goes to the health function, whose reserved concurrency user traffic cannot take.
        const healthFn = child(d.kit, "aws:lambda/function:Function", region, "health-fn");
        const healthIntegration = child(d.kit, "aws:apigatewayv2/integration:Integration", region, "health-integration");
        expect(healthIntegration.inputs).toEqual({ ...integration.inputs, integrationUri: healthFn.outputs.arn });
        expect(child(d.kit, "aws:apigatewayv2/route:Route", region, "health-route").inputs).toEqual({
            apiId: api.id,
            routeKey: "GET /health",
            authorizationType: "NONE",
            target: `integrations/${healthIntegration.id}`,
        });
        expect(child(d.kit, "aws:lambda/permission:Permission", region, "health-invoke").inputs).toEqual({
            function: healthFn.outputs.name,
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            sourceArn: `arn:aws:execute-api:${region}:123456789012:${api.id}/*/*`,
            sourceAccount: MOCK_ACCOUNT_ID,
        });
        // SigV4 on every item route; no scopes (they are a JWT feature).
        expect(child(d.kit, ROUTE, region, "items-route").inputs).toEqual({ apiId: api.id, routeKey: "GET /items/{id}", authorizationType: "AWS_IAM", target });
        expect(child(d.kit, ROUTE, region, "items-put-route").inputs).toEqual({ apiId: api.id, routeKey: "PUT /items/{id}", authorizationType: "AWS_IAM", target });
        expect(child(d.kit, ROUTE, region, "items-delete-route").inputs).toEqual({ apiId: api.id, routeKey: "DELETE /items/{id}", authorizationType: "AWS_IAM", target });
        expect(d.kit.resources.filter((r) => r.type === "aws:apigatewayv2/authorizer:Authorizer")).toEqual([]);

        const stage = child(d.kit, "aws:apigatewayv2/stage:Stage", region, "stage");
        const { accessLogSettings, ...stageInputs } = stage.inputs;
        expect(stageInputs).toEqual({
            apiId: api.id,
            name: "$default",
            autoDeploy: true,
            // The even share's 500 / 1000, doubled for the worst single-region failure.
            defaultRouteSettings: { throttlingRateLimit: 500 * WORST_CASE, throttlingBurstLimit: 1000 * WORST_CASE },
            routeSettings: ROUTE_SETTINGS,
            tags: { env: "test" },
        });
        expect(accessLogSettings.destinationArn).toBe(child(d.kit, "aws:cloudwatch/logGroup:LogGroup", region, "access-logs").outputs.arn);
        const format = JSON.parse(accessLogSettings.format);
        expect(Object.keys(format)).toContain("requestId");
        // Who called, never with what (review F10): the JWT subject or the IAM caller, no header, no token.
        expect([format.callerSub, format.callerArn, format.callerAccount]).toEqual([
            "$context.authorizer.claims.sub",
            "$context.identity.userArn",
            "$context.identity.accountId",
        ]);
        expect(Object.values(format).filter((v) => /\$request|header|authorization|token/i.test(String(v)))).toEqual([]);
        expect(child(d.kit, "aws:lambda/permission:Permission", region, "invoke").inputs).toEqual({
            function: fn.outputs.name,
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            // Built from the account, not the provider's executionArn (empty account with skipRequestingAccountId).
            sourceArn: `arn:aws:execute-api:${region}:123456789012:${api.id}/*/*`,
            // Only APIs of this account: the ARN names it too, the condition makes it explicit.
            sourceAccount: MOCK_ACCOUNT_ID,
        });
    });

    test.each(REGIONS)("%s: the stage waits for every route its settings name (API Gateway refuses settings for a route that does not exist yet)", (region) => {
        const stage = child(d.kit, "aws:apigatewayv2/stage:Stage", region, "stage");
        for (const role of ["health-route", "items-put-route", "items-delete-route"]) {
            expect([role, stage.dependsOn.includes(child(d.kit, ROUTE, region, role).urn)]).toEqual([role, true]);
        }
    });

    test.each(REGIONS)("%s: the API's execute-api ARN is an output, for callers' execute-api:Invoke policies", async (region) => {
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        // Built from the account like the invoke permission's: the provider's executionArn has an empty account.
        expect(await d.kit.unwrap(d.services[region]!.apiArn)).toBe(`arn:aws:execute-api:${region}:123456789012:${api.id}`);
    });
});

describe("JWT auth", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy(JWT_WITH_CANARY);
    });

    test.each(REGIONS)("%s: the authorizer checks issuer and audience; reads need the read scope, writes the write scope; health stays open", (region) => {
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        const authorizer = child(d.kit, "aws:apigatewayv2/authorizer:Authorizer", region, "jwt");
        expect(authorizer.inputs).toEqual({
            apiId: api.id,
            authorizerType: "JWT",
            identitySources: ["$request.header.Authorization"],
            jwtConfiguration: { issuer: JWT_AUTH.issuer, audiences: JWT_AUTH.audience },
            name: "orders-jwt",
        });
        const alias = child(d.kit, "aws:lambda/alias:Alias", region, "live");
        const target = `integrations/${child(d.kit, "aws:apigatewayv2/integration:Integration", region, "integration").id}`;
        const jwt = (routeKey: string, scope: string) => ({ apiId: api.id, routeKey, authorizationType: "JWT", authorizerId: authorizer.id, authorizationScopes: [scope], target });
        expect(child(d.kit, ROUTE, region, "items-route").inputs).toEqual(jwt("GET /items/{id}", "items:read"));
        expect(child(d.kit, ROUTE, region, "items-put-route").inputs).toEqual(jwt("PUT /items/{id}", "items:write"));
        expect(child(d.kit, ROUTE, region, "items-delete-route").inputs).toEqual(jwt("DELETE /items/{id}", "items:write"));
        const healthTarget = `integrations/${child(d.kit, "aws:apigatewayv2/integration:Integration", region, "health-integration").id}`;
        expect(child(d.kit, ROUTE, region, "health-route").inputs).toEqual({ apiId: api.id, routeKey: "GET /health", authorizationType: "NONE", target: healthTarget });
        expect(child(d.kit, "aws:apigatewayv2/integration:Integration", region, "integration").inputs.integrationUri).toBe(alias.outputs.arn);
        expect(child(d.kit, "aws:apigatewayv2/stage:Stage", region, "stage").inputs.routeSettings).toEqual(ROUTE_SETTINGS);
    });
});

describe("JWT auth with the scopes and throttles of the caller's choosing", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy({
            lambda: {
                auth: { type: "jwt", issuer: "https://login.example.org/tenant", audience: ["api://orders", "orders-cli"], scopes: { read: "orders/read", write: "orders/write" } },
                writeThrottle: { rateLimit: 20, burstLimit: 40 },
                healthThrottle: { rateLimit: 5, burstLimit: 10 },
            },
        });
    });

    test.each(REGIONS)("%s: each route carries its scope and the stage its throttles", (region) => {
        expect(child(d.kit, "aws:apigatewayv2/authorizer:Authorizer", region, "jwt").inputs.jwtConfiguration).toEqual({
            issuer: "https://login.example.org/tenant",
            audiences: ["api://orders", "orders-cli"],
        });
        expect(child(d.kit, ROUTE, region, "items-route").inputs.authorizationScopes).toEqual(["orders/read"]);
        expect(child(d.kit, ROUTE, region, "items-put-route").inputs.authorizationScopes).toEqual(["orders/write"]);
        expect(child(d.kit, ROUTE, region, "items-delete-route").inputs.authorizationScopes).toEqual(["orders/write"]);
        expect(child(d.kit, "aws:apigatewayv2/stage:Stage", region, "stage").inputs.routeSettings).toEqual([
            { routeKey: "PUT /items/{id}", throttlingRateLimit: 20 * WORST_CASE, throttlingBurstLimit: 40 * WORST_CASE },
            { routeKey: "DELETE /items/{id}", throttlingRateLimit: 20 * WORST_CASE, throttlingBurstLimit: 40 * WORST_CASE },
            { routeKey: "GET /health", throttlingRateLimit: 5, throttlingBurstLimit: 10 },
        ]);
    });
});
