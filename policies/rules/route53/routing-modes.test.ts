/**
 * The routing-mode rules (issue 18): a geolocation set without a default, weights leaving fewer than two serving
 * regions, an active-passive standby that cannot take the primary's peak warm. Each passes, then fails as mutated.
 */
import { activeActiveStack, checkStack, mutate, resource, urnOf } from "../../testing/fixtures";
import { geolocationDefault } from "./geolocation-default";
import { weightedServingRegions } from "./weighted-serving-regions";
import { standbyWarm } from "../stack/standby-warm";

const RECORD = "aws:route53/record:Record";
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
const record = (name: string, policy: Record<string, unknown>, setIdentifier = name) =>
    resource(RECORD, name, { zoneId: "Z1", name: "api.example.com", type: "A", setIdentifier, healthCheckId: `gate-${name}`, aliases: [{ name: "d-1.execute-api.us-east-1.amazonaws.com", zoneId: "Z2", evaluateTargetHealth: true }], ...policy }, { region: "us-east-1" });

describe("active-active-geolocation-default", () => {
    const located = [record("us-east-1", { geolocationRoutingPolicies: [{ continent: "NA" }] }), record("eu-west-1", { geolocationRoutingPolicies: [{ continent: "EU" }] })];
    test("passes with a default record", async () => {
        expect(await checkStack(geolocationDefault, [...located, record("default", { geolocationRoutingPolicies: [{ country: "*" }] })])).toEqual([]);
    });
    test("a set without a default", async () => {
        expect(await checkStack(geolocationDefault, located)).toEqual([
            { message: 'geolocation record set api.example.com A maps NA, EU and has no default record: Route 53 answers nothing to every other location; allowed: a record with country "*"', urn: urnOf(RECORD, "us-east-1") },
        ]);
    });
    test("not applicable without geolocation records", async () => {
        expect(await checkStack(geolocationDefault, activeActiveStack())).toBe("not applicable");
    });
});

describe("active-active-weighted-serving-regions", () => {
    const weighted = (weights: number[]) => REGIONS.map((r, i) => record(r, { weightedRoutingPolicies: [{ weight: weights[i] }] }));
    test("passes with two regions above 0", async () => {
        expect(await checkStack(weightedServingRegions, weighted([1, 1, 0]))).toEqual([]);
    });
    test("weights leaving one serving region", async () => {
        expect(await checkStack(weightedServingRegions, weighted([5, 0, 0]))).toEqual([
            { message: "weighted record set api.example.com A sends traffic to 1 region (us-east-1); allowed: a weight above 0 in at least 2 regions (pack config minServingRegions)", urn: urnOf(RECORD, "us-east-1") },
        ]);
    });
    test("one serving region passes where the config allows it (dev)", async () => {
        expect(await checkStack(weightedServingRegions, weighted([5, 0, 0]), { minServingRegions: 1 })).toEqual([]);
    });
});

describe("active-active-standby-warm", () => {
    const FN = "aws:lambda/function:Function";
    const WARM = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
    /** The fixture stack with failover records (us-east-1 PRIMARY) and every service reserving 150. */
    function failoverStack(warm: Record<string, number>) {
        let s = activeActiveStack();
        for (const r of REGIONS) {
            s = mutate(s, `app-traffic-${r}-record`, (i) => {
                delete i.latencyRoutingPolicies;
                i.failoverRoutingPolicies = [{ type: r === "us-east-1" ? "PRIMARY" : "SECONDARY" }];
            });
            s = mutate(s, `app-${r}-fn`, (i) => (i.reservedConcurrentExecutions = 150));
        }
        return [...s, ...Object.entries(warm).map(([r, n]) => resource(WARM, `app-${r}-warm`, { functionName: `app-${r}`, qualifier: "live", provisionedConcurrentExecutions: n }, { region: r }))];
    }
    test("passes with every standby warm for the primary's peak", async () => {
        expect(await checkStack(standbyWarm, failoverStack({ "us-west-2": 150, "eu-west-1": 150 }))).toEqual([]);
    });
    test("a standby half warm, another cold", async () => {
        expect(await checkStack(standbyWarm, failoverStack({ "us-west-2": 75 }))).toEqual([
            { message: "standby eu-west-1 of api.example.com keeps 0 of the primary us-east-1's 150 warm: 150 concurrent requests start cold after a failover; allowed: provisioned concurrency of at least 150 (routing.standbyWarmPercent 100)", urn: urnOf(FN, "app-eu-west-1-fn") },
            { message: "standby us-west-2 of api.example.com keeps 75 of the primary us-east-1's 150 warm: 75 concurrent requests start cold after a failover; allowed: provisioned concurrency of at least 150 (routing.standbyWarmPercent 100)", urn: urnOf(FN, "app-us-west-2-fn") },
        ]);
    });
    test("a standby reserving less than the primary's peak throttles", async () => {
        const s = mutate(failoverStack({ "us-west-2": 150, "eu-west-1": 150 }), "app-eu-west-1-fn", (i) => (i.reservedConcurrentExecutions = 50));
        expect(await checkStack(standbyWarm, s)).toEqual([
            { message: "standby eu-west-1 of api.example.com reserves 50 concurrency, below the primary us-east-1's 150: a failover throttles; allowed: at least 150", urn: urnOf(FN, "app-eu-west-1-fn") },
        ]);
    });
    test("not applicable to active-active stacks", async () => {
        expect(await checkStack(standbyWarm, activeActiveStack())).toBe("not applicable");
    });
});
