/**
 * active-active-standby-warm
 *
 * Requires: with failover records (active-passive), every standby region's service keeps reserved concurrency and
 * provisioned (warm) concurrency of at least the primary's reserved concurrency (its sized peak).
 * Why: after a failover every user lands on a standby at once. Reserved concurrency below the primary's peak
 * throttles them; provisioned concurrency below it makes the rest cold starts, and Lambda adds at most 1,000
 * execution environments per function every 10 seconds (Lambda scaling behavior). Flagged in prod (advisory: a
 * cold standby is a cost choice, docs/traffic.md, "Standby sizing").
 * In a fleet each failover service is read on its own: its PRIMARY record's name is the service's domain, whose
 * custom domains sit beside the service's function in each region (same component), and the warm pool beside it.
 * Severity: medium.
 * https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html
 */
import { stackRule, StackResource } from "../../lib/policy";
import { routedRegion, topology, Topology, TYPES } from "../../lib/topology";
import { asList, num, str } from "../../lib/values";

const isPrimary = (r: StackResource) => r.type === TYPES.record && str(asList(r.props.failoverRoutingPolicies as Record<string, unknown>[])[0]?.type) === "PRIMARY";
const beside = (a: StackResource, b: StackResource) => a.region === b.region && a.parent?.urn === b.parent?.urn;

/** A failover service by region: the function serving it (topology's, so not the health function) and its warm pool. */
function serviceByRegion(resources: StackResource[], functions: Topology["functions"], domain: string): Map<string, { fn: StackResource; warm: number }> {
    const out = new Map<string, { fn: StackResource; warm: number }>();
    for (const d of resources.filter((r) => r.type === TYPES.domainName && str(r.props.domainName) === domain)) {
        const region = str(d.region);
        if (!region) continue;
        const fn = functions.get(region)?.find((f) => beside(f, d));
        if (!fn) continue;
        const warm = resources.filter((r) => r.type === TYPES.provisionedConcurrency && beside(r, fn)).reduce((s, r) => s + (num(r.props.provisionedConcurrentExecutions) ?? 0), 0);
        out.set(region, { fn, warm });
    }
    return out;
}

export const standbyWarm = stackRule({
    name: "active-active-standby-warm",
    description: "An active-passive standby can take the primary's peak without throttling or cold starts.",
    severity: "medium",
    url: "https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html",
    remediationSteps: "Set active-active:routing.standbyWarmPercent to 100 (or accept the cold start and say so).",
    validate: ({ resources }, report, notApplicable) => {
        const primaries = resources.filter(isPrimary);
        if (primaries.length === 0) notApplicable("no failover records");
        const { functions } = topology(resources);
        let checked = 0;
        for (const primary of primaries) {
            const domain = str(primary.props.name)?.replace(/\.$/, "");
            const service = serviceByRegion(resources, functions, domain ?? "");
            const home = routedRegion(primary, new Set(service.keys()));
            const peak = home === undefined ? undefined : num(service.get(home)!.fn.props.reservedConcurrentExecutions);
            if (peak === undefined) continue;
            checked++;
            for (const [region, { fn, warm }] of [...service].filter(([r]) => r !== home).sort(([a], [b]) => a.localeCompare(b))) {
                const cap = num(fn.props.reservedConcurrentExecutions) ?? 0;
                if (cap < peak) report(`standby ${region} of ${domain} reserves ${cap} concurrency, below the primary ${home}'s ${peak}: a failover throttles; allowed: at least ${peak}`, fn.urn);
                else if (warm < peak) report(`standby ${region} of ${domain} keeps ${warm} of the primary ${home}'s ${peak} warm: ${peak - warm} concurrent requests start cold after a failover; allowed: provisioned concurrency of at least ${peak} (routing.standbyWarmPercent 100)`, fn.urn);
            }
        }
        if (checked === 0) notApplicable("no primary record leads to a service with known reserved concurrency");
    },
});
