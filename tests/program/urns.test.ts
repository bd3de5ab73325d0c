/**
 * The URN is the API: component type tokens and child logical names are chosen once. This pins every URN of the dev
 * and prod stacks, so a rename shows up here as a failing test; a deliberate rename needs an alias on the resource
 * (so Pulumi moves it instead of replacing it) and an updated snapshot in the same change.
 */
import { MockKit } from "../../mock-kit";
import { main } from "../../program";
import { engineConfig } from "../helpers/config-source";

async function urns(stack: "dev" | "prod"): Promise<string[]> {
    const { config, secretKeys } = engineConfig(stack);
    const kit = MockKit.install({ config, secretKeys, stack });
    await kit.runProgram(() => main());
    return kit.resources.map((r) => r.urn).sort();
}

test.each(["dev", "prod"] as const)("the %s stack's URNs are stable", async (stack) => {
    expect(await urns(stack)).toMatchSnapshot();
});

test("component type tokens follow activeactive:<module>:<Type>", async () => {
    const tokens = new Set((await urns("prod")).map((u) => u.split("::")[2]!.split("$").pop()!).filter((t) => t.startsWith("activeactive:")));
    expect([...tokens].sort()).toEqual([
        "activeactive:app:RegionalService",
        "activeactive:dynamodb:GlobalTable",
        "activeactive:route53:LatencyRouting",
        "activeactive:stack:ActiveActive",
    ]);
});
