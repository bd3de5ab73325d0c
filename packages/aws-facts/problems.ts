/**
 * One shape for "this value is wrong, and here is what is allowed", used by every validator of the library, the
 * stack config, the data-loss guards and the plan. Rendered as one line:
 *
 *   <path>: <value> <reason>; allowed: <allowed>
 *
 * e.g. `regions[1]: "us-east-1" is listed twice; allowed: each region once`. A problem without a value (a
 * missing key) renders as `<path>: <reason>; allowed: <allowed>`; one whose allowance depends on another setting
 * as `...; allowed with <when>: <allowed>`.
 */
export interface Problem {
    /** Where: an arg path (`regions[1]`, `service.auth.issuer`) or a config key (`active-active:drain[0]`). */
    path: string;
    /** The offending value, shown as JSON. Absent when there is no value to show (a missing key). */
    value?: unknown;
    /** What is wrong with it, worded to follow the value: "is listed twice". */
    reason: string;
    /** What would be accepted instead. */
    allowed: string;
    /** When what is allowed depends on another setting: `with consistency "strong"` renders "allowed with ...:". */
    when?: string;
    /** A stable identifier of the rule, for tests and tools that match on the rule rather than the sentence. */
    code?: string;
}

/** Values longer than this are cut in messages: a problem line stays readable. */
const SHOW_MAX = 120;

/** A value as it appears in a message: JSON, cut at 120 characters. */
export function show(value: unknown): string {
    const s = JSON.stringify(value);
    if (s === undefined) return "undefined";
    return s.length > SHOW_MAX ? `${s.slice(0, SHOW_MAX - 3)}...` : s;
}

/** Builds a problem; `value` is shown as JSON in the rendered line. */
export function problem(path: string, value: unknown, reason: string, allowed: string, code?: string): Problem {
    return code === undefined ? { path, value, reason, allowed } : { path, value, reason, allowed, code };
}

/** Builds a problem that has no value to show (a missing key, a missing provider). */
export function missing(path: string, reason: string, allowed: string, code?: string): Problem {
    return code === undefined ? { path, reason, allowed } : { path, reason, allowed, code };
}

/** The one rendering of a problem. */
export function renderProblem(p: Problem): string {
    const value = "value" in p ? `${show(p.value)} ` : "";
    const allowed = p.when === undefined ? "allowed" : `allowed ${p.when}`;
    return `${p.path}: ${value}${p.reason}; ${allowed}: ${p.allowed}`;
}

/**
 * The same problems at another address: a component's arg path becomes the stack's config key. `mapPath` gets
 * each path and returns the new one (e.g. `regions[1]` -> `active-active:regions[1]`).
 */
export function rehome(problems: readonly Problem[], mapPath: (path: string) => string): Problem[] {
    return problems.map((p) => ({ ...p, path: mapPath(p.path) }));
}

/** A `mapPath` for `rehome` that puts a prefix before every path. */
export function underPrefix(prefix: string): (path: string) => string {
    return (path) => `${prefix}${path}`;
}

/** Problems for entries listed more than once, each naming the later entry. */
export function listedTwice(values: readonly unknown[], path: string, allowed: string): Problem[] {
    return values.flatMap((v, i) => (values.indexOf(v) < i ? [problem(`${path}[${i}]`, v, "is listed twice", allowed, "duplicate")] : []));
}

/** "1 problem", "2 problems". */
export function countProblems(n: number): string {
    return `${n} problem${n === 1 ? "" : "s"}`;
}
