/**
 * Strict mocks, Cloudflare Load Balancing: the monitor, pools and load balancer CloudflareLoadBalancer registers (the
 * canonical fixtures) and the stack's DNS validation record pass; each constraint rejects one mutation with
 * Cloudflare's error. Pool and monitor references are checked against what the same validator registered before.
 */
import { computeOutputs } from "../../../mock-kit/outputs";
import { createStrictValidator, StrictValidator } from "../../../mock-kit/strict";
import { REGIONS } from "../../fixtures/common";
import { CLOUDFLARE_ZONE } from "../../fixtures/cloudflare/ids";
import { LOAD_BALANCER as LB_TYPE, loadBalancer } from "../../fixtures/cloudflare/load-balancer";
import { monitor, MONITOR as MONITOR_TYPE } from "../../fixtures/cloudflare/monitor";
import { pool, POOL as POOL_TYPE } from "../../fixtures/cloudflare/pool";
import { originTlsRuleset, pinnedCname } from "../../fixtures/cloudflare/zone";
import { Mutation, mutated } from "./support";

const MONITOR = monitor();
const idOf = (type: string, name: string, inputs: Record<string, any>) => computeOutputs({ type, name, inputs, region: undefined }).id;
const MONITOR_ID = idOf(MONITOR_TYPE, "lb-monitor", MONITOR);
const poolOf = (region: string) => pool(region, MONITOR_ID);
const POOL_IDS = REGIONS.map((r) => idOf(POOL_TYPE, `lb-${r}-pool`, poolOf(r)));
const LOAD_BALANCER = loadBalancer(REGIONS, POOL_IDS, POOL_IDS[0]!);

const DNS_RECORD = {
    comment: "ACM DNS validation",
    content: "_cf5c579f296290d1529265fe36ed1141.acm-validations.aws",
    name: "_5d760a3a3a1ec855b958c1afdeae3144.api.example.com",
    proxied: false,
    ttl: 60,
    type: "CNAME",
    zoneId: CLOUDFLARE_ZONE,
} as Record<string, any>;

const check = (type: string, name: string, inputs: Record<string, any>, v: StrictValidator) => v.validate({ type, name, inputs, region: undefined });

/** Registers the monitor and the three pools, as the component does before its load balancer. */
function withPools(v: StrictValidator = createStrictValidator()): StrictValidator {
    expect(check(MONITOR_TYPE, "lb-monitor", MONITOR, v)).toEqual([]);
    REGIONS.forEach((r) => expect(check(POOL_TYPE, `lb-${r}-pool`, poolOf(r), v)).toEqual([]));
    return v;
}

const failed = (message: string) => `400 Bad Request {"success":false,"errors":[{"code":1002,"message":"${message}: validation failed"}]}`;

describe("cloudflare LoadBalancerMonitor", () => {
    test("the program's monitor passes", () => {
        expect(check(MONITOR_TYPE, "m", MONITOR, createStrictValidator())).toEqual([]);
    });

    test.each<Mutation>([
        ["an interval of 5 s", (t) => (t.interval = 5), [failed("interval is not in range [10, 3600]")]],
        ["an interval of 4000 s", (t) => (t.interval = 4000), [failed("interval is not in range [10, 3600]")]],
        ["6 retries", (t) => (t.retries = 6), [failed("retries is not in range [0, 5]")]],
        ["a timeout of 11 s", (t) => (t.timeout = 11), [failed("timeout is not in range [1, 10]")]],
        ["an HTTPS monitor without expected codes", (t) => delete t.expectedCodes, [failed("expected_codes is required for HTTP and HTTPS monitors")]],
        ["type grpc", (t) => (t.type = "grpc"), [failed("type grpc is not one of http, https, tcp, udp_icmp, icmp_ping, smtp")]],
        ["a relative path", (t) => (t.path = "health"), [failed("path health does not start with /")]],
        [
            "an account id that is not one",
            (t) => (t.accountId = "my-account"),
            ['404 Not Found {"success":false,"errors":[{"code":7003,"message":"Could not route to /accounts/my-account/load_balancers/monitors, perhaps your object identifier is invalid?"}]}'],
        ],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(MONITOR_TYPE, "m", mutated(MONITOR, mutate), createStrictValidator())).toEqual(expected);
    });

    test("the smallest interval follows the plan", () => {
        const pro = createStrictValidator({ cloudflarePlan: "pro" });
        expect(check(MONITOR_TYPE, "m", { ...MONITOR, interval: 30 }, pro)).toEqual([failed("interval is not in range [60, 3600]")]);
        expect(check(MONITOR_TYPE, "m", { ...MONITOR, interval: 30 }, createStrictValidator({ cloudflarePlan: "business" }))).toEqual([]);
    });
});

describe("cloudflare LoadBalancerPool", () => {
    test("the program's pools pass", () => {
        withPools();
    });

    test.each<Mutation>([
        ["no origins", (t) => (t.origins = []), [failed("the origin list length must be at least 1")]],
        ["an origin without address", (t) => delete t.origins[0].address, [failed("origins[0].address is required")]],
        ["two origins of one name", (t) => t.origins.push({ ...t.origins[0] }), [failed("origin name us-east-1 is used more than once")]],
        ["more minimum origins than origins", (t) => (t.minimumOrigins = 2), [failed("minimum_origins 2 is more than the pool's 1 origins")]],
        [
            "check region EU",
            (t) => (t.checkRegions = ["EU"]),
            [failed("check_regions EU is not one of WNAM, ENAM, WEU, EEU, NSAM, SSAM, OC, ME, NAF, SAF, SAS, SEAS, NEAS, ALL_REGIONS")],
        ],
        ["latitude 95", (t) => (t.latitude = 95), [failed("latitude is not in range [-90, 90]")]],
        ["a latitude without longitude", (t) => delete t.longitude, [failed("latitude and longitude must be set together")]],
        ["a name with a dot", (t) => (t.name = "api.us-east-1"), [failed("name api.us-east-1 may only contain letters, digits, hyphens and underscores")]],
        ["a monitor that does not exist", (t) => (t.monitor = "0".repeat(32)), [failed(`monitor: monitor ${"0".repeat(32)} does not exist`)]],
    ])("%s is rejected", (_, mutate, expected) => {
        const v = createStrictValidator();
        expect(check(MONITOR_TYPE, "lb-monitor", MONITOR, v)).toEqual([]);
        expect(check(POOL_TYPE, "lb-us-east-1-pool", mutated(poolOf("us-east-1"), mutate), v)).toEqual(expected);
    });
});

describe("cloudflare LoadBalancer", () => {
    test("the program's load balancer passes", () => {
        expect(check(LB_TYPE, "lb", LOAD_BALANCER, withPools())).toEqual([]);
    });

    test("geo steering with region pools passes", () => {
        const geo = { ...LOAD_BALANCER, steeringPolicy: "geo", regionPools: { ENAM: POOL_IDS, WNAM: [POOL_IDS[1], POOL_IDS[0], POOL_IDS[2]], WEU: [POOL_IDS[2], POOL_IDS[0], POOL_IDS[1]] } };
        expect(check(LB_TYPE, "lb", geo, withPools())).toEqual([]);
    });

    const unknownPool = "f".repeat(32);
    test.each<Mutation>([
        [
            "steering policy latency",
            (t) => (t.steeringPolicy = "latency"),
            [failed("steering_policy latency is not one of off, geo, random, dynamic_latency, proximity, least_outstanding_requests, least_connections")],
        ],
        ["session affinity sticky", (t) => (t.sessionAffinity = "sticky"), [failed("session_affinity sticky is not one of none, cookie, ip_cookie, header")]],
        ["no default pools", (t) => (t.defaultPools = []), [failed("the default_pools list length must be at least 1")]],
        ["a fallback pool that is not one of the pools", (t) => (t.fallbackPool = unknownPool), [failed(`fallback_pool: pool ${unknownPool} does not exist`)]],
        ["a default pool that does not exist", (t) => t.defaultPools.push(unknownPool), [failed(`default_pools: pool ${unknownPool} does not exist`)]],
        [
            "region pools under an unknown region code",
            (t) => (t.regionPools = { EUROPE: [POOL_IDS[2]] }),
            [failed("region_pools EUROPE is not one of WNAM, ENAM, WEU, EEU, NSAM, SSAM, OC, ME, NAF, SAF, SAS, SEAS, NEAS")],
        ],
        ["a name that is not a host name", (t) => (t.name = "api example.com"), [failed('name api example.com is not a valid hostname: it has the label \\"api example\\"; labels are letters, digits, hyphens and underscores, not starting or ending with a hyphen')]],
        [
            "a zone id that is not one",
            (t) => (t.zoneId = "example.com"),
            ['404 Not Found {"success":false,"errors":[{"code":7003,"message":"Could not route to /zones/example.com/load_balancers, perhaps your object identifier is invalid?"}]}'],
        ],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(LB_TYPE, "lb", mutated(LOAD_BALANCER, mutate), withPools())).toEqual(expected);
    });

    test("proximity steering over a pool without coordinates is rejected", () => {
        const v = createStrictValidator();
        expect(check(MONITOR_TYPE, "lb-monitor", MONITOR, v)).toEqual([]);
        const bare = poolOf("us-east-1");
        delete bare.latitude;
        delete bare.longitude;
        expect(check(POOL_TYPE, "bare", bare, v)).toEqual([]);
        const lb = { ...LOAD_BALANCER, steeringPolicy: "proximity", defaultPools: [idOf(POOL_TYPE, "bare", bare)], fallbackPool: idOf(POOL_TYPE, "bare", bare) };
        expect(check(LB_TYPE, "lb", lb, v)).toEqual([failed("proximity steering needs latitude and longitude on every pool")]);
    });

    test("dynamic latency steering over a pool without monitor is rejected", () => {
        const v = createStrictValidator();
        const unmonitored = poolOf("us-east-1");
        delete unmonitored.monitor;
        expect(check(POOL_TYPE, "unmonitored", unmonitored, v)).toEqual([]);
        const id = idOf(POOL_TYPE, "unmonitored", unmonitored);
        expect(check(LB_TYPE, "lb", { ...LOAD_BALANCER, defaultPools: [id], fallbackPool: id }, v)).toEqual([
            failed("dynamic_latency steering needs a monitor on every pool"),
        ]);
    });

    test("pools made outside the program (none registered) are not judged", () => {
        expect(check(LB_TYPE, "lb", { ...LOAD_BALANCER, fallbackPool: unknownPool }, createStrictValidator())).toEqual([]);
    });
});

describe("cloudflare DnsRecord", () => {
    test("the program's validation record passes", () => {
        expect(check("cloudflare:index/dnsRecord:DnsRecord", "r", DNS_RECORD, createStrictValidator())).toEqual([]);
    });

    test.each<Mutation>([
        ["a TTL of 10 s", (t) => (t.ttl = 10), ['400 Bad Request {"success":false,"errors":[{"code":1004,"message":"DNS Validation Error: ttl must be 1 (automatic) or between 30 and 86400, got 10"}]}']],
        ["a proxied TXT record", (t) => Object.assign(t, { type: "TXT", proxied: true }), ['400 Bad Request {"success":false,"errors":[{"code":9004,"message":"This record type cannot be proxied."}]}']],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check("cloudflare:index/dnsRecord:DnsRecord", "r", mutated(DNS_RECORD, mutate), createStrictValidator())).toEqual(expected);
    });

    test("below Enterprise the smallest TTL is 60 s", () => {
        expect(check("cloudflare:index/dnsRecord:DnsRecord", "r", { ...DNS_RECORD, ttl: 30 }, createStrictValidator({ cloudflarePlan: "pro" }))).toEqual([
            '400 Bad Request {"success":false,"errors":[{"code":1004,"message":"DNS Validation Error: ttl must be 1 (automatic) or between 60 and 86400, got 30"}]}',
        ]);
    });
});

describe("cloudflare Ruleset", () => {
    const RULESET_TYPE = "cloudflare:index/ruleset:Ruleset";
    const RULESET = originTlsRuleset();

    test("the program's origin TLS rule and a pinned name's record pass", () => {
        expect(check(RULESET_TYPE, "tls", RULESET, createStrictValidator())).toEqual([]);
        expect(check("cloudflare:index/dnsRecord:DnsRecord", "pinned", pinnedCname("us-east-1"), createStrictValidator({ cloudflarePlan: "pro" }))).toEqual([]);
    });

    test("a zone holds one entry-point ruleset per phase: a second http_config_settings ruleset is refused", () => {
        const v = createStrictValidator();
        expect(check(RULESET_TYPE, "tls", RULESET, v)).toEqual([]);
        expect(check(RULESET_TYPE, "other", { ...RULESET, name: "another" }, v)).toEqual([
            '400 Bad Request {"success":false,"errors":[{"code":20217,"message":"A similar configuration with rules already exists: the zone\'s http_config_settings entry point ruleset"}]}',
        ]);
        // Another phase of the same zone is its own entry point.
        expect(check(RULESET_TYPE, "cache", { ...RULESET, phase: "http_request_cache_settings", rules: [] }, v)).toEqual([]);
    });

    test.each<Mutation>([
        ["an SSL mode that does not exist", (t) => (t.rules[0].actionParameters.ssl = "full_strict"), [failed("rules[0].action_parameters.ssl full_strict is not one of off, flexible, full, strict, originPull")]],
        ["the SSL setting in a phase without it", (t) => (t.phase = "http_request_origin"), [failed("rules[0]: ssl is a setting of the http_config_settings phase, not http_request_origin")]],
        ["a zone ruleset without a zone", (t) => delete t.zoneId, [failed("a zone ruleset needs zone_id")]],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(RULESET_TYPE, "tls", mutated(RULESET, mutate), createStrictValidator())).toEqual(expected);
    });
});
