/**
 * The HTTP API in front of the function: the integration, the JWT authorizer (with `auth.type: "jwt"`), the two
 * routes, the `$default` stage with throttling and access logs, and API Gateway's permission to invoke.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { API_GATEWAY_MAX_INTEGRATION_TIMEOUT_MS } from "../../packages/aws-facts";
import type { RegionGatedOptions } from "../provider-region";
import type { LambdaService } from "./args";

export const STAGE_NAME = "$default";

/** One JSON line per request: enough to trace a request to its Lambda invocation and its authorizer. */
const ACCESS_LOG_FORMAT = JSON.stringify({
    requestId: "$context.requestId",
    ip: "$context.identity.sourceIp",
    requestTime: "$context.requestTimeEpoch",
    method: "$context.httpMethod",
    routeKey: "$context.routeKey",
    path: "$context.path",
    status: "$context.status",
    protocol: "$context.protocol",
    responseLength: "$context.responseLength",
    latencyMs: "$context.responseLatency",
    integrationLatencyMs: "$context.integrationLatency",
    integrationStatus: "$context.integrationStatus",
    integrationError: "$context.integrationErrorMessage",
    authorizerError: "$context.authorizer.error",
    domainName: "$context.domainName",
});

export interface HttpApiInputs {
    fn: aws.lambda.Function;
    /** The function of its own that answers `GET /health` (function.ts). */
    healthFn: aws.lambda.Function;
    /** The `live` alias with safe deployments: then the API invokes it instead of the function. */
    alias?: aws.lambda.Alias;
    accessLogs: aws.cloudwatch.LogGroup;
    partition: pulumi.Output<string>;
    account: pulumi.Output<string>;
}

export interface HttpApiResources {
    api: aws.apigatewayv2.Api;
    stage: aws.apigatewayv2.Stage;
}

/**
 * The API's execute-api ARN, built here: the provider builds `executionArn` from its own account id
 * (terraform-provider-aws apigatewayv2 `apiInvokeARN`: `RegionalARN(ctx, "execute-api", apiID)`), which is empty
 * with `skipRequestingAccountId` (providers.ts), and a permission on such an ARN would never match.
 */
export function executionArn(s: LambdaService, i: Pick<HttpApiInputs, "partition" | "account">, api: aws.apigatewayv2.Api): pulumi.Output<string> {
    return pulumi.interpolate`arn:${i.partition}:execute-api:${s.region}:${i.account}:${api.id}`;
}

export function createHttpApi(s: LambdaService, o: RegionGatedOptions, inputs: HttpApiInputs): HttpApiResources {
    const { fn, healthFn, alias, accessLogs } = inputs;
    const api = new aws.apigatewayv2.Api(
        `${s.name}-api`,
        { protocolType: "HTTP", description: `${s.settings.name} in ${s.region}`, tags: s.tags },
        o.opts,
    );
    const integration = createIntegration(s, o, api, alias ? alias.arn : fn.arn);
    const healthIntegration = createIntegration(s, o, api, healthFn.arn, "health-integration");
    const authorizer = createAuthorizer(s, o, api);
    createRoutes(s, o, api, { items: integration, health: healthIntegration }, authorizer);
    const stage = createStage(s, o, api, accessLogs);
    const sourceArn = pulumi.interpolate`${executionArn(s, inputs, api)}/*/*`;
    new aws.lambda.Permission(
        `${s.name}-invoke`,
        {
            function: fn.name,
            qualifier: alias ? alias.name : undefined,
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            sourceArn,
        },
        o.opts,
    );
    new aws.lambda.Permission(
        `${s.name}-health-invoke`,
        { function: healthFn.name, action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", sourceArn },
        o.opts,
    );
    return { api, stage };
}

function createIntegration(s: LambdaService, o: RegionGatedOptions, api: aws.apigatewayv2.Api, target: pulumi.Output<string>, role = "integration"): aws.apigatewayv2.Integration {
    return new aws.apigatewayv2.Integration(
        `${s.name}-${role}`,
        {
            apiId: api.id,
            integrationType: "AWS_PROXY",
            integrationMethod: "POST",
            integrationUri: target,
            payloadFormatVersion: "2.0",
            timeoutMilliseconds: Math.min(API_GATEWAY_MAX_INTEGRATION_TIMEOUT_MS, s.settings.timeoutSeconds * 1000),
        },
        o.opts,
    );
}

function createAuthorizer(s: LambdaService, o: RegionGatedOptions, api: aws.apigatewayv2.Api): aws.apigatewayv2.Authorizer | undefined {
    const auth = s.settings.auth;
    if (auth.type !== "jwt") return undefined;
    return new aws.apigatewayv2.Authorizer(
        `${s.name}-jwt`,
        {
            apiId: api.id,
            authorizerType: "JWT",
            identitySources: ["$request.header.Authorization"],
            jwtConfiguration: { issuer: auth.issuer, audiences: auth.audience },
            name: `${s.settings.name}-jwt`,
        },
        o.opts,
    );
}

function createRoutes(
    s: LambdaService,
    o: RegionGatedOptions,
    api: aws.apigatewayv2.Api,
    integrations: { items: aws.apigatewayv2.Integration; health: aws.apigatewayv2.Integration },
    authorizer: aws.apigatewayv2.Authorizer | undefined,
): void {
    const target = pulumi.interpolate`integrations/${integrations.items.id}`;
    new aws.apigatewayv2.Route(
        `${s.name}-health-route`,
        // Route 53 and Cloudflare health checkers carry no credentials; the health function answers.
        { apiId: api.id, routeKey: "GET /health", authorizationType: "NONE", target: pulumi.interpolate`integrations/${integrations.health.id}` },
        o.opts,
    );
    new aws.apigatewayv2.Route(
        `${s.name}-items-route`,
        authorizer
            ? { apiId: api.id, routeKey: "ANY /items/{id}", authorizationType: "JWT", authorizerId: authorizer.id, target }
            : { apiId: api.id, routeKey: "ANY /items/{id}", authorizationType: "AWS_IAM", target },
        o.opts,
    );
}

function createStage(s: LambdaService, o: RegionGatedOptions, api: aws.apigatewayv2.Api, accessLogs: aws.cloudwatch.LogGroup): aws.apigatewayv2.Stage {
    return new aws.apigatewayv2.Stage(
        `${s.name}-stage`,
        {
            apiId: api.id,
            name: STAGE_NAME,
            autoDeploy: true,
            // Sized like the function for the worst single-region failure (s.sizing), not the even share.
            defaultRouteSettings: {
                throttlingRateLimit: s.sizing.throttle.rateLimit,
                throttlingBurstLimit: s.sizing.throttle.burstLimit,
            },
            accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
            tags: s.tags,
        },
        o.opts,
    );
}
