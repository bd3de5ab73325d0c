/**
 * aws-apigateway-route-authorized
 *
 * Requires: every HTTP API route (`aws.apigatewayv2.Route`) has an authorizer (`authorizationType` `JWT`,
 * `AWS_IAM` or `CUSTOM`), except the route keys the pack config lists as public (`publicRoutes`, by default
 * `GET /health`, which Route 53 and Cloudflare health checkers call without credentials); a `JWT` route also
 * names the `authorizationScopes` a token must carry.
 * Why: a route with `NONE` (or a `$default` / `ANY /{proxy+}` catch-all without one) answers anyone on the internet;
 * a JWT route without scopes accepts any unexpired token the issuer gives for the audience, whatever the caller
 * may do.
 * Severity: critical.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html
 */
import { resourceRule } from "../../lib/policy";
import { asList, isUnknown, setting, str } from "../../lib/values";

export interface RouteAuthConfig {
    publicRoutes: string[];
}

const AUTHORIZED = ["JWT", "AWS_IAM", "CUSTOM"];

export const routeAuthorized = resourceRule<RouteAuthConfig>({
    name: "aws-apigateway-route-authorized",
    description: "HTTP API routes require an authorizer (JWT routes with scopes), except the routes the pack lists as public.",
    severity: "critical",
    url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html",
    remediationSteps: 'Set authorizationType "JWT" with authorizerId and authorizationScopes (or "AWS_IAM"), or list the route key in the pack config\'s publicRoutes.',
    types: ["aws:apigatewayv2/route:Route"],
    configSchema: {
        properties: {
            publicRoutes: {
                type: "array",
                items: { type: "string" },
                default: ["GET /health"],
                description: "Route keys that may have no authorizer (health checks carry no credentials).",
            },
        },
    },
    validate: ({ props, config }, report) => {
        const key = props.routeKey;
        const type = props.authorizationType;
        if (isUnknown(key) || isUnknown(type)) return;
        const routeKey = str(key) ?? "<none>";
        const kind = str(type) ?? "NONE";
        if (!AUTHORIZED.includes(kind)) {
            if (config.publicRoutes.includes(routeKey)) return;
            report(`route "${routeKey}" has authorizationType ${setting(type)}; allowed: "JWT" (with authorizationScopes), "AWS_IAM" or "CUSTOM" (public routes: ${config.publicRoutes.join(", ") || "none"}, pack config publicRoutes)`);
            return;
        }
        const scopes = props.authorizationScopes;
        if (kind === "JWT" && !isUnknown(scopes) && asList(scopes as unknown[]).length === 0) {
            report(`route "${routeKey}" has a JWT authorizer without authorizationScopes (any token of the audience passes); allowed: the scopes the route needs, e.g. ["items:read"]`);
        }
    },
});
