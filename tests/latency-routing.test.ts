import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_ROUTE53_SETTINGS, route53Rto, rpo } from "../packages/failover-model";
import { MockKit, RecordedResource } from "../mock-kit";
import { LatencyRouting, LatencyRoutingArgs, latencyRoutingArgsErrors } from "../components/latency-routing";

const CHECKERS = ["us-east-1", "eu-west-1", "ap-southeast-1"];
const REGION_SETS: Record<number, string[]> = {
    2: ["us-east-1", "eu-west-1"],
    3: ["us-east-1", "us-west-2", "eu-west-1"],
    5: ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1"],
};
const hostname = (region: string) => `api123.execute-api.${region}.amazonaws.com`;
const targetName = (region: string) => `d-abc.execute-api.${region}.amazonaws.com`;

function argsFor(regions: string[], extra: Partial<LatencyRoutingArgs> = {}): LatencyRoutingArgs {
    return {
        zoneId: "Z0123456789EXAMPLE",
        serviceName: "api.example.com",
        // Inputs wired from other resources arrive as Outputs.
        regions: regions.map((region) => ({
            region,
            healthCheckHostname: pulumi.output(hostname(region)),
            target: pulumi.output({ name: targetName(region), zoneId: `ZAPI-${region}` }),
        })),
        checkerRegions: CHECKERS,
        ...extra,
    };
}

async function deploy(args: LatencyRoutingArgs) {
    const kit = MockKit.install();
    let component: LatencyRouting | undefined;
    await kit.runProgram(() => {
        const provider = new aws.Provider("aws-us-east-1", { region: "us-east-1" });
        component = new LatencyRouting("traffic", args, { provider });
    });
    const children = kit.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"));
    const byName = (name: string): RecordedResource => kit.get(children.find((r) => r.name === name)!.type, name);
    return { kit, component: component!, children, byName };
}

const alarmInputs = (description: string, checkId: string, topicArn: string, tags: Record<string, string>) => ({
    alarmDescription: description,
    namespace: "AWS/Route53",
    metricName: "HealthCheckStatus",
    dimensions: { HealthCheckId: checkId },
    statistic: "Minimum",
    period: 60,
    evaluationPeriods: 1,
    comparisonOperator: "LessThanThreshold",
    threshold: 1,
    treatMissingData: "breaching",
    alarmActions: [topicArn],
    okActions: [topicArn],
    tags,
});

describe.each([2, 3, 5])("%i regions", (count) => {
    const regions = REGION_SETS[count]!;

    test("creates exactly a check, a gate, a record and an alarm per region, plus the guard and a topic", async () => {
        const { children } = await deploy(argsFor(regions));
        const perRegion = regions.flatMap((r) => [
            ["aws:route53/healthCheck:HealthCheck", `traffic-${r}-check`],
            ["aws:route53/healthCheck:HealthCheck", `traffic-${r}-gate`],
            ["aws:route53/record:Record", `traffic-${r}-record`],
            ["aws:cloudwatch/metricAlarm:MetricAlarm", `traffic-${r}-alarm`],
        ]);
        const expected = [
            ...perRegion,
            ["aws:route53/healthCheck:HealthCheck", "traffic-any-region"],
            ["aws:cloudwatch/metricAlarm:MetricAlarm", "traffic-any-region-alarm"],
            ["aws:sns/topic:Topic", "traffic-alarms"],
        ];
        expect(children.map((r) => [r.type, r.name]).sort()).toEqual(expected.sort());
    });

    test("every input of every child", async () => {
        const { byName } = await deploy(argsFor(regions));
        const topicArn = byName("traffic-alarms").outputs.arn as string;
        const gateIds: string[] = [];
        for (const r of regions) {
            const check = byName(`traffic-${r}-check`);
            const gate = byName(`traffic-${r}-gate`);
            gateIds.push(gate.id);
            expect(check.inputs).toEqual({
                type: "HTTPS",
                fqdn: hostname(r),
                port: 443,
                enableSni: true,
                resourcePath: "/health",
                requestInterval: 30,
                failureThreshold: 3,
                regions: CHECKERS,
                measureLatency: true,
                tags: { Name: `traffic-${r}`, "activeactive:region": r },
            });
            expect(gate.inputs).toEqual({
                type: "CALCULATED",
                childHealthchecks: [check.id],
                childHealthThreshold: 1,
                tags: { Name: `traffic-${r}-gate`, "activeactive:region": r },
            });
            expect(byName(`traffic-${r}-record`).inputs).toEqual({
                zoneId: "Z0123456789EXAMPLE",
                name: "api.example.com",
                type: "A",
                setIdentifier: r,
                latencyRoutingPolicies: [{ region: r }],
                healthCheckId: gate.id,
                aliases: [{ name: targetName(r), zoneId: `ZAPI-${r}`, evaluateTargetHealth: true }],
            });
            expect(byName(`traffic-${r}-alarm`).inputs).toEqual(
                alarmInputs(`api.example.com: region ${r} is unhealthy`, check.id, topicArn, { "activeactive:region": r }),
            );
        }
        const anyRegion = byName("traffic-any-region");
        expect(anyRegion.inputs).toEqual({
            type: "CALCULATED",
            childHealthchecks: gateIds,
            childHealthThreshold: 1,
            tags: { Name: "traffic-any-region", "activeactive:scope": "global" },
        });
        expect(byName("traffic-any-region-alarm").inputs).toEqual(
            alarmInputs("api.example.com: no region is healthy", anyRegion.id, topicArn, { "activeactive:scope": "global" }),
        );
        expect(byName("traffic-alarms").inputs).toEqual({ tags: { "activeactive:scope": "global" } });
    });

    test("every child is parented to the component and uses the us-east-1 provider", async () => {
        const { kit, children } = await deploy(argsFor(regions));
        const component = kit.get("activeactive:route53:LatencyRouting", "traffic");
        const provider = kit.get("pulumi:providers:aws", "aws-us-east-1");
        expect(provider.inputs.region).toBe("us-east-1");
        expect(children).toHaveLength(regions.length * 4 + 3);
        for (const child of children) {
            expect([child.name, child.parent, child.providerUrn]).toEqual([child.name, component.urn, provider.urn]);
        }
    });

    test("draining the first region gates it shut and keeps its record", async () => {
        const drained = regions[0]!;
        const { byName, children } = await deploy(argsFor(regions, { drain: [drained] }));
        for (const r of regions) {
            const gate = byName(`traffic-${r}-gate`);
            expect(gate.inputs.childHealthchecks).toEqual([byName(`traffic-${r}-check`).id]);
            expect(gate.inputs.childHealthThreshold).toBe(r === drained ? 2 : 1);
            expect(byName(`traffic-${r}-record`).inputs.healthCheckId).toBe(gate.id);
            // The regional check keeps telling the truth: never inverted, never disabled.
            expect(byName(`traffic-${r}-check`).inputs.invertHealthcheck).toBeUndefined();
            expect(byName(`traffic-${r}-check`).inputs.disabled).toBeUndefined();
        }
        expect(children).toHaveLength(regions.length * 4 + 3);
    });

    test("draining every region is rejected", async () => {
        // Constructed outside runProgram: the kit's runProgram cannot report a program that throws (see report).
        const kit = MockKit.install();
        const provider = new aws.Provider("aws-us-east-1", { region: "us-east-1" });
        expect(() => new LatencyRouting("traffic", argsFor(regions, { drain: regions }), { provider })).toThrow(
            new Error(
                `LatencyRouting traffic: active-active:drain: ${JSON.stringify(regions)} drains every region; allowed: leave at least one region serving`,
            ),
        );
        await kit.settle();
        expect(kit.resources.filter((r) => r.parent?.endsWith("::traffic"))).toEqual([]);
    });
});

describe("options", () => {
    const regions = REGION_SETS[3]!;

    test("CNAME records carry the model's TTL and point at the regional target name", async () => {
        const settings = { requestIntervalSeconds: 10, failureThreshold: 1, recordKind: "cname" as const, cnameTtlSeconds: 30 };
        const { byName, kit } = await deploy(argsFor(regions, { settings }));
        for (const r of regions) {
            expect(byName(`traffic-${r}-record`).inputs).toEqual({
                zoneId: "Z0123456789EXAMPLE",
                name: "api.example.com",
                type: "CNAME",
                ttl: 30,
                records: [targetName(r)],
                setIdentifier: r,
                latencyRoutingPolicies: [{ region: r }],
                healthCheckId: byName(`traffic-${r}-gate`).id,
            });
            expect(byName(`traffic-${r}-check`).inputs).toMatchObject({ requestInterval: 10, failureThreshold: 1 });
        }
        expect(kit.resourcesOfType("aws:route53/record:Record")).toHaveLength(regions.length);
    });

    test("dual-stack endpoints get an AAAA alias beside each A alias, wired to the same gate", async () => {
        const { byName, kit } = await deploy(argsFor(regions, { dualStack: true }));
        expect(kit.resourcesOfType("aws:route53/record:Record").map((r) => r.name).sort()).toEqual(
            regions.flatMap((r) => [`traffic-${r}-aaaa`, `traffic-${r}-record`]).sort(),
        );
        for (const r of regions) {
            expect(byName(`traffic-${r}-aaaa`).inputs).toEqual({ ...byName(`traffic-${r}-record`).inputs, type: "AAAA" });
        }
    });

    test("an existing topic is used instead of creating one", async () => {
        const topicArn = "arn:aws:sns:us-east-1:123456789012:oncall";
        const { kit } = await deploy(argsFor(regions, { alarmTopicArn: topicArn }));
        expect(kit.resourcesOfType("aws:sns/topic:Topic")).toEqual([]);
        for (const alarm of kit.resourcesOfType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
            expect([alarm.inputs.alarmActions, alarm.inputs.okActions]).toEqual([[topicArn], [topicArn]]);
        }
    });

    test("health path and tags reach the children", async () => {
        const { byName } = await deploy(argsFor(regions, { healthPath: "/ready", tags: { env: "test" } }));
        expect(byName("traffic-us-east-1-check").inputs).toMatchObject({ resourcePath: "/ready", tags: { env: "test", Name: "traffic-us-east-1" } });
        expect(byName("traffic-alarms").inputs).toEqual({ tags: { env: "test", "activeactive:scope": "global" } });
    });

    test("outputs: endpoint, check ids by region, modeled RTO and RPO", async () => {
        const { component, kit, byName } = await deploy(argsFor(regions, { consistency: "strong" }));
        expect(component.endpoint).toBe("api.example.com");
        expect(await kit.unwrap(component.healthCheckIds)).toEqual(
            Object.fromEntries(regions.map((r) => [r, byName(`traffic-${r}-check`).id])),
        );
        expect(await kit.unwrap(component.gateCheckIds)).toEqual(
            Object.fromEntries(regions.map((r) => [r, byName(`traffic-${r}-gate`).id])),
        );
        expect(component.rto).toEqual(route53Rto(DEFAULT_ROUTE53_SETTINGS));
        expect(component.rpo).toEqual(rpo("strong"));
    });
});

describe("latencyRoutingArgsErrors", () => {
    const base = argsFor(REGION_SETS[2]!);
    test.each<[string, Partial<LatencyRoutingArgs>, string[]]>([
        ["valid", {}, []],
        ["unknown drained region", { drain: ["ap-south-1"] }, ['active-active:drain: "ap-south-1" is not one of the regions; allowed: us-east-1, eu-west-1']],
        ["two checker regions", { checkerRegions: ["us-east-1", "eu-west-1"] }, ['checkerRegions: ["us-east-1","eu-west-1"] has 2; allowed: at least 3']],
        [
            "not a checker region",
            { checkerRegions: ["us-east-1", "eu-west-1", "eu-central-1"] },
            ['checkerRegions: "eu-central-1" is not a Route 53 checker region; allowed: us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1'],
        ],
        ["bad interval", { settings: { ...DEFAULT_ROUTE53_SETTINGS, requestIntervalSeconds: 20 } }, ["settings: request interval must be 10 or 30 s, got 20"]],
        [
            "dual-stack CNAME",
            { dualStack: true, settings: { ...DEFAULT_ROUTE53_SETTINGS, recordKind: "cname", cnameTtlSeconds: 30 } },
            ["dualStack: a CNAME answers for both address families; allowed: dualStack with alias records only"],
        ],
        [
            "topic outside us-east-1",
            { alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:oncall" },
            ['alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:oncall" is not in us-east-1; allowed: a topic in us-east-1, where Route 53 metrics are'],
        ],
    ])("%s", (_, change, problems) => {
        expect(latencyRoutingArgsErrors({ ...base, ...change })).toEqual(problems);
    });

    test("duplicate regions", () => {
        const args = argsFor(["us-east-1", "us-east-1"]);
        expect(latencyRoutingArgsErrors(args)).toEqual(['regions: ["us-east-1"] given more than once']);
    });
});

describe("declared RTO target", () => {
    test("each regional check carries the stack's RTO target for the policy pack, and nothing else does", async () => {
        const regions = REGION_SETS[2]!;
        const { byName } = await deploy(argsFor(regions, { rtoTargetSeconds: 120 }));
        for (const r of regions) {
            expect(byName(`traffic-${r}-check`).inputs.tags).toEqual({ Name: `traffic-${r}`, "activeactive:region": r, "activeactive:rto-target-seconds": "120" });
            expect(byName(`traffic-${r}-gate`).inputs.tags).toEqual({ Name: `traffic-${r}-gate`, "activeactive:region": r });
        }
    });
});
