/**
 * `--diff BASE.json` / `--against STACK`: only what changes between two plans. A drain preview, a capacity change
 * or a new region reads as the few resources and settings it touches, not as the whole plan twice. Pure: both plans
 * are plan JSON (types.ts), compared by type and logical name, inputs path by path.
 */
import { displayType } from "./key-settings";
import type { PlanJson, PlanResource, PlanViolation } from "./types";

export interface ValueChange {
    path: string;
    /** Absent when the path did not exist before (or after). */
    before?: unknown;
    after?: unknown;
}

export interface ResourceChange {
    type: string;
    name: string;
    changes: ValueChange[];
}

export interface PlanDiff {
    /** What the plan is compared with, as the user named it. */
    base: string;
    /** Settings of the plan's header and results (drain, serving regions, RTO, exit code) that differ. */
    settings: ValueChange[];
    added: PlanResource[];
    removed: PlanResource[];
    changed: ResourceChange[];
    unchanged: number;
    newViolations: PlanViolation[];
    resolvedViolations: PlanViolation[];
}

type Flat = Map<string, unknown>;

const isScalar = (v: unknown) => v === null || typeof v !== "object";

/**
 * Every leaf of a value by path (`a.b[0].c`). Empty objects and lists are leaves, and so is a list of plain values
 * (a region list reads better whole: `["us-east-1"] -> ["us-east-1","eu-west-1"]`).
 */
export function flatten(value: unknown, path = "", out: Flat = new Map()): Flat {
    if (Array.isArray(value)) {
        if (value.length === 0 || value.every(isScalar)) out.set(path, value);
        else value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
    } else if (value !== null && typeof value === "object" && Object.keys(value).length > 0) {
        for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
    } else out.set(path, value);
    return out;
}

/** The paths whose values differ between two values, in a stable order. */
export function valueChanges(before: unknown, after: unknown, prefix = ""): ValueChange[] {
    const a = flatten(before, prefix);
    const b = flatten(after, prefix);
    const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
    return paths
        .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)) || a.has(p) !== b.has(p))
        .map((p) => ({ path: p, ...(a.has(p) ? { before: a.get(p) } : {}), ...(b.has(p) ? { after: b.get(p) } : {}) }));
}

const resourceKey = (r: { type: string; name: string }) => `${r.type}\u0000${r.name}`;
const violationKey = (v: PlanViolation) => `${v.enforcementLevel}\u0000${v.policy}\u0000${v.resource}\u0000${v.message}`;

/** What is compared of a resource: its inputs, and the options that protect it. */
function comparable(r: PlanResource): unknown {
    return { inputs: r.inputs, protect: r.protect, retainOnDelete: r.retainOnDelete, region: r.region };
}

/** The header and result settings a reader of a diff cares about. */
function settingsOf(p: PlanJson): Record<string, unknown> {
    return {
        regions: p.regions,
        homeRegion: p.homeRegion,
        traffic: p.traffic,
        consistency: p.consistency,
        drain: p.drain,
        servingRegions: p.servingRegions,
        exitCode: p.exitCode,
        rtoSeconds: p.resilience.rtoSeconds,
        rpoSeconds: p.resilience.rpoSeconds,
        rtoTargetMet: p.resilience.meetsTarget,
        failoverTo: Object.fromEntries(p.resilience.perRegion.map((r) => [r.region, r.failoverTo])),
    };
}

export function diffPlans(base: string, before: PlanJson, after: PlanJson): PlanDiff {
    const old = new Map(before.resources.map((r) => [resourceKey(r), r]));
    const now = new Map(after.resources.map((r) => [resourceKey(r), r]));
    const changed: ResourceChange[] = [];
    let unchanged = 0;
    for (const [key, r] of now) {
        const was = old.get(key);
        if (!was) continue;
        const changes = valueChanges(comparable(was), comparable(r));
        if (changes.length === 0) unchanged++;
        else changed.push({ type: r.type, name: r.name, changes });
    }
    const oldViolations = new Set(before.violations.map(violationKey));
    const newViolations = new Set(after.violations.map(violationKey));
    return {
        base,
        settings: valueChanges(settingsOf(before), settingsOf(after)),
        added: after.resources.filter((r) => !old.has(resourceKey(r))),
        removed: before.resources.filter((r) => !now.has(resourceKey(r))),
        changed,
        unchanged,
        newViolations: after.violations.filter((v) => !oldViolations.has(violationKey(v))),
        resolvedViolations: before.violations.filter((v) => !newViolations.has(violationKey(v))),
    };
}

const shown = (c: ValueChange) => `${"before" in c ? JSON.stringify(c.before) : "(unset)"} -> ${"after" in c ? JSON.stringify(c.after) : "(unset)"}`;

function resourceLines(d: PlanDiff): string[] {
    const out: string[] = [];
    for (const r of d.changed) {
        out.push(`  ~ ${displayType(r.type)}  ${r.name}`);
        for (const c of r.changes) out.push(`      ${c.path}: ${shown(c)}`);
    }
    for (const r of d.added) out.push(`  + ${displayType(r.type)}  ${r.name}`);
    for (const r of d.removed) out.push(`  - ${displayType(r.type)}  ${r.name}`);
    return out;
}

/** The diff as printed: a count line, then only the sections that have something in them. */
export function renderDiff(d: PlanDiff): string {
    const counts = `${d.changed.length} changed, ${d.added.length} added, ${d.removed.length} removed, ${d.unchanged} unchanged`;
    const out = [`Changes against ${d.base}: ${counts}`];
    if (d.settings.length > 0) out.push("", "Settings", ...d.settings.map((c) => `  ${c.path}: ${shown(c)}`));
    const resources = resourceLines(d);
    if (resources.length > 0) out.push("", "Resources", ...resources);
    if (d.newViolations.length + d.resolvedViolations.length > 0) {
        out.push("", "Policies");
        for (const v of d.newViolations) out.push(`  + [${v.enforcementLevel}] ${v.policy}  ${v.resource}: ${v.message}`);
        for (const v of d.resolvedViolations) out.push(`  - [${v.enforcementLevel}] ${v.policy}  ${v.resource}: ${v.message}`);
    }
    if (out.length === 1) out.push("", "No changes.");
    return out.join("\n") + "\n";
}
