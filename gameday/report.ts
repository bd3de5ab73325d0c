/** The report: a side-by-side text table per scenario, and the JSON (keys sorted, so one seed gives one file). */
import type { ScenarioReport } from "./measure";

const fmt = (v: number | null | undefined, unit = " s"): string => (v === null || v === undefined ? "—" : `${v}${unit}`);

export function renderText(r: ScenarioReport): string {
    const o = r.observed;
    const lines = [
        `gameday ${r.name} on stack ${r.stack} (seed ${r.seed}${r.idempotency ? "" : ", idempotency OFF"}): ${r.regions.join(", ")}, ${r.consistency}, ${r.traffic}`,
        ...(r.description !== "" ? [`  ${r.description}`] : []),
        `  faults: ${r.faults.map((f) => `${f.kind} ${f.regions.join(",")} at ${f.atSeconds} s${f.untilSeconds !== null ? ` until ${f.untilSeconds} s` : ""}`).join("; ")}`,
        "",
        `  ${"".padEnd(34)}${"observed".padEnd(14)}model`,
        `  ${"RTO".padEnd(34)}${(o.failedOver ? fmt(o.rtoSeconds) : "no failover").padEnd(14)}${fmt(r.model.rtoSeconds)}`,
        ...r.difference.map((d) => `    ${d.term.padEnd(32)}${fmt(d.observedSeconds).padEnd(14)}${fmt(d.modelSeconds)}   (${d.differenceSeconds === null ? "n/a" : `${d.differenceSeconds >= 0 ? "+" : ""}${d.differenceSeconds} s`})`),
        `  ${"RPO (acked writes unseen)".padEnd(34)}${`${fmt(o.rpoSeconds)} (${o.missingAckedWrites})`.padEnd(14)}${fmt(r.model.rpoSeconds)}`,
        "",
        `  requests ${o.requests}, errors ${o.errors} ${JSON.stringify(o.errorsByStatus)}, operations failed ${o.opsFailed}, stale reads ${o.staleReads}`,
        `  duplicates prevented ${o.duplicatesPrevented}, duplicates through ${o.duplicateWrites}, overwritten by last writer wins ${o.lwwOverwrittenWrites}, max replication lag ${o.maxReplicationLagSeconds} s, acknowledged writes seen late elsewhere ${o.lateWrites} (up to ${o.maxVisibilityDelaySeconds} s)`,
        ...(o.drain !== null
            ? [
                  `  drain ${o.drain.region}: ${o.drain.requestsAfterDrain} requests after the drain, last ${fmt(o.drain.lastRequestSeconds)} after it (TTL ${o.drain.ttlSeconds} s + connection age ${o.drain.maxConnectionAgeSeconds} s), new connections after the TTL ${o.drain.newConnectionsAfterTtl}`,
              ]
            : []),
        ...(o.recoveryAfterFaultSeconds !== null ? [`  back in service ${o.recoveryAfterFaultSeconds} s after the fault ended`] : []),
        `  longest outage one client saw (first failed request to a success elsewhere): ${fmt(o.longestClientOutageSeconds)}`,
        `  by location (RTO): ${Object.entries(o.rtoByLocation).map(([k, v]) => `${k} ${fmt(v)}`).join(", ") || "no client was on the failed region"}`,
        `  within the model: ${r.withinModel === null ? "n/a (no failover)" : r.withinModel ? "yes" : "NO"}`,
        ...r.findings.map((f) => `  finding: ${f}`),
    ];
    return lines.join("\n") + "\n";
}

/** JSON with sorted keys: the same seed writes the same bytes. */
export function renderJson(value: unknown): string {
    return JSON.stringify(sortKeys(value), null, 2) + "\n";
}

function sortKeys(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === "object") {
        return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
    }
    return v;
}
