/**
 * The printed plan, in this order: a summary line, the resources per region and global, the policy report, the
 * resilience report, and the result. Rendered from the plan JSON alone, so what is printed is what is written.
 */
import { displayType, keySettings } from "./key-settings";
import type { PlanJson, PlanResource } from "./types";

function table(rows: string[][], indent = "  "): string[] {
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
    return rows.map((r) => indent + r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join("  ").trimEnd());
}

const seconds = (s: number | null) => (s === null ? "none" : `${s} s`);

/** Region sections in the stack's order, then any other provider region (a witness), then global. */
export function regionSections(plan: PlanJson): { region: string; resources: PlanResource[] }[] {
    const present = [...new Set(plan.resources.map((r) => r.region))];
    const order = [
        ...plan.regions,
        ...present.filter((r) => !plan.regions.includes(r) && r !== "global").sort(),
        "global",
    ];
    return order
        .map((region) => ({ region, resources: plan.resources.filter((r) => r.region === region) }))
        .filter((s) => s.resources.length > 0 || plan.regions.includes(s.region));
}

export function summaryLine(plan: PlanJson): string {
    const regions = plan.regions
        .map((r) => `${r}${r === plan.homeRegion ? " (home)" : ""}${plan.drain.includes(r) ? " (drained)" : ""}`)
        .join(", ");
    return (
        `Plan for stack ${plan.stack}: regions ${regions} | traffic ${plan.traffic} | consistency ${plan.consistency} | ` +
        `drain ${plan.drain.length ? plan.drain.join(", ") : "none"} | ${plan.resources.length} resources`
    );
}

const json = (v: unknown) => (v === undefined ? "(unset)" : JSON.stringify(v));

/** What `--config` changed, each with the stack file's value, and the config's warnings; nothing when neither. */
export function configSection(plan: PlanJson): string[] {
    const out: string[] = [];
    const overrides = plan.overrides ?? [];
    if (overrides.length > 0) {
        out.push(`Config overrides (--config, ${overrides.length}):`);
        for (const o of overrides) out.push(`  ${o.key}: ${json(o.before)} -> ${json(o.after)}`);
    }
    const warnings = plan.configWarnings ?? [];
    if (warnings.length > 0) {
        out.push(`Config warnings (${warnings.length}):`);
        for (const w of warnings) out.push(`  ${w}`);
    }
    return out.length > 0 ? ["", ...out] : [];
}

function resourcesSection(plan: PlanJson): string[] {
    const out = ["Resources"];
    for (const { region, resources } of regionSections(plan)) {
        out.push(`${region} (${resources.length})`);
        if (resources.length === 0) continue;
        out.push(...table([["TYPE", "NAME", "KEY SETTINGS"], ...resources.map((r) => [displayType(r.type), r.name, keySettings(r)])]));
    }
    return out;
}

/** The rules evaluated at the environment's levels: the pack's rules less those its config disables there. */
export function evaluatedRules(plan: PlanJson): string {
    const disabled = plan.policies.filter((p) => p.enforcementLevel === "disabled").length;
    return `${plan.policies.length - disabled} rules evaluated${disabled > 0 ? ` (${disabled} disabled)` : ""}`;
}

function policySection(plan: PlanJson): string[] {
    const mandatory = plan.violations.filter((v) => v.enforcementLevel === "mandatory");
    const other = plan.violations.filter((v) => v.enforcementLevel !== "mandatory");
    const out = [
        `Policies (${plan.policyEnv} levels): ${evaluatedRules(plan)}, ` +
            `${mandatory.length} mandatory violation${mandatory.length === 1 ? "" : "s"}, ${other.length} advisory`,
        `  ${plan.policyPack.note}`,
    ];
    for (const v of mandatory) out.push(`  [${v.enforcementLevel}] ${v.policy}  ${v.resource}: ${v.message}`);
    out.push(...groupedViolations(other));
    return out;
}

/** Resource names as indented lines of at most `width` characters, never breaking a name. */
function wrapNames(names: readonly string[], indent: string, width = 110): string[] {
    const lines: string[] = [];
    let line = "";
    for (const name of names) {
        const next = line ? `${line}, ${name}` : name;
        if (line && indent.length + next.length > width) {
            lines.push(`${indent}${line},`);
            line = name;
        } else {
            line = next;
        }
    }
    if (line) lines.push(`${indent}${line}`);
    return lines;
}

/**
 * Advisory violations, one line per rule and message: a rule that fails the same way on many resources (a missing
 * tag) prints its message once, then the resources it concerns.
 */
export function groupedViolations(violations: PlanJson["violations"]): string[] {
    const groups = new Map<string, PlanJson["violations"]>();
    for (const v of violations) {
        const key = `${v.enforcementLevel}\u0000${v.policy}\u0000${v.message}`;
        groups.set(key, [...(groups.get(key) ?? []), v]);
    }
    return [...groups.values()].flatMap((group) => {
        const v = group[0]!;
        if (group.length === 1) return [`  [${v.enforcementLevel}] ${v.policy}  ${v.resource}: ${v.message}`];
        return [`  [${v.enforcementLevel}] ${v.policy}  ${group.length} resources: ${v.message}`, ...wrapNames(group.map((g) => g.resource), "    ")];
    });
}

function resilienceSection(plan: PlanJson): string[] {
    const r = plan.resilience;
    const out = [
        `Resilience (figures from ${r.source})`,
        `  RTO target ${r.rtoTargetSeconds} s, modeled RTO ${r.rtoSeconds} s (${r.traffic}); ` +
            `RPO ${r.rpoSeconds} s (${r.rpoBasis})`,
        ...table([
            ["REGION FAILURE", "RTO", "TARGET", "RPO", "FAILS OVER TO"],
            ...r.perRegion.map((p) => [
                p.region + (p.serving ? "" : " (drained)"),
                seconds(p.rtoSeconds),
                p.rtoSeconds === null ? "-" : p.meetsTarget ? "met" : "MISSED",
                `${p.rpoSeconds} s`,
                p.failoverTo.length ? p.failoverTo.join(", ") : `- (${p.note})`,
            ]),
        ]),
    ];
    if (r.routingPolicy && r.routingPolicy !== "latency") {
        out.push(`  Routing mode ${r.routingPolicy} (docs/traffic.md, "Routing modes"): what users see when a region is lost`);
        out.push(...r.perRegion.filter((p) => p.serving).map((p) => `    ${p.region}: ${p.note.replace(`${r.routingPolicy}: `, "")}`));
    }
    if (r.breakdown.length > 0) {
        out.push("  RTO breakdown:");
        out.push(...table(r.breakdown.map((b) => [`${b.seconds} s`, b.part + (b.assumed ? " (assumed)" : "")]), "    "));
    }
    const steering = r.settings.steering as { policy: string; basis: string } | undefined;
    if (steering) out.push(`  Steering: ${steering.policy}: ${steering.basis}`);
    const d = r.drain;
    const gated = (e: (typeof d.effects)[number]) => (e.gatedOff.length ? e.gatedOff.map((g) => g.name).join(", ") : "no routing resource found");
    if (d.drained.length > 0) {
        out.push(`  Drained: ${d.drained.join(", ")}; serving: ${d.serving.join(", ")}`);
        for (const e of d.effects) {
            out.push(
                e.inEffect
                    ? `    ${e.region}: out of rotation via ${gated(e)}; ` +
                          `${e.replicaStays ? "its replica stays and keeps replicating" : "no table replica there"}`
                    : `    ${e.region}: WARNING: no closed gate check or disabled pool found; the program did not take it out of rotation`,
            );
        }
    } else {
        out.push("  Drain: none. Draining a region (--config 'active-active:drain=[\"<region>\"]') changes only routing:");
        for (const e of d.ifDrained) {
            const after =
                e.rtoSecondsAfter === null
                    ? `a failure of ${e.serving.join(", ") || "the last region"} could then not fail over`
                    : `a further region failure still fails over in ${e.rtoSecondsAfter} s`;
            out.push(
                `    ${e.region}: gates off ${gated(e)}; serving ${e.serving.join(", ") || "none"}; ` +
                    `${e.replicaStays ? "replica and service stay, data keeps replicating" : "service stays"}; ${after}`,
            );
        }
    }
    out.push(`  Table replicas: ${d.replicaRegions.join(", ") || "none"} (a drain never removes one)`);
    return out;
}

/** The worst case the limits allow: one line, then a line per note (an uncapped table, a fallback rate). */
export function costSection(plan: PlanJson): string[] {
    const c = plan.cost;
    const fallback = [...new Set(c.tables.flatMap((t) => t.fallbackPriceRegions))];
    const rates = `rates of ${c.prices.asOf}, ${c.prices.source.split(" ")[0]}${fallback.length ? `; ${fallback.join(", ")} priced at us-east-1 rates` : ""}`;
    const head = c.bounded
        ? `Cost: at most $${c.perHourUsd!.toFixed(2)} per hour at the configured limits (DynamoDB on-demand caps; ${rates})`
        : "Cost: UNBOUNDED: a table has no on-demand cap";
    return [head, ...c.tables.map((t) => `  ${t.name}: $${t.perHourUsd.toFixed(2)}/h (${t.regions.length} regions; per second ${t.writeUnitsPerSecond} WRU + ${t.replicatedWriteUnitsPerSecond} rWRU + ${t.readUnitsPerSecond} RRU)`), ...c.notes.map((n) => `  ${n}`)];
}

/** The account quotas the plan needs, against AWS's defaults. */
export function quotaSection(plan: PlanJson): string[] {
    const q = plan.quotas;
    const mark = (fits: boolean) => (fits ? "" : " BEYOND THE DEFAULT: request the increase first");
    const regions = q.reservedConcurrency.regions.map((c) => `${c.region} ${c.reserved}${mark(c.fits)}`).join(", ");
    return [
        "Account quotas needed (AWS defaults; a raised quota goes in the pack config of active-active-account-quotas)",
        `  Route 53 health checks: ${q.healthChecks.needed} of ${q.healthChecks.defaultQuota}${mark(q.healthChecks.fits)}`,
        `  Lambda concurrency reserved per region (of ${q.reservedConcurrency.defaultReservable} reservable): ${regions || "none"}`,
    ];
}

/** Each region's worst-case size against the quota, the health budget, the replication watch and ARC. */
function capacitySection(plan: PlanJson): string[] {
    const r = plan.resilience;
    const out = [
        "Capacity for the worst single-region failure (each region: its own load plus the largest other region's)",
        ...table([
            ["REGION", "SHARE", "OWN", "ABSORBS", "RESERVED", "HEALTH", "QUOTA", "UNRESERVED", "STAGE THROTTLE", "HEADROOM"],
            ...r.capacity.map((c) => [
                c.region,
                `${c.sharePercent}%`,
                String(c.ownConcurrency),
                c.absorbs ? `${c.absorbedConcurrency} (${c.absorbs})` : "-",
                String(c.reservedConcurrency),
                String(c.healthConcurrency),
                String(c.concurrencyQuota),
                String(c.unreserved),
                `${c.throttle.rateLimit} rps / ${c.throttle.burstLimit} burst`,
                c.fits ? "ok" : "SHORT (Lambda keeps 100 unreserved)",
            ]),
        ]),
        `  Health budget: ${r.healthBudget.totalMs} ms of Route 53's ${r.healthBudget.windowMs} ms window (${r.healthBudget.fits ? "fits" : "DOES NOT FIT"}): ${r.healthBudget.assumption}`,
        `  Replication: alarm when a peer's newest heartbeat is older than ${r.replication.thresholdMs} ms (heartbeat interval + RPO); ` +
            `detection delay of a stalled replication ${r.replication.detectionDelaySeconds} s`,
    ];
    const rc = r.recoveryControl;
    out.push(
        rc.enabled
            ? `  Recovery control: ARC routing controls in every gate (drain without a deploy), ${rc.cluster === "new" ? `a new cluster at $${rc.monthlyCostUsd} a month` : "on an existing cluster"}; ` +
                  `the safety rule keeps ${rc.minimumServing} region${rc.minimumServing === 1 ? "" : "s"} serving (docs/recovery-control.md)`
            : "  Recovery control: off (drain by config and `pulumi up`; routing.recoveryControl adds ARC routing controls, docs/recovery-control.md)",
    );
    return out;
}

export function resultLine(plan: PlanJson): string {
    const mandatory = plan.summary.mandatoryViolations;
    return plan.exitCode === 0 ? "Result: clean (exit 0)" : `Result: ${mandatory} mandatory violation${mandatory === 1 ? "" : "s"} (exit ${plan.exitCode})`;
}

export function renderText(plan: PlanJson): string {
    const next = ["Next, after `pulumi up`:", ...plan.nextSteps.map((n) => `  ${n}`)];
    return [summaryLine(plan), ...configSection(plan), "", ...resourcesSection(plan), "", ...policySection(plan), "", ...resilienceSection(plan), "", ...capacitySection(plan), "", ...quotaSection(plan), "", ...costSection(plan), "", resultLine(plan), "", ...next, ""].join("\n");
}

/** The plan as printed with `--diff` or `--against`: the summary, the overrides, only the changes, the result. */
export function renderChanges(plan: PlanJson, changes: string): string {
    return [summaryLine(plan), ...configSection(plan), "", changes.trimEnd(), "", resultLine(plan), ""].join("\n");
}
