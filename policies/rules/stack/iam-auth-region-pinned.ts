/**
 * active-active-iam-auth-region-pinned
 *
 * Requires: no HTTP API route uses `AWS_IAM` while the stack routes one shared name across regions (Route 53
 * latency records or a Cloudflare load balancer).
 * Why: a SigV4 signature is scoped to one region ("Credential should be scoped to a valid region"); API Gateway does
 * not take SigV4a. On a name that latency routing or a failover moves between regions, a request signed for one region
 * fails in another, exactly when a region fails, while the health checks stay green. IAM auth works only for clients
 * that call each region by its region-pinned name and sign for that region; JWT works on every name.
 * Severity: medium. Advisory in every environment: IAM is an explicit choice, right for region-aware clients.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { stackRule } from "../../lib/policy";
import { topology } from "../../lib/topology";
import { str } from "../../lib/values";

const ROUTE = "aws:apigatewayv2/route:Route";

export const iamAuthRegionPinned = stackRule({
    name: "active-active-iam-auth-region-pinned",
    description: "No AWS_IAM route behind a name routed across regions: a SigV4 signature names one region.",
    severity: "medium",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html",
    remediationSteps: 'Use JWT auth (active-active:service.auth {"type": "jwt", ...}), or keep IAM and have every client call and sign for the region-pinned names only.',
    validate: ({ resources }, report, notApplicable) => {
        const t = topology(resources);
        if (!t.traffic) notApplicable("no name is routed across regions");
        const routedName =
            t.traffic === "route53"
                ? str([...t.records.values()].flat()[0]?.props.name)
                : str(t.loadBalancers[0]?.props.name);
        const layer = t.traffic === "route53" ? "Route 53 latency records" : "a Cloudflare load balancer";
        const iamRoutes = resources.filter((r) => r.type === ROUTE && str(r.props.authorizationType) === "AWS_IAM");
        const byRegion = new Map<string, typeof iamRoutes>();
        for (const r of iamRoutes) {
            const region = typeof r.region === "string" ? r.region : "<unknown region>";
            byRegion.set(region, [...(byRegion.get(region) ?? []), r]);
        }
        for (const [region, routes] of [...byRegion].sort(([a], [b]) => a.localeCompare(b))) {
            const keys = routes.map((r) => str(r.props.routeKey) ?? "?").join(", ");
            report(
                `routes ${keys} in ${region} use AWS_IAM while ${routedName ?? "the service name"} is routed across regions by ${layer}: ` +
                    "a SigV4 signature names one region, so a request signed for one region fails in another after latency routing or a failover moves it; " +
                    'allowed: JWT auth (service.auth {"type": "jwt", ...}), or IAM with clients that call and sign for the region-pinned names only',
                routes[0]!.urn,
            );
        }
    },
});
