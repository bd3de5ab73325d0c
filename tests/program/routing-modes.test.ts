/**
 * `active-active:routing` -> `policy` (issue 18): every Route 53 mode planned for dev and prod with its defaults, the
 * exact records of the routing component, each on its region's gate. A region's record in any mode is latency's
 * record with the routing policy swapped (same name, alias, zone and gate), so the latency run is the reference.
 */
import { MockKit, RecordedResource } from "../../mock-kit";
import { main } from "../../program";
import { engineConfig } from "../helpers/config-source";

const RECORD = "aws:route53/record:Record";
const CHECK = "aws:route53/healthCheck:HealthCheck";
const ROUTING = "activeactive:route53:LatencyRouting";
const STACKS = {
    dev: { regions: ["us-east-1", "us-west-2"], svc: "api.dev.example.com", zone: "Z0123456789DEVEXAMPLE" },
    prod: { regions: ["us-east-1", "us-west-2", "eu-west-1"], svc: "api.example.com", zone: "Z0123456789PRDEXAMPLE" },
} as const;
type Stack = keyof typeof STACKS;

async function run(stack: Stack, routing: Record<string, unknown> = {}): Promise<MockKit> {
    const { config, secretKeys } = engineConfig(stack, { set: { "active-active:routing": routing } });
    const kit = MockKit.install({ config, secretKeys, stack });
    await kit.runProgram(() => main());
    return kit;
}

/** The routing component's records on the service name and its sets (pinned names aside), by logical name. */
function routedRecords(kit: MockKit): Record<string, Record<string, unknown>> {
    const rs = kit.resources.filter((r: RecordedResource) => r.type === RECORD && r.urn.includes(`${ROUTING}$`) && !r.name.includes("-pinned"));
    return Object.fromEntries(rs.map((r) => [r.name.replace("active-active-routing-", ""), JSON.parse(JSON.stringify(r.inputs))]));
}

const gateId = (kit: MockKit, region: string) => kit.get(CHECK, `active-active-routing-${region}-gate`).id;

/** Latency's record of a region with another policy (and optionally another name). */
function swapped(latency: Record<string, any>, policy: Record<string, unknown>, change: Record<string, unknown> = {}): Record<string, unknown> {
    const { latencyRoutingPolicies: _latency, ...rest } = latency;
    return { ...rest, ...policy, ...change };
}

describe.each(Object.keys(STACKS) as Stack[])("%s", (stack) => {
    const { regions, svc, zone } = STACKS[stack];
    let latency: Record<string, Record<string, any>>;
    let latencyKit: MockKit;
    beforeAll(async () => {
        latencyKit = await run(stack);
        latency = routedRecords(latencyKit);
    });
    const rec = (region: string) => latency[`${region}-record`]!;

    test("latency (the default): one latency record per region on its gate", () => {
        expect(Object.keys(latency).sort()).toEqual(regions.map((r) => `${r}-record`).sort());
        for (const r of regions) expect([r, rec(r).latencyRoutingPolicies, rec(r).healthCheckId, rec(r).name]).toEqual([r, [{ region: r }], gateId(latencyKit, r), svc]);
    });

    test("weighted: weight 1 per region, on the same gates", async () => {
        const got = routedRecords(await run(stack, { policy: "weighted" }));
        expect(got).toEqual(Object.fromEntries(regions.map((r) => [`${r}-record`, swapped(rec(r), { weightedRoutingPolicies: [{ weight: 1 }] })])));
    });

    test("weighted with weights given: each region's own", async () => {
        const weights = Object.fromEntries(regions.map((r, i) => [r, 10 * (i + 1)]));
        const got = routedRecords(await run(stack, { policy: "weighted", weights }));
        expect(got).toEqual(Object.fromEntries(regions.map((r) => [`${r}-record`, swapped(rec(r), { weightedRoutingPolicies: [{ weight: weights[r] }] })])));
    });

    test("geoproximity: each region's AWS region with bias 0, or the bias given", async () => {
        const got = routedRecords(await run(stack, { policy: "geoproximity", biases: { "us-west-2": 25 } }));
        const bias = (r: string) => (r === "us-west-2" ? 25 : 0);
        expect(got).toEqual(Object.fromEntries(regions.map((r) => [`${r}-record`, swapped(rec(r), { geoproximityRoutingPolicy: { awsRegion: r, bias: bias(r) } })])));
    });

    test("failover: the home region PRIMARY; the standbys behind one SECONDARY", async () => {
        const got = routedRecords(await run(stack, { policy: "failover" }));
        const primary = swapped(rec("us-east-1"), { failoverRoutingPolicies: [{ type: "PRIMARY" }] });
        if (stack === "dev") {
            expect(got).toEqual({ "us-east-1-record": primary, "us-west-2-record": swapped(rec("us-west-2"), { failoverRoutingPolicies: [{ type: "SECONDARY" }] }) });
            return;
        }
        const set = `standby.${svc}`;
        expect(got).toEqual({
            "us-east-1-record": primary,
            standby: { zoneId: zone, name: svc, type: "A", setIdentifier: "standby", failoverRoutingPolicies: [{ type: "SECONDARY" }], aliases: [{ name: set, zoneId: zone, evaluateTargetHealth: true }] },
            "us-west-2-record": { ...rec("us-west-2"), name: set },
            "eu-west-1-record": { ...rec("eu-west-1"), name: set },
        });
    });

    test("geolocation: each continent of the regions to its first region (home first), the default to the nearest healthy region", async () => {
        const got = routedRecords(await run(stack, { policy: "geolocation" }));
        const set = `nearest.${svc}`;
        const nearest = Object.fromEntries(regions.map((r) => [`${r}-nearest`, { ...rec(r), name: set }]));
        const located = stack === "dev"
            ? { "us-east-1-record": swapped(rec("us-east-1"), { geolocationRoutingPolicies: [{ continent: "NA" }] }) }
            : {
                  "us-east-1-record": swapped(rec("us-east-1"), { geolocationRoutingPolicies: [{ continent: "NA" }] }),
                  "eu-west-1-record": swapped(rec("eu-west-1"), { geolocationRoutingPolicies: [{ continent: "EU" }] }),
              };
        const fallback = { zoneId: zone, name: svc, type: "A", setIdentifier: "default", geolocationRoutingPolicies: [{ country: "*" }], aliases: [{ name: set, zoneId: zone, evaluateTargetHealth: true }] };
        expect(got).toEqual({ ...located, default: fallback, ...nearest });
    });

    test("geolocation with a map: countries, a region as default, a second location of one region keeps its own name", async () => {
        const geolocation = { continents: { NA: "us-east-1" }, countries: { DE: "us-west-2", CA: "us-east-1" }, default: "us-west-2" };
        const got = routedRecords(await run(stack, { policy: "geolocation", geolocation }));
        expect(got).toEqual({
            "us-east-1-record": swapped(rec("us-east-1"), { geolocationRoutingPolicies: [{ continent: "NA" }] }),
            "us-east-1-record-ca": swapped(rec("us-east-1"), { geolocationRoutingPolicies: [{ country: "CA" }] }, { setIdentifier: "us-east-1-CA" }),
            "us-west-2-record": swapped(rec("us-west-2"), { geolocationRoutingPolicies: [{ country: "DE" }] }),
            default: swapped(rec("us-west-2"), { geolocationRoutingPolicies: [{ country: "*" }] }, { setIdentifier: "default" }),
        });
    });
});

test("a drain stays on the gate in every mode: the drained region's gate closes, its records are untouched", async () => {
    for (const policy of ["weighted", "failover", "geolocation"]) {
        const open = routedRecords(await run("prod", { policy }));
        const kit = await (async () => {
            const { config, secretKeys } = engineConfig("prod", { set: { "active-active:routing": { policy }, "active-active:drain": ["us-east-1"] } });
            const k = MockKit.install({ config, secretKeys, stack: "prod" });
            await k.runProgram(() => main());
            return k;
        })();
        expect([policy, routedRecords(kit)]).toEqual([policy, open]);
        const gate = kit.get(CHECK, "active-active-routing-us-east-1-gate");
        expect([policy, gate.inputs.childHealthThreshold]).toEqual([policy, gate.inputs.childHealthchecks.length + 1]);
    }
});
