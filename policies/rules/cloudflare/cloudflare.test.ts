import { check, Case, UNKNOWN_STRING, withProps } from "../../testing/fixtures";
import { loadBalancerFallbackPool } from "./load-balancer-fallback-pool";
import { monitorHttps } from "./monitor-https";
import { poolHasMonitor } from "./pool-has-monitor";
import { LOAD_BALANCER, loadBalancer as loadBalancerInputs } from "../../../tests/fixtures/cloudflare/load-balancer";
import { MONITOR, monitor as monitorInputs } from "../../../tests/fixtures/cloudflare/monitor";
import { POOL, pool as poolInputs } from "../../../tests/fixtures/cloudflare/pool";

const REGIONS = ["us-east-1", "eu-west-1"];
const loadBalancer = { type: LOAD_BALANCER, props: loadBalancerInputs(REGIONS, REGIONS.map((r) => `pool-${r}`), "pool-us-east-1") };
const pool = { type: POOL, props: poolInputs("eu-west-1", "monitor-1") };
const monitor = { type: MONITOR, props: monitorInputs() };

describe("cloudflare-load-balancer-fallback-pool", () => {
    test("passes a load balancer with a fallback pool", async () => {
        expect(await check(loadBalancerFallbackPool, loadBalancer)).toEqual([]);
    });
    test.each<Case>([
        ["no fallback pool", (p) => (p.fallbackPool = ""), ["fallbackPool is unset; allowed: the id of a pool that serves when every pool is unhealthy"]],
        ["no default pools", (p) => (p.defaultPools = []), ["defaultPools is empty; allowed: the id of every region's pool"]],
        ["pool ids unknown during preview", (p) => ((p.fallbackPool = UNKNOWN_STRING), (p.defaultPools = [UNKNOWN_STRING])), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(loadBalancerFallbackPool, withProps(loadBalancer, change))).toEqual(expected);
    });
});

describe("cloudflare-load-balancer-pool-has-monitor", () => {
    test("passes a monitored pool", async () => {
        expect(await check(poolHasMonitor, pool)).toEqual([]);
    });
    test.each<Case>([
        ["no monitor", (p) => delete p.monitor, ['monitor is unset, so origin "eu-west-1" is never health checked; allowed: the id of a load balancer monitor']],
        [
            "no monitor, two origins",
            (p) => (delete p.monitor, p.origins.push({ address: "backup.example.com" })),
            ['monitor is unset, so origins "eu-west-1", "backup.example.com" are never health checked; allowed: the id of a load balancer monitor'],
        ],
        ["monitor id unknown during preview", (p) => (p.monitor = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(poolHasMonitor, withProps(pool, change))).toEqual(expected);
    });
});

describe("cloudflare-load-balancer-monitor-https", () => {
    test("passes a verified HTTPS monitor", async () => {
        expect(await check(monitorHttps, monitor)).toEqual([]);
    });
    test.each<Case>([
        ["type unset (http)", (p) => delete p.type, ['type is unset (the API\'s default is "http"); allowed: "https"']],
        ["tcp", (p) => (p.type = "tcp"), ['type is "tcp" (the API\'s default is "http"); allowed: "https"']],
        ["insecure", (p) => (p.allowInsecure = true), ["allowInsecure is true, which accepts any certificate; allowed: false"]],
        [
            "no path and no codes",
            (p) => (delete p.path, delete p.expectedCodes),
            ['path is unset; allowed: the health path, e.g. "/health"', 'expectedCodes is unset; allowed: the healthy status codes, e.g. "200"'],
        ],
    ])("%s", async (_title, change, expected) => {
        expect(await check(monitorHttps, withProps(monitor, change))).toEqual(expected);
    });
});
