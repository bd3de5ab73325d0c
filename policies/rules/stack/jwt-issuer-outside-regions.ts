/**
 * active-active-jwt-issuer-outside-regions
 *
 * Requires: no JWT authorizer trusts an issuer hosted in one of the stack's regions (an Amazon Cognito user pool's
 * issuer names its region: `https://cognito-idp.<region>.amazonaws.com/<pool id>`).
 * Why: API Gateway in every region gets the issuer's signing keys from the issuer (its OIDC discovery document and key
 * set must stay reachable) and callers get their tokens there. An issuer in one of the stack's regions is a
 * single-region dependency of every region that fails together with that region, the failure the stack exists to
 * survive: tokens cannot be issued or refreshed, and authorizers that need the keys again refuse them.
 * Severity: medium. Advisory: the plan shows it; an issuer outside the stack's regions (or one replicated across
 * them) removes it, and a team may accept the dependency knowingly.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */
import { issuerRegion } from "@active-active/aws-facts";
import { stackRule } from "../../lib/policy";
import { topology } from "../../lib/topology";
import { str } from "../../lib/values";

const AUTHORIZER = "aws:apigatewayv2/authorizer:Authorizer";

export const jwtIssuerOutsideRegions = stackRule({
    name: "active-active-jwt-issuer-outside-regions",
    description: "The JWT issuer is not hosted in one of the stack's regions (a single-region dependency of every region).",
    severity: "medium",
    url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html",
    remediationSteps: "Use an issuer outside the stack's regions, or one your identity provider serves from several regions; or accept the dependency knowingly.",
    validate: ({ resources }, report, notApplicable) => {
        const authorizers = resources.filter((r) => r.type === AUTHORIZER && str(r.props.authorizerType) === "JWT");
        if (authorizers.length === 0) notApplicable("no JWT authorizer");
        const regions = topology(resources).regions;
        const reported = new Set<string>();
        for (const a of authorizers) {
            const issuer = str((a.props.jwtConfiguration as Record<string, unknown> | undefined)?.issuer);
            const region = issuer === undefined ? undefined : issuerRegion(issuer);
            if (issuer === undefined || region === undefined || !regions.includes(region) || reported.has(issuer)) continue;
            reported.add(issuer);
            report(
                `JWT issuer ${issuer} is hosted in ${region}, one of the stack's regions (${regions.join(", ")}): every region's authorizer depends on it, ` +
                    `so an outage of ${region} can stop sign-in and authorization in every region; allowed: an issuer outside the stack's regions or one served from several`,
                a.urn,
            );
        }
    },
});
