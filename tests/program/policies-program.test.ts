/**
 * The whole program under each stack file, through the policy pack at that environment's levels: no mandatory
 * violation, and the pack reads the program's shape the way the components build it (every region with one of
 * each layer, global monitoring recognised). Then a drain too far, which the pack must stop.
 */
import { loadStackConfig, MockKit } from "../../mock-kit";
import { mandatoryViolations, policyResources, runPolicyPack } from "../../policies/harness";
import { stackResources } from "../../policies/lib/policy";
import { topology } from "../../policies/lib/topology";
import { policies } from "../../policies/rules";

async function runProgram(stack: string, overrides: Record<string, unknown> = {}) {
    const { config, secretKeys } = loadStackConfig(stack, overrides);
    const kit = MockKit.install({ config, secretKeys, stack });
    const { main } = await import("../../program");
    await kit.runProgram(() => main());
    return kit;
}

function shape(kit: MockKit) {
    const t = topology(stackResources(policyResources(kit.resources)));
    const count = (m: Map<string, unknown[]>) => Object.fromEntries(t.regions.map((r) => [r, (m.get(r) ?? []).length]));
    return {
        regions: t.regions,
        traffic: t.traffic,
        functions: count(t.functions),
        endpointChecks: count(t.endpointChecks),
        gates: count(t.gates),
        records: count(t.records),
        pools: count(t.pools),
        allRegionChecks: t.allRegionChecks.map((c) => c.name),
        unplacedChecks: t.unplacedChecks.map((c) => c.name),
        globalMonitoring: [...t.globalMonitoring].map((r) => r.name).sort(),
    };
}

const ones = (regions: string[]) => Object.fromEntries(regions.map((r) => [r, 1]));
const zeros = (regions: string[]) => Object.fromEntries(regions.map((r) => [r, 0]));

describe.each([
    ["dev", ["us-east-1", "us-west-2"]],
    ["staging", ["eu-west-1", "us-east-1", "us-west-2"]],
    ["prod", ["eu-west-1", "us-east-1", "us-west-2"]],
])("the %s stack", (stack, regions) => {
    test("passes its environment's mandatory rules, every rule evaluated", async () => {
        const kit = await runProgram(stack);
        const report = await runPolicyPack(kit.resources, { env: stack });
        expect(report.policies.map((p) => p.name)).toEqual(policies.map((p) => p.name));
        expect(mandatoryViolations(report)).toEqual([]);
        expect(shape(kit)).toEqual({
            regions,
            traffic: "route53",
            functions: ones(regions),
            endpointChecks: ones(regions),
            gates: ones(regions),
            records: ones(regions),
            pools: zeros(regions),
            // Over the endpoint checks; the fail-open signal over the gates is an alarm (Route 53 refuses a calculated
            // check of calculated checks).
            allRegionChecks: ["active-active-routing-any-region"],
            unplacedChecks: [],
            globalMonitoring: [
                "active-active-routing-alarms",
                "active-active-routing-alarms-key",
                "active-active-routing-alarms-email",
                "active-active-routing-any-region-alarm",
                ...regions.map((r) => `active-active-routing-${r}-alarm`),
            ].sort(),
        });
    });
});

test("the prod stack on Cloudflare passes the prod mandatory rules", async () => {
    const kit = await runProgram("prod", { traffic: "cloudflare" });
    const report = await runPolicyPack(kit.resources, { env: "prod" });
    expect(mandatoryViolations(report)).toEqual([]);
    expect(shape(kit)).toMatchObject({ traffic: "cloudflare", pools: ones(["eu-west-1", "us-east-1", "us-west-2"]) });
});

test("the prod stack drained down to one region is stopped by the drain rule alone", async () => {
    const kit = await runProgram("prod", { drain: ["us-west-2", "eu-west-1"] });
    const report = await runPolicyPack(kit.resources, { env: "prod" });
    expect(mandatoryViolations(report).map((v) => [v.policy, v.message])).toEqual([
        [
            "active-active-drain-keeps-serving-regions",
            "1 region would serve (us-east-1) with eu-west-1, us-west-2 drained; allowed: at least 2 serving regions (pack config minServingRegions)",
        ],
    ]);
});

test("the prod stack with protect off is stopped by the table-protected rule alone", async () => {
    const kit = await runProgram("prod", { protect: false });
    const report = await runPolicyPack(kit.resources, { env: "prod" });
    expect(mandatoryViolations(report).map((v) => [v.policy, v.message])).toEqual([
        [
            "active-active-table-protected",
            "active-active-table-table: Pulumi protect is off (active-active:protect is false); allowed: protect on (active-active:protect: true)",
        ],
    ]);
});
