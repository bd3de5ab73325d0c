/**
 * Scenario files (`gameday/scenarios/<name>.yaml`): which stack config to plan, how long to run, the clients and
 * replication lag, and the faults with their start and end in simulated seconds. Every problem of a file is reported
 * at once, naming the key, the value and what is allowed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import type { ClientSettings } from "./clients";
import type { LagModel } from "./replication";

export type FaultKind = "region-down" | "brownout" | "partition" | "throttle" | "drain";
export const FAULT_KINDS: readonly FaultKind[] = ["region-down", "brownout", "partition", "throttle", "drain"];

export interface Fault {
    kind: FaultKind;
    /** A region name, or `home` for the stack's home region. */
    region: string;
    atSeconds: number;
    /** When the fault ends; null: it lasts to the end of the run. */
    untilSeconds: number | null;
    /** brownout: extra time every affected request takes, ms, plus a uniform draw up to `jitterMs`. */
    latencyMs: number;
    jitterMs: number;
    /** brownout: which function is slow. */
    affects: "items" | "health" | "both";
    /** throttle: share of the engine's calls refused. */
    rate: number;
}

export interface Scenario {
    name: string;
    description: string;
    config: Record<string, unknown>;
    durationSeconds: number;
    clients: ClientSettings;
    replication: LagModel;
    checkersPerRegion: number;
    faults: Fault[];
}

export const DEFAULT_CLIENTS: ClientSettings = {
    mode: "dns",
    pinnedAttemptTimeoutMs: 2000,
    perLocation: 2,
    thinkMs: 3000,
    requestTimeoutMs: 10_000,
    connectTimeoutMs: 3000,
    maxAttempts: 4,
    backoffBaseMs: 500,
    backoffCapMs: 8000,
    maxConnectionAgeSeconds: 60,
    mix: { read: 0.5, create: 0.2, update: 0.3 },
};

export const DEFAULT_LAG: LagModel = { baseMs: 300, meanExtraMs: 400 };

export const SCENARIO_DIR = path.resolve(__dirname, "scenarios");

export function scenarioNames(dir = SCENARIO_DIR): string[] {
    return fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, "")).sort();
}

export function loadScenario(name: string, dir = SCENARIO_DIR): Scenario {
    const file = path.join(dir, `${name}.yaml`);
    if (!fs.existsSync(file)) throw new Error(`gameday: no scenario "${name}" (gameday/scenarios has: ${scenarioNames(dir).join(", ")})`);
    return parseScenario(name, parse(fs.readFileSync(file, "utf8")) as unknown);
}

type Obj = Record<string, unknown>;

export function parseScenario(name: string, raw: unknown): Scenario {
    const problems: string[] = [];
    const o = (raw ?? {}) as Obj;
    const number = (obj: Obj, key: string, where: string, fallback: number, min: number, max: number): number => {
        const v = obj[key];
        if (v === undefined) return fallback;
        if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
            problems.push(`${where}${key}: ${JSON.stringify(v)} is not allowed (a number from ${min} to ${max})`);
            return fallback;
        }
        return v;
    };
    const duration = number(o, "durationSeconds", "", 480, 30, 3600);
    const c = (o.clients ?? {}) as Obj;
    const clients: ClientSettings = { ...DEFAULT_CLIENTS };
    if (c.mode !== undefined && c.mode !== "dns" && c.mode !== "pinned") problems.push(`clients.mode: ${JSON.stringify(c.mode)} is not allowed (dns or pinned)`);
    else if (c.mode !== undefined) clients.mode = c.mode;
    for (const key of ["pinnedAttemptTimeoutMs", "perLocation", "thinkMs", "requestTimeoutMs", "connectTimeoutMs", "maxAttempts", "backoffBaseMs", "backoffCapMs", "maxConnectionAgeSeconds"] as const) {
        clients[key] = number(c, key, "clients.", DEFAULT_CLIENTS[key], key === "maxAttempts" || key === "perLocation" ? 1 : 0, 600_000);
    }
    const r = (o.replication ?? {}) as Obj;
    const replication = { baseMs: number(r, "baseMs", "replication.", DEFAULT_LAG.baseMs, 0, 600_000), meanExtraMs: number(r, "meanExtraMs", "replication.", DEFAULT_LAG.meanExtraMs, 1, 600_000) };
    const checkersPerRegion = number((o.route53 ?? {}) as Obj, "checkersPerRegion", "route53.", 3, 1, 16);
    const faults = (Array.isArray(o.faults) ? o.faults : []).map((f, i) => parseFault(f as Obj, i, duration, problems, number));
    if (!Array.isArray(o.faults) || faults.length === 0) problems.push(`faults: ${JSON.stringify(o.faults)} is not allowed (a list of at least one fault)`);
    if (o.config !== undefined && (typeof o.config !== "object" || Array.isArray(o.config))) problems.push(`config: ${JSON.stringify(o.config)} is not allowed (a map of stack config keys)`);
    if (problems.length > 0) throw new Error(`gameday: scenario ${name} is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    return {
        name,
        description: typeof o.description === "string" ? o.description.trim() : "",
        config: (o.config ?? {}) as Record<string, unknown>,
        durationSeconds: duration,
        clients,
        replication,
        checkersPerRegion,
        faults,
    };
}

function parseFault(f: Obj, i: number, duration: number, problems: string[], number: (obj: Obj, key: string, where: string, fallback: number, min: number, max: number) => number): Fault {
    const where = `faults[${i}].`;
    const kind = f.kind as FaultKind;
    if (!FAULT_KINDS.includes(kind)) problems.push(`${where}kind: ${JSON.stringify(f.kind)} is not allowed (one of ${FAULT_KINDS.join(", ")})`);
    const region = typeof f.region === "string" && f.region !== "" ? f.region : "";
    if (region === "") problems.push(`${where}region: ${JSON.stringify(f.region)} is not allowed (a region of the stack, "home", or "all" for region-down)`);
    const atSeconds = number(f, "at", where, 60, 0, duration);
    const untilSeconds = f.until === undefined ? null : number(f, "until", where, duration, atSeconds, duration);
    const affects = (f.affects ?? "items") as Fault["affects"];
    if (!["items", "health", "both"].includes(affects)) problems.push(`${where}affects: ${JSON.stringify(f.affects)} is not allowed (items, health or both)`);
    return {
        kind,
        region,
        atSeconds,
        untilSeconds,
        latencyMs: number(f, "latencyMs", where, 0, 0, 120_000),
        jitterMs: number(f, "jitterMs", where, 0, 0, 120_000),
        affects,
        rate: number(f, "rate", where, 0, 0, 1),
    };
}
