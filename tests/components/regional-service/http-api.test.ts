import { child, deploy, Deployed, JWT_WITH_CANARY, REGIONS } from "../../fixtures/regional-service";

describe("lambda mode, IAM auth", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy();
    });

    test.each(REGIONS)("%s: HTTP API routes, integration, stage and invoke permission", (region) => {
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
        });
        expect(child(d.kit, "aws:apigatewayv2/route:Route", region, "items-route").inputs).toEqual({
            apiId: api.id,
            routeKey: "ANY /items/{id}",
            authorizationType: "AWS_IAM",
            target,
        });
        const stage = child(d.kit, "aws:apigatewayv2/stage:Stage", region, "stage");
        const { accessLogSettings, ...stageInputs } = stage.inputs;
        expect(stageInputs).toEqual({
            apiId: api.id,
            name: "$default",
            autoDeploy: true,
            // The even share's 500 / 1000, doubled for the worst single-region failure.
            defaultRouteSettings: { throttlingRateLimit: 1000, throttlingBurstLimit: 2000 },
            tags: { env: "test" },
        });
        expect(accessLogSettings.destinationArn).toBe(child(d.kit, "aws:cloudwatch/logGroup:LogGroup", region, "access-logs").outputs.arn);
        expect(Object.keys(JSON.parse(accessLogSettings.format))).toContain("requestId");
        expect(child(d.kit, "aws:lambda/permission:Permission", region, "invoke").inputs).toEqual({
            function: fn.outputs.name,
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            // Built from the account, not the provider's executionArn (empty account with skipRequestingAccountId).
            sourceArn: `arn:aws:execute-api:${region}:123456789012:${api.id}/*/*`,
        });
    });
});

describe("JWT auth", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy(JWT_WITH_CANARY);
    });

    test.each(REGIONS)("%s: writes sit behind the JWT authorizer; health stays open", (region) => {
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        const authorizer = child(d.kit, "aws:apigatewayv2/authorizer:Authorizer", region, "jwt");
        expect(authorizer.inputs).toEqual({
            apiId: api.id,
            authorizerType: "JWT",
            identitySources: ["$request.header.Authorization"],
            jwtConfiguration: { issuer: "https://id.example.com/", audiences: ["orders-api"] },
            name: "orders-jwt",
        });
        const items = child(d.kit, "aws:apigatewayv2/route:Route", region, "items-route").inputs;
        expect([items.routeKey, items.authorizationType, items.authorizerId]).toEqual(["ANY /items/{id}", "JWT", authorizer.id]);
        expect(child(d.kit, "aws:apigatewayv2/route:Route", region, "health-route").inputs.authorizationType).toBe("NONE");
    });
});
