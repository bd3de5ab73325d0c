/**
 * active-active-standby-warm
 *
 * Requires: with failover records (active-passive), every standby region's service keeps reserved concurrency and
 * provisioned (warm) concurrency of at least the primary's reserved concurrency (its sized peak).
 * Why: after a failover every user lands on a standby at once. Reserved concurrency below the primary's peak
 * throttles them; provisioned concurrency below it makes the rest cold starts, and Lambda adds at most 1,000
 * execution environments per function every 10 seconds (Lambda scaling behavior). Flagged in prod (advisory: a
 * cold standby is a cost choice, docs/traffic.md, "Standby sizing").
 * Severity: medium.
 * https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html
 */
import { stackRule } from "../../lib/policy";
import { routedRegion, topology, TYPES } from "../../lib/topology";
import { asList, num, str } from "../../lib/values";

const WARM = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";

export const standbyWarm = stackRule({
    name: "active-active-standby-warm",
    description: "An active-passive standby can take the primary's peak without throttling or cold starts.",
    severity: "medium",
    url: "https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html",
    remediationSteps: "Set active-active:routing.standbyWarmPercent to 100 (or accept the cold start and say so).",
    validate: ({ resources }, report, notApplicable) => {
        const primary = resources.find((r) => r.type === TYPES.record && str(asList(r.props.failoverRoutingPolicies as Record<string, unknown>[])[0]?.type) === "PRIMARY");
        if (!primary) notApplicable("no failover records");
        const t = topology(resources);
        const home = routedRegion(primary!, new Set(t.regions));
        if (!home) notApplicable("the primary record names no region of the stack");
        const reserved = (region: string) => num(t.functions.get(region)?.[0]?.props.reservedConcurrentExecutions);
        const peak = reserved(home!);
        if (peak === undefined) notApplicable("the primary's reserved concurrency is unknown");
        for (const region of t.regions.filter((r) => r !== home)) {
            const fn = t.functions.get(region)?.[0];
            const warm = resources.filter((r) => r.type === WARM && r.region === region).reduce((s, r) => s + (num(r.props.provisionedConcurrentExecutions) ?? 0), 0);
            const cap = reserved(region) ?? 0;
            if (cap < peak!) report(`standby ${region} reserves ${cap} concurrency, below the primary ${home}'s ${peak}: a failover throttles; allowed: at least ${peak}`, fn?.urn);
            else if (warm < peak!) report(`standby ${region} keeps ${warm} of the primary ${home}'s ${peak} warm: ${peak! - warm} concurrent requests start cold after a failover; allowed: provisioned concurrency of at least ${peak} (routing.standbyWarmPercent 100)`, fn?.urn);
        }
    },
});
