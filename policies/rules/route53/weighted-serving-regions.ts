/**
 * active-active-weighted-serving-regions
 *
 * Requires: every weighted record set sends traffic (weight above 0) to at least `minServingRegions` (pack config,
 * default 2) regions.
 * Why: a region at weight 0 takes traffic only when every other record is unhealthy, so weights that leave one
 * region serving put every user in one region: its failure is a full failover under load, not a share moving.
 * Draining belongs to the gate (active-active:drain), not to the weights. Severity: high.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-weighted.html
 */
import { stackRule } from "../../lib/policy";
import { recordSets } from "../../lib/record-sets";
import { asList, num, str } from "../../lib/values";

export interface WeightedConfig {
    minServingRegions: number;
}

export const weightedServingRegions = stackRule<WeightedConfig>({
    name: "active-active-weighted-serving-regions",
    description: "Weighted records send traffic to at least the configured number of regions.",
    severity: "high",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-weighted.html",
    remediationSteps: "Give at least two regions a weight above 0 in active-active:routing.weights; drain with active-active:drain.",
    configSchema: {
        properties: {
            minServingRegions: { type: "integer", minimum: 1, default: 2, description: "Fewest regions with a weight above 0." },
        },
    },
    validate: ({ resources, config }, report, notApplicable) => {
        const sets = recordSets(resources, "weightedRoutingPolicies");
        if (sets.size === 0) notApplicable("no weighted records");
        for (const [key, records] of sets) {
            const weight = (r: (typeof records)[number]) => num(asList(r.props.weightedRoutingPolicies as Record<string, unknown>[])[0]?.weight);
            // An unknown weight (preview) counts as serving: unknown is never a violation.
            const serving = records.filter((r) => weight(r) !== 0).map((r) => str(r.props.setIdentifier) ?? r.name);
            if (serving.length < config.minServingRegions) {
                report(`weighted record set ${key} sends traffic to ${serving.length} region${serving.length === 1 ? "" : "s"} (${serving.join(", ") || "none"}); allowed: a weight above 0 in at least ${config.minServingRegions} regions (pack config minServingRegions)`, records[0]!.urn);
            }
        }
    },
});
