/**
 * `active-active:services`: a fleet. Each entry is one service with its own name and domain, and optionally its own
 * `table`, `service` and `routing` settings laid over the stack's keys of the same name (a field given in the entry
 * wins; every other field is the stack's). Each service gets its own table, regional services and routed name; the
 * providers, the policy pack and the traffic layer (zone or Cloudflare account) are the stack's. Without the key the
 * stack is one service, named by its own keys, with the logical names it always had.
 */
import { z } from "zod";
import { DNS_NAME, Problem, problem } from "../packages/aws-facts";
import { issueProblem, keyPath } from "./issues";
import { NAMESPACE } from "./types";
import { routingSchema, says, serviceSchema, tableSchema, type Complete, type Parsed } from "./schema";

/** At most this many services in one stack: 20 services in 8 regions is already ~5,000 resources. */
export const MAX_FLEET_SERVICES = 50;

// Built on first use: schema.ts lists this key, and these sections are schema.ts's own.
const sections = () => ({ table: tableSchema, service: serviceSchema, routing: routingSchema }) as const;
type Section = keyof ReturnType<typeof sections>;
const SECTION_NAMES: readonly Section[] = ["table", "service", "routing"];

function entrySchema() {
    const overrides = z.record(z.string(), z.unknown(), { message: says("is not an object of overrides", "an object with the fields of the stack's key of the same name") });
    return z
        .object({
            name: serviceSchema.shape.name.unwrap(),
            domain: z.string().max(253, { abort: true }).regex(DNS_NAME.pattern, { message: says("is not a DNS name", DNS_NAME.allowed) }),
            table: overrides.optional(),
            service: overrides.optional(),
            routing: overrides.optional(),
        })
        .strict();
}

export const servicesSchema = z.lazy(() => z.array(entrySchema()).min(1).max(MAX_FLEET_SERVICES));

export type FleetEntry = z.output<typeof servicesSchema>[number];

/** The stack's keys with one service's name, domain and overrides laid over them (each section re-parsed). */
function merge(p: Parsed, entry: FleetEntry): { merged: Parsed; issues: { section: Section; issue: z.core.$ZodIssue }[] } {
    const merged: Parsed = { ...p, domain: entry.domain };
    const issues: { section: Section; issue: z.core.$ZodIssue }[] = [];
    for (const section of SECTION_NAMES) {
        // The service's own name is its default service name (the app's SERVICE_NAME, the alarms' wording).
        const own = section === "service" ? { name: entry.name, ...entry.service } : entry[section];
        const base = p[section];
        if (base === undefined) continue;
        const result = (sections()[section] as z.ZodType).safeParse({ ...base, ...own });
        if (result.success) (merged as Record<string, unknown>)[section] = result.data;
        else issues.push(...result.error.issues.map((issue) => ({ section, issue })));
    }
    return { merged, issues };
}

/** A stack-level problem path moved to the service that caused it: `active-active:table.x` -> `active-active:services[1].table.x`. */
export function movedToService(pr: Problem, index: number): Problem {
    for (const key of ["domain", ...SECTION_NAMES]) {
        const at = keyPath(key);
        if (pr.path === at || pr.path.startsWith(`${at}.`) || pr.path.startsWith(`${at}[`)) return { ...pr, path: `${keyPath("services", [index])}.${pr.path.slice(`${NAMESPACE}:`.length)}` };
    }
    return { ...pr, path: `${pr.path} (with ${keyPath("services", [index])})` };
}

/** Problems of the fleet: each service's overrides, the checks across keys with them, and names used twice. */
export function fleetProblems(p: Parsed, crossKeyProblems: (p: Parsed) => Problem[]): Problem[] {
    const entries = p.services;
    if (!entries) return [];
    const stackLevel = new Set(crossKeyProblems(p).map((pr) => JSON.stringify(pr)));
    const problems: Problem[] = [];
    const seen = { name: new Map<string, number>(), domain: new Map<string, number>(), table: new Map<string, number>() };
    entries.forEach((entry, i) => {
        const { merged, issues } = merge(p, entry);
        for (const { section, issue } of issues) {
            const at = { ...issue, path: [i, section, ...issue.path] } as z.core.$ZodIssue;
            const shape = issue.code === "unrecognized_keys" && issue.path.length === 0 ? sections()[section].shape : undefined;
            problems.push(shape ? { ...issueProblem("services", entries, at), allowed: Object.keys(shape).join(", ") } : issueProblem("services", entries, at));
        }
        if (issues.length === 0) {
            for (const pr of crossKeyProblems(merged)) if (!stackLevel.has(JSON.stringify(pr))) problems.push(movedToService(pr, i));
        }
        const tableName = merged.table?.name;
        for (const [what, value, path] of [
            ["name", entry.name, [i, "name"]],
            ["domain", entry.domain, [i, "domain"]],
            ["table", tableName, [i, "table", "name"]],
        ] as const) {
            if (value === undefined) continue;
            const first = seen[what].get(value);
            if (first === undefined) seen[what].set(value, i);
            else problems.push(problem(keyPath("services", path), value, `is also services[${first}]'s ${what === "table" ? "table name" : what}`, `a ${what === "table" ? "table name" : what} of its own per service`, "fleet-duplicate"));
        }
    });
    return problems;
}

/** Each service's complete keys, in the order listed; call once `fleetProblems` found none. */
export function fleetKeys(p: Complete): { name: string; keys: Complete }[] {
    return (p.services ?? []).map((entry) => ({ name: entry.name, keys: merge(p, entry).merged as Complete }));
}
