/**
 * LatencyRouting's `policy` arg checked against Route 53's limits (aws-facts routing.ts) and the regions: the config
 * layer reports the same rules under its keys; a caller of the component gets them under the arg's path.
 */
import { Problem, problem, ROUTE53_GEOPROXIMITY_BIAS, ROUTE53_ROUTING_POLICIES, ROUTE53_WEIGHT } from "../../packages/aws-facts";
import { NEAREST, ResolvedRouting } from "../../packages/failover-model";

export function policyProblems(policy: ResolvedRouting | undefined, regions: readonly string[]): Problem[] {
    if (!policy) return [];
    const out: Problem[] = [];
    const known = (path: string, region: string) => {
        if (!regions.includes(region)) out.push(problem(path, region, "is not one of the regions", regions.join(", "), "policy-unknown-region"));
    };
    if (!(ROUTE53_ROUTING_POLICIES as readonly string[]).includes(policy.policy)) {
        return [problem("policy.policy", policy.policy, "is not a Route 53 routing policy", ROUTE53_ROUTING_POLICIES.join(", "), "policy-layer")];
    }
    const range = (path: string, v: number, r: { min: number; max: number }) => {
        if (!Number.isInteger(v) || v < r.min || v > r.max) out.push(problem(path, v, "is out of range", `an integer from ${r.min} to ${r.max}`, "policy-range"));
    };
    if (policy.policy === "weighted") for (const r of regions) range(`policy.weights.${r}`, policy.weights[r] ?? NaN, ROUTE53_WEIGHT);
    if (policy.policy === "geoproximity") for (const r of regions) range(`policy.biases.${r}`, policy.biases[r] ?? NaN, ROUTE53_GEOPROXIMITY_BIAS);
    if (policy.policy === "failover") known("policy.primary", policy.primary);
    if (policy.policy === "geolocation") {
        const seen = new Set<string>();
        policy.locations.forEach((l, i) => {
            known(`policy.locations[${i}].region`, l.region);
            const where = l.continent ?? l.country ?? "";
            if (seen.has(where)) out.push(problem(`policy.locations[${i}]`, where, "is mapped twice", "each location once (Route 53 refuses two records for one location)", "duplicate"));
            seen.add(where);
        });
        if (policy.defaultTarget !== null && policy.defaultTarget !== NEAREST) known("policy.defaultTarget", policy.defaultTarget);
    }
    return out;
}
