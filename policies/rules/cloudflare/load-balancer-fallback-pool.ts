/**
 * cloudflare-load-balancer-fallback-pool
 *
 * Requires: a load balancer has a `fallbackPool` and at least one `defaultPools` entry.
 * Why: when every pool is unhealthy Cloudflare sends traffic to the fallback pool regardless of its health; with
 * none the load balancer has nowhere to send requests. An empty default pool list leaves nothing to steer between.
 * Severity: high.
 * https://developers.cloudflare.com/load-balancing/load-balancers/#fallback-pools
 */
import { resourceRule } from "../../lib/policy";
import { asList, isUnknown, str } from "../../lib/values";

export const loadBalancerFallbackPool = resourceRule({
    name: "cloudflare-load-balancer-fallback-pool",
    description: "Cloudflare load balancers have a fallback pool and default pools.",
    severity: "high",
    url: "https://developers.cloudflare.com/load-balancing/load-balancers/#fallback-pools",
    remediationSteps: "Set fallbackPool to a serving region's pool and defaultPools to every region's pool.",
    types: ["cloudflare:index/loadBalancer:LoadBalancer"],
    validate: ({ props }, report) => {
        if (!isUnknown(props.fallbackPool) && !str(props.fallbackPool)) {
            report("fallbackPool is unset; allowed: the id of a pool that serves when every pool is unhealthy");
        }
        if (!isUnknown(props.defaultPools) && asList(props.defaultPools as unknown[]).length === 0) {
            report("defaultPools is empty; allowed: the id of every region's pool");
        }
    },
});
