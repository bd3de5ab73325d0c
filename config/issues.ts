/**
 * zod's issues as Problems: each names the config key with its path, shows the value found there and says what
 * is allowed, in the words schema.ts gave (`<reason>; allowed: <allowed>`) or, for zod's own checks (types,
 * ranges, unknown fields), in words of our own.
 */
import { z } from "zod";
import { missing, Problem, problem, show } from "../packages/aws-facts";
import { KEYS } from "./schema";

import { NAMESPACE } from "./types";

export { NAMESPACE } from "./types";

/** `active-active:<key>` with an issue path: `active-active:table.globalSecondaryIndexes[1].name`. */
export function keyPath(key: string, path: readonly PropertyKey[] = []): string {
    let out = `${NAMESPACE}:${key}`;
    for (const p of path) out += typeof p === "number" ? `[${p}]` : `.${String(p)}`;
    return out;
}

function at(value: unknown, path: readonly PropertyKey[]): unknown {
    let v: any = value;
    for (const p of path) v = v == null ? undefined : v[p as any];
    return v;
}

const TYPE_NAMES: Record<string, string> = {
    array: "a list",
    object: "an object",
    record: "an object",
    string: "a string",
    number: "a number",
    int: "an integer",
    boolean: "a boolean",
};

function kindOf(value: unknown): string {
    if (value === null) return "empty";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "number" && !Number.isInteger(value)) return "a fraction";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

const ALLOWED = "; allowed: ";

/** A schema message split back into its reason and what is allowed (see `says` in schema.ts). */
export function splitMessage(message: string): { reason: string; allowed: string } {
    const cut = message.indexOf(ALLOWED);
    return cut < 0 ? { reason: message, allowed: "see README.md, Configuration reference" } : { reason: message.slice(0, cut), allowed: message.slice(cut + ALLOWED.length) };
}

function hasOwnWords(message: string): boolean {
    return message.includes(ALLOWED);
}

/** The problem for one issue of key `key`, whose raw (decoded) value is `raw`. */
export function issueProblem(key: string, raw: unknown, issue: z.core.$ZodIssue): Problem {
    const value = at(raw, issue.path);
    const where = keyPath(key, issue.path);
    switch (issue.code) {
        case "unrecognized_keys":
            return missing(where, `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`, allowedFields(key, issue.path, raw));
        case "invalid_type": {
            const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
            return value === undefined ? missing(where, "is required", expected) : problem(where, value, `is ${kindOf(value)}`, expected);
        }
        case "invalid_key": {
            const { reason, allowed } = splitMessage(issue.issues.map((i) => i.message).join("; "));
            return missing(keyPath(key, issue.path.slice(0, -1)), `key ${show(issue.path[issue.path.length - 1])} ${reason}`, allowed);
        }
        case "too_small":
            if (hasOwnWords(issue.message)) return problem(where, value, ...reasonAndAllowed(issue.message));
            return problem(where, value, ...tooSmall(issue, value));
        case "too_big":
            if (hasOwnWords(issue.message)) return problem(where, value, ...reasonAndAllowed(issue.message));
            return problem(where, value, ...tooBig(issue, value));
        default:
            return problem(where, value, ...reasonAndAllowed(issue.message));
    }
}

function reasonAndAllowed(message: string): [string, string] {
    const { reason, allowed } = splitMessage(message);
    return [reason, allowed];
}

function tooSmall(issue: z.core.$ZodIssueTooSmall, value: unknown): [string, string] {
    if (issue.origin === "array") return ["has too few entries", `at least ${issue.minimum}`];
    if (issue.origin === "string") return [`has ${String(value).length} characters`, `at least ${issue.minimum}`];
    return ["is too small", `${issue.inclusive === false ? "more than" : "at least"} ${issue.minimum}`];
}

function tooBig(issue: z.core.$ZodIssueTooBig, value: unknown): [string, string] {
    if (issue.origin === "array") return ["has too many entries", `at most ${issue.maximum}`];
    if (issue.origin === "string") return [`has ${String(value).length} characters`, `at most ${issue.maximum}`];
    return ["is too large", `${issue.inclusive === false ? "less than" : "at most"} ${issue.maximum}`];
}

/** The fields an object at `path` of key `key` accepts, for "unknown field" problems. */
function allowedFields(key: string, path: readonly PropertyKey[], raw: unknown): string {
    const unwrap = (s: any): any => (s?.def?.innerType ? unwrap(s.def.innerType) : s?.def?.getter ? unwrap(s.def.getter()) : s);
    let schema: any = unwrap((KEYS as Record<string, z.ZodType>)[key]);
    for (const p of path) {
        schema = unwrap(schema);
        if (typeof p === "number") schema = unwrap(schema?.def?.element);
        else schema = unwrap(schema?.shape?.[p]);
    }
    // A discriminated union (service.auth): the fields of the variant the value names.
    if (schema?.def?.options && schema.def.discriminator) {
        const tag = (at(raw, path) as Record<string, unknown> | undefined)?.[schema.def.discriminator];
        schema = schema.def.options.find((o: any) => o.shape?.[schema.def.discriminator]?.def?.values?.includes(tag)) ?? schema;
    }
    // A record over an enum (routing.geolocation.continents): the enum's values.
    const keys = schema?.def?.type === "record" ? unwrap(schema.def.keyType)?.options : undefined;
    if (Array.isArray(keys)) return keys.join(", ");
    return schema?.shape ? Object.keys(schema.shape).join(", ") : "none";
}
