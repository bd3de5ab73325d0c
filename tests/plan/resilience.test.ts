/**
 * The resilience report: the config's failover plan per region failure, and a drain read back from the resources.
 */
import { buildResilience } from "../../plan/resilience";
import { drainedConfig, usWest2Routing } from "./fixtures";

test("a drain the program did not apply (no closed gate, no disabled pool) is flagged, not reported as done", () => {
    const config = drainedConfig();
    const resources = usWest2Routing();
    const open = buildResilience(config, resources);
    expect(open.drain.effects).toEqual([
        {
            region: "us-west-2",
            serving: ["us-east-1"],
            gatedOff: [
                { type: "aws:route53/healthCheck:HealthCheck", name: "r-us-west-2-gate" },
                { type: "aws:route53/record:Record", name: "r-us-west-2-record" },
            ],
            inEffect: false,
            replicaStays: false,
            rtoSecondsAfter: null,
        },
    ]);
    resources[0]!.inputs.childHealthThreshold = 2;
    expect(buildResilience(config, resources).drain.effects[0]!.inEffect).toBe(true);
});

test("the figures are the config's failover plan, read through its type", () => {
    const config = drainedConfig();
    const r = buildResilience(config, usWest2Routing());
    expect(r).toMatchObject({
        rtoSeconds: 100,
        rtoTargetSeconds: 300,
        rpoSeconds: config.failover.rpo.rpoSeconds,
        rpoBasis: config.failover.rpo.basis,
        rpoSla: false,
        source: "config",
        settings: config.failover.route53,
        breakdown: [],
    });
    expect(r.perRegion.map((p) => [p.region, p.serving, p.rtoSeconds])).toEqual([
        ["us-east-1", true, null],
        ["us-west-2", false, 0],
    ]);
});

test("an RTO over its target misses it for every region that fails over", () => {
    const config = { ...drainedConfig(301), servingRegions: ["us-east-1", "us-west-2"], drain: [] };
    const r = buildResilience(config, usWest2Routing());
    expect(r).toMatchObject({ rtoSeconds: 301, rtoTargetSeconds: 300, source: "config", meetsTarget: false });
    expect(r.perRegion.map((p) => [p.region, p.rtoSeconds, p.meetsTarget])).toEqual([
        ["us-east-1", 301, false],
        ["us-west-2", 301, false],
    ]);
});
