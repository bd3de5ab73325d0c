/**
 * The printed plan, rendered from the plan JSON of each stack.
 */
import { buildResilience } from "../../plan/resilience";
import { groupedViolations, renderText } from "../../plan/render-text";
import { keySettings } from "../../plan/key-settings";
import { runPlan, PlanResult } from "../../plan/run";
import { drainedConfig, resource, usWest2Routing } from "./fixtures";
import { plan, STACK_TRACE, STACKS, stackValue } from "./support";

const plans = new Map<string, PlanResult>();
beforeAll(async () => {
    for (const stack of STACKS) plans.set(stack, await runPlan({ stack }));
});

test.each(STACKS)("the %s plan prints the summary, resources, policies and resilience, in that order", (stack) => {
    const text = plans.get(stack)!.text;
    const json = plan(plans.get(stack)!);
    const first = text.split("\n")[0]!;
    expect(first).toMatch(new RegExp(`^Plan for stack ${stack}: regions .*\\| traffic route53 \\| consistency eventual`));
    for (const region of json.regions) expect(first).toContain(region);
    const at = ["\nResources\n", "\nPolicies (", "\nResilience (", "\nResult: clean (exit 0)"].map((s) => text.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const region of [...json.regions, "global"]) expect(text).toMatch(new RegExp(`^${region} \\(\\d+\\)$`, "m"));
    expect(text).not.toMatch(STACK_TRACE);
});

test("a drain the program did not apply is printed as a warning", () => {
    const open = buildResilience(drainedConfig(), usWest2Routing());
    const text = renderText({ ...plan(plans.get("dev")!), drain: ["us-west-2"], resilience: open });
    expect(text).toContain("us-west-2: WARNING: no closed gate check or disabled pool found; the program did not take it out of rotation");
});

describe("what a stack user reads in the text plan", () => {
    test("prod's GSI is shown on the table line, with its keys", () => {
        const table = plans.get("prod")!.text.split("\n").find((l) => l.includes("aws:dynamodb:Table"))!;
        expect(table).toContain("  gsi=by-owner(owner/updatedAt)  ");
    });

    test("a setting is never cut mid-word: long values are shown whole, shortened ids and hashes say so with …", () => {
        const role = resource("r-attach", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "active-active-eu-west-1-deploy-role-ea71f2c", policyArn: "arn:x" });
        expect(keySettings(role)).toBe("role=active-active-eu-west-1-deploy-role-ea71f2c");
        const fn = resource("fn", "aws:lambda/function:Function", { runtime: "nodejs22.x", memorySize: 128, timeout: 3, architectures: ["arm64"], code: { hash: `sha256:${"a".repeat(64)}` } });
        expect(keySettings(fn)).toBe("runtime=nodejs22.x  memory=128MB  timeout=3s  arch=arm64  code=sha256:aaaaaaaaaaaa…");
        for (const stack of STACKS) {
            for (const r of plan(plans.get(stack)!).resources) {
                for (const [k, v] of Object.entries(r.inputs)) {
                    if (typeof v !== "string" || v.length < 8) continue;
                    // Any printed `key=<prefix of the value>` must be the whole value, or end in an ellipsis.
                    const printed = keySettings(r).split("  ").find((s) => s.startsWith(`${k}=`) && v.startsWith(s.slice(k.length + 1)));
                    if (printed) expect(printed === `${k}=${v}` || printed.endsWith("…")).toBe(true);
                }
            }
        }
    });

    test("repeated advisory violations print their message once, then the resources", () => {
        const json = plan(plans.get("dev")!);
        const tagged = (resource: string) => ({ policy: "aws-resource-required-tags", resource, message: 'missing required tag "env"', enforcementLevel: "advisory" as const });
        const lines = groupedViolations([tagged("a-fn"), tagged("b-role"), { ...tagged("c-key"), message: "other" }, tagged("d-api")]);
        expect(lines).toEqual([
            '  [advisory] aws-resource-required-tags  3 resources: missing required tag "env"',
            "    a-fn, b-role, d-api",
            "  [advisory] aws-resource-required-tags  c-key: other",
        ]);
        expect(json.violations).toEqual([]);
    });
});

describe("--config with paths, and what the plan says it overrode", () => {
    let overridden: PlanResult;
    const before = (stackValue("dev", "service") as { capacityPerRegion: number }).capacityPerRegion;
    const after = before + 2;
    beforeAll(async () => {
        overridden = await runPlan({ stack: "dev", config: { "active-active:service.capacityPerRegion": after, "aws:region": "eu-west-1" } });
    });

    test("a path sets one setting and keeps the stack file's others", () => {
        const fns = plan(overridden).resources.filter((r) => r.type === "aws:lambda/function:Function");
        const base = plan(plans.get("dev")!).resources.filter((r) => r.type === "aws:lambda/function:Function");
        expect(fns.map((f) => f.inputs.memorySize)).toEqual(base.map((f) => f.inputs.memorySize));
        expect(fns.map((f) => f.inputs.reservedConcurrentExecutions)).not.toEqual(base.map((f) => f.inputs.reservedConcurrentExecutions));
    });

    test("the plan lists each override with the stack file's value, and the config's warnings", () => {
        expect(plan(overridden).overrides).toEqual([
            { key: "active-active:service.capacityPerRegion", before, after },
            { key: "aws:region", after: "eu-west-1" },
        ]);
        expect(overridden.text.split("\n").slice(1, 8)).toEqual([
            "",
            "Config overrides (--config, 2):",
            `  active-active:service.capacityPerRegion: ${before} -> ${after}`,
            '  aws:region: (unset) -> "eu-west-1"',
            "Config warnings (1):",
            "  aws:region: is ignored: the program gives every resource an explicit aws.Provider per region, and explicit providers read no stack config; allowed: active-active:regions, active-active:homeRegion",
            "",
        ]);
    });

    test("a plan without overrides prints no such section", () => {
        expect(plans.get("dev")!.text.split("\n")[2]).toBe("Resources");
        expect(plan(plans.get("dev")!).overrides).toEqual([]);
    });

    test("bad config: a path into a plain value is a usage error naming the key", async () => {
        const result = await runPlan({ stack: "dev", config: { "active-active:protect.enabled": true } });
        expect(result.exitCode).toBe(2);
        expect(result.errorText).toBe('bad usage:\n  - active-active:protect.enabled: cannot set field "enabled" of a boolean\n');
    });
});
