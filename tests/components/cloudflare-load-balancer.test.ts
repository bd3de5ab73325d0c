/**
 * CloudflareLoadBalancer's children, their exact inputs (against the canonical fixtures in tests/fixtures), parent
 * and provider, draining, steering, and validateCloudflareLoadBalancerArgs; 2, 3 and 5 regions.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { AWS_REGIONS, renderProblem } from "../../packages/aws-facts";
import { CLOUDFLARE_REGION_CODES, cloudflareRto, cloudflareSteering, DEFAULT_CLOUDFLARE_SETTINGS, rpo } from "../../packages/failover-model";
import { MockKit } from "../../mock-kit";
import { CloudflareLoadBalancer, CloudflareLoadBalancerArgs, validateCloudflareLoadBalancerArgs } from "../../components/cloudflare-load-balancer";
import { executeApiHost, pinnedDomainTarget, pinnedName, regionalDomainTarget, SERVICE_NAME, TRAFFIC as T } from "../fixtures/common";
import { CLOUDFLARE_ACCOUNT, CLOUDFLARE_ZONE } from "../fixtures/cloudflare/ids";
import { loadBalancer } from "../fixtures/cloudflare/load-balancer";
import { monitor } from "../fixtures/cloudflare/monitor";
import { pool } from "../fixtures/cloudflare/pool";
import { DNS_RECORD, originTlsRuleset, pinnedCname, RULESET } from "../fixtures/cloudflare/zone";
import { deployComponent } from "../helpers/deploy";

const REGION_SETS: Record<number, string[]> = {
    2: ["us-east-1", "eu-west-1"],
    3: ["us-east-1", "us-west-2", "eu-west-1"],
    5: ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2"],
};

function argsFor(regions: string[], extra: Partial<CloudflareLoadBalancerArgs> = {}): CloudflareLoadBalancerArgs {
    return {
        accountId: CLOUDFLARE_ACCOUNT,
        zoneId: CLOUDFLARE_ZONE,
        serviceName: SERVICE_NAME,
        regions: regions.map((region) => ({
            region,
            hostname: pulumi.output(regionalDomainTarget(region).name),
            pinned: { name: pinnedName(region), target: pulumi.output(pinnedDomainTarget(region)) },
        })),
        ...extra,
    };
}

function deploy(args: CloudflareLoadBalancerArgs) {
    return deployComponent(() => {
        // The token stays with the provider (cloudflare:apiToken / CLOUDFLARE_API_TOKEN); the component never sees it.
        const provider = new cloudflare.Provider("cloudflare", {});
        return new CloudflareLoadBalancer(T, args, { providers: [provider] });
    });
}

describe.each([2, 3, 5])("%i regions", (count) => {
    const regions = REGION_SETS[count]!;

    test("creates exactly one monitor, a pool and a pinned-name record per region, one load balancer and the origin TLS rule", async () => {
        const { children } = await deploy(argsFor(regions));
        expect(children.map((r) => [r.type, r.name]).sort()).toEqual(
            [
                ["cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor", `${T}-monitor`],
                ...regions.map((r) => ["cloudflare:index/loadBalancerPool:LoadBalancerPool", `${T}-${r}-pool`]),
                ...regions.map((r) => [DNS_RECORD, `${T}-${r}-pinned`]),
                ["cloudflare:index/loadBalancer:LoadBalancer", `${T}-lb`],
                [RULESET, `${T}-origin-tls`],
            ].sort(),
        );
    });

    test("every input of every child", async () => {
        const { byName } = await deploy(argsFor(regions));
        const monitorId = byName(`${T}-monitor`).id;
        expect(byName(`${T}-monitor`).inputs).toEqual(monitor());
        const poolIds = regions.map((r) => byName(`${T}-${r}-pool`).id);
        for (const r of regions) {
            expect(byName(`${T}-${r}-pool`).inputs).toEqual(pool(r, monitorId));
            expect(byName(`${T}-${r}-pinned`).inputs).toEqual(pinnedCname(r));
        }
        expect(byName(`${T}-lb`).inputs).toEqual(loadBalancer(regions, poolIds, poolIds[0]!));
        expect(byName(`${T}-origin-tls`).inputs).toEqual(originTlsRuleset());
    });

    test("no origin is a default execute-api endpoint and none overrides Host; the monitor sends the service name", async () => {
        const { kit } = await deploy(argsFor(regions));
        for (const p of kit.resourcesOfType("cloudflare:index/loadBalancerPool:LoadBalancerPool")) {
            for (const o of p.inputs.origins) {
                expect(o.address).toMatch(/^d-[a-z0-9]+\.execute-api\./);
                expect(o.header).toBeUndefined();
            }
        }
        expect(kit.resourcesOfType("cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor")[0]!.inputs.header).toEqual({ Host: [SERVICE_NAME] });
    });

    test("every child is parented to the component and uses the Cloudflare provider", async () => {
        const { kit, children } = await deploy(argsFor(regions));
        const component = kit.get("activeactive:cloudflare:LoadBalancer", T);
        const provider = kit.get("pulumi:providers:cloudflare", "cloudflare");
        expect(provider.inputs.apiToken).toBeUndefined();
        expect(children).toHaveLength(regions.length * 2 + 3);
        for (const child of children) {
            expect([child.name, child.parent, child.providerUrn]).toEqual([child.name, component.urn, provider.urn]);
        }
    });

    test("draining the first region disables its pool only; the fallback moves to a serving pool", async () => {
        const drained = regions[0]!;
        const { byName } = await deploy(argsFor(regions, { drain: [drained] }));
        const monitorId = byName(`${T}-monitor`).id;
        for (const r of regions) expect(byName(`${T}-${r}-pool`).inputs).toEqual(pool(r, monitorId, { enabled: r !== drained }));
        const poolIds = regions.map((r) => byName(`${T}-${r}-pool`).id);
        expect(byName(`${T}-lb`).inputs).toMatchObject({ defaultPools: poolIds, fallbackPool: poolIds[1] });
    });

    test("draining every region is rejected", async () => {
        // Constructed outside runProgram: the kit's runProgram cannot report a program that throws (see report).
        const kit = MockKit.install();
        const provider = new cloudflare.Provider("cloudflare", {});
        expect(() => new CloudflareLoadBalancer(T, argsFor(regions, { drain: regions }), { provider })).toThrow(
            new Error(
                `CloudflareLoadBalancer "${T}" (1 problem):\n  - drain: ${JSON.stringify(regions)} drains every region; allowed: leave at least one region serving`,
            ),
        );
        await kit.settle();
        expect(kit.resources.filter((r) => r.parent?.endsWith(`::${T}`))).toEqual([]);
    });
});

describe("options", () => {
    test("geo steering lists each Cloudflare region's own pools first, then the others", async () => {
        const regions = ["us-east-1", "us-east-2", "eu-west-1"];
        const { byName } = await deploy(argsFor(regions, { steering: "geo" }));
        const [use1, use2, euw1] = regions.map((r) => byName(`${T}-${r}-pool`).id);
        expect(byName(`${T}-lb`).inputs).toMatchObject({
            steeringPolicy: "geo",
            regionPools: { ENAM: [use1, use2, euw1], WEU: [euw1, use1, use2] },
        });
    });

    test("proximity steering relies on the pools' coordinates", async () => {
        const { byName } = await deploy(argsFor(REGION_SETS[2]!, { steering: "proximity" }));
        expect(byName(`${T}-lb`).inputs.steeringPolicy).toBe("proximity");
        expect(byName(`${T}-lb`).inputs.regionPools).toBeUndefined();
        expect(byName(`${T}-eu-west-1-pool`).inputs).toMatchObject({ latitude: 53.35, longitude: -6.26 });
    });

    test("a DNS-only load balancer gets a TTL; model settings reach the monitor", async () => {
        const settings = { ...DEFAULT_CLOUDFLARE_SETTINGS, intervalSeconds: 10, consecutiveDown: 2, proxied: false };
        const { byName, component } = await deploy(argsFor(REGION_SETS[2]!, { settings, plan: "enterprise", sessionAffinity: "cookie" }));
        expect(byName(`${T}-lb`).inputs).toMatchObject({ proxied: false, ttl: 30, sessionAffinity: "cookie" });
        expect(byName(`${T}-monitor`).inputs).toEqual(monitor({ interval: 10, consecutiveDown: 2 }));
        expect(component.rto).toEqual(cloudflareRto(settings));
    });

    test("outputs: endpoint, pool ids by region, modeled RTO and RPO", async () => {
        const regions = REGION_SETS[3]!;
        const { kit, component, byName } = await deploy(argsFor(regions));
        expect(component.endpoint).toBe("api.example.com");
        expect(await kit.unwrap(component.poolIds)).toEqual(Object.fromEntries(regions.map((r) => [r, byName(`${T}-${r}-pool`).id])));
        expect(await kit.unwrap(component.monitorId)).toBe(byName(`${T}-monitor`).id);
        expect(component.rto).toEqual(cloudflareRto(DEFAULT_CLOUDFLARE_SETTINGS));
        expect(component.rpo).toEqual(rpo("eventual"));
        expect(component.steering).toEqual(cloudflareSteering("dynamic_latency", [...CLOUDFLARE_REGION_CODES]));
    });

    test("checkRegions narrows where every pool is probed from; the model names the regions left to failover order", async () => {
        const regions = REGION_SETS[2]!;
        const { byName, component } = await deploy(argsFor(regions, { checkRegions: ["ENAM", "WEU"] }));
        for (const r of regions) expect(byName(`${T}-${r}-pool`).inputs.checkRegions).toEqual(["ENAM", "WEU"]);
        expect(component.steering.failoverOrderRegions).toEqual(CLOUDFLARE_REGION_CODES.filter((c) => c !== "ENAM" && c !== "WEU"));
    });

    test("originTlsRule false leaves the zone's Configuration Rules alone", async () => {
        const { kit } = await deploy(argsFor(REGION_SETS[2]!, { originTlsRule: false }));
        expect(kit.resourcesOfType(RULESET)).toEqual([]);
    });

    test("external endpoints: the endpoint is the origin, and no pinned record is made", async () => {
        const regions = REGION_SETS[2]!;
        const { byName, kit } = await deploy(argsFor(regions, { regions: regions.map((region) => ({ region, hostname: `${region}.origin.example.net` })) }));
        expect(kit.resourcesOfType(DNS_RECORD)).toEqual([]);
        for (const r of regions) expect(byName(`${T}-${r}-pool`).inputs.origins).toEqual([{ name: r, address: `${r}.origin.example.net`, enabled: true, weight: 1 }]);
    });
});

describe("validateCloudflareLoadBalancerArgs", () => {
    const base = argsFor(REGION_SETS[2]!);
    test.each<[string, Partial<CloudflareLoadBalancerArgs>, string[]]>([
        ["valid", {}, []],
        ["unknown drained region", { drain: ["ap-south-1"] }, ['drain[0]: "ap-south-1" is not one of the regions; allowed: us-east-1, eu-west-1']],
        [
            "interval below the plan's minimum",
            { settings: { ...DEFAULT_CLOUDFLARE_SETTINGS, intervalSeconds: 15 } },
            ["settings: monitor interval must be an integer of at least 60 s on the pro plan, got 15; allowed: settings the failover model accepts (see resolveCloudflare)"],
        ],
        ["the same interval on business", { plan: "business", settings: { ...DEFAULT_CLOUDFLARE_SETTINGS, intervalSeconds: 15 } }, []],
        [
            "region without a Cloudflare mapping",
            { regions: [{ region: "us-east-1", hostname: "a" }, { region: "xx-moon-1", hostname: "b" }] },
            [`regions[1]: "xx-moon-1" has no Cloudflare region mapping; allowed: an AWS region (${AWS_REGIONS.join(", ")})`],
        ],
        [
            "an origin on the API's default endpoint",
            { regions: [{ region: "us-east-1", hostname: executeApiHost("us-east-1") }, { region: "eu-west-1", hostname: "b" }] },
            [`regions[0].hostname: "${executeApiHost("us-east-1")}" is the API's default execute-api endpoint, which bypasses the custom domain; allowed: the regional custom domain's target (d-<id>.execute-api.<region>.amazonaws.com)`],
        ],
        ["probing from nowhere", { checkRegions: [] }, ["checkRegions: [] probes from nowhere; allowed: at least one Cloudflare region"]],
        [
            "an unknown probing region, and one twice",
            { checkRegions: ["WEU", "MARS" as never, "WEU"] },
            [`checkRegions[1]: "MARS" is not a Cloudflare region; allowed: ${CLOUDFLARE_REGION_CODES.join(", ")}`, 'checkRegions[2]: "WEU" is listed twice; allowed: each region once'],
        ],
    ])("%s", (_, change, expected) => {
        expect(validateCloudflareLoadBalancerArgs({ ...base, ...change }).map(renderProblem)).toEqual(expected);
    });
});

describe("steering from routing.policy (issue 18)", () => {
    const base = (extra: Partial<CloudflareLoadBalancerArgs>) => validateCloudflareLoadBalancerArgs(argsFor(["us-east-1", "eu-west-1"], extra)).map(renderProblem);
    test("least_connections on a DNS-only load balancer, a pool weight above 1 and an unknown primary are refused", () => {
        expect(base({ steering: "least_connections", settings: { ...DEFAULT_CLOUDFLARE_SETTINGS, proxied: false }, poolWeights: { "us-east-1": 2 }, primary: "ap-south-1" })).toEqual([
            'steering: "least_connections" needs a proxied load balancer (DNS-only ones count no requests); allowed: settings.proxied true, or another steering',
            "poolWeights.us-east-1: 2 is out of range; allowed: 0 to 1",
            'primary: "ap-south-1" is not one of the regions; allowed: us-east-1, eu-west-1',
        ]);
    });
    test("the same steering proxied, with weights in range and a known primary, is accepted", () => {
        expect(base({ steering: "least_connections", poolWeights: { "us-east-1": 1, "eu-west-1": 0.5 }, primary: "eu-west-1" })).toEqual([]);
    });
});
