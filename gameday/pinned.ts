/**
 * p-traffic's `active-active/client` (client/index.ts) on simulated time: the client calls the region-pinned names
 * and sends a failed request to the next region itself. Its `fetch` is replaced by one that crosses the simulated
 * network to the region's real app; the attempt timeout is enforced here in simulated time (the client's own
 * wall-clock timer is set far beyond any run, and its `now` reads the simulated clock), so a seed still fixes the run.
 */
import { ActiveActiveClient } from "../client";
import type { RequestLog } from "./clients";
import type { LatencyMatrix } from "./geography";
import type { Network } from "./network";
import type { Region } from "./region";
import type { Scheduler } from "./scheduler";

export interface PinnedWorld {
    sched: Scheduler;
    network: Network;
    latency: LatencyMatrix;
    regions: ReadonlyMap<string, Region>;
    epochMs: number;
}

/** What each simulated fetch reports for the request log. */
export type FetchLog = (entry: Pick<RequestLog, "sentAt" | "doneAt" | "region" | "status" | "ok" | "replayed">) => void;

const PINNED_DOMAIN = "gameday.local";
/** The client's own (wall-clock) attempt timer: far beyond any run, so only the simulated one decides. */
const NEVER_MS = 24 * 3600 * 1000;

export function pinnedClient(w: PinnedWorld, location: string, attemptTimeoutMs: number, token: string, log: FetchLog): ActiveActiveClient {
    const order = w.latency.nearest(location, [...w.regions.keys()]);
    const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
        const url = new URL(String(input));
        const region = url.hostname.slice(0, -(PINNED_DOMAIN.length + 1));
        const sentAt = w.sched.now;
        const rtt = w.latency.rtt(location, region);
        const fail = async (): Promise<never> => {
            await w.sched.sleep(attemptTimeoutMs);
            log({ sentAt, doneAt: w.sched.now, region, status: "timeout", ok: false, replayed: false });
            throw new TypeError("fetch failed: no answer within the attempt timeout");
        };
        if (w.network.isDown(region)) return fail();
        await w.sched.sleep(rtt / 2);
        if (w.network.isDown(region)) return fail();
        const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
        const body = typeof init?.body === "string" ? init.body : undefined;
        const answer = await w.regions.get(region)!.request({ method: init?.method ?? "GET", path: url.pathname, headers, ...(body !== undefined ? { body } : {}) });
        if (rtt + answer.serviceMs > attemptTimeoutMs) {
            await w.sched.sleep(attemptTimeoutMs - rtt / 2);
            log({ sentAt, doneAt: w.sched.now, region, status: "timeout", ok: false, replayed: false });
            throw new TypeError("fetch failed: no answer within the attempt timeout");
        }
        await w.sched.sleep(rtt / 2 + answer.serviceMs);
        if (w.network.isDown(region)) return fail();
        const replayed = answer.headers["idempotent-replayed"] === "true";
        log({ sentAt, doneAt: w.sched.now, region, status: answer.statusCode, ok: answer.statusCode < 500 && answer.statusCode !== 429, replayed });
        return new Response(answer.statusCode === 204 ? null : answer.body, { status: answer.statusCode, headers: answer.headers });
    };
    return new ActiveActiveClient({
        regions: { domain: PINNED_DOMAIN, regions: order },
        attemptTimeoutMs: NEVER_MS,
        budgetMs: attemptTimeoutMs * order.length,
        headers: { authorization: `Bearer ${token}` },
        fetch: fetchImpl as typeof fetch,
        now: () => w.epochMs + w.sched.now,
    });
}
