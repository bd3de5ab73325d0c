/**
 * cloudflare-load-balancer-pool-has-monitor
 *
 * Requires: every load balancer pool has a `monitor` (or `monitorGroup`), so that no origin goes without a health
 * check.
 * Why: Cloudflare treats origins of an unmonitored pool as always healthy: a failed region keeps its share of the
 * traffic and nothing fails over.
 * Severity: critical.
 * https://developers.cloudflare.com/load-balancing/monitors/
 */
import { resourceRule } from "../../lib/policy";
import { asList, isUnknown, str } from "../../lib/values";

export const poolHasMonitor = resourceRule({
    name: "cloudflare-load-balancer-pool-has-monitor",
    description: "Cloudflare load balancer pools have a monitor: no origin without health checks.",
    severity: "critical",
    url: "https://developers.cloudflare.com/load-balancing/monitors/",
    remediationSteps: "Set monitor to the id of a cloudflare.LoadBalancerMonitor.",
    types: ["cloudflare:index/loadBalancerPool:LoadBalancerPool"],
    validate: ({ props }, report) => {
        if (isUnknown(props.monitor) || isUnknown(props.monitorGroup)) return;
        if (str(props.monitor) || str(props.monitorGroup)) return;
        const origins = isUnknown(props.origins) ? [] : asList(props.origins as Record<string, unknown>[]);
        const names = origins.map((o) => `"${str(o?.name) ?? str(o?.address) ?? "?"}"`).join(", ");
        const one = origins.length === 1;
        report(`monitor is unset, so ${one ? "origin" : "origins"} ${names || "(none)"} ${one ? "is" : "are"} never health checked; allowed: the id of a load balancer monitor`);
    },
});
