/**
 * The HTTP API in front of the function: the integration, the JWT authorizer (with `auth.type: "jwt"`), a route per
 * item method and the health route, the `$default` stage with throttling (the stage's default, the write routes'
 * own lower limit, the health route's own) and access logs, and API Gateway's permission to invoke.
 *
 * Authorization (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html): a JWT
 * authorizer checks the token's signature against the issuer's published keys, `iss`, `aud` (or `client_id`),
 * `exp`, `nbf`, `iat`, and that its `scope`/`scp` holds one of the route's `authorizationScopes`. Reads need the
 * read scope, writes the write scope; with scopes on the routes, ID tokens (which carry no scopes) are refused.
 * `AWS_IAM` routes take SigV4, whose signature names one region: only clients of the region-pinned names can use it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { API_GATEWAY_MAX_INTEGRATION_TIMEOUT_MS } from "../../packages/aws-facts";
import type { RegionGatedOptions } from "../provider-region";
import { authScopes, type LambdaService, type Throttle } from "./args";

export const STAGE_NAME = "$default";

/**
 * One JSON line per request: enough to trace a request to its Lambda invocation, its authorizer and its caller.
 * The caller is the JWT's `sub` claim or the IAM caller's ARN and account (HTTP API access log variables:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html); never a header,
 * so never the token itself.
 */
const ACCESS_LOG_FORMAT = JSON.stringify({
    requestId: "$context.requestId",
    ip: "$context.identity.sourceIp",
    callerSub: "$context.authorizer.claims.sub",
    callerArn: "$context.identity.userArn",
    callerAccount: "$context.identity.accountId",
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
    /** This region's account: the invoke permissions hold only for APIs of this account (aws:SourceAccount). */
    account: pulumi.Output<string>;
}

export interface HttpApiResources {
    api: aws.apigatewayv2.Api;
    stage: aws.apigatewayv2.Stage;
    /** The API's execute-api ARN (see `executionArn`). */
    executionArn: pulumi.Output<string>;
}

export const HEALTH_ROUTE = "GET /health";
/**
 * The item routes: the logical name's role and the scope. The read route keeps the name the single `ANY` route had,
 * so an upgrade changes its route key in place (terraform-provider-aws `apigatewayv2/route.go`: `route_key` is not
 * ForceNew; UpdateRoute sends the new key) and adds the write routes.
 */
export const ITEM_ROUTES = [
    { role: "items-route", routeKey: "GET /items/{id}", scope: "read" },
    { role: "items-put-route", routeKey: "PUT /items/{id}", scope: "write" },
    { role: "items-delete-route", routeKey: "DELETE /items/{id}", scope: "write" },
] as const;

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
    const routes = createRoutes(s, o, api, { items: integration, health: healthIntegration }, authorizer);
    const stage = createStage(s, o, api, accessLogs, routes);
    const arn = executionArn(s, inputs, api);
    const sourceArn = pulumi.interpolate`${arn}/*/*`;
    new aws.lambda.Permission(
        `${s.name}-invoke`,
        {
            function: fn.name,
            qualifier: alias ? alias.name : undefined,
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            sourceArn,
            sourceAccount: inputs.account,
        },
        o.opts,
    );
    new aws.lambda.Permission(
        `${s.name}-health-invoke`,
        { function: healthFn.name, action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", sourceArn, sourceAccount: inputs.account },
        o.opts,
    );
    return { api, stage, executionArn: arn };
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
): aws.apigatewayv2.Route[] {
    const target = pulumi.interpolate`integrations/${integrations.items.id}`;
    const health = new aws.apigatewayv2.Route(
        `${s.name}-health-route`,
        // Route 53 and Cloudflare health checkers carry no credentials; the health function answers.
        { apiId: api.id, routeKey: HEALTH_ROUTE, authorizationType: "NONE", target: pulumi.interpolate`integrations/${integrations.health.id}` },
        o.opts,
    );
    const auth = s.settings.auth;
    const items = ITEM_ROUTES.map(({ role, routeKey, scope }) => {
        const access =
            authorizer && auth.type === "jwt"
                ? { authorizationType: "JWT", authorizerId: authorizer.id, authorizationScopes: [authScopes(auth)[scope]] }
                : { authorizationType: "AWS_IAM" };
        return new aws.apigatewayv2.Route(`${s.name}-${role}`, { apiId: api.id, routeKey, ...access, target }, o.opts);
    });
    return [health, ...items];
}

/** Rounds up, ignoring floating-point noise below a millionth. */
function roundUp(value: number): number {
    return Math.ceil(Math.round(value * 1e6) / 1e6);
}

/**
 * The write routes' throttle for this region: `writeThrottle` is given at an even share, like `throttle`, and scaled
 * by the same worst case the stage's default is (`s.sizing`: the region's own load plus its largest neighbour's), so
 * a survivor of a region failure takes the failed region's writes too. The health route's is not scaled: checkers
 * call at the same rate whatever the traffic.
 */
function writeLimits(s: LambdaService): Throttle {
    const { throttle, writeThrottle } = s.settings;
    return {
        rateLimit: roundUp((writeThrottle.rateLimit * s.sizing.throttle.rateLimit) / throttle.rateLimit),
        burstLimit: roundUp((writeThrottle.burstLimit * s.sizing.throttle.burstLimit) / throttle.burstLimit),
    };
}

/**
 * Route settings replace the stage's defaults for their route (both limits are given). API Gateway refuses settings
 * for a route that does not exist yet ("NotFoundException: Unable to find Route by key ... within the provided
 * RouteSettings", terraform-aws-modules/terraform-aws-apigateway-v2#80), so the stage waits for the routes.
 */
function routeSettings(s: LambdaService): aws.types.input.apigatewayv2.StageRouteSetting[] {
    const limits = (t: Throttle) => ({ throttlingRateLimit: t.rateLimit, throttlingBurstLimit: t.burstLimit });
    return [
        ...ITEM_ROUTES.filter((r) => r.scope === "write").map((r) => ({ routeKey: r.routeKey, ...limits(writeLimits(s)) })),
        { routeKey: HEALTH_ROUTE, ...limits(s.settings.healthThrottle) },
    ];
}

function createStage(
    s: LambdaService,
    o: RegionGatedOptions,
    api: aws.apigatewayv2.Api,
    accessLogs: aws.cloudwatch.LogGroup,
    routes: aws.apigatewayv2.Route[],
): aws.apigatewayv2.Stage {
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
            routeSettings: routeSettings(s),
            accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
            tags: s.tags,
        },
        o.after(...routes),
    );
}
