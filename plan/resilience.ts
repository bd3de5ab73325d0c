/**
 * The resilience report: modeled RTO and RPO of each region's failure against the target, and what a drain
 * changes. Figures are read, not recomputed: from the program's stack outputs when it exports them, else from
 * the failover plan the config layer derived with the failover model (`StackConfig.failover`).
 */
import { rpo as modelRpo } from "../packages/failover-model";
import type { StackConfig } from "../config";
import { isSwitchedOff, replicaRegions, routingSwitch } from "./topology";
import type { DrainEffect, PlanResource, RegionFailure, Resilience } from "./types";

type Breakdown = Resilience["breakdown"];

/** The first number at `key` in a nested object (breadth first, a few levels deep), with the object holding it. */
function findFigure(value: unknown, key: string, depth = 3): { figure: number; holder: Record<string, unknown> } | undefined {
    let level: unknown[] = [value];
    for (let d = 0; d <= depth && level.length > 0; d++) {
        const next: unknown[] = [];
        for (const v of level) {
            if (v === null || typeof v !== "object" || Array.isArray(v)) continue;
            const obj = v as Record<string, unknown>;
            if (typeof obj[key] === "number") return { figure: obj[key] as number, holder: obj };
            next.push(...Object.values(obj));
        }
        level = next;
    }
    return undefined;
}

function isBreakdown(v: unknown): v is Breakdown {
    return Array.isArray(v) && v.every((p) => p && typeof p === "object" && typeof p.part === "string" && typeof p.seconds === "number");
}

/** The RTO of the surviving regions when `serving` regions are left; null when none would be left to fail over to. */
function rtoWith(serving: number, rtoSeconds: number): number | null {
    return serving >= 2 ? rtoSeconds : null;
}

/** The config's failover plan, read by shape: `{ rto: { rtoSeconds, breakdown }, rpo: { rpoSeconds, basis } }`. */
function fromConfig(config: StackConfig): { rtoSeconds: number; rpoSeconds: number; breakdown: unknown; basis?: string } {
    const f = config.failover as unknown as Record<string, any>;
    return {
        rtoSeconds: Number(f.rto?.rtoSeconds ?? f.rtoSeconds),
        rpoSeconds: Number(f.rpo?.rpoSeconds ?? f.rpoSeconds),
        breakdown: f.rto?.breakdown ?? f.breakdown,
        basis: typeof f.rpo?.basis === "string" ? f.rpo.basis : undefined,
    };
}

export function buildResilience(config: StackConfig, outputs: Record<string, unknown>, resources: PlanResource[]): Resilience {
    const planned = fromConfig(config);
    const fromOutputs = findFigure(outputs, "rtoSeconds");
    const rtoSeconds = fromOutputs?.figure ?? planned.rtoSeconds;
    const rpoSeconds = findFigure(outputs, "rpoSeconds")?.figure ?? planned.rpoSeconds;
    const breakdown: Breakdown =
        [fromOutputs?.holder.breakdown, planned.breakdown].find((b): b is Breakdown => isBreakdown(b) && b.length > 0) ?? [];
    const target = config.rtoTargetSeconds;
    const model = modelRpo(config.consistency);

    const serving = config.servingRegions;
    const mechanism =
        config.traffic === "route53"
            ? "its health check fails and Route 53 stops answering with its latency record"
            : "its pool's monitor fails and the load balancer steers to the remaining pools";

    const perRegion: RegionFailure[] = config.regions.map((region) => {
        const isServing = serving.includes(region);
        const others = serving.filter((r) => r !== region);
        if (!isServing) {
            return { region, serving: false, rtoSeconds: 0, rpoSeconds, meetsTarget: true, failoverTo: [], note: "drained: it takes no traffic, so its failure moves nobody" };
        }
        if (others.length === 0) {
            return {
                region,
                serving: true,
                rtoSeconds: null,
                rpoSeconds,
                meetsTarget: false,
                failoverTo: [],
                note: "it is the only serving region; undrain another region to restore failover",
            };
        }
        return {
            region,
            serving: true,
            rtoSeconds,
            rpoSeconds,
            meetsTarget: rtoSeconds <= target,
            failoverTo: others,
            note: `${mechanism}; ${others.join(", ")} ${others.length === 1 ? "takes" : "take"} its users`,
        };
    });

    const replicas = replicaRegions(resources);
    const effect = (region: string, after: string[]): DrainEffect => {
        const routing = routingSwitch(resources, region, config.regions);
        return {
            region,
            serving: after,
            gatedOff: routing.map((r) => ({ type: r.type, name: r.name })),
            inEffect: routing.some(isSwitchedOff),
            replicaStays: replicas.includes(region),
            rtoSecondsAfter: rtoWith(after.length, rtoSeconds),
        };
    };

    const settings = { ...((config.traffic === "route53" ? config.failover.route53 : config.failover.cloudflare) ?? {}) } as Record<string, unknown>;

    return {
        rtoSeconds,
        rtoTargetSeconds: target,
        rpoSeconds,
        meetsTarget: perRegion.every((r) => r.meetsTarget),
        source: fromOutputs ? "stack outputs" : "config",
        traffic: config.traffic,
        consistency: config.consistency,
        rpoBasis: planned.basis ?? model.basis,
        rpoSla: config.consistency === "strong",
        settings,
        breakdown: breakdown.map((p) => ({ part: p.part, seconds: p.seconds, source: p.source, assumed: p.assumed })),
        perRegion,
        drain: {
            drained: [...config.drain],
            serving: [...serving],
            effects: config.drain.map((r) => effect(r, serving)),
            ifDrained: config.drain.length > 0 ? [] : serving.map((r) => effect(r, serving.filter((s) => s !== r))),
            replicaRegions: replicas,
        },
    };
}
