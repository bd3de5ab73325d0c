import type { ScenarioReport } from "../../gameday/measure";
import { renderJson } from "../../gameday/report";
import { runScenario } from "../../gameday/run";
import { loadScenario, scenarioNames } from "../../gameday/scenario";

/**
 * Every scenario in gameday/scenarios, run on the prod stack with a fixed seed, and what it must show (issue 16).
 * A scenario file without an entry here fails the suite, so a new scenario cannot run unchecked.
 */

const SEED = 11;
/** A generous harness limit for one scenario on a loaded 2-core machine (never an assertion about speed). */
const HARNESS_MS = 900_000;

const run = (name: string, idempotency = true): Promise<ScenarioReport> => runScenario({ stack: "prod", scenario: loadScenario(name), seed: SEED, idempotency });

/** Within the model: observed RTO at most the model's figure. */
function failsOverWithinModel(r: ScenarioReport): void {
    expect(r.observed.failedOver).toBe(true);
    expect(r.observed.rtoSeconds).toBeGreaterThan(0);
    expect(r.observed.rtoSeconds!).toBeLessThanOrEqual(r.model.rtoSeconds);
    expect(r.withinModel).toBe(true);
    // The traffic layer took the failed region out: detection is a number, and no later than the RTO.
    expect(r.observed.detectionSeconds).not.toBeNull();
    expect(r.observed.detectionSeconds!).toBeLessThanOrEqual(r.observed.rtoSeconds!);
}

/** Strong consistency: nothing acknowledged is lost, nothing is written twice. */
function strongData(r: ScenarioReport): void {
    expect(r.consistency).toBe("strong");
    expect(r.observed.duplicateWrites).toBe(0);
    expect(r.observed.missingAckedWrites).toBe(0);
    expect(r.observed.lwwOverwrittenWrites).toBe(0);
}

/** Eventual consistency: duplicates and missing writes only among those attempted or acknowledged within the lag before the fault. */
function eventualData(r: ScenarioReport): void {
    expect(r.consistency).toBe("eventual");
    const lag = r.observed.maxReplicationLagSeconds;
    for (const age of [...r.observed.duplicateAgesSeconds, ...r.observed.missingAgesSeconds]) {
        expect(age).toBeGreaterThanOrEqual(0);
        expect(age).toBeLessThanOrEqual(lag);
    }
    expect(r.observed.rpoSeconds).toBeLessThanOrEqual(lag);
}

const CHECKS: Record<string, (r: ScenarioReport) => void> = {
    "region-down": (r) => {
        failsOverWithinModel(r);
        // DNS failover: the clients of the failed region wait for detection and their resolvers' TTL.
        expect(r.observed.longestClientOutageSeconds!).toBeGreaterThan(r.observed.detectionSeconds!);
        eventualData(r);
        expect(r.observed.errorsByStatus).not.toHaveProperty("500");
    },
    "region-down-busy": (r) => {
        // Slow replication and a busy region: acknowledged writes are caught on the failed side (observed RPO), all
        // of them from within the replication lag before the fault.
        failsOverWithinModel(r);
        eventualData(r);
        expect(r.observed.missingAckedWrites).toBeGreaterThan(0);
        expect(r.observed.rpoSeconds).toBeGreaterThan(0);
    },
    "region-down-pinned": (r) => {
        // active-active/client moves on after one 2 s attempt on the dead region: no client waits for DNS.
        expect(r.observed.failedOver).toBe(true);
        expect(r.observed.longestClientOutageSeconds).not.toBeNull();
        expect(r.observed.longestClientOutageSeconds!).toBeLessThanOrEqual(2 + 1);
        expect(r.observed.rtoSeconds!).toBeLessThanOrEqual(r.model.rtoSeconds);
        eventualData(r);
    },
    "strong-region-down": (r) => {
        failsOverWithinModel(r);
        strongData(r);
    },
    "strong-partition": (r) => {
        // The cut-off region loses its majority: its writes fail, its /health with them, and Route 53 moves its users.
        failsOverWithinModel(r);
        strongData(r);
        expect(r.observed.errorsByStatus["503"]).toBeGreaterThan(0);
    },
    "cloudflare-region-down": (r) => {
        expect(r.traffic).toBe("cloudflare");
        failsOverWithinModel(r);
        eventualData(r);
        // Proxied: the edge picks a pool per request, no DNS answer to outlive.
        expect(r.observed.dnsSeconds).toBe(0);
    },
    throttling: (r) => {
        failsOverWithinModel(r);
        eventualData(r);
        expect(r.observed.errorsByStatus["503"]).toBeGreaterThan(0);
    },
    brownout: (r) => {
        // /health passes while requests time out: no check detects it. That is a finding, not a pass.
        expect(r.observed.failedOver).toBe(false);
        expect(r.observed.detectionSeconds).toBeNull();
        expect(r.observed.errorsByStatus.timeout).toBeGreaterThan(0);
        expect(r.findings[0]).toMatch(/^no failover: clients of us-east-1 never succeeded in another region during the brownout/);
        expect(r.withinModel).toBeNull();
    },
    "slow-answers": (r) => {
        // Answers lost after the write was done: the retries carry the same key and get the stored answer.
        expect(r.observed.duplicatesPrevented).toBeGreaterThan(0);
        expect(r.observed.duplicateWrites).toBe(0);
    },
    "replication-partition": (r) => {
        // Every region keeps serving its own users; writes reach the other side only after the partition heals.
        expect(r.observed.failedOver).toBe(false);
        expect(r.observed.errors).toBe(0);
        expect(r.observed.lateWrites).toBeGreaterThan(0);
        expect(r.observed.maxVisibilityDelaySeconds).toBeGreaterThan(10);
        eventualData(r);
    },
    drain: (r) => {
        const d = r.observed.drain!;
        expect(d.region).toBe("us-east-1");
        expect(d.newConnectionsAfterTtl).toBe(0);
        expect(d.lastRequestSeconds!).toBeLessThanOrEqual(d.ttlSeconds + d.maxConnectionAgeSeconds);
        expect(r.observed.errors).toBe(0);
        expect(r.withinModel).toBe(true);
    },
    "cloudflare-drain": (r) => {
        // The edge picks a pool per request: nothing reaches the disabled pool after the drain.
        expect(r.traffic).toBe("cloudflare");
        expect(r.observed.drain).toEqual({ region: "us-east-1", requestsAfterDrain: 0, newConnectionsAfterTtl: 0, lastRequestSeconds: null, ttlSeconds: 0, maxConnectionAgeSeconds: 60 });
        expect(r.observed.errors).toBe(0);
    },
    "drain-and-failure": (r) => {
        failsOverWithinModel(r);
        eventualData(r);
        const d = r.observed.drain!;
        expect(d.newConnectionsAfterTtl).toBe(0);
        expect(d.lastRequestSeconds!).toBeLessThanOrEqual(d.ttlSeconds + d.maxConnectionAgeSeconds);
    },
    "all-down": (r) => {
        // Nowhere to fail over to; Route 53 fails open, so clients are back as soon as the regions are, before any
        // health checker (30 s interval) could have seen them recover.
        expect(r.observed.failedOver).toBe(false);
        expect(r.observed.failOpenAnswers).toBeGreaterThan(0);
        expect(r.observed.recoveryAfterFaultSeconds).not.toBeNull();
        expect(r.observed.recoveryAfterFaultSeconds!).toBeLessThan(30);
    },
};

describe("gameday scenarios on prod", () => {
    test("every scenario file has its checks here", () => {
        expect(scenarioNames()).toEqual(Object.keys(CHECKS).sort());
    });

    test.each(scenarioNames())(
        "%s",
        async (name) => {
            const report = await run(name);
            CHECKS[name]!(report);
            // Whatever the fault, replication settles: every replica holds every write or dropped it by last writer wins.
            expect(report.observed.unconvergedWrites).toBe(0);
        },
        HARNESS_MS,
    );

    test(
        "a deliberately broken app (Idempotency-Key ignored) lets duplicates through where the real one replays",
        async () => {
            const broken = await run("slow-answers", false);
            expect(broken.idempotency).toBe(false);
            expect(broken.observed.duplicatesPrevented).toBe(0);
            expect(broken.observed.duplicateWrites).toBeGreaterThan(0);
            expect(broken.findings).toContain(`${broken.observed.duplicateWrites} writes executed more than once (duplicates got through)`);
        },
        HARNESS_MS,
    );

    test(
        "two runs with the same seed write identical JSON",
        async () => {
            const [a, b] = [await run("region-down"), await run("region-down")];
            expect(renderJson(b)).toBe(renderJson(a));
        },
        HARNESS_MS,
    );
});
