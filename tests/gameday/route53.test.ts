import { DEFAULT_LOCATIONS, LatencyMatrix } from "../../gameday/geography";
import type { Prober, ProbeResult } from "../../gameday/probe";
import { Route53 } from "../../gameday/route53";
import { Random, Scheduler } from "../../gameday/scheduler";
import type { Route53Settings } from "../../gameday/settings";

/**
 * The game day's Route 53 against the rules it was written from (Route 53 developer guide): the >18 % checker rule,
 * the failure threshold, calculated gates (a drain raises the threshold over the child count), fail-open when every
 * record is unhealthy, and resolvers that keep an answer for the TTL.
 */

const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
const SIX_CHECKER_REGIONS = ["us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2"];

function settings(gateThreshold: Record<string, number> = {}, failureThreshold = 1): Route53Settings {
    return {
        kind: "route53",
        checks: REGIONS.map((r) => ({ id: `${r}-check`, region: r, fqdn: `${r}.api.example.com`, path: "/health", intervalSeconds: 10, failureThreshold, checkerRegions: SIX_CHECKER_REGIONS })),
        gates: REGIONS.map((r) => ({ id: `${r}-gate`, region: r, childHealthThreshold: gateThreshold[r] ?? 1, children: [`${r}-check`] })),
        records: REGIONS.map((r) => ({ region: r, healthCheckId: `${r}-gate`, evaluateTargetHealth: true, ttlSeconds: 60 })),
    };
}

/** A prober whose answers the test decides: `healthy(from, region)` at the probe's time. */
function fakeProber(sched: Scheduler, healthy: (from: string, region: string) => boolean): Prober {
    return {
        probe: (from: string, region: string, _path: string, _limits: unknown, done: (r: ProbeResult) => void) => sched.after(100, () => done({ ok: healthy(from, region) })),
    } as unknown as Prober;
}

function build(s: Route53Settings, healthy: (from: string, region: string) => boolean): { sched: Scheduler; r53: Route53 } {
    const sched = new Scheduler();
    const r53 = new Route53(s, sched, new Random(1), fakeProber(sched, healthy), new LatencyMatrix(DEFAULT_LOCATIONS, REGIONS), 1);
    r53.start();
    return { sched, r53 };
}

describe("gameday Route 53", () => {
    test("a check is healthy while more than 18 % of its checkers say so: 2 of 6 (33 %) is healthy, 1 of 6 (17 %) is not", async () => {
        const two = build(settings(), (from, region) => region !== "us-east-1" || ["us-east-1", "us-west-1"].includes(from));
        await two.sched.run(60_000);
        expect(two.r53.recordHealthy("us-east-1")).toBe(true);
        const one = build(settings(), (from, region) => region !== "us-east-1" || from === "us-east-1");
        await one.sched.run(60_000);
        expect(one.r53.recordHealthy("us-east-1")).toBe(false);
        expect(one.r53.changes).toEqual([{ at: expect.any(Number), region: "us-east-1", healthy: false }]);
    });

    test("a checker calls an endpoint unhealthy only after failureThreshold consecutive failures", async () => {
        const { sched, r53 } = build(settings({}, 3), (_from, region) => region !== "us-west-2");
        await sched.run(20_000);
        // Every checker has probed at most twice (first tick within 10 s, interval 10 s): not yet.
        expect(r53.recordHealthy("us-west-2")).toBe(true);
        await sched.run(40_000);
        expect(r53.recordHealthy("us-west-2")).toBe(false);
        // The last of the six checkers flipped on its third failure: between 20 s and 30.1 s.
        const change = r53.changes.find((c) => c.region === "us-west-2")!;
        expect(change.at).toBeGreaterThan(20_000);
        expect(change.at).toBeLessThanOrEqual(30_100);
    });

    test("a drained gate (threshold over its child count) keeps the record out while its check is healthy", async () => {
        const { sched, r53 } = build(settings({ "us-east-1": 2 }), () => true);
        await sched.run(30_000);
        expect(r53.recordHealthy("us-east-1")).toBe(false);
        expect(r53.resolve("new-york")).not.toBe("us-east-1");
    });

    test("when every record is unhealthy Route 53 fails open and answers the nearest region", async () => {
        const { sched, r53 } = build(settings(), () => false);
        await sched.run(30_000);
        expect(REGIONS.map((r) => r53.recordHealthy(r))).toEqual([false, false, false]);
        expect(r53.resolve("london")).toBe("eu-west-1");
        expect(r53.answers.at(-1)).toEqual({ at: 30_000, location: "london", region: "eu-west-1", failOpen: true });
    });

    test("a resolver keeps its answer for the TTL, even after the region turned unhealthy", async () => {
        let down = false;
        const { sched, r53 } = build(settings(), (_from, region) => !(down && region === "us-east-1"));
        await sched.run(1_000);
        expect(r53.resolve("new-york")).toBe("us-east-1");
        // The first answer stands for one cached earlier (part of its TTL spent); the next one is cached a full 60 s.
        await sched.run(62_000);
        expect(r53.resolve("new-york")).toBe("us-east-1");
        expect(r53.answers.map((a) => a.at)).toEqual([1_000, 62_000]);
        down = true;
        await sched.run(100_000);
        expect(r53.recordHealthy("us-east-1")).toBe(false);
        expect(r53.resolve("new-york")).toBe("us-east-1");
        await sched.run(122_000);
        expect(r53.resolve("new-york")).toBe("us-west-2");
        expect(r53.answers.map((a) => [a.at, a.region])).toEqual([
            [1_000, "us-east-1"],
            [62_000, "us-east-1"],
            [122_000, "us-west-2"],
        ]);
    });
});
