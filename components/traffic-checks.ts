/**
 * The checks every traffic layer makes of its regions and its drain, written once and worded with the layers'
 * arg names (`regions`, `drain`); the stack config calls the same function with its own key names.
 */
import { listedTwice, missing, Problem, problem } from "../packages/aws-facts";

/** The names of the two settings, as the caller spells them. */
export interface DrainKeys {
    regions: string;
    drain: string;
}

export const ARG_DRAIN_KEYS: DrainKeys = { regions: "regions", drain: "drain" };

/** Regions once each; a drain that names only listed regions, each once, and leaves at least one serving. */
export function regionsAndDrainProblems(regions: readonly string[], drain: readonly string[], keys: DrainKeys = ARG_DRAIN_KEYS): Problem[] {
    const problems: Problem[] = [];
    if (regions.length === 0) problems.push(missing(keys.regions, "none given", "at least one region", "no-regions"));
    problems.push(...listedTwice(regions, keys.regions, "each region once"));
    drain.forEach((r, i) => {
        if (!regions.includes(r)) problems.push(problem(`${keys.drain}[${i}]`, r, "is not one of the regions", regions.join(", "), "drain-unknown-region"));
    });
    problems.push(...listedTwice(drain, keys.drain, "each region once"));
    if (regions.length > 0 && regions.every((r) => drain.includes(r))) {
        problems.push(problem(keys.drain, drain, "drains every region", "leave at least one region serving", "drain-everything"));
    }
    return problems;
}
