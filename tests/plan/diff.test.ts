/**
 * `--diff` / `--against`: only what changes between two plans (plan/diff.ts), on real plans of the dev stack.
 */
import { diffPlans, flatten, renderDiff, valueChanges } from "../../plan/diff";
import { runPlan } from "../../plan/run";
import type { PlanJson } from "../../plan/types";
import { plan } from "./support";

let base: PlanJson;
let drained: PlanJson;
beforeAll(async () => {
    base = plan(await runPlan({ stack: "dev" }));
    drained = plan(await runPlan({ stack: "dev", config: { "active-active:drain": ["us-west-2"] } }));
});

test("valueChanges: leaves by path, lists of plain values whole, set and unset sides shown as absent", () => {
    expect(flatten({ a: { b: [1, 2] }, c: [{ d: 1 }], e: {} })).toEqual(new Map<string, unknown>([["a.b", [1, 2]], ["c[0].d", 1], ["e", {}]]));
    expect(valueChanges({ a: 1, b: [1], c: 3 }, { a: 2, b: [1], d: 4 })).toEqual([
        { path: "a", before: 1, after: 2 },
        { path: "c", before: 3 },
        { path: "d", after: 4 },
    ]);
});

test("a plan against itself has no changes", () => {
    const d = diffPlans("base.json", base, base);
    expect({ ...d, unchanged: 0 }).toEqual({ base: "base.json", settings: [], added: [], removed: [], changed: [], unchanged: 0, newViolations: [], resolvedViolations: [] });
    expect(d.unchanged).toBe(base.resources.length);
    expect(renderDiff(d)).toBe(`Changes against base.json: 0 changed, 0 added, 0 removed, ${base.resources.length} unchanged\n\nNo changes.\n`);
});

test("a drain changes the drained region's gate and the serving regions, nothing else", () => {
    const d = diffPlans("base.json", base, drained);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([{ type: "aws:route53/healthCheck:HealthCheck", name: "active-active-routing-us-west-2-gate", changes: [{ path: "inputs.childHealthThreshold", before: 1, after: 2 }] }]);
    expect(d.settings).toEqual([
        { path: "drain", before: [], after: ["us-west-2"] },
        { path: "failoverTo.us-east-1", before: ["us-west-2"], after: [] },
        { path: "failoverTo.us-west-2", before: ["us-east-1"], after: [] },
        // Two regions, one drained: a failure of the other has nowhere to go.
        { path: "rtoTargetMet", before: true, after: false },
        { path: "servingRegions", before: ["us-east-1", "us-west-2"], after: ["us-east-1"] },
    ]);
    expect(renderDiff(d).split("\n").slice(2)).toEqual([
        "Settings",
        '  drain: [] -> ["us-west-2"]',
        '  failoverTo.us-east-1: ["us-west-2"] -> []',
        '  failoverTo.us-west-2: ["us-east-1"] -> []',
        "  rtoTargetMet: true -> false",
        '  servingRegions: ["us-east-1","us-west-2"] -> ["us-east-1"]',
        "",
        "Resources",
        "  ~ aws:route53:HealthCheck  active-active-routing-us-west-2-gate",
        "      inputs.childHealthThreshold: 1 -> 2",
        "",
    ]);
});

test("resources only one plan has are listed as added or removed; violations as new or resolved", () => {
    const extra = { ...base.resources[0]!, name: "extra" };
    const violation = { policy: "p", resource: "extra", message: "m", enforcementLevel: "advisory" as const };
    const d = diffPlans("base.json", base, { ...base, resources: [...base.resources, extra], violations: [violation] });
    expect(d.added.map((r) => r.name)).toEqual(["extra"]);
    expect(d.newViolations).toEqual([violation]);
    expect(diffPlans("x", { ...base, violations: [violation] }, base).resolvedViolations).toEqual([violation]);
    expect(renderDiff(d)).toContain(`\nResources\n  + ${"aws:" + base.resources[0]!.type.split(":")[1]!.split("/")[0]}:`);
});
