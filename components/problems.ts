/**
 * The one error every validator of the library throws, and the one envelope it prints: every problem at once, a
 * line each, rendered by `renderProblem` (`<path>: <value> <reason>; allowed: <allowed>`). The stack config's
 * `ConfigError` and the data-loss guard's `DataLossGuardError` are this class with their own subject line.
 */
import { countProblems, Problem, renderProblem } from "../packages/aws-facts";

export type { Problem } from "../packages/aws-facts";

/** `<subject> (<n> problems):` then one indented line per problem. */
export function renderProblems(subject: string, problems: readonly Problem[]): string {
    return `${subject} (${countProblems(problems.length)}):\n${problems.map((p) => `  - ${renderProblem(p)}`).join("\n")}`;
}

/** Thrown with every problem of one set of args (or one config), before anything is registered. */
export class ArgsError extends Error {
    /** Each problem rendered as one line, in the order found. */
    readonly problems: string[];
    /** The same problems as data. */
    readonly details: readonly Problem[];

    constructor(subject: string, problems: readonly Problem[]) {
        super(renderProblems(subject, problems));
        this.name = "ArgsError";
        this.details = problems;
        this.problems = problems.map(renderProblem);
    }
}

/** The subject line of a component's args error: `GlobalTable "orders"`. */
export function componentSubject(component: string, name: string): string {
    return `${component} "${name}"`;
}

/** Throws an `ArgsError` for `component` "`name`" when there is any problem. */
export function throwIfProblems(component: string, name: string, problems: readonly Problem[]): void {
    if (problems.length > 0) throw new ArgsError(componentSubject(component, name), problems);
}
