/**
 * What the clients experienced, measured from the run's logs, next to what the model predicted for the same settings.
 * Times are seconds from the start of the run (simulated), rounded to 0.1 s.
 */
import type { RequestLog, World } from "./clients";
import type { Cloudflare } from "./cloudflare";
import { dataFigures, drainFigures, findingsOf, termRows, timelineOf } from "./figures";
import type { Replication } from "./replication";
import { Route53 } from "./route53";
import type { ResolvedFault } from "./run";
import type { Scenario } from "./scenario";
import type { GamedaySettings } from "./settings";

export interface TermRow {
    term: string;
    modelSeconds: number;
    observedSeconds: number | null;
    differenceSeconds: number | null;
    explanation: string;
}

export interface Observed {
    rtoSeconds: number | null;
    /** The longest a client of the failed region went from its first failed request to a success elsewhere. */
    longestClientOutageSeconds: number | null;
    rtoByLocation: Record<string, number | null>;
    failedOver: boolean;
    detectionSeconds: number | null;
    dnsSeconds: number | null;
    clientSeconds: number | null;
    requests: number;
    errors: number;
    errorsByStatus: Record<string, number>;
    /** Every answer clients got, by status (timeouts included). */
    answersByStatus: Record<string, number>;
    opsFailed: number;
    /** Acknowledged writes the surviving regions could not see during the outage, and the oldest one's age. */
    missingAckedWrites: number;
    rpoSeconds: number;
    /** Of those and of all writes: acknowledged item writes that last writer wins overwrote once replication caught up. */
    lwwOverwrittenWrites: number;
    duplicatesPrevented: number;
    duplicateWrites: number;
    /** Seconds before the fault that each duplicate was first attempted, and each missing write acknowledged. */
    duplicateAgesSeconds: number[];
    missingAgesSeconds: number[];
    maxReplicationLagSeconds: number;
    /** Acknowledged item writes some other region saw more than 10 s late, and the longest such delay. */
    lateWrites: number;
    maxVisibilityDelaySeconds: number;
    /** Writes some replica neither holds nor dropped by last writer wins once replication settled (should be 0). */
    unconvergedWrites: number;
    staleReads: number;
    drain: DrainFigures | null;
    failOpenAnswers: number;
    recoveryAfterFaultSeconds: number | null;
}

export interface DrainFigures {
    region: string;
    requestsAfterDrain: number;
    newConnectionsAfterTtl: number;
    lastRequestSeconds: number | null;
    ttlSeconds: number;
    maxConnectionAgeSeconds: number;
}

export interface ScenarioReport {
    name: string;
    description: string;
    stack: string;
    seed: number;
    idempotency: boolean;
    regions: string[];
    consistency: string;
    traffic: string;
    faults: { kind: string; regions: string[]; atSeconds: number; untilSeconds: number | null }[];
    observed: Observed;
    model: { rtoSeconds: number; rpoSeconds: number; breakdown: { part: string; seconds: number; assumed: boolean }[] };
    difference: TermRow[];
    withinModel: boolean | null;
    findings: string[];
    timeline: Timeline;
}

export interface Timeline {
    bucketSeconds: number;
    byRegion: Record<string, (number | null)[]>;
    byLocation: Record<string, (number | null)[]>;
    marks: { atSeconds: number; label: string }[];
}

export interface MeasureInput {
    scenario: Scenario;
    settings: GamedaySettings;
    faults: ResolvedFault[];
    world: World;
    replication: Replication;
    traffic: Route53 | Cloudflare;
    seed: number;
    idempotency: boolean;
    settleMs: number;
}

const s1 = (ms: number): number => Math.round(ms / 100) / 10;

/** The fault whose recovery the RTO measures: the first that is not a drain (or the drain alone). */
export function primaryFault(faults: ResolvedFault[]): ResolvedFault {
    return faults.find((f) => f.kind !== "drain") ?? faults[0]!;
}

export function measure(m: MeasureInput): ScenarioReport {
    const primary = primaryFault(m.faults);
    const t0 = primary.atSeconds * 1000;
    const failed = new Set(primary.regions);
    const { requests, ops } = m.world;
    const recovery = recoveryOf(requests, failed, t0);
    const changes = m.traffic.changes;
    const detectedAt = changes.find((c) => failed.has(c.region) && !c.healthy && c.at >= t0)?.at ?? null;
    const dnsAt = m.traffic instanceof Route53 && detectedAt !== null ? lastMoveAway(m.traffic, recovery.locations, failed, detectedAt) : detectedAt;
    const errors = requests.filter((r) => !r.ok);
    const data = dataFigures(m, primary, ops);
    const observed: Observed = {
        rtoSeconds: recovery.rtoMs === null ? null : s1(recovery.rtoMs),
        longestClientOutageSeconds: recovery.outageMs === null ? null : s1(recovery.outageMs),
        rtoByLocation: Object.fromEntries(Object.entries(recovery.byLocation).map(([k, v]) => [k, v === null ? null : s1(v)])),
        failedOver: recovery.rtoMs !== null,
        detectionSeconds: detectedAt === null ? null : s1(detectedAt - t0),
        dnsSeconds: detectedAt === null || dnsAt === null ? null : s1(dnsAt - detectedAt),
        clientSeconds: recovery.rtoMs === null || dnsAt === null ? null : s1(Math.max(0, t0 + recovery.rtoMs - dnsAt)),
        requests: requests.length,
        errors: errors.length,
        errorsByStatus: countBy(errors.map((e) => String(e.status))),
        answersByStatus: countBy(requests.map((e) => String(e.status))),
        opsFailed: ops.filter((o) => o.outcome === "failed").length,
        ...data,
        staleReads: requests.filter((r) => r.kind === "read" && r.status === 404).length,
        drain: drainFigures(m),
        failOpenAnswers: m.traffic instanceof Route53 ? m.traffic.answers.filter((a) => a.failOpen).length : 0,
        recoveryAfterFaultSeconds: recoveryAfter(requests, primary),
    };
    const model = { rtoSeconds: m.settings.model.rtoSeconds, rpoSeconds: m.settings.model.rpoSeconds, breakdown: m.settings.model.breakdown.map(({ part, seconds, assumed }) => ({ part, seconds, assumed })) };
    const difference = termRows(model.breakdown, observed);
    const withinModel = withinModelOf(primary, observed, model.rtoSeconds);
    return {
        name: m.scenario.name,
        description: m.scenario.description,
        stack: m.settings.stack,
        seed: m.seed,
        idempotency: m.idempotency,
        regions: m.settings.regions,
        consistency: m.settings.consistency,
        traffic: m.settings.traffic.kind,
        faults: m.faults.map((f) => ({ kind: f.kind, regions: f.regions, atSeconds: f.atSeconds, untilSeconds: f.untilSeconds })),
        observed,
        model,
        difference,
        withinModel,
        findings: findingsOf(primary, observed, model.rtoSeconds, m.settings),
        timeline: timelineOf(m, requests),
    };
}

/** RTO at most the model's; for a drain alone, the drain's own bounds (no new connection after the TTL, pooled ones
 * gone within TTL + connection age). */
function withinModelOf(primary: ResolvedFault, o: Observed, modelRto: number): boolean | null {
    if (primary.kind === "drain" && o.drain !== null) {
        const d = o.drain;
        return d.newConnectionsAfterTtl === 0 && (d.lastRequestSeconds ?? 0) <= d.ttlSeconds + d.maxConnectionAgeSeconds;
    }
    return o.rtoSeconds === null ? null : o.rtoSeconds <= modelRto;
}

function countBy(values: string[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const v of [...values].sort()) out[v] = (out[v] ?? 0) + 1;
    return out;
}

/** Clients served by a failed region just before the fault, and when each first succeeded elsewhere. */
function recoveryOf(
    requests: RequestLog[],
    failed: Set<string>,
    t0: number,
): { rtoMs: number | null; outageMs: number | null; byLocation: Record<string, number | null>; locations: Set<string> } {
    const lastBefore = new Map<string, RequestLog>();
    for (const r of requests) if (r.ok && r.sentAt < t0) lastBefore.set(r.client, r);
    const affected = [...lastBefore.values()].filter((r) => r.region !== null && failed.has(r.region)).map((r) => r.client);
    const byLocation: Record<string, number | null> = {};
    let worst: number | null = 0;
    let outage: number | null = 0;
    for (const client of affected) {
        const first = requests.find((r) => r.client === client && r.ok && r.sentAt >= t0 && r.region !== null && !failed.has(r.region));
        const firstFailure = requests.find((r) => r.client === client && !r.ok && r.sentAt >= t0);
        if (firstFailure !== undefined) outage = outage === null || first === undefined ? null : Math.max(outage, first.doneAt - firstFailure.sentAt);
        const location = lastBefore.get(client)!.location;
        const ms = first === undefined ? null : first.doneAt - t0;
        const prev = byLocation[location];
        byLocation[location] = prev === null || ms === null ? null : Math.max(prev ?? 0, ms);
        worst = worst === null || ms === null ? null : Math.max(worst, ms);
    }
    return { rtoMs: affected.length === 0 ? null : worst, outageMs: affected.length === 0 ? null : outage, byLocation, locations: new Set(affected.map((c) => lastBefore.get(c)!.location)) };
}

/** The last moment a resolver of an affected location got its first answer away from the failed regions. */
function lastMoveAway(r53: Route53, locations: Set<string>, failed: Set<string>, after: number): number | null {
    let last: number | null = after;
    for (const location of locations) {
        const moved = r53.answers.find((a) => a.location === location && a.at >= after && !failed.has(a.region));
        last = last === null || moved === undefined ? null : Math.max(last, moved.at);
    }
    return last;
}

function recoveryAfter(requests: RequestLog[], primary: ResolvedFault): number | null {
    if (primary.untilSeconds === null) return null;
    const end = primary.untilSeconds * 1000;
    const first = requests.find((r) => r.ok && r.sentAt >= end && r.region !== null && primary.regions.includes(r.region));
    return first === undefined ? null : s1(first.doneAt - end);
}
