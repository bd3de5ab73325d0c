/**
 * LatencyRouting's children, their exact inputs (against the canonical fixtures in tests/fixtures), their parent
 * and provider, draining, and the options; 2, 3 and 5 regions.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_ROUTE53_SETTINGS, route53Rto, rpo } from "../../../packages/failover-model";
import { MockKit } from "../../../mock-kit";
import { LatencyRouting } from "../../../components/latency-routing";
import { alarmTopicKeyPolicyDocument } from "../../../components/kms";
import { ACCOUNT, TRAFFIC as T } from "../../fixtures/common";
import { failOpenAlarm, healthCheckAlarm } from "../../fixtures/cloudwatch/metric-alarm";
import { alarmTopicKey } from "../../fixtures/kms/key";
import { anyRegionCheck, gateCheck, regionalCheck } from "../../fixtures/route53/health-check";
import { latencyCname, latencyRecord, pinnedRecord, RECORD } from "../../fixtures/route53/record";
import { argsFor, deploy, REGION_SETS } from "./support";

const GLOBAL = { "activeactive:scope": "global" };

/** DEFAULT_ROUTE53_SETTINGS: AWS's own threshold of 3, where the fixtures carry prod's 1. */
const DEFAULT_THRESHOLD = { failureThreshold: 3 };

describe.each([2, 3, 5])("%i regions", (count) => {
    const regions = REGION_SETS[count]!;

    test("creates exactly a check, a gate, a latency record, a pinned record and an alarm per region, plus the any-region check, the fail-open alarm and an encrypted topic", async () => {
        const { children } = await deploy(argsFor(regions));
        const perRegion = regions.flatMap((r) => [
            ["aws:route53/healthCheck:HealthCheck", `${T}-${r}-check`],
            ["aws:route53/healthCheck:HealthCheck", `${T}-${r}-gate`],
            ["aws:route53/record:Record", `${T}-${r}-record`],
            ["aws:route53/record:Record", `${T}-${r}-pinned`],
            ["aws:cloudwatch/metricAlarm:MetricAlarm", `${T}-${r}-alarm`],
        ]);
        const expected = [
            ...perRegion,
            ["aws:route53/healthCheck:HealthCheck", `${T}-any-region`],
            ["aws:cloudwatch/metricAlarm:MetricAlarm", `${T}-any-region-alarm`],
            ["aws:sns/topic:Topic", `${T}-alarms`],
            ["aws:kms/key:Key", `${T}-alarms-key`],
        ];
        expect(children.map((r) => [r.type, r.name]).sort()).toEqual(expected.sort());
    });

    test("every input of every child", async () => {
        const { byName } = await deploy(argsFor(regions));
        const topicArn = byName(`${T}-alarms`).outputs.arn as string;
        const gateIds: Record<string, string> = {};
        const checkIds: string[] = [];
        for (const r of regions) {
            const check = byName(`${T}-${r}-check`);
            const gate = byName(`${T}-${r}-gate`);
            gateIds[r] = gate.id;
            checkIds.push(check.id);
            expect(check.inputs).toEqual(regionalCheck(r, {}, DEFAULT_THRESHOLD));
            expect(gate.inputs).toEqual(gateCheck(r, check.id));
            expect(byName(`${T}-${r}-record`).inputs).toEqual(latencyRecord(r, gate.id));
            expect(byName(`${T}-${r}-pinned`).inputs).toEqual(pinnedRecord(r));
            // The latency record switches between A and CNAME delete-first (DNS forbids both at once); the pinned one never switches.
            expect([byName(`${T}-${r}-record`).deleteBeforeReplace, byName(`${T}-${r}-pinned`).deleteBeforeReplace]).toEqual([true, false]);
            expect(byName(`${T}-${r}-alarm`).inputs).toEqual(
                healthCheckAlarm(`api.example.com: region ${r} is unhealthy`, check.id, topicArn, { "activeactive:region": r }),
            );
        }
        expect(byName(`${T}-any-region`).inputs).toEqual(anyRegionCheck(checkIds));
        expect(byName(`${T}-any-region-alarm`).inputs).toEqual(failOpenAlarm(gateIds, topicArn, GLOBAL));
        const keyPolicy = JSON.stringify(alarmTopicKeyPolicyDocument({ partition: "aws", account: ACCOUNT }));
        expect(byName(`${T}-alarms-key`).inputs).toEqual(alarmTopicKey(T, keyPolicy, GLOBAL));
        expect(byName(`${T}-alarms`).inputs).toEqual({ kmsMasterKeyId: byName(`${T}-alarms-key`).outputs.arn, tags: GLOBAL });
    });

    test("every child is parented to the component and uses the us-east-1 provider", async () => {
        const { kit, children } = await deploy(argsFor(regions));
        const component = kit.get("activeactive:route53:LatencyRouting", T);
        const provider = kit.get("pulumi:providers:aws", "aws-us-east-1");
        expect(provider.inputs.region).toBe("us-east-1");
        expect(children).toHaveLength(regions.length * 5 + 4);
        for (const child of children) {
            expect([child.name, child.parent, child.providerUrn]).toEqual([child.name, component.urn, provider.urn]);
        }
    });

    test("draining the first region gates it shut and keeps its record", async () => {
        const drained = regions[0]!;
        const { byName, children } = await deploy(argsFor(regions, { drain: [drained] }));
        for (const r of regions) {
            const gate = byName(`${T}-${r}-gate`);
            expect(gate.inputs.childHealthchecks).toEqual([byName(`${T}-${r}-check`).id]);
            expect(gate.inputs.childHealthThreshold).toBe(r === drained ? 2 : 1);
            expect(byName(`${T}-${r}-record`).inputs.healthCheckId).toBe(gate.id);
            // The regional check keeps telling the truth: never inverted, never disabled.
            expect(byName(`${T}-${r}-check`).inputs.invertHealthcheck).toBeUndefined();
            expect(byName(`${T}-${r}-check`).inputs.disabled).toBeUndefined();
        }
        expect(children).toHaveLength(regions.length * 5 + 4);
    });

    test("draining every region is rejected", async () => {
        // Constructed outside runProgram: the kit's runProgram cannot report a program that throws (see report).
        const kit = MockKit.install();
        const provider = new aws.Provider("aws-us-east-1", { region: "us-east-1" });
        expect(() => new LatencyRouting(T, argsFor(regions, { drain: regions }), { provider })).toThrow(
            new Error(
                `LatencyRouting "${T}" (1 problem):\n  - drain: ${JSON.stringify(regions)} drains every region; allowed: leave at least one region serving`,
            ),
        );
        await kit.settle();
        expect(kit.resources.filter((r) => r.parent?.endsWith(`::${T}`))).toEqual([]);
    });
});

describe("options", () => {
    const regions = REGION_SETS[3]!;

    test("CNAME records carry the model's TTL and point at the regional target name", async () => {
        const settings = { requestIntervalSeconds: 10, failureThreshold: 1, recordKind: "cname" as const, cnameTtlSeconds: 30 };
        const { byName, kit } = await deploy(argsFor(regions, { settings }));
        for (const r of regions) {
            expect(byName(`${T}-${r}-record`).inputs).toEqual(latencyCname(r, byName(`${T}-${r}-gate`).id, 30));
            expect(byName(`${T}-${r}-check`).inputs).toMatchObject({ requestInterval: 10, failureThreshold: 1 });
        }
        // The pinned names keep their alias: their target is an AWS custom domain in a hosted zone.
        expect(kit.resourcesOfType(RECORD).map((r) => [r.name, r.inputs.type]).sort()).toEqual(
            regions.flatMap((r) => [[`${T}-${r}-pinned`, "A"], [`${T}-${r}-record`, "CNAME"]]).sort(),
        );
    });

    test("dual-stack endpoints get an AAAA alias beside each A alias, wired to the same gate; pinned names too", async () => {
        const { byName, kit } = await deploy(argsFor(regions, { dualStack: true }));
        const names = regions.flatMap((r) => [`${T}-${r}-aaaa`, `${T}-${r}-record`, `${T}-${r}-pinned`, `${T}-${r}-pinned-aaaa`]);
        expect(kit.resourcesOfType(RECORD).map((r) => r.name).sort()).toEqual(names.sort());
        for (const r of regions) {
            expect(byName(`${T}-${r}-aaaa`).inputs).toEqual({ ...byName(`${T}-${r}-record`).inputs, type: "AAAA" });
            expect(byName(`${T}-${r}-pinned-aaaa`).inputs).toEqual(pinnedRecord(r, { type: "AAAA" }));
        }
    });

    test("a target without a hosted zone (an external endpoint) gets a CNAME with the model's TTL, never an alias", async () => {
        const settings = { ...DEFAULT_ROUTE53_SETTINGS, recordKind: "cname" as const, cnameTtlSeconds: 60 };
        const external = argsFor(regions, { settings });
        external.regions = external.regions.map((r) => ({ region: r.region, healthCheckHostname: `${r.region}.origin.example.net`, target: { name: `${r.region}.origin.example.net` } }));
        const { byName, kit } = await deploy(external);
        for (const r of regions) {
            expect(byName(`${T}-${r}-record`).inputs).toEqual(latencyCname(r, byName(`${T}-${r}-gate`).id, 60, { records: [`${r}.origin.example.net`] }));
            expect(byName(`${T}-${r}-check`).inputs.fqdn).toBe(`${r}.origin.example.net`);
        }
        expect(kit.resourcesOfType(RECORD).map((r) => r.name).sort()).toEqual(regions.map((r) => `${T}-${r}-record`).sort());
    });

    test("alarmEmail subscribes to the created topic (pending until confirmed)", async () => {
        const { byName } = await deploy(argsFor(regions, { alarmEmail: "oncall@example.com" }));
        expect(byName(`${T}-alarms-email`).inputs).toEqual({ topic: byName(`${T}-alarms`).outputs.arn, protocol: "email", endpoint: "oncall@example.com" });
    });

    test("an existing topic is used instead of creating one (and no key or subscription)", async () => {
        const topicArn = "arn:aws:sns:us-east-1:123456789012:oncall";
        const { kit } = await deploy(argsFor(regions, { alarmTopicArn: topicArn, alarmEmail: "oncall@example.com" }));
        expect(kit.resourcesOfType("aws:sns/topic:Topic")).toEqual([]);
        expect(kit.resourcesOfType("aws:kms/key:Key")).toEqual([]);
        expect(kit.resourcesOfType("aws:sns/topicSubscription:TopicSubscription")).toEqual([]);
        for (const alarm of kit.resourcesOfType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
            expect([alarm.inputs.alarmActions, alarm.inputs.okActions]).toEqual([[topicArn], [topicArn]]);
        }
    });

    test("health path and tags reach the children", async () => {
        const { byName } = await deploy(argsFor(regions, { healthPath: "/ready", tags: { env: "test" } }));
        expect(byName(`${T}-us-east-1-check`).inputs).toMatchObject({ resourcePath: "/ready", tags: { env: "test", Name: `${T}-us-east-1` } });
        expect(byName(`${T}-alarms`).inputs.tags).toEqual({ env: "test", "activeactive:scope": "global" });
    });

    test("outputs: endpoint, check ids by region, modeled RTO and RPO", async () => {
        const { component, kit, byName } = await deploy(argsFor(regions, { consistency: "strong" }));
        expect(component.endpoint).toBe("api.example.com");
        expect(await kit.unwrap(component.healthCheckIds)).toEqual(Object.fromEntries(regions.map((r) => [r, byName(`${T}-${r}-check`).id])));
        expect(await kit.unwrap(component.gateCheckIds)).toEqual(Object.fromEntries(regions.map((r) => [r, byName(`${T}-${r}-gate`).id])));
        expect(component.rto).toEqual(route53Rto(DEFAULT_ROUTE53_SETTINGS));
        expect(component.rpo).toEqual(rpo("strong"));
        expect(await kit.unwrap(component.failOpenAlarm.arn)).toBe(byName(`${T}-any-region-alarm`).outputs.arn);
        expect(await kit.unwrap(component.anyRegionCheckId)).toBe(byName(`${T}-any-region`).id);
    });
});

describe("the fail-open signal", () => {
    test("no calculated check watches another: the gates and the any-region check watch endpoint checks only", async () => {
        const { kit } = await deploy(argsFor(REGION_SETS[3]!));
        const checks = kit.resourcesOfType("aws:route53/healthCheck:HealthCheck");
        const calculated = new Set(checks.filter((c) => c.inputs.type === "CALCULATED").map((c) => c.id));
        expect(checks.filter((c) => (c.inputs.childHealthchecks ?? []).some((id: string) => calculated.has(id)))).toEqual([]);
        expect([...calculated].length).toBe(4);
    });
});

describe("declared RTO target", () => {
    test("each regional check carries the stack's RTO target for the policy pack, and nothing else does", async () => {
        const regions = REGION_SETS[2]!;
        const { byName } = await deploy(argsFor(regions, { rtoTargetSeconds: 120 }));
        for (const r of regions) {
            expect(byName(`${T}-${r}-check`).inputs.tags).toEqual({ Name: `${T}-${r}`, "activeactive:region": r, "activeactive:rto-target-seconds": "120" });
            expect(byName(`${T}-${r}-check`).inputs).toEqual(regionalCheck(r, { rtoTargetSeconds: 120 }, DEFAULT_THRESHOLD));
            expect(byName(`${T}-${r}-gate`).inputs.tags).toEqual({ Name: `${T}-${r}-gate`, "activeactive:region": r });
        }
    });
});
