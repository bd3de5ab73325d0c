/**
 * active-active-min-regions
 *
 * Requires: the stack spans at least `minRegions` regions (pack config; 2 by default, 3 for prod), counting every
 * region that holds a replica, a regional service, a health check, a latency record or a pool.
 * Why: two regions survive the loss of one, but during that loss the survivor carries everything with no spare;
 * production keeps a third so that one failure still leaves an active-active pair.
 * Severity: critical.
 * https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 */
import { stackRule } from "../../lib/policy";
import { isActiveActive, topology } from "../../lib/topology";

export interface MinRegionsConfig {
    minRegions: number;
}

export const minRegions = stackRule<MinRegionsConfig>({
    name: "active-active-min-regions",
    description: "The stack runs in at least the configured number of regions.",
    severity: "critical",
    url: "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
    remediationSteps: "Add regions to active-active:regions.",
    configSchema: {
        properties: {
            minRegions: { type: "integer", minimum: 1, maximum: 30, default: 2, description: "Fewest regions the stack may run in." },
        },
    },
    validate: ({ resources, config }, report, notApplicable) => {
        const t = topology(resources);
        if (!isActiveActive(t)) notApplicable("no active-active resources (table, function, health check, record or pool)");
        const n = t.regions.length;
        if (n < config.minRegions) {
            report(`the stack spans ${n} region${n === 1 ? "" : "s"} (${t.regions.join(", ") || "none"}); allowed: at least ${config.minRegions} (pack config minRegions)`);
        }
    },
});
