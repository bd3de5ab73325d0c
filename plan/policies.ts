/**
 * The policy report: the CrossGuard pack's rules run in-process over the recorded resources at the stack's
 * environment levels (`policies/config/<env>.json`). The modeled RTO against its target is the pack's
 * `active-active-modeled-rto`, which re-derives it from the deployed checks and records.
 */
import type { RecordedResource } from "../mock-kit";
import { runPolicyPack as runHarness } from "../policies/harness";
import { cmp } from "./topology";
import type { EnforcementLevel, PlanPolicy, PlanViolation } from "./types";

export const POLICY_ENVS = ["dev", "staging", "prod"] as const;
export type PolicyEnv = (typeof POLICY_ENVS)[number];

/**
 * The policy environment of a stack: its name when that is `dev`, `staging` or `prod`, or the environment its
 * name starts with before a `-`, `_` or `.` (`prod-eu` -> prod, `dev_alice` -> dev). Any other name gets the
 * strictest levels (prod), so a new stack is never checked more leniently than production by accident.
 */
export function policyEnvOf(stack: string): PolicyEnv {
    const m = /^(dev|staging|prod)(?:[-_.].*)?$/.exec(stack);
    return m ? (m[1] as PolicyEnv) : "prod";
}

/**
 * What the pack's harness returns (policies/harness.ts `PolicyReport`): every rule evaluated, and every violation,
 * whose `resource` is the URN and `name` the logical name.
 */
export interface PackResult {
    policies: { name: string; severity?: string; enforcementLevel: string; description?: string }[];
    violations: { policy: string; resource?: string; name?: string; type?: string; urn?: string; message: string; enforcementLevel: string; severity?: string }[];
}

export type PolicyPackRunner = (resources: RecordedResource[], env: PolicyEnv) => PackResult | Promise<PackResult>;

/**
 * The one place the pack is wired in: the harness runs every rule in-process with the levels and policy config of
 * `policies/config/<env>.json`, as `pulumi preview --policy-pack` would. Tests inject their own runner.
 */
export const runPolicyPack: PolicyPackRunner | undefined = (resources, env) => runHarness(resources, { env });

function level(l: string | undefined): EnforcementLevel {
    const v = String(l ?? "advisory").toLowerCase();
    return v === "mandatory" || v === "remediate" || v === "disabled" ? v : "advisory";
}

export interface PolicyReport {
    available: boolean;
    env: PolicyEnv;
    note: string;
    policies: PlanPolicy[];
    violations: PlanViolation[];
}

/** Runs the pack when a runner is given (none: nothing evaluated); sorted for stable output. */
export async function evaluatePolicies(
    resources: RecordedResource[],
    env: PolicyEnv,
    stackName: string,
    runner: PolicyPackRunner | undefined,
): Promise<PolicyReport> {
    const policies: PlanPolicy[] = [];
    const violations: PlanViolation[] = [];
    let note = `policy pack evaluated at the ${env} levels (policies/config/${env}.json)`;
    if (runner) {
        const result = await runner(resources, env);
        for (const p of result.policies) {
            policies.push({
                name: p.name,
                severity: p.severity ?? "unspecified",
                enforcementLevel: level(p.enforcementLevel),
                ...(p.description ? { description: p.description } : {}),
                source: "pack",
            });
        }
        for (const v of result.violations) {
            const urn = v.urn ?? (v.resource?.startsWith("urn:") ? v.resource : undefined);
            violations.push({
                policy: v.policy,
                resource: v.name || (urn ? urn.split("::").pop()! : v.resource) || stackName,
                ...(v.type ? { type: v.type } : {}),
                ...(urn ? { urn } : {}),
                message: v.message,
                enforcementLevel: level(v.enforcementLevel),
                ...(v.severity ? { severity: v.severity } : {}),
            });
        }
    } else {
        note = "policy pack not evaluated (no runner given)";
    }
    policies.sort((a, b) => cmp(a.name, b.name) || cmp(a.source, b.source));
    violations.sort((a, b) => cmp(a.policy, b.policy) || cmp(a.resource, b.resource) || cmp(a.message, b.message));
    return { available: runner !== undefined, env, note, policies, violations };
}
