/**
 * One health probe, as a Route 53 checker or a Cloudflare monitor sends it: an HTTPS GET of the region's `/health`
 * from a place some round trip away, failed when the region does not answer within the window or answers outside
 * 2xx/3xx. A region that is down never accepts the connection: the probe fails when the connect timeout runs out.
 */
import { probePlace, regionPlace, rttMs } from "./geography";
import type { Network } from "./network";
import type { Region } from "./region";
import type { Scheduler } from "./scheduler";

export interface ProbeResult {
    ok: boolean;
}

export class Prober {
    constructor(
        private readonly sched: Scheduler,
        private readonly network: Network,
        private readonly regions: ReadonlyMap<string, Region>,
    ) {}

    /** Sends a probe now from `from` to `region`; `done` gets the result when the prober would know it. */
    probe(from: string, region: string, path: string, limits: { connectMs: number; responseMs: number }, done: (r: ProbeResult) => void): void {
        const windowMs = limits.responseMs;
        const rtt = rttMs(probePlace(from), regionPlace(region));
        if (this.network.isDown(region)) {
            this.sched.after(limits.connectMs, () => done({ ok: false }));
            return;
        }
        this.sched.after(rtt / 2, async () => {
            if (this.network.isDown(region)) {
                this.sched.after(limits.connectMs - rtt / 2, () => done({ ok: false }));
                return;
            }
            const answer = await this.regions.get(region)!.request({ method: "GET", path, headers: {} });
            const elapsed = rtt + answer.serviceMs;
            const ok = elapsed <= windowMs && answer.statusCode >= 200 && answer.statusCode < 400;
            this.sched.after(Math.min(elapsed, windowMs) - rtt / 2, () => done({ ok }));
        });
    }
}
