/**
 * Every shrunk counterexample the config property test (config-property.slow.test.ts) has found, kept as a fixed
 * case: each once crashed the plan, hung it, or exited without naming a key. They run in the fast suite
 * (config-property-cases.test.ts) and again in the slow one.
 */
export interface FoundCase {
    /** What went wrong before the fix. */
    was: string;
    stack: string;
    config: Record<string, unknown>;
}

export const FOUND: FoundCase[] = [
    // Issue 14's own: a capacity whose worst case Lambda refuses, and a path Route 53 refuses, hung the plan.
    { was: "exit 1 with no JSON (promises still active)", stack: "dev", config: { "active-active:service": { capacityPerRegion: 451 } } },
    { was: "exit 1 with no JSON (promises still active)", stack: "dev", config: { "active-active:service": { capacityPerRegion: 10000 } } },
    { was: "exit 1 with no JSON (promises still active)", stack: "dev", config: { "active-active:health": { path: `/${"h".repeat(300)}` } } },
];
