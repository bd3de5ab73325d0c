/**
 * Route 53 as the stack configures it, written from the Route 53 developer guide, never from the failover model:
 *
 * - Health checkers in each of the check's regions probe the endpoint every `requestInterval` seconds, each on its
 *   own phase; a checker calls the endpoint unhealthy after `failureThreshold` consecutive failures and healthy again
 *   after as many successes. An HTTPS check fails when the TCP connection takes over 4 s or the answer over 2 s, or
 *   is not 2xx/3xx (dns-failover-determining-health-of-endpoints.html).
 * - The check is healthy while more than 18 % of its checkers say so (same page).
 * - A calculated check is healthy while at least `childHealthThreshold` children are (health-checks-creating-values.html);
 *   a drain raises the gate's threshold over its child count, so the gate is always unhealthy.
 * - A latency record answers only while its health check is healthy; the resolver gets the healthy record nearest to
 *   it; when every record is unhealthy Route 53 answers as if all were healthy (fail-open,
 *   dns-failover-complex-configs.html) and the nearest wins.
 * - Resolvers cache the answer for the record's TTL (an alias answers with its target's TTL, 60 s for API Gateway).
 *
 * How many checkers run per region is not documented: `checkersPerRegion` (default 3) is the simulator's assumption.
 * Status changes reach the DNS servers at once here; in AWS they take some seconds (the model adds terms for it).
 */
import type { LatencyMatrix } from "./geography";
import type { Prober } from "./probe";
import type { Random, Scheduler } from "./scheduler";
import type { Route53Settings } from "./settings";

export const HEALTHY_CHECKER_SHARE = 0.18;
const CONNECT_TIMEOUT_MS = 4000;
const RESPONSE_TIMEOUT_MS = 2000;

interface Checker {
    from: string;
    healthy: boolean;
    streak: number;
}

export interface HealthChange {
    at: number;
    region: string;
    healthy: boolean;
}

export class Route53 {
    readonly changes: HealthChange[] = [];
    private readonly checkers = new Map<string, Checker[]>();
    private readonly resolverCache = new Map<string, { region: string; expiresAt: number }>();
    private lastHealthy = new Map<string, boolean>();
    readonly answers: { at: number; location: string; region: string; failOpen: boolean }[] = [];

    constructor(
        private settings: Route53Settings,
        private readonly sched: Scheduler,
        private readonly rng: Random,
        private readonly prober: Prober,
        private readonly latency: LatencyMatrix,
        readonly checkersPerRegion: number,
    ) {}

    start(): void {
        for (const check of this.settings.checks) {
            const list: Checker[] = [];
            for (const from of check.checkerRegions) {
                for (let i = 0; i < this.checkersPerRegion; i++) {
                    const checker = { from, healthy: true, streak: 0 };
                    list.push(checker);
                    const intervalMs = check.intervalSeconds * 1000;
                    const tick = (): void => {
                        this.prober.probe(from, check.region, check.path, { connectMs: CONNECT_TIMEOUT_MS, responseMs: RESPONSE_TIMEOUT_MS }, (r) => this.record(checker, r.ok, check.failureThreshold));
                        this.sched.after(intervalMs, tick);
                    };
                    this.sched.after(this.rng.uniform(0, intervalMs), tick);
                }
            }
            this.checkers.set(check.id, list);
            this.lastHealthy.set(check.region, true);
        }
    }

    /** Switches to another plan's settings (a drain: the same checks, gates with new thresholds). */
    replan(settings: Route53Settings): void {
        this.settings = settings;
        this.noteChanges();
    }

    private record(checker: Checker, ok: boolean, threshold: number): void {
        if (ok === checker.healthy) {
            checker.streak = 0;
            return;
        }
        checker.streak += 1;
        if (checker.streak >= threshold) {
            checker.healthy = ok;
            checker.streak = 0;
            this.noteChanges();
        }
    }

    private checkHealthy(id: string): boolean {
        const checkers = this.checkers.get(id);
        if (checkers !== undefined) return checkers.filter((c) => c.healthy).length / checkers.length > HEALTHY_CHECKER_SHARE;
        const gate = this.settings.gates.find((g) => g.id === id);
        if (gate !== undefined) return gate.children.filter((c) => this.checkHealthy(c)).length >= gate.childHealthThreshold;
        return true;
    }

    /** Whether the region's latency record is in service now. */
    recordHealthy(region: string): boolean {
        const record = this.settings.records.find((r) => r.region === region);
        return record === undefined || record.healthCheckId === null || this.checkHealthy(record.healthCheckId);
    }

    private noteChanges(): void {
        for (const record of this.settings.records) {
            const healthy = this.recordHealthy(record.region);
            if (this.lastHealthy.get(record.region) !== healthy) {
                this.lastHealthy.set(record.region, healthy);
                this.changes.push({ at: this.sched.now, region: record.region, healthy });
            }
        }
    }

    /** What Route 53 answers a resolver at `location` now. */
    private answer(location: string): { region: string; failOpen: boolean } {
        const all = this.settings.records.map((r) => r.region);
        const healthy = all.filter((r) => this.recordHealthy(r));
        const failOpen = healthy.length === 0;
        return { region: this.latency.nearest(location, failOpen ? all : healthy)[0]!, failOpen };
    }

    /** The location's resolver: a cached answer while its TTL lasts, else a fresh one. */
    resolve(location: string): string {
        const cached = this.resolverCache.get(location);
        if (cached !== undefined && this.sched.now < cached.expiresAt) return cached.region;
        const { region, failOpen } = this.answer(location);
        const ttlMs = this.settings.records.find((r) => r.region === region)!.ttlSeconds * 1000;
        // A resolver's first answer stands for one cached earlier in steady state: some of its TTL is already spent.
        const remaining = cached === undefined ? this.rng.uniform(0, ttlMs) : ttlMs;
        this.resolverCache.set(location, { region, expiresAt: this.sched.now + remaining });
        this.answers.push({ at: this.sched.now, location, region, failOpen });
        return region;
    }

    ttlSeconds(): number {
        return Math.max(...this.settings.records.map((r) => r.ttlSeconds));
    }
}
