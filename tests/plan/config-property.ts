/**
 * What the config property test asserts of one plan: exit 0 or 1 with the plan JSON, or exit 2 naming a config key;
 * never 3, never a throw. Shared by the property test (slow) and its fixed counterexamples (fast).
 */
import { runPlan } from "../../plan/run";

export async function planOutcome(stack: string, config: Record<string, unknown>): Promise<string> {
    const outcome = await outcomeOf(stack, config);
    tally[outcome] = (tally[outcome] ?? 0) + 1;
    return outcome;
}

async function outcomeOf(stack: string, config: Record<string, unknown>): Promise<string> {
    let result;
    try {
        result = await runPlan({ stack, config });
    } catch (e) {
        return `threw: ${(e as Error).message}`;
    }
    if (result.exitCode === 0 || result.exitCode === 1) {
        return result.json && result.json.resources.length > 0 ? "planned" : `exit ${result.exitCode} without a plan`;
    }
    if (result.exitCode === 2) {
        const unnamed = result.problems.filter((p) => !/^(active-active|cloudflare):/.test(p));
        return unnamed.length === 0 && result.problems.length > 0 ? "refused by key" : `exit 2 without a key: ${result.errorText}`;
    }
    return `exit ${result.exitCode}: ${result.errorText}`;
}

/** How many of each outcome a run saw (the property test prints it, so a run that planned nothing shows). */
export const tally: Record<string, number> = {};
