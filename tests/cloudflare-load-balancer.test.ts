import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { cloudflareRto, DEFAULT_CLOUDFLARE_SETTINGS, rpo } from "../packages/failover-model";
import { MockKit, RecordedResource } from "../mock-kit";
import {
    CloudflareLoadBalancer,
    CloudflareLoadBalancerArgs,
    cloudflareLoadBalancerArgsErrors,
} from "../components/cloudflare-load-balancer";
import { CLOUDFLARE_REGIONS } from "../components/cloudflare-regions";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const ZONE = "fedcba9876543210fedcba9876543210";
const REGION_SETS: Record<number, string[]> = {
    2: ["us-east-1", "eu-west-1"],
    3: ["us-east-1", "us-west-2", "eu-west-1"],
    5: ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2"],
};
const hostname = (region: string) => `api123.execute-api.${region}.amazonaws.com`;

function argsFor(regions: string[], extra: Partial<CloudflareLoadBalancerArgs> = {}): CloudflareLoadBalancerArgs {
    return {
        accountId: ACCOUNT,
        zoneId: ZONE,
        serviceName: "api.example.com",
        regions: regions.map((region) => ({ region, hostname: pulumi.output(hostname(region)) })),
        ...extra,
    };
}

async function deploy(args: CloudflareLoadBalancerArgs) {
    const kit = MockKit.install();
    let component: CloudflareLoadBalancer | undefined;
    await kit.runProgram(() => {
        // The token stays with the provider (cloudflare:apiToken / CLOUDFLARE_API_TOKEN); the component never sees it.
        const provider = new cloudflare.Provider("cloudflare", {});
        component = new CloudflareLoadBalancer("traffic", args, { providers: [provider] });
    });
    const children = kit.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"));
    const byName = (name: string): RecordedResource => kit.get(children.find((r) => r.name === name)!.type, name);
    return { kit, component: component!, children, byName };
}

const MONITOR_INPUTS = {
    accountId: ACCOUNT,
    description: "api.example.com /health",
    type: "https",
    method: "GET",
    path: "/health",
    expectedCodes: "200",
    followRedirects: false,
    allowInsecure: false,
    interval: 60,
    retries: 2,
    timeout: 5,
    consecutiveDown: 1,
};

function poolInputs(region: string, monitorId: string, enabled = true) {
    const placement = CLOUDFLARE_REGIONS[region as keyof typeof CLOUDFLARE_REGIONS];
    return {
        accountId: ACCOUNT,
        name: `traffic-${region}`,
        description: `api.example.com in ${region}`,
        enabled,
        minimumOrigins: 1,
        monitor: monitorId,
        checkRegions: [placement.cloudflareRegion],
        latitude: placement.latitude,
        longitude: placement.longitude,
        origins: [{ name: region, address: hostname(region), enabled: true, weight: 1, header: { hosts: [hostname(region)] } }],
    };
}

describe.each([2, 3, 5])("%i regions", (count) => {
    const regions = REGION_SETS[count]!;

    test("creates exactly one monitor, a pool per region and one load balancer", async () => {
        const { children } = await deploy(argsFor(regions));
        expect(children.map((r) => [r.type, r.name]).sort()).toEqual(
            [
                ["cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor", "traffic-monitor"],
                ...regions.map((r) => ["cloudflare:index/loadBalancerPool:LoadBalancerPool", `traffic-${r}-pool`]),
                ["cloudflare:index/loadBalancer:LoadBalancer", "traffic-lb"],
            ].sort(),
        );
    });

    test("every input of every child", async () => {
        const { byName } = await deploy(argsFor(regions));
        const monitor = byName("traffic-monitor");
        expect(monitor.inputs).toEqual(MONITOR_INPUTS);
        const poolIds = regions.map((r) => byName(`traffic-${r}-pool`).id);
        for (const r of regions) expect(byName(`traffic-${r}-pool`).inputs).toEqual(poolInputs(r, monitor.id));
        expect(byName("traffic-lb").inputs).toEqual({
            zoneId: ZONE,
            name: "api.example.com",
            description: `api.example.com: active-active over ${regions.join(", ")}`,
            defaultPools: poolIds,
            fallbackPool: poolIds[0],
            steeringPolicy: "dynamic_latency",
            proxied: true,
            sessionAffinity: "none",
        });
    });

    test("every child is parented to the component and uses the Cloudflare provider", async () => {
        const { kit, children } = await deploy(argsFor(regions));
        const component = kit.get("activeactive:cloudflare:LoadBalancer", "traffic");
        const provider = kit.get("pulumi:providers:cloudflare", "cloudflare");
        expect(provider.inputs.apiToken).toBeUndefined();
        expect(children).toHaveLength(regions.length + 2);
        for (const child of children) {
            expect([child.name, child.parent, child.providerUrn]).toEqual([child.name, component.urn, provider.urn]);
        }
    });

    test("draining the first region disables its pool only; the fallback moves to a serving pool", async () => {
        const drained = regions[0]!;
        const { byName } = await deploy(argsFor(regions, { drain: [drained] }));
        const monitorId = byName("traffic-monitor").id;
        for (const r of regions) expect(byName(`traffic-${r}-pool`).inputs).toEqual(poolInputs(r, monitorId, r !== drained));
        const poolIds = regions.map((r) => byName(`traffic-${r}-pool`).id);
        expect(byName("traffic-lb").inputs).toMatchObject({ defaultPools: poolIds, fallbackPool: poolIds[1] });
    });

    test("draining every region is rejected", async () => {
        // Constructed outside runProgram: the kit's runProgram cannot report a program that throws (see report).
        const kit = MockKit.install();
        const provider = new cloudflare.Provider("cloudflare", {});
        expect(() => new CloudflareLoadBalancer("traffic", argsFor(regions, { drain: regions }), { provider })).toThrow(
            new Error(
                `CloudflareLoadBalancer traffic: active-active:drain: ${JSON.stringify(regions)} drains every region; allowed: leave at least one region serving`,
            ),
        );
        await kit.settle();
        expect(kit.resources.filter((r) => r.parent?.endsWith("::traffic"))).toEqual([]);
    });
});

describe("options", () => {
    test("geo steering lists each Cloudflare region's own pools first, then the others", async () => {
        const regions = ["us-east-1", "us-east-2", "eu-west-1"];
        const { byName } = await deploy(argsFor(regions, { steering: "geo" }));
        const [use1, use2, euw1] = regions.map((r) => byName(`traffic-${r}-pool`).id);
        expect(byName("traffic-lb").inputs).toMatchObject({
            steeringPolicy: "geo",
            regionPools: { ENAM: [use1, use2, euw1], WEU: [euw1, use1, use2] },
        });
    });

    test("proximity steering relies on the pools' coordinates", async () => {
        const { byName } = await deploy(argsFor(REGION_SETS[2]!, { steering: "proximity" }));
        expect(byName("traffic-lb").inputs.steeringPolicy).toBe("proximity");
        expect(byName("traffic-lb").inputs.regionPools).toBeUndefined();
        expect(byName("traffic-eu-west-1-pool").inputs).toMatchObject({ latitude: 53.35, longitude: -6.26 });
    });

    test("a DNS-only load balancer gets a TTL; model settings reach the monitor", async () => {
        const settings = { ...DEFAULT_CLOUDFLARE_SETTINGS, intervalSeconds: 10, consecutiveDown: 2, proxied: false };
        const { byName, component } = await deploy(argsFor(REGION_SETS[2]!, { settings, plan: "enterprise", sessionAffinity: "cookie" }));
        expect(byName("traffic-lb").inputs).toMatchObject({ proxied: false, ttl: 30, sessionAffinity: "cookie" });
        expect(byName("traffic-monitor").inputs).toEqual({ ...MONITOR_INPUTS, interval: 10, consecutiveDown: 2 });
        expect(component.rto).toEqual(cloudflareRto(settings));
    });

    test("outputs: endpoint, pool ids by region, modeled RTO and RPO", async () => {
        const regions = REGION_SETS[3]!;
        const { kit, component, byName } = await deploy(argsFor(regions));
        expect(component.endpoint).toBe("api.example.com");
        expect(await kit.unwrap(component.poolIds)).toEqual(Object.fromEntries(regions.map((r) => [r, byName(`traffic-${r}-pool`).id])));
        expect(await kit.unwrap(component.monitorId)).toBe(byName("traffic-monitor").id);
        expect(component.rto).toEqual(cloudflareRto(DEFAULT_CLOUDFLARE_SETTINGS));
        expect(component.rpo).toEqual(rpo("eventual"));
    });
});

describe("cloudflareLoadBalancerArgsErrors", () => {
    const base = argsFor(REGION_SETS[2]!);
    test.each<[string, Partial<CloudflareLoadBalancerArgs>, string[]]>([
        ["valid", {}, []],
        ["unknown drained region", { drain: ["ap-south-1"] }, ['active-active:drain: "ap-south-1" is not one of the regions; allowed: us-east-1, eu-west-1']],
        [
            "interval below the plan's minimum",
            { settings: { ...DEFAULT_CLOUDFLARE_SETTINGS, intervalSeconds: 15 } },
            ["settings: monitor interval must be an integer of at least 60 s on the pro plan, got 15"],
        ],
        ["the same interval on business", { plan: "business", settings: { ...DEFAULT_CLOUDFLARE_SETTINGS, intervalSeconds: 15 } }, []],
        [
            "region without a Cloudflare mapping",
            { regions: [{ region: "us-east-1", hostname: "a" }, { region: "xx-moon-1", hostname: "b" }] },
            ['regions: "xx-moon-1" has no Cloudflare region mapping; add it to components/cloudflare-regions.ts'],
        ],
    ])("%s", (_, change, problems) => {
        expect(cloudflareLoadBalancerArgsErrors({ ...base, ...change })).toEqual(problems);
    });
});
