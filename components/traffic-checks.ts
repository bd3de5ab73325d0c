/**
 * The checks every traffic layer makes of its args, written once and worded with the layers' arg names (`regions`,
 * `drain`, `settings`); the stack config calls the same functions with its own key names.
 */
import { listedTwice, missing, notOneOfTheRegions, Problem, problem } from "../packages/aws-facts";

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
    const listed = regions.length > 0 ? regions.join(", ") : `a region listed in ${keys.regions}`;
    drain.forEach((r, i) => {
        if (!regions.includes(r)) problems.push(notOneOfTheRegions(`${keys.drain}[${i}]`, r, regions, listed, "drain-unknown-region"));
    });
    problems.push(...listedTwice(drain, keys.drain, "each region once"));
    if (regions.length > 0 && regions.every((r) => drain.includes(r))) {
        problems.push(problem(keys.drain, drain, "drains every region", "leave at least one region serving", "drain-everything"));
    }
    return problems;
}

/**
 * The failover model's own range errors of explicit settings ("request interval must be 10 or 30 s, got 20"), as
 * problems at `path`. The model words each error; `resolver` names the model's function that resolves valid ones.
 */
export function modelSettingsProblems(path: string, errors: readonly string[], resolver: string): Problem[] {
    return errors.map((e) => missing(path, e, `settings the failover model accepts (see ${resolver})`, "model-settings"));
}
