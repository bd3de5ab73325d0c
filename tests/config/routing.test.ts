/**
 * `active-active:routing` -> `policy` (issue 18): one key chooses the Route 53 records and the Cloudflare steering;
 * a mode a layer lacks, a refinement of another mode and a second home for the Cloudflare steering are config errors.
 */
import { parseConfig } from "../../config";
import { configProblems, configSource } from "../helpers/config-source";

const routing = (value: Record<string, unknown>, extra: Record<string, unknown> = {}) => configSource("prod", { set: { "active-active:routing": value, ...extra } });
const CLOUDFLARE = { "active-active:traffic": "cloudflare" };

test.each(["latency", "weighted", "geoproximity", "geolocation", "failover"])("%s alone is accepted on prod", (policy) => {
    expect(parseConfig(routing({ policy })).routingMode.policy).toBe(policy);
});

test("the resolved defaults: weights 1, bias 0, the continents of the regions with the home region first, the home region PRIMARY", () => {
    expect(parseConfig(routing({ policy: "weighted" })).routingMode).toEqual({ policy: "weighted", weights: { "us-east-1": 1, "us-west-2": 1, "eu-west-1": 1 } });
    expect(parseConfig(routing({ policy: "geoproximity" })).routingMode).toEqual({ policy: "geoproximity", biases: { "us-east-1": 0, "us-west-2": 0, "eu-west-1": 0 } });
    expect(parseConfig(routing({ policy: "geolocation" })).routingMode).toEqual({
        policy: "geolocation",
        locations: [{ region: "us-east-1", continent: "NA" }, { region: "eu-west-1", continent: "EU" }],
        defaultTarget: "nearest",
    });
    expect(parseConfig(routing({ policy: "failover" })).routingMode).toEqual({ policy: "failover", primary: "us-east-1", standbys: ["us-west-2", "eu-west-1"] });
});

test("failover sizes every standby for the primary's whole load; the primary takes it all in steady state", () => {
    const capacity = parseConfig(routing({ policy: "failover", standbyWarmPercent: 50 })).capacity;
    expect(capacity.map((c) => [c.region, c.sharePercent, c.reservedConcurrency, c.provisionedConcurrency])).toEqual([
        ["us-east-1", 100, 150, 0],
        ["us-west-2", 0, 150, 75],
        ["eu-west-1", 0, 150, 75],
    ]);
});

test("weighted spreads a failed region's share by the remaining weights", () => {
    const capacity = parseConfig(routing({ policy: "weighted", weights: { "us-east-1": 2, "us-west-2": 1, "eu-west-1": 1 } })).capacity;
    // 150 in all: 75 / 37.5 / 37.5; us-east-1 takes half of either other's share, the others 1/3 of us-east-1's.
    expect(capacity.map((c) => [c.region, c.ownConcurrency, c.absorbs, c.absorbedConcurrency, c.reservedConcurrency])).toEqual([
        ["us-east-1", 75, "us-west-2", 25, 100],
        ["us-west-2", 37.5, "us-east-1", 37.5, 75],
        ["eu-west-1", 37.5, "us-east-1", 37.5, 75],
    ]);
});

describe("bad config", () => {
    test("bad config: a Cloudflare-only policy with Route 53 names the layer", () => {
        expect(configProblems(routing({ policy: "least_connections" }))).toEqual([
            'active-active:routing.policy: "least_connections" is a Cloudflare steering policy that Route 53 lacks (it counts requests at a proxy); allowed: latency, weighted, geoproximity, geolocation or failover with traffic "route53"',
        ]);
    });
    test("bad config: cloudflare.steering beside routing.policy", () => {
        const cloudflare = { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210", steering: "dynamic_latency" };
        const source = configSource("prod", { set: { ...CLOUDFLARE, "active-active:cloudflare": cloudflare, "active-active:routing": { policy: "weighted" } } });
        expect(configProblems(source)).toEqual([
            'active-active:cloudflare.steering: "dynamic_latency" is set beside active-active:routing.policy, which chooses the Cloudflare steering too; allowed: one of the two (active-active:routing.policy "weighted" steers Cloudflare by docs/traffic.md\'s mapping)',
        ]);
    });
    test("bad config: a bias with Cloudflare, which has none", () => {
        const source = configSource("prod", { set: { ...CLOUDFLARE, "active-active:cloudflare": { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210" }, "active-active:routing": { policy: "geoproximity", biases: { "us-east-1": 10 } } } });
        expect(configProblems(source)).toEqual([
            'active-active:routing.biases: {"us-east-1":10} has no Cloudflare counterpart (proximity steering uses each pool\'s coordinates as they are); allowed: unset with traffic "cloudflare"',
        ]);
    });
    test("bad config: a geolocation map with Cloudflare names the layer", () => {
        const source = configSource("prod", { set: { ...CLOUDFLARE, "active-active:routing": { policy: "geolocation", geolocation: { default: null } } } });
        expect(configProblems(source)).toEqual([
            'active-active:routing.geolocation: {"default":null} has no Cloudflare counterpart here (geo steering maps each Cloudflare region to its own pools first); allowed: unset with traffic "cloudflare"',
        ]);
    });
    test("bad config: least_outstanding_requests on a DNS-only load balancer", () => {
        const source = configSource("prod", { set: { ...CLOUDFLARE, "active-active:cloudflare": { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210", proxied: false }, "active-active:routing": { policy: "least_outstanding_requests" } } });
        expect(configProblems(source)).toEqual([
            'active-active:routing.policy: "least_outstanding_requests" needs a proxied Cloudflare load balancer (DNS-only load balancers count no requests or connections); allowed: active-active:cloudflare.proxied true, or another policy',
        ]);
    });
    test("bad config: weights for another policy, and for a region the stack lacks", () => {
        expect(configProblems(routing({ policy: "latency", weights: { "ap-south-1": 3 } }))).toEqual([
            'active-active:routing.weights: {"ap-south-1":3} applies only to policy "weighted" (or a Cloudflare least_* policy), not "latency"; allowed: unset, or set policy to weighted',
            "active-active:routing.weights.ap-south-1: is not one of the regions; allowed: us-east-1, us-west-2, eu-west-1",
        ]);
    });
    test("bad config: a weight above 255 and a bias below -99", () => {
        expect(configProblems(routing({ policy: "weighted", weights: { "us-east-1": 256 }, biases: { "us-east-1": -100 } }))).toEqual([
            "active-active:routing.weights.us-east-1: 256 is too large; allowed: at most 255",
            "active-active:routing.biases.us-east-1: -100 is too small; allowed: at least -99",
        ]);
    });
    test("bad config: a geolocation map naming an unknown continent", () => {
        expect(configProblems(routing({ policy: "geolocation", geolocation: { continents: { EA: "us-east-1" } } }))).toEqual([
            'active-active:routing.geolocation.continents: unknown field "EA"; allowed: AF, AN, AS, EU, NA, OC, SA',
        ]);
    });
    test("bad config: a geolocation map naming regions the stack lacks, as a location and as the default", () => {
        expect(configProblems(routing({ policy: "geolocation", geolocation: { continents: { EU: "eu-central-1" }, default: "ap-south-1" } }))).toEqual([
            'active-active:routing.geolocation.continents.EU: "eu-central-1" is not one of the regions; allowed: us-east-1, us-west-2, eu-west-1',
            'active-active:routing.geolocation.default: "ap-south-1" is not one of the regions; allowed: us-east-1, us-west-2, eu-west-1, "nearest" (latency over every region) or null (no default record)',
        ]);
    });
});
