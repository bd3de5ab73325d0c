/**
 * active-active-drain-keeps-serving-regions
 *
 * Requires: when regions are drained, at least `minServingRegions` (pack config, default 2) regions still serve.
 * A region is drained when its Route 53 gate check needs more healthy children than it has
 * (`childHealthThreshold` above the number of `childHealthchecks`, so it is never healthy) or its Cloudflare pool
 * is disabled (`enabled: false`); a region without a routing record or pool does not serve either.
 * Why: draining is for maintenance and incidents; with one region left serving, the next failure is an outage, and
 * with Route 53 every record unhealthy means answers for all of them, drained ones included.
 * Severity: critical.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html#health-checks-creating-values-calculated
 */
import { stackRule } from "../../lib/policy";
import { isDrainedGate, topology } from "../../lib/topology";

export interface DrainConfig {
    minServingRegions: number;
}

export const drainKeepsServingRegions = stackRule<DrainConfig>({
    name: "active-active-drain-keeps-serving-regions",
    description: "Draining regions leaves at least the configured number of regions serving.",
    severity: "critical",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html#health-checks-creating-values-calculated",
    remediationSteps: "Undrain a region (remove it from active-active:drain) before draining another.",
    configSchema: {
        properties: {
            minServingRegions: { type: "integer", minimum: 1, default: 2, description: "Fewest regions that must keep serving while others are drained." },
        },
    },
    validate: ({ resources, config }, report, notApplicable) => {
        const t = topology(resources);
        if (!t.traffic) notApplicable("no traffic layer");
        const serving: string[] = [];
        const drained: string[] = [];
        for (const region of t.regions) {
            if (t.traffic === "route53") {
                if ((t.records.get(region) ?? []).length === 0) continue;
                const gates = t.gates.get(region) ?? [];
                if (gates.length === 0 || gates.some((g) => isDrainedGate(g) !== true)) serving.push(region);
                else drained.push(region);
            } else {
                const pools = t.pools.get(region) ?? [];
                if (pools.length === 0) continue;
                // An unknown `enabled` counts as serving: unknown is never a violation.
                if (pools.some((p) => p.props.enabled !== false)) serving.push(region);
                else drained.push(region);
            }
        }
        if (drained.length > 0 && serving.length < config.minServingRegions) {
            report(
                `${serving.length} region${serving.length === 1 ? "" : "s"} would serve (${serving.join(", ") || "none"}) with ${drained.join(", ")} drained; ` +
                    `allowed: at least ${config.minServingRegions} serving regions (pack config minServingRegions)`,
            );
        }
    },
});
