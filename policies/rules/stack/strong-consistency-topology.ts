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
import { MRSC_REGION_SETS, mrscRegionSet } from "../../lib/aws-facts";
import { stackRule } from "../../lib/policy";
import { topology } from "../../lib/topology";
import { asList, isUnknown, str } from "../../lib/values";

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
        const sets = Object.entries(MRSC_REGION_SETS).map(([n, rs]) => `${n}: ${rs.join(", ")}`).join("; ");
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
            const members = [home!, ...replicas.map((r) => r.region)];
            if (witness && members.includes(witness)) {
                report(`${name} has its witness ${witness} in a replica region; allowed: a third region that holds no replica`, resource.urn);
            } else if (witness ? members.length !== 2 : members.length !== 3) {
                report(
                    witness
                        ? `${name} has ${members.length} regions (${members.join(", ")}) and a witness; allowed: exactly 2 regions with a witness`
                        : `${name} has ${members.length} regions (${members.join(", ")}) and no witness; allowed: exactly 3 regions, or 2 plus globalTableWitness`,
                    resource.urn,
                );
            }
            const all = witness ? [...members, witness] : members;
            if (!mrscRegionSet(all)) {
                report(`${name} spans ${all.join(", ")}, more than one strong-consistency region set; allowed: all in one set (${sets})`, resource.urn);
            }
            const ttl = resource.props.ttl;
            if (!isUnknown(ttl) && ttl?.enabled === true) {
                report(`${name} has TTL enabled on ${str(ttl.attributeName) ?? "an attribute"}; allowed: TTL disabled (strong consistency does not support it)`, resource.urn);
            }
            const lsis = isUnknown(resource.props.localSecondaryIndexes) ? [] : asList(resource.props.localSecondaryIndexes as Record<string, unknown>[]);
            if (lsis.length > 0) {
                report(`${name} has local secondary indexes ${lsis.map((i) => `"${str(i?.name) ?? "?"}"`).join(", ")}; allowed: none with strong consistency`, resource.urn);
            }
        }
    },
});
