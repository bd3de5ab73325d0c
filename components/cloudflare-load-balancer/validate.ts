/** CloudflareLoadBalancer's checks of its args: pure, every problem at once, worded with the arg paths. */
import { isDefaultExecuteApiHost, listedTwice, Problem, problem } from "../../packages/aws-facts";
import { CLOUDFLARE_REGION_CODES, cloudflareSettingsErrors, DEFAULT_CLOUDFLARE_PLAN, DEFAULT_CLOUDFLARE_SETTINGS } from "../../packages/failover-model";
import { CLOUDFLARE_REGIONS, cloudflareRegionOf } from "../cloudflare-regions";
import { modelSettingsProblems, regionsAndDrainProblems } from "../traffic-checks";
import type { CloudflareLoadBalancerArgs } from "./args";

/** Every problem with the args, worded with the offending value; empty when fine. */
export function validateCloudflareLoadBalancerArgs(args: CloudflareLoadBalancerArgs): Problem[] {
    const regions = args.regions.map((r) => r.region);
    const settings = args.settings ?? DEFAULT_CLOUDFLARE_SETTINGS;
    return [
        ...regionsAndDrainProblems(regions, args.drain ?? []),
        ...placementProblems(regions),
        ...originProblems(args),
        ...checkRegionProblems(args.checkRegions),
        ...modelSettingsProblems("settings", cloudflareSettingsErrors(settings, args.plan ?? DEFAULT_CLOUDFLARE_PLAN), "resolveCloudflare"),
        ...steeringProblems(args, regions, settings.proxied),
    ];
}

/**
 * least_* steering counts requests or connections at Cloudflare's proxy: "can be configured for DNS-only load
 * balancers, but is only supported in a no-operation, dummy form" (Cloudflare, Least Outstanding Requests steering,
 * Limitations). Pool weights are 0-1 (random_steering.pool_weights); the primary is one of the regions.
 */
function steeringProblems(args: CloudflareLoadBalancerArgs, regions: readonly string[], proxied: boolean): Problem[] {
    const out: Problem[] = [];
    if ((args.steering === "least_outstanding_requests" || args.steering === "least_connections") && !proxied) {
        out.push(problem("steering", args.steering, "needs a proxied load balancer (DNS-only ones count no requests)", "settings.proxied true, or another steering", "steering-proxied"));
    }
    for (const [r, w] of Object.entries(args.poolWeights ?? {})) {
        if (!regions.includes(r)) out.push(problem(`poolWeights.${r}`, w, "is not one of the regions", regions.join(", "), "pool-weight-region"));
        else if (!(w >= 0 && w <= 1)) out.push(problem(`poolWeights.${r}`, w, "is out of range", "0 to 1", "pool-weight-range"));
    }
    if (args.primary !== undefined && !regions.includes(args.primary)) out.push(problem("primary", args.primary, "is not one of the regions", regions.join(", "), "primary-region"));
    return out;
}

/** Every region needs a Cloudflare placement (its pool's coordinates and geo region). */
function placementProblems(regions: readonly string[]): Problem[] {
    const known = Object.keys(CLOUDFLARE_REGIONS).join(", ");
    return regions.flatMap((r, i) =>
        cloudflareRegionOf(r) ? [] : [problem(`regions[${i}]`, r, "has no Cloudflare region mapping", `an AWS region (${known})`, "cloudflare-region")],
    );
}

/** An origin is the custom domain's target, never the default execute-api endpoint (which has no custom domain). */
function originProblems(args: CloudflareLoadBalancerArgs): Problem[] {
    return args.regions.flatMap((r, i) =>
        typeof r.hostname === "string" && isDefaultExecuteApiHost(r.hostname)
            ? [problem(`regions[${i}].hostname`, r.hostname, "is the API's default execute-api endpoint, which bypasses the custom domain", "the regional custom domain's target (d-<id>.execute-api.<region>.amazonaws.com)", "origin-default-endpoint")]
            : [],
    );
}

function checkRegionProblems(checkRegions: readonly string[] | undefined): Problem[] {
    if (checkRegions === undefined) return [];
    const codes: readonly string[] = CLOUDFLARE_REGION_CODES;
    const problems: Problem[] = checkRegions.length === 0 ? [problem("checkRegions", checkRegions, "probes from nowhere", "at least one Cloudflare region", "check-regions-empty")] : [];
    checkRegions.forEach((c, i) => {
        if (!codes.includes(c)) problems.push(problem(`checkRegions[${i}]`, c, "is not a Cloudflare region", codes.join(", "), "check-region-unknown"));
    });
    return [...problems, ...listedTwice(checkRegions, "checkRegions", "each region once")];
}
