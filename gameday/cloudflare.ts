/**
 * Cloudflare Load Balancing as the stack configures it, from Cloudflare's docs (monitors, pools, steering), never
 * from the failover model:
 *
 * - The monitor probes each pool's origin from every check region of the pool every `interval` seconds; a probe
 *   tries `1 + retries` times, each allowed `timeout` seconds; an origin goes down from a check region after
 *   `consecutive_down` failed probes and back up after `consecutive_up` good ones.
 * - An origin's health is what a majority of the check regions report; a pool is healthy while at least
 *   `minimum_origins` origins are, and is out of rotation while disabled (a drain disables it).
 * - Proxied: the client talks to the nearest edge, which picks a pool for every request: `dynamic_latency` and
 *   `proximity` steering take the healthy pool nearest the edge; when no pool is healthy the fallback pool serves.
 *   There is no DNS answer nor pooled connection to a region to outlive a failover.
 *
 * Health reaches every edge at once here; Cloudflare documents a short propagation delay that the model counts.
 */
import type { LatencyMatrix } from "./geography";
import type { Prober } from "./probe";
import type { Random, Scheduler } from "./scheduler";
import type { CloudflareSettings } from "./settings";
import type { HealthChange } from "./route53";

interface Monitor {
    up: boolean;
    streak: number;
}

export class Cloudflare {
    readonly changes: HealthChange[] = [];
    private readonly monitors = new Map<string, Monitor[]>();
    private readonly lastHealthy = new Map<string, boolean>();

    constructor(
        private settings: CloudflareSettings,
        private readonly sched: Scheduler,
        private readonly rng: Random,
        private readonly prober: Prober,
        private readonly latency: LatencyMatrix,
    ) {}

    start(): void {
        const m = this.settings.monitor;
        for (const pool of this.settings.pools) {
            const list: Monitor[] = [];
            for (const from of pool.checkRegions) {
                const monitor = { up: true, streak: 0 };
                list.push(monitor);
                const tick = (): void => {
                    this.attempt(from, pool.region, m.retries, (ok) => this.record(monitor, ok));
                    this.sched.after(m.intervalSeconds * 1000, tick);
                };
                this.sched.after(this.rng.uniform(0, m.intervalSeconds * 1000), tick);
            }
            this.monitors.set(pool.region, list);
            this.lastHealthy.set(pool.region, true);
        }
    }

    replan(settings: CloudflareSettings): void {
        this.settings = settings;
        this.noteChanges();
    }

    private attempt(from: string, region: string, retriesLeft: number, done: (ok: boolean) => void): void {
        const limitMs = this.settings.monitor.timeoutSeconds * 1000;
        this.prober.probe(from, region, this.settings.monitor.path, { connectMs: limitMs, responseMs: limitMs }, (r) => {
            if (r.ok || retriesLeft === 0) done(r.ok);
            else this.attempt(from, region, retriesLeft - 1, done);
        });
    }

    private record(monitor: Monitor, ok: boolean): void {
        if (ok === monitor.up) {
            monitor.streak = 0;
            return;
        }
        monitor.streak += 1;
        if (monitor.streak >= (ok ? this.settings.monitor.consecutiveUp : this.settings.monitor.consecutiveDown)) {
            monitor.up = ok;
            monitor.streak = 0;
            this.noteChanges();
        }
    }

    poolHealthy(region: string): boolean {
        const pool = this.settings.pools.find((p) => p.region === region);
        if (pool === undefined || !pool.enabled) return false;
        const monitors = this.monitors.get(region) ?? [];
        const originUp = monitors.filter((x) => x.up).length * 2 > monitors.length;
        return (originUp ? 1 : 0) >= pool.minimumOrigins;
    }

    private noteChanges(): void {
        for (const pool of this.settings.pools) {
            const healthy = this.poolHealthy(pool.region);
            if (this.lastHealthy.get(pool.region) !== healthy) {
                this.lastHealthy.set(pool.region, healthy);
                this.changes.push({ at: this.sched.now, region: pool.region, healthy });
            }
        }
    }

    /** The pool the edge near `location` sends this request to. */
    route(location: string): string {
        const healthy = this.settings.pools.filter((p) => this.poolHealthy(p.region)).map((p) => p.region);
        if (healthy.length === 0) return this.settings.pools.find((p) => p.id === this.settings.fallbackPool)?.region ?? this.settings.pools[0]!.region;
        return this.latency.nearest(location, healthy)[0]!;
    }
}
