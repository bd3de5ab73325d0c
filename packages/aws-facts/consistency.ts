/**
 * DynamoDB global table consistency modes and the topology rules of strong consistency, written once. The stack
 * config, the GlobalTable component, the mock kit and the policy pack call these; none restates them.
 *
 * Multi-Region strong consistency (MRSC) takes exactly three regions, or two replicas and a witness, all in one
 * region set; it supports neither TTL nor local secondary indexes
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html, "Multi-Region
 * strong consistency"; https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables_MRSC_limitations.html).
 */
import { describeMrscRegionSets, isAwsRegion, MRSC_REGION_SETS, mrscRegionSet } from "./regions";
import { Problem, problem } from "./problems";

/** MREC (`eventual`, last writer wins) or MRSC (`strong`). Fixed when the table is created. */
export type Consistency = "eventual" | "strong";

export const CONSISTENCY_MODES: readonly Consistency[] = ["eventual", "strong"];

export function isConsistency(value: unknown): value is Consistency {
    return value === "eventual" || value === "strong";
}

/** Replicas an MRSC table has: 3, or 2 with a witness. */
export const MRSC_REPLICAS = 3;
export const MRSC_REPLICAS_WITH_WITNESS = 2;

/** The names of the settings the topology rules speak of, as the caller spells them (an arg or a config key). */
export interface TopologyKeys {
    regions: string;
    witnessRegion: string;
    ttlAttribute: string;
    localSecondaryIndexes: string;
}

/** The component's own arg names. */
export const ARG_TOPOLOGY_KEYS: TopologyKeys = {
    regions: "regions",
    witnessRegion: "witnessRegion",
    ttlAttribute: "ttlAttribute",
    localSecondaryIndexes: "localSecondaryIndexes",
};

export interface StrongTopology {
    /** The regions that hold a replica, the home region included. */
    regions: readonly string[];
    /** The witness region, when there is one. */
    witnessRegion?: string;
    /** The TTL attribute, when TTL is on. */
    ttlAttribute?: string | null;
    /** Names of local secondary indexes. */
    localSecondaryIndexes?: readonly string[];
}

/**
 * Every problem with a strongly consistent table's shape: region count, witness placement, one region set, and
 * the features MRSC lacks. Assumes the regions are AWS regions (check that first). Returns [] when valid.
 */
export function strongConsistencyProblems(t: StrongTopology, keys: TopologyKeys = ARG_TOPOLOGY_KEYS): Problem[] {
    const problems: Problem[] = [];
    const { regions, witnessRegion: witness } = t;
    if (witness !== undefined && regions.includes(witness)) {
        problems.push(problem(keys.witnessRegion, witness, "is also a replica region", `a third region of the same set that is not in ${keys.regions}`, "mrsc-witness-is-replica"));
    } else if (witness !== undefined && regions.length !== MRSC_REPLICAS_WITH_WITNESS) {
        problems.push({ ...problem(keys.regions, regions, `has ${regions.length} regions`, `exactly ${MRSC_REPLICAS_WITH_WITNESS} regions (strong consistency is 3 replicas, or 2 replicas and a witness)`, "mrsc-region-count"), when: `with ${keys.witnessRegion}` });
    } else if (witness === undefined && regions.length !== MRSC_REPLICAS) {
        problems.push({ ...problem(keys.regions, regions, `has ${regions.length} regions`, `exactly ${MRSC_REPLICAS} regions, or ${MRSC_REPLICAS_WITH_WITNESS} regions plus ${keys.witnessRegion}`, "mrsc-region-count"), when: 'with consistency "strong"' });
    } else if (!mrscRegionSet(regions)) {
        problems.push(problem(keys.regions, regions, "are not all in one strong-consistency region set", `all in one set (${describeMrscRegionSets()})`, "mrsc-region-set"));
    } else if (witness !== undefined && isAwsRegion(witness) && !mrscRegionSet([...regions, witness])) {
        const set = mrscRegionSet(regions)!;
        const allowed = MRSC_REGION_SETS[set]!.filter((r) => !regions.includes(r));
        problems.push(problem(keys.witnessRegion, witness, `is not in the ${set} strong-consistency region set of ${keys.regions}`, allowed.join(", "), "mrsc-witness-set"));
    }
    if (t.ttlAttribute) {
        problems.push(problem(keys.ttlAttribute, t.ttlAttribute, 'is not supported with consistency "strong"', "null (the app enforces expiry itself)", "mrsc-ttl"));
    }
    const lsis = t.localSecondaryIndexes ?? [];
    if (lsis.length > 0) {
        problems.push(problem(keys.localSecondaryIndexes, lsis, 'are not supported with consistency "strong"', "[]", "mrsc-lsi"));
    }
    return problems;
}

/** A witness belongs to strong consistency only. */
export function eventualWitnessProblems(consistency: Consistency, witnessRegion: string | undefined, keys: TopologyKeys = ARG_TOPOLOGY_KEYS): Problem[] {
    if (consistency !== "eventual" || witnessRegion === undefined) return [];
    return [problem(keys.witnessRegion, witnessRegion, 'is only used with consistency "strong"', 'unset with consistency "eventual"', "witness-without-mrsc")];
}
