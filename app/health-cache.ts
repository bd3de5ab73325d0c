import type { Clock } from "./clock";
import type { HealthChecker, HealthResult } from "./health";

/**
 * One health check per `HEALTH_CACHE_MS` per Lambda instance: every `GET /health` within that time after a check
 * started gets that check's result, and calls that arrive while a check runs wait for it. Route 53's checkers call
 * each region several times a second, and a flood of calls on the public route would otherwise turn into a flood of
 * reads and writes on the table; with the cache an instance sends at most one check's calls per interval, healthy
 * or not. A cached failure is served for the same time, so recovery shows at most that much later.
 */
export class CachedHealth {
    private last: { startedAt: number; result: HealthResult } | null = null;
    private inFlight: Promise<HealthResult> | null = null;

    constructor(
        private readonly checker: HealthChecker,
        private readonly clock: Clock,
        private readonly ttlMs: number,
    ) {}

    /** The current result, and whether this call ran the check (only a fresh result is worth logging). */
    async check(): Promise<{ result: HealthResult; fresh: boolean }> {
        const now = this.clock.now();
        if (this.last !== null && now - this.last.startedAt < this.ttlMs) return { result: this.last.result, fresh: false };
        if (this.inFlight !== null) return { result: await this.inFlight, fresh: false };
        const running = this.checker.check();
        this.inFlight = running;
        try {
            const result = await running;
            this.last = { startedAt: now, result };
            return { result, fresh: true };
        } finally {
            this.inFlight = null;
        }
    }
}
