/**
 * The Markdown report of each stack: a Mermaid flowchart that renders on GitHub, and the resilience table.
 */
import { buildResilience } from "../../plan/resilience";
import { renderMarkdown } from "../../plan/render-markdown";
import { runPlan, PlanResult } from "../../plan/run";
import { drainedConfig, usWest2Routing } from "./fixtures";
import { mermaidOf, plan, STACKS } from "./support";

const plans = new Map<string, PlanResult>();
beforeAll(async () => {
    for (const stack of STACKS) plans.set(stack, await runPlan({ stack }));
});

test.each(STACKS)("the report of %s holds a valid Mermaid flowchart with a subgraph per region", (stack) => {
    const { nodes } = mermaidOf(plans.get(stack)!.markdown!);
    for (const region of plan(plans.get(stack)!).regions) expect(nodes).toContain(`region_${region.replace(/-/g, "_")}`);
    expect(nodes).toContain("global");
});

test("the report shows replicas, services, health checks, records and alarms", () => {
    const { block } = mermaidOf(plans.get("prod")!.markdown!);
    expect(block).toMatch(/db_eu_west_1\["DynamoDB replica"\]/);
    expect(block).toMatch(/svc_us_west_2\["service: Lambda /);
    expect(block).toMatch(/HTTPS check us-east-1/);
    expect(block).toMatch(/A record · eu-west-1/);
    expect(block).toMatch(/alarms_us_east_1\["\d+ CloudWatch alarms?"\]/);
    expect(block).toContain('db_us_east_1 <-->|"replication"| db_eu_west_1');
});

test("a region failure over the RTO target is marked missed", () => {
    const config = { ...drainedConfig(301), servingRegions: ["us-east-1", "us-west-2"], drain: [] };
    const markdown = renderMarkdown({ ...plan(plans.get("dev")!), resilience: buildResilience(config, usWest2Routing()) });
    expect(markdown).toContain("**missed**");
    expect(markdown).toContain("figures from config");
});
