/** The data and drain figures of a run, and the model-versus-observed rows (measure.ts puts them together). */
import type { OpLog, RequestLog } from "./clients";
import type { MeasureInput, Observed, TermRow, Timeline, DrainFigures } from "./measure";
import type { WriteRecord } from "./replication";
import { Route53 } from "./route53";
import type { ResolvedFault } from "./run";
import type { GamedaySettings } from "./settings";

const s1 = (ms: number): number => Math.round(ms / 100) / 10;

type DataFigures = Pick<
    Observed,
    | "missingAckedWrites"
    | "rpoSeconds"
    | "lwwOverwrittenWrites"
    | "duplicatesPrevented"
    | "duplicateWrites"
    | "duplicateAgesSeconds"
    | "missingAgesSeconds"
    | "maxReplicationLagSeconds"
    | "lateWrites"
    | "maxVisibilityDelaySeconds"
    | "unconvergedWrites"
>;

export function dataFigures(m: MeasureInput, primary: ResolvedFault, ops: OpLog[]): DataFigures {
    const t0 = primary.atSeconds * 1000;
    const end = primary.untilSeconds === null ? Infinity : primary.untilSeconds * 1000;
    const acked = new Map(ops.filter((o) => o.ackAt !== null).map((o) => [o.op, o]));
    const itemWrites = m.replication.writes.filter((w) => w.isItem && w.op !== null);
    const survivors = m.settings.regions.filter((r) => !primary.regions.includes(r));
    // Missing during the outage: written in a failed region before the fault, acknowledged, and held by no survivor
    // before the fault ended.
    const affectsData = primary.kind === "region-down" || primary.kind === "partition";
    const missing = affectsData
        ? itemWrites.filter((w) => primary.regions.includes(w.origin) && w.at <= t0 && acked.has(w.op!) && survivors.length > 0 && survivors.every((s) => (w.visibleAt[s] ?? Infinity) > Math.min(t0, end)))
        : [];
    const lost = itemWrites.filter((w) => w.lostAt.length > 0 && acked.has(w.op!) && isFinalLoss(w, m.replication.writes));
    const executions = new Map<string, WriteRecord[]>();
    for (const w of itemWrites) executions.set(w.op!, [...(executions.get(w.op!) ?? []), w]);
    const duplicates = [...executions.values()].filter((ws) => ws.length > 1);
    const opFirst = new Map(ops.map((o) => [o.op, o.firstAt]));
    // Lag in normal operation: writes made and delivered before the first fault.
    const firstFault = Math.min(...m.faults.map((f) => f.atSeconds * 1000));
    const lags = m.replication.writes.flatMap((w) => Object.entries(w.visibleAt).filter(([r, at]) => r !== w.origin && at < firstFault).map(([, at]) => at - w.at));
    const delays = itemWrites.filter((w) => acked.has(w.op!)).map((w) => Math.max(0, ...m.settings.regions.map((r) => (w.visibleAt[r] ?? Infinity) - w.at)));
    const late = delays.filter((d) => d > 10_000);
    const replicas = m.settings.regions;
    return {
        unconvergedWrites: m.replication.writes.filter((w) => w.at <= m.scenario.durationSeconds * 1000 && replicas.some((r) => w.visibleAt[r] === undefined && !w.lostAt.includes(r))).length,
        lateWrites: late.length,
        maxVisibilityDelaySeconds: late.length === 0 ? 0 : s1(Math.max(...late.filter((d) => Number.isFinite(d)), 0)),
        missingAckedWrites: missing.length,
        rpoSeconds: missing.length === 0 ? 0 : s1(Math.max(...missing.map((w) => t0 - w.at))),
        lwwOverwrittenWrites: lost.length,
        duplicatesPrevented: m.world.requests.filter((r) => r.replayed).length,
        duplicateWrites: duplicates.length,
        duplicateAgesSeconds: duplicates.map((ws) => s1(t0 - (opFirst.get(ws[0]!.op!) ?? t0))).sort((a, b) => a - b),
        missingAgesSeconds: missing.map((w) => s1(t0 - acked.get(w.op!)!.ackAt!)).sort((a, b) => a - b),
        maxReplicationLagSeconds: lags.length === 0 ? 0 : s1(Math.max(...lags)),
    };
}

/** A dropped write counts as overwritten when no later write of the same op superseded it (a retry's own). */
function isFinalLoss(w: WriteRecord, all: WriteRecord[]): boolean {
    return !all.some((x) => x !== w && x.op === w.op && x.key === w.key && x.lostAt.length === 0 && (x.at > w.at || (x.at === w.at && x.seq > w.seq)));
}

export function drainFigures(m: MeasureInput): DrainFigures | null {
    const drain = m.faults.find((f) => f.kind === "drain");
    if (drain === undefined) return null;
    const region = drain.regions[0]!;
    const td = drain.atSeconds * 1000;
    const until = drain.untilSeconds === null ? Infinity : drain.untilSeconds * 1000;
    const ttl = m.traffic instanceof Route53 ? m.traffic.ttlSeconds() : 0;
    const to = m.world.requests.filter((r) => r.region === region && r.sentAt >= td && r.sentAt < until && r.status !== "connect_timeout");
    return {
        region,
        requestsAfterDrain: to.length,
        newConnectionsAfterTtl: to.filter((r) => r.newConnection && r.sentAt > td + ttl * 1000).length,
        lastRequestSeconds: to.length === 0 ? null : s1(Math.max(...to.map((r) => r.sentAt)) - td),
        ttlSeconds: ttl,
        maxConnectionAgeSeconds: m.scenario.clients.maxConnectionAgeSeconds,
    };
}

const GROUPS: { term: string; match: RegExp; observed: (o: Observed) => number | null; explain: string }[] = [
    {
        term: "detection",
        match: /detection|timeouts|aggregation|gate|propagation/i,
        observed: (o) => o.detectionSeconds,
        explain: "fault until the traffic layer took the region out: checker intervals and phases, timeouts, the >18 % rule; the simulator propagates health at once, the model adds assumed aggregation/gate/propagation seconds",
    },
    {
        term: "dns",
        match: /DNS/,
        observed: (o) => o.dnsSeconds,
        explain: "until the last affected resolver's cached answer expired and it got a surviving region (the model counts the whole TTL)",
    },
    {
        term: "clients",
        match: /connection/i,
        observed: (o) => o.clientSeconds,
        explain: "until affected clients succeeded elsewhere: a dead pooled connection's request timeout, retry backoff, the new connection's handshakes",
    },
];

export function termRows(breakdown: { part: string; seconds: number }[], o: Observed): TermRow[] {
    return GROUPS.map((g) => {
        const modelSeconds = breakdown.filter((b) => g.match.test(b.part)).reduce((sum, b) => sum + b.seconds, 0);
        const observedSeconds = g.observed(o);
        return { term: g.term, modelSeconds, observedSeconds, differenceSeconds: observedSeconds === null ? null : Math.round((observedSeconds - modelSeconds) * 10) / 10, explanation: g.explain };
    });
}

export function findingsOf(primary: ResolvedFault, o: Observed, modelRto: number, settings: GamedaySettings): string[] {
    const out: string[] = [];
    const failing = primary.kind === "region-down" || primary.kind === "brownout" || primary.kind === "throttle";
    if (failing && !o.failedOver && primary.regions.length < settings.regions.length) {
        out.push(`no failover: clients of ${primary.regions.join(", ")} never succeeded in another region during the ${primary.kind} (${o.errors} errors); no health check detected it`);
    }
    if (o.rtoSeconds !== null && o.rtoSeconds > modelRto) out.push(`observed RTO ${o.rtoSeconds} s is over the model's ${modelRto} s`);
    if (o.duplicateWrites > 0) out.push(`${o.duplicateWrites} writes executed more than once (duplicates got through)`);
    if (o.lwwOverwrittenWrites > 0) out.push(`${o.lwwOverwrittenWrites} acknowledged writes were overwritten by last writer wins after catch-up`);
    if (o.missingAckedWrites > 0) out.push(`${o.missingAckedWrites} acknowledged writes were invisible to the surviving regions during the outage (observed RPO ${o.rpoSeconds} s)`);
    if (o.drain !== null && o.drain.newConnectionsAfterTtl > 0) out.push(`${o.drain.newConnectionsAfterTtl} new connections reached drained ${o.drain.region} after the TTL`);
    if (o.failOpenAnswers > 0) out.push(`Route 53 failed open: ${o.failOpenAnswers} answers while every record was unhealthy`);
    return out;
}

export function timelineOf(m: MeasureInput, requests: RequestLog[]): Timeline {
    const bucketMs = 5000;
    const n = Math.ceil((m.scenario.durationSeconds * 1000) / bucketMs);
    const rate = (filter: (r: RequestLog) => boolean): (number | null)[] => {
        const ok = new Array<number>(n).fill(0);
        const all = new Array<number>(n).fill(0);
        for (const r of requests) {
            const b = Math.floor(r.sentAt / bucketMs);
            if (b >= n || !filter(r)) continue;
            all[b]! += 1;
            if (r.ok) ok[b]! += 1;
        }
        return all.map((a, i) => (a === 0 ? null : Math.round((ok[i]! / a) * 100) / 100));
    };
    const locations = [...new Set(requests.map((r) => r.location))].sort();
    const marks: Timeline["marks"] = [];
    for (const f of m.faults) {
        marks.push({ atSeconds: f.atSeconds, label: `${f.kind} ${f.regions.join(",")}` });
        if (f.untilSeconds !== null) marks.push({ atSeconds: f.untilSeconds, label: `end of ${f.kind}` });
    }
    for (const c of m.traffic.changes) marks.push({ atSeconds: s1(c.at), label: `${c.region} ${c.healthy ? "healthy" : "unhealthy"}` });
    return {
        bucketSeconds: bucketMs / 1000,
        byRegion: Object.fromEntries(m.settings.regions.map((r) => [r, rate((x) => x.region === r)])),
        byLocation: Object.fromEntries(locations.map((l) => [l, rate((x) => x.location === l)])),
        marks,
    };
}
