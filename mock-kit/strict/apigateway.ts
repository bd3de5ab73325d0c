/**
 * API Gateway v2 (HTTP APIs): CreateDomainName for `aws.apigatewayv2.DomainName` (the regional custom domain),
 * CreateAuthorizer, CreateRoute and CreateStage's route settings.
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/domainnames.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages.html
 */
import { certificateCovers } from "./acm";
import { Problems, ResourceRule, dnsNameProblem, list, parseArn } from "./common";

function badRequest(message: string): string {
    return `BadRequestException: ${message}`;
}

const domainName: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const p = new Problems("BadRequestException");
        const domain = i.domainName;
        const bad = typeof domain === "string" ? dnsNameProblem(domain) : undefined;
        if (bad) p.add(badRequest(`Invalid domain name ${domain}: it ${bad}`));

        const cfg = i.domainNameConfiguration ?? {};
        if (cfg.endpointType !== undefined && cfg.endpointType !== "REGIONAL") {
            p.add(badRequest(`Endpoint type ${cfg.endpointType} is not supported for this API's domain names; use REGIONAL`));
        }
        // HTTP APIs only speak TLS 1.2; TLS_1_0 is accepted for REST APIs only.
        if (cfg.securityPolicy !== undefined && cfg.securityPolicy !== "TLS_1_2") {
            p.add(badRequest(`Security policy ${cfg.securityPolicy} is not supported for HTTP APIs; use TLS_1_2`));
        }
        const certArn = cfg.certificateArn;
        const arn = parseArn(certArn);
        if (typeof certArn === "string" && arn?.service !== "acm") {
            p.add(badRequest(`Invalid certificate ARN: ${certArn}; a domain name needs an ACM certificate`));
        } else if (arn && r.region && arn.region !== r.region) {
            p.add(badRequest(`Certificate ${certArn} is in ${arn.region}; a REGIONAL domain name in ${r.region} needs an ACM certificate in ${r.region}`));
        }
        const cert = typeof certArn === "string" ? s.certificates.get(certArn) : undefined;
        if (cert && typeof domain === "string" && !certificateCovers(cert.names, domain)) {
            p.add(badRequest("The domain name to be created is not covered by the provided certificate."));
        }
        return p.list();
    },
};

/**
 * CreateAuthorizer: a JWT authorizer needs `JwtConfiguration` with `Issuer` and `Audience` ("Required for the JWT
 * authorizer type"; Issuer is a URI of 1-2048 characters) and one `IdentitySource`, a header or query string
 * selection ("For JWT, a single entry ... Currently only header-based and query parameter-based selections are
 * supported"). HTTP APIs take the authorizer types JWT and REQUEST; a name is 1-128 characters.
 */
const authorizer: ResourceRule = {
    check(r) {
        const i = r.inputs;
        const p = new Problems("BadRequestException");
        p.length("name", i.name, 1, 128);
        const type = i.authorizerType;
        if (typeof type === "string" && type !== "JWT" && type !== "REQUEST") {
            p.add(badRequest(`AuthorizerType ${type} is not supported for HTTP APIs; use JWT or REQUEST`));
        }
        if (type !== "JWT") return p.list();
        if (r.absent("jwtConfiguration")) {
            p.add(badRequest("JwtConfiguration (Issuer and Audience) is required for the JWT authorizer type"));
        } else {
            const jwt = i.jwtConfiguration ?? {};
            if (r.absent("jwtConfiguration.issuer") || jwt.issuer === "") p.add(badRequest("JwtConfiguration.Issuer is required for the JWT authorizer type"));
            else p.length("jwtConfiguration.issuer", jwt.issuer, 1, 2048);
            if (r.absent("jwtConfiguration.audiences") || (Array.isArray(jwt.audiences) && jwt.audiences.length === 0)) {
                p.add(badRequest("JwtConfiguration.Audience is required for the JWT authorizer type"));
            }
        }
        if (r.absent("identitySources")) {
            p.add(badRequest("IdentitySource is required for the JWT authorizer type: one header or query string selection"));
        } else {
            const sources = list<string>(i.identitySources);
            const selection = /^\$request\.(header|querystring)\.[^.\s]+$/;
            if (Array.isArray(i.identitySources) && (sources.length !== 1 || !sources.every((x) => selection.test(x)))) {
                p.add(badRequest("IdentitySource of a JWT authorizer must be exactly one header or query string selection, e.g. $request.header.Authorization"));
            }
        }
        return p.list();
    },
};

const ROUTE_KEY = /^(\$default|(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*)$/;
const HTTP_AUTHORIZATION_TYPES = ["NONE", "JWT", "AWS_IAM", "CUSTOM"];

/**
 * CreateRoute: HTTP APIs take authorization types NONE, JWT, AWS_IAM and CUSTOM; JWT and CUSTOM name an authorizer
 * ("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid
 * authorizer.", hashicorp/terraform-provider-aws#17497); authorization scopes only with JWT ("Authorization Scopes are
 * only valid for COGNITO_USER_POOLS and JWT authorization types", aws/aws-cdk#27576); one route per key and API.
 */
const route: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const p = new Problems("BadRequestException");
        const key = i.routeKey;
        if (typeof key === "string" && !ROUTE_KEY.test(key)) p.add(badRequest(`Invalid route key ${key}: use $default or <METHOD> </path>`));
        const type = r.absent("authorizationType") ? "NONE" : i.authorizationType;
        if (typeof type === "string" && !HTTP_AUTHORIZATION_TYPES.includes(type)) {
            p.add(badRequest(`AuthorizationType ${type} is not supported for HTTP APIs; use NONE, JWT, AWS_IAM or CUSTOM`));
        }
        if ((type === "JWT" || type === "CUSTOM") && r.absent("authorizerId")) {
            p.add(badRequest(`Invalid authorizer ID specified. Setting the authorization type to ${type} requires a valid authorizer.`));
        }
        if (typeof type === "string" && HTTP_AUTHORIZATION_TYPES.includes(type) && type !== "JWT" && list(i.authorizationScopes).length > 0) {
            p.add(badRequest("Invalid Route authorization type specified. Authorization Scopes are only valid for COGNITO_USER_POOLS and JWT authorization types"));
        }
        const problems = p.list();
        if (typeof key === "string" && typeof i.apiId === "string" && s.apiRoutes.get(i.apiId)?.has(key)) {
            problems.push(`ConflictException: Route with key ${key} already exists for this API`);
        }
        return problems;
    },
    remember(r, s) {
        const { apiId, routeKey } = r.inputs;
        if (typeof apiId !== "string" || typeof routeKey !== "string") return;
        s.apiRoutes.set(apiId, new Set([...(s.apiRoutes.get(apiId) ?? []), routeKey]));
    },
};

/**
 * CreateStage: route settings name routes of the API that exist already ("NotFoundException: Unable to find Route by
 * key GET /some-route within the provided RouteSettings", terraform-aws-modules/terraform-aws-apigateway-v2#80), so a
 * stage with route settings must be created after its routes.
 */
const stage: ResourceRule = {
    check(r, s) {
        const apiId = r.inputs.apiId;
        if (typeof apiId !== "string") return [];
        const routes = s.apiRoutes.get(apiId) ?? new Set<string>();
        return list<{ routeKey?: unknown }>(r.inputs.routeSettings)
            .map((setting) => setting.routeKey)
            .filter((key): key is string => typeof key === "string" && !routes.has(key))
            .map((key) => `NotFoundException: Unable to find Route by key ${key} within the provided RouteSettings`);
    },
};

export const APIGATEWAY_RULES: Record<string, ResourceRule> = {
    "aws:apigatewayv2/domainName:DomainName": domainName,
    "aws:apigatewayv2/authorizer:Authorizer": authorizer,
    "aws:apigatewayv2/route:Route": route,
    "aws:apigatewayv2/stage:Stage": stage,
};
