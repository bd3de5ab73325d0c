/**
 * The resilience report: the modeled RTO and RPO of each region's failure against the target, and what a drain
 * changes. The figures are the config's failover plan (computed once by the failover model); the drain's effect is
 * read from the recorded resources, so the report shows what the program built.
 */
import type { StackConfig } from "../config";
import { ARC_CLUSTER_USD_PER_HOUR, HOURS_PER_MONTH } from "../packages/aws-facts";
import { healthBudget, regionLoss, replicationWatch, ResolvedRouting, standbyState } from "../packages/failover-model";
import { isSwitchedOff, replicaRegions, routingSwitch } from "./topology";
import type { DrainEffect, PlanResource, RecoveryControlReport, RegionFailure, Resilience } from "./types";

/** What the report reads of the parsed config. */
export type ResilienceConfig = Pick<StackConfig, "regions" | "servingRegions" | "drain" | "traffic" | "consistency" | "failover" | "capacity" | "service" | "routing" | "protect"> &
    Partial<Pick<StackConfig, "routingMode">>;

function recoveryControlReport(config: ResilienceConfig): RecoveryControlReport {
    const rc = config.routing.recoveryControl;
    if (rc === false) return { enabled: false };
    return {
        enabled: true,
        cluster: rc === true ? "new" : "existing",
        monthlyCostUsd: rc === true ? ARC_CLUSTER_USD_PER_HOUR * HOURS_PER_MONTH : 0,
        minimumServing: config.protect ? 2 : 1,
    };
}

/** The RTO of the surviving regions when `serving` regions are left; null when none would be left to fail over to. */
function rtoWith(serving: number, rtoSeconds: number): number | null {
    return serving >= 2 ? rtoSeconds : null;
}

function regionFailure(config: ResilienceConfig, region: string): RegionFailure {
    const { rto, rpo, rtoTargetSeconds } = config.failover;
    const rpoSeconds = rpo.rpoSeconds;
    const others = config.servingRegions.filter((r) => r !== region);
    if (!config.servingRegions.includes(region)) {
        return { region, serving: false, rtoSeconds: 0, rpoSeconds, meetsTarget: true, failoverTo: [], note: "drained: it takes no traffic, so its failure moves nobody" };
    }
    if (others.length === 0) {
        const note = "it is the only serving region; undrain another region to restore failover";
        return { region, serving: true, rtoSeconds: null, rpoSeconds, meetsTarget: false, failoverTo: [], note };
    }
    const mode = config.routingMode;
    if (mode && mode.policy !== "latency") return modeFailure(config, region, mode);
    const mechanism =
        config.traffic === "route53"
            ? "its health check fails and Route 53 stops answering with its latency record"
            : "its pool's monitor fails and the load balancer steers to the remaining pools";
    return {
        region,
        serving: true,
        rtoSeconds: rto.rtoSeconds,
        rpoSeconds,
        meetsTarget: rto.rtoSeconds <= rtoTargetSeconds,
        failoverTo: others,
        note: `${mechanism}; ${others.join(", ")} ${others.length === 1 ? "takes" : "take"} its users`,
    };
}

/** Another mode than latency: what that mode does with the region's users (failover-model `regionLoss`). */
function modeFailure(config: ResilienceConfig, region: string, mode: ResolvedRouting): RegionFailure {
    const { rto, rpo, rtoTargetSeconds } = config.failover;
    const shares = Object.fromEntries(config.capacity.map((c) => [c.region, c.sharePercent]));
    const loss = regionLoss(mode, config.regions, shares, region);
    const movesNobody = mode.policy === "failover" && region !== mode.primary;
    const rtoSeconds = loss.unserved.length > 0 ? null : movesNobody ? 0 : rto.rtoSeconds;
    const failoverTo = Object.keys(loss.shares).filter((r) => loss.shares[r]! > (shares[r] ?? 0) + 1e-9);
    const note = `${mode.policy}: ${loss.consequence}${standbyState({ routing: mode, capacity: config.capacity }, region)}`;
    return { region, serving: true, rtoSeconds, rpoSeconds: rpo.rpoSeconds, meetsTarget: rtoSeconds !== null && rtoSeconds <= rtoTargetSeconds, failoverTo, note };
}

function drainReport(config: ResilienceConfig, resources: PlanResource[]): Resilience["drain"] {
    const serving = config.servingRegions;
    const replicas = replicaRegions(resources);
    const effect = (region: string, after: string[]): DrainEffect => {
        const routing = routingSwitch(resources, region, config.regions);
        return {
            region,
            serving: after,
            gatedOff: routing.map((r) => ({ type: r.type, name: r.name })),
            inEffect: routing.some(isSwitchedOff),
            replicaStays: replicas.includes(region),
            rtoSecondsAfter: rtoWith(after.length, config.failover.rto.rtoSeconds),
        };
    };
    return {
        drained: [...config.drain],
        serving: [...serving],
        effects: config.drain.map((r) => effect(r, serving)),
        ifDrained: config.drain.length > 0 ? [] : serving.map((r) => effect(r, serving.filter((s) => s !== r))),
        replicaRegions: replicas,
    };
}

export function buildResilience(config: ResilienceConfig, resources: PlanResource[]): Resilience {
    const { rto, rpo, rtoTargetSeconds } = config.failover;
    const perRegion = config.regions.map((region) => regionFailure(config, region));
    const settings = { ...((config.traffic === "route53" ? config.failover.route53 : config.failover.cloudflare) ?? {}) } as Record<string, unknown>;
    const watch = replicationWatch(config.service.heartbeatIntervalMs, rpo.rpoSeconds);
    return {
        routingPolicy: config.routingMode?.policy,
        capacity: config.capacity.map((c) => ({ ...c, throttle: { ...c.throttle } })),
        healthBudget: healthBudget(config.service.healthTimeoutMs),
        replication: { thresholdMs: watch.thresholdMs, detectionDelaySeconds: watch.detectionDelaySeconds },
        recoveryControl: recoveryControlReport(config),
        rtoSeconds: rto.rtoSeconds,
        rtoTargetSeconds,
        rpoSeconds: rpo.rpoSeconds,
        meetsTarget: perRegion.every((r) => r.meetsTarget),
        source: "config",
        traffic: config.traffic,
        consistency: config.consistency,
        rpoBasis: rpo.basis,
        rpoSla: config.consistency === "strong",
        settings,
        breakdown: rto.breakdown.map((p) => ({ part: p.part, seconds: p.seconds, source: p.source, assumed: p.assumed })),
        perRegion,
        drain: drainReport(config, resources),
    };
}
