/**
 * The printed plan, rendered from the plan JSON of each stack.
 */
import { buildResilience } from "../../plan/resilience";
import { renderText } from "../../plan/render-text";
import { runPlan, PlanResult } from "../../plan/run";
import { drainedConfig, usWest2Routing } from "./fixtures";
import { plan, STACK_TRACE, STACKS } from "./support";

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
