/**
 * One scenario, end to end: plan the stack, start an engine and the app per region, the traffic layer, replication
 * and the clients, inject the faults at their simulated times, run, let replication settle, then measure.
 */
import { Client, type Router, type World } from "./clients";
import { Cloudflare } from "./cloudflare";
import { startEngine, type Engine } from "./engine";
import { DEFAULT_LOCATIONS, LatencyMatrix } from "./geography";
import { IdentityProvider, JwtAuthorizer } from "./jwt";
import { measure, type ScenarioReport } from "./measure";
import { Network } from "./network";
import { Prober } from "./probe";
import { EPOCH_MS, Region } from "./region";
import { Replication } from "./replication";
import { Route53 } from "./route53";
import { Random, Scheduler } from "./scheduler";
import type { Fault, Scenario } from "./scenario";
import { planSettings, type GamedaySettings } from "./settings";

export interface RunOptions {
    stack: string;
    scenario: Scenario;
    seed: number;
    /** A deliberately broken app that ignores Idempotency-Key (the harness must see duplicates). */
    idempotency?: boolean;
}

/** Simulated time after the run during which replication settles before the final state is read. */
export const SETTLE_MS = 120_000;

export interface ResolvedFault extends Fault {
    regions: string[];
}

export function resolveFaults(scenario: Scenario, settings: GamedaySettings): ResolvedFault[] {
    const problems: string[] = [];
    const faults = scenario.faults.map((f, i) => {
        const regions = f.region === "all" ? [...settings.regions] : [f.region === "home" ? settings.homeRegion : f.region];
        if (f.region === "all" && f.kind !== "region-down") problems.push(`faults[${i}].region: "all" is allowed for region-down only`);
        for (const r of regions) if (!settings.regions.includes(r)) problems.push(`faults[${i}].region: "${r}" is not a region of stack ${settings.stack} (${settings.regions.join(", ")}, or home)`);
        return { ...f, regions };
    });
    if (problems.length > 0) throw new Error(`gameday: scenario ${scenario.name} does not fit the stack:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    return faults;
}

export async function runScenario(o: RunOptions): Promise<ScenarioReport> {
    const { scenario } = o;
    const settings = await planSettings(o.stack, scenario.config);
    const faults = resolveFaults(scenario, settings);
    const drains = new Map<string, GamedaySettings>();
    for (const f of faults.filter((x) => x.kind === "drain")) {
        drains.set(f.regions[0]!, await planSettings(o.stack, { ...scenario.config, "active-active:drain": f.regions }));
    }
    const engines = new Map<string, Engine>();
    const regions = new Map<string, Region>();
    try {
        for (const r of settings.regions) {
            const env = settings.appEnv[r]!;
            engines.set(r, await startEngine(r, { tableName: env.TABLE_NAME!, partitionKey: env.TABLE_PARTITION_KEY ?? "pk", sortKey: env.TABLE_SORT_KEY ?? "sk" }));
        }
        return await simulate(o, settings, faults, drains, engines, regions);
    } finally {
        for (const region of regions.values()) region.destroy();
        for (const engine of engines.values()) await engine.close();
    }
}

async function simulate(
    o: RunOptions,
    settings: GamedaySettings,
    faults: ResolvedFault[],
    drains: Map<string, GamedaySettings>,
    engines: Map<string, Engine>,
    regions: Map<string, Region>,
): Promise<ScenarioReport> {
    const { scenario } = o;
    const sched = new Scheduler();
    const rng = new Random(o.seed);
    const network = new Network();
    const latency = new LatencyMatrix(DEFAULT_LOCATIONS, settings.regions);
    const anyEnv = settings.appEnv[settings.regions[0]!]!;
    const table = { tableName: anyEnv.TABLE_NAME!, partitionKey: anyEnv.TABLE_PARTITION_KEY ?? "pk", sortKey: anyEnv.TABLE_SORT_KEY ?? "sk" };
    const replication = new Replication(sched, rng.fork("replication"), engines, network, latency, table, settings.consistency, settings.witnessRegion, scenario.replication);
    const idp = new IdentityProvider(settings.auth?.issuer ?? "https://gameday.local/");
    const authorizer = settings.auth === null ? null : new JwtAuthorizer(settings.auth.issuer, settings.auth.audiences, idp.keySet);
    for (const r of settings.regions) {
        regions.set(r, new Region({ name: r, env: settings.appEnv[r]!, engine: engines.get(r)!, sched, rng: rng.fork(`engine-${r}`), replication, authorizer, auth: settings.auth, idempotency: o.idempotency !== false }));
    }
    const prober = new Prober(sched, network, regions);
    const traffic =
        settings.traffic.kind === "route53"
            ? new Route53(settings.traffic, sched, rng.fork("route53"), prober, latency, scenario.checkersPerRegion)
            : new Cloudflare(settings.traffic, sched, rng.fork("cloudflare"), prober, latency);
    const router: Router =
        traffic instanceof Route53
            ? { connect: (loc) => traffic.resolve(loc), serve: (_loc, to) => to!, edgeRttMs: 0 }
            : { connect: () => null, serve: (loc) => traffic.route(loc), edgeRttMs: 10 };
    const stopAt = scenario.durationSeconds * 1000;
    const world: World = {
        sched,
        rng: rng.fork("clients"),
        network,
        latency,
        regions,
        router,
        idp,
        audience: settings.auth?.audiences[0] ?? "gameday",
        epochMs: EPOCH_MS,
        settings: scenario.clients,
        stopAt,
        requests: [],
        ops: [],
    };
    // Powertools' idempotency layer reads Date.now() for record expiry; on simulated time it must read the same clock
    // as the app, or a run would depend on how fast this machine is.
    const realNow = Date.now;
    Date.now = () => EPOCH_MS + Math.floor(sched.now);
    try {
        return await drive(o, world, traffic, faults, settings, drains, replication);
    } finally {
        Date.now = realNow;
    }
}

async function drive(
    o: RunOptions,
    world: World,
    traffic: Route53 | Cloudflare,
    faults: ResolvedFault[],
    settings: GamedaySettings,
    drains: Map<string, GamedaySettings>,
    replication: Replication,
): Promise<ScenarioReport> {
    const { scenario } = o;
    const { sched, network, regions } = world;
    const stopAt = world.stopAt;
    traffic.start();
    for (const location of Object.keys(DEFAULT_LOCATIONS)) {
        for (let i = 0; i < scenario.clients.perLocation; i++) new Client(`${location}-${i}`, location, world).start();
    }
    for (const f of faults) schedule(f, sched, network, regions, traffic, settings, drains);
    if (process.env.GAMEDAY_PROGRESS === "1") {
        const tick = (): void => {
            process.stderr.write(`sim ${sched.now / 1000} s: ${world.requests.length} requests, ${replication.writes.length} writes\n`);
            sched.after(30_000, tick);
        };
        sched.after(0, tick);
    }
    await sched.run(stopAt + SETTLE_MS);
    return measure({ scenario, settings, faults, world, replication, traffic, seed: o.seed, idempotency: o.idempotency !== false, settleMs: SETTLE_MS });
}

function schedule(f: ResolvedFault, sched: Scheduler, network: Network, regions: ReadonlyMap<string, Region>, traffic: Route53 | Cloudflare, settings: GamedaySettings, drains: Map<string, GamedaySettings>): void {
    const start = f.atSeconds * 1000;
    const end = f.untilSeconds === null ? null : f.untilSeconds * 1000;
    const later = (action: () => void) => end !== null && sched.at(end, action);
    for (const r of f.regions) {
        const region = regions.get(r)!;
        switch (f.kind) {
            case "region-down":
                sched.at(start, () => network.setDown(r, true));
                later(() => network.setDown(r, false));
                break;
            case "brownout":
                sched.at(start, () => void Object.assign(region.faults, { brownoutMs: f.latencyMs, brownoutJitterMs: f.jitterMs, brownoutAffects: f.affects }));
                later(() => void Object.assign(region.faults, { brownoutMs: 0 }));
                break;
            case "throttle":
                sched.at(start, () => void Object.assign(region.faults, { throttleRate: f.rate }));
                later(() => void Object.assign(region.faults, { throttleRate: 0 }));
                break;
            case "partition": {
                let handle: Set<string> | null = null;
                sched.at(start, () => void (handle = network.partition([r])));
                later(() => handle !== null && network.heal(handle));
                break;
            }
            case "drain": {
                const drained = drains.get(r)!;
                sched.at(start, () => replan(traffic, drained));
                later(() => replan(traffic, settings));
                break;
            }
        }
    }
}

function replan(traffic: Route53 | Cloudflare, s: GamedaySettings): void {
    if (traffic instanceof Route53 && s.traffic.kind === "route53") traffic.replan(s.traffic);
    if (traffic instanceof Cloudflare && s.traffic.kind === "cloudflare") traffic.replan(s.traffic);
}
