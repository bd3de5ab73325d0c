/**
 * The policy report: the stack's policy levels, and the pack's results as the plan lists them.
 */
import { evaluatePolicies, PackResult, policyEnvOf } from "../../plan/policies";

test.each([
    ["dev", "dev"],
    ["staging", "staging"],
    ["prod", "prod"],
    ["prod-eu", "prod"],
    ["dev_alice", "dev"],
    ["staging.2", "staging"],
    ["qa", "prod"],
    ["production", "prod"],
    ["devprod", "prod"],
])("the policy env of stack %s is %s", (stack, env) => {
    expect(policyEnvOf(stack)).toBe(env);
});

test("without a runner no policy is evaluated, and the note says so", async () => {
    expect(await evaluatePolicies([], "prod", "active-active-prod", undefined)).toEqual({
        available: false,
        env: "prod",
        note: "policy pack not evaluated (no runner given)",
        policies: [],
        violations: [],
    });
});

test("the pack's rules and violations are listed sorted, with their levels normalised", async () => {
    const runner = (): PackResult => ({
        policies: [
            { name: "b-rule", enforcementLevel: "MANDATORY" },
            { name: "a-rule", severity: "low", enforcementLevel: "advisory", description: "d" },
        ],
        violations: [{ policy: "b-rule", resource: "urn:pulumi:prod::active-active::aws:sns/topic:Topic::t", message: "m", enforcementLevel: "mandatory" }],
    });
    const report = await evaluatePolicies([], "prod", "active-active-prod", runner);
    expect(report.policies).toEqual([
        { name: "a-rule", severity: "low", enforcementLevel: "advisory", description: "d", source: "pack" },
        { name: "b-rule", severity: "unspecified", enforcementLevel: "mandatory", source: "pack" },
    ]);
    expect(report.violations).toEqual([
        { policy: "b-rule", resource: "t", urn: "urn:pulumi:prod::active-active::aws:sns/topic:Topic::t", message: "m", enforcementLevel: "mandatory" },
    ]);
});
