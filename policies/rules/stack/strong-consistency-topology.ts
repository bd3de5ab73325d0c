/**
 * active-active-strong-consistency-topology
 *
 * Requires: a global table in multi-Region strong consistency (MRSC: any replica with `consistencyMode: "STRONG"`)
 * has every replica STRONG; either three regions (home and two replicas) and no witness, or two regions and a
 * `globalTableWitness` in a third; all of them in one MRSC region set; TTL off; no local secondary indexes. A
 * witness on an eventually consistent table is an error too.
 * Why: DynamoDB rejects every other MRSC shape at create time, and the consistency mode cannot be changed after
 * creation; catching it in preview saves a half-created stack.
 * Severity: critical.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html#GlobalTables.consistency-modes
 */
import { renderProblem, strongConsistencyProblems, StrongTopology, TopologyKeys } from "@active-active/aws-facts";
import { StackResource, stackRule } from "../../lib/policy";
import { topology } from "../../lib/topology";
import { asList, isUnknown, str } from "../../lib/values";

/** The table's settings as its props spell them: the topology rule speaks of these. */
const TABLE_KEYS: TopologyKeys = {
    regions: "regions",
    witnessRegion: "globalTableWitness.regionName",
    ttlAttribute: "ttl.attributeName",
    localSecondaryIndexes: "localSecondaryIndexes",
};

export const strongConsistencyTopology = stackRule({
    name: "active-active-strong-consistency-topology",
    description: "Strongly consistent global tables have a valid topology: 3 replicas, or 2 and a witness, in one region set.",
    severity: "critical",
    url: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html#GlobalTables.consistency-modes",
    remediationSteps: "Use 3 regions of one set, or 2 plus active-active:witnessRegion; disable TTL; drop local secondary indexes.",
    validate: ({ resources }, report, notApplicable) => {
        const tables = topology(resources).tables.filter((x) => !x.unknownReplicas && x.home);
        const mrsc = tables.filter((x) => x.witness || x.replicas.some((r) => r.consistencyMode === "STRONG"));
        if (mrsc.length === 0) notApplicable("no strongly consistent global table");
        for (const table of mrsc) {
            const { resource, home, replicas, witness } = table;
            const name = `table "${resource.name}"`;
            const strong = replicas.filter((r) => r.consistencyMode === "STRONG").map((r) => r.region);
            const eventual = replicas.filter((r) => r.consistencyMode !== "STRONG").map((r) => r.region);
            if (strong.length === 0) {
                report(`${name} has globalTableWitness ${witness} but its replicas are EVENTUAL; allowed: a witness only with consistencyMode "STRONG"`, resource.urn);
                continue;
            }
            if (eventual.length > 0) {
                report(`${name} mixes consistency modes: ${eventual.join(", ")} EVENTUAL, ${strong.join(", ")} STRONG; allowed: one consistencyMode for every replica`, resource.urn);
            }
            const shape: StrongTopology = { regions: [home!, ...replicas.map((r) => r.region)], witnessRegion: witness, ...strongFeatures(resource) };
            for (const p of strongConsistencyProblems(shape, TABLE_KEYS)) report(`${name}: ${renderProblem(p)}`, resource.urn);
        }
    },
});

/** The features strong consistency lacks, as far as the props know them: TTL on, and local secondary indexes. */
function strongFeatures(resource: StackResource): Pick<StrongTopology, "ttlAttribute" | "localSecondaryIndexes"> {
    const ttl = resource.props.ttl;
    const ttlOn = !isUnknown(ttl) && ttl?.enabled === true;
    const lsis = isUnknown(resource.props.localSecondaryIndexes) ? [] : asList(resource.props.localSecondaryIndexes as Record<string, unknown>[]);
    return {
        ttlAttribute: ttlOn ? (str(ttl.attributeName) ?? "?") : undefined,
        localSecondaryIndexes: lsis.map((i) => str(i?.name) ?? "?"),
    };
}
