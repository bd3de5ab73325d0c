/**
 * What went wrong, in words a user can act on, never with a stack trace. Errors reach the plan four ways: thrown
 * by the config layer, thrown by the program or a component, rejected by the kit at registration, or thrown
 * inside an Output's apply (which the Pulumi runtime only surfaces as an unhandled rejection).
 */
import type { MockRegistrationError as RegistrationErrorClass } from "../mock-kit";

/** Loaded on use: the CLI reports usage errors without loading the Pulumi SDK the kit pulls in. */
function isRegistrationError(e: unknown): boolean {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { MockRegistrationError } = require("../mock-kit") as { MockRegistrationError: typeof RegistrationErrorClass };
    return e instanceof MockRegistrationError;
}

/** Exit codes of the plan command. */
export const EXIT = {
    ok: 0,
    /** Mandatory policy violations (an RTO over its target is one). The plan is still written. */
    violations: 1,
    /** Bad usage, unknown stack, bad config (from config.ts or a component), or inputs a provider would reject. */
    badConfig: 2,
    /** Anything else: the program or the plan command failed (a bug; the message says where). */
    internal: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The plan's one envelope for what went wrong: a heading, then one indented line per problem. */
export function problemList(heading: string, problems: readonly string[]): string {
    return [heading, ...problems.map((p) => `  - ${p.split("\n").join("\n    ")}`)].join("\n");
}

/**
 * Thrown for bad command-line usage, every problem at once; `problems` as on ArgsError. Usage problems keep their
 * own wording (`unknown option --stak`): they have no value and allowance to render as a Problem.
 */
export class UsageError extends Error {
    readonly problems: string[];
    constructor(problems: string[]) {
        super(problemList("bad usage:", problems));
        this.name = "UsageError";
        this.problems = problems;
    }
}

/** A config error from config.ts or from a component's own guard: named ConfigError or carrying `problems`. */
export function isConfigError(e: unknown): e is Error & { problems?: string[] } {
    if (!(e instanceof Error) && (typeof e !== "object" || e === null)) return false;
    const err = e as { name?: unknown; problems?: unknown };
    return (
        err.name === "ConfigError" ||
        /ConfigError$/.test(String(err.name ?? "")) ||
        (Array.isArray(err.problems) && err.problems.every((p) => typeof p === "string"))
    );
}

/** The runtime prefixes errors thrown while serializing an input; the user needs the original message. */
function stripRuntimePrefixes(message: string): string {
    let m = message;
    for (;;) {
        const next = m
            .replace(/^error serializing property "[^"]*": /, "")
            .replace(/^failed to register new resource \S+ \[[^\]]+\]: /, "");
        if (next === m) return m;
        m = next;
    }
}

/** Removes stack frames and anything after them, whatever the error's own message carries. */
export function withoutStack(text: string): string {
    return text
        .split("\n")
        .filter((line) => !/^\s+at\s/.test(line))
        .join("\n")
        .trimEnd();
}

function messageOf(e: unknown): string {
    if (e instanceof Error) return withoutStack(stripRuntimePrefixes(e.message));
    if (typeof e === "string") return withoutStack(e);
    try {
        return withoutStack(JSON.stringify(e) ?? String(e));
    } catch {
        return String(e);
    }
}

export interface FailureReport {
    /** True when at least one error is a config error (the plan prints "bad config"). */
    config: boolean;
    /** True when the kit rejected a registration, as the engine or provider would (see mock-kit/strict.ts). */
    registration: boolean;
    /** Every problem, deduplicated, in the order found. */
    problems: string[];
}

/**
 * Folds the errors of a failed run into one report. Config errors contribute their `problems`; other errors their
 * message. The same error often surfaces several times (runtime wrappers, each awaiter): each is reported once.
 */
export function describeFailure(errors: unknown[]): FailureReport {
    const unique = [...new Set(errors)];
    const config = unique.filter(isConfigError);
    // A registration error usually surfaces twice: as the kit's own error and wrapped by the runtime.
    const rest = unique.filter((e) => !isConfigError(e));
    const problems: string[] = [];
    const add = (p: string) => {
        if (p && !problems.includes(p)) problems.push(p);
    };
    for (const e of config) {
        const list = Array.isArray(e.problems) && e.problems.length > 0 ? e.problems : [messageOf(e)];
        list.forEach((p) => add(withoutStack(p)));
    }
    for (const e of rest) {
        const m = messageOf(e);
        // Skip the runtime's echo of an error already reported (it embeds the original message).
        if (problems.some((p) => m.includes(p))) continue;
        add(m);
    }
    return { config: config.length > 0, registration: unique.some(isRegistrationError), problems };
}
