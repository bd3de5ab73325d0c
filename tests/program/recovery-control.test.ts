/**
 * Failover that works during the failure (issue 14): a drain that needs no deploy (ARC routing controls in every
 * gate, only with `routing.recoveryControl`), and a program that plans the gate change while one region's APIs are
 * unreachable (no provider function anywhere, providers that look nothing up).
 */
import { MockKit, RecordedResource } from "../../mock-kit";
import { main } from "../../program";
import { engineConfig } from "../helpers/config-source";

const CHECK = "aws:route53/healthCheck:HealthCheck";
const CONTROL = "aws:route53recoverycontrol/routingControl:RoutingControl";
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];

async function run(set: Record<string, unknown>, unreachableRegions: string[] = []): Promise<MockKit> {
    const { config, secretKeys } = engineConfig("prod", { set });
    const kit = MockKit.install({ config, secretKeys, stack: "prod", unreachableRegions });
    await kit.runProgram(() => main());
    return kit;
}

const arcTypes = (kit: MockKit) => [...new Set(kit.resources.filter((r) => r.type.startsWith("aws:route53recoverycontrol/")).map((r) => r.type))].sort();

describe("routing.recoveryControl: true on prod", () => {
    let kit: MockKit;
    beforeAll(async () => {
        kit = await run({ "active-active:routing": { recoveryControl: true } });
    });

    test.each(REGIONS)("%s: a routing control and an inverted RECOVERY_CONTROL check on it, the second child of the region's gate", (region) => {
        const control = kit.get(CONTROL, `active-active-routing-${region}-control`);
        const check = kit.get(CHECK, `active-active-routing-${region}-control-check`);
        const endpoint = kit.get(CHECK, `active-active-routing-${region}-check`);
        const cluster = kit.get("aws:route53recoverycontrol/cluster:Cluster", "active-active-routing-arc-cluster");
        const panel = kit.get("aws:route53recoverycontrol/controlPanel:ControlPanel", "active-active-routing-arc-panel");
        expect(control.inputs).toEqual({ clusterArn: cluster.outputs.arn, controlPanelArn: panel.outputs.arn, name: `drain-${region}-api.example.com` });
        expect(check.inputs).toEqual({
            type: "RECOVERY_CONTROL",
            routingControlArn: control.outputs.arn,
            invertHealthcheck: true,
            tags: expect.objectContaining({ "activeactive:region": region, Name: `active-active-routing-${region}-control` }),
        });
        // Healthy only when both are: the endpoint answers and the drain switch is Off.
        expect(kit.get(CHECK, `active-active-routing-${region}-gate`).inputs).toMatchObject({
            type: "CALCULATED",
            childHealthchecks: [endpoint.id, check.id],
            childHealthThreshold: 2,
        });
    });

    test("the ARC configuration resources use the us-west-2 provider; the checks Route 53's (us-east-1)", () => {
        for (const r of kit.resources.filter((x) => x.type.startsWith("aws:route53recoverycontrol/"))) expect([r.name, kit.providerRegion(r)]).toEqual([r.name, "us-west-2"]);
        for (const region of REGIONS) expect(kit.providerRegion(kit.get(CHECK, `active-active-routing-${region}-control-check`))).toBe("us-east-1");
    });

    test("a safety rule refuses any change that would leave fewer than two regions serving (prod is protected)", () => {
        const rule = kit.get("aws:route53recoverycontrol/safetyRule:SafetyRule", "active-active-routing-arc-safety");
        const panel = kit.get("aws:route53recoverycontrol/controlPanel:ControlPanel", "active-active-routing-arc-panel");
        expect(rule.inputs).toEqual({
            controlPanelArn: panel.outputs.arn,
            name: "keep-serving-api.example.com",
            waitPeriodMs: 5000,
            assertedControls: REGIONS.map((r) => kit.get(CONTROL, `active-active-routing-${r}-control`).outputs.arn),
            // Refused when at least 2 of the 3 drain switches would be On: at most one region drained.
            ruleConfig: { type: "ATLEAST", threshold: 2, inverted: true },
        });
    });
});

test("without routing.recoveryControl nothing of ARC is created and each gate has one child", async () => {
    const kit = await run({});
    expect(arcTypes(kit)).toEqual([]);
    for (const region of REGIONS) expect(kit.get(CHECK, `active-active-routing-${region}-gate`).inputs.childHealthchecks).toHaveLength(1);
    expect(kit.resources.some((r) => r.inputs.type === "RECOVERY_CONTROL")).toBe(false);
});

describe("us-east-1 unreachable: the drain still plans", () => {
    let kit: MockKit;
    beforeAll(async () => {
        // On the old main, getCallerIdentity in us-east-1 failed the program before any gate was planned.
        kit = await run({ "active-active:drain": ["us-east-1"] }, ["us-east-1"]);
    });

    test("the drained region's gate is closed (threshold above its children)", () => {
        expect(kit.errors).toEqual([]);
        const gate = kit.get(CHECK, "active-active-routing-us-east-1-gate") as RecordedResource;
        expect([gate.inputs.childHealthchecks.length, gate.inputs.childHealthThreshold]).toEqual([1, 2]);
    });

    test("every AWS provider skips credential validation and the account-id lookup", () => {
        const providers = kit.resources.filter((r) => r.type === "pulumi:providers:aws");
        expect(providers.map((p) => p.name).sort()).toEqual(["aws-eu-west-1", "aws-us-east-1", "aws-us-west-2"]);
        for (const p of providers) expect([p.name, p.inputs.skipCredentialsValidation, p.inputs.skipRequestingAccountId]).toEqual([p.name, "true", "true"]);
    });
});
