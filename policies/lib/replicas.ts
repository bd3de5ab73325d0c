/** The replicas of an `aws.dynamodb.Table`, as the DynamoDB rules read them. */
import { asList, isUnknown, str } from "./values";

export interface ReplicaInput {
    index: number;
    /** `replicas[0] (eu-west-1)` for messages. */
    label: string;
    region?: string;
    props: Record<string, any>;
}

/** The table's replicas; empty when there are none or the list is unknown. */
export function replicasOf(props: Record<string, any>): ReplicaInput[] {
    if (isUnknown(props.replicas)) return [];
    return asList(props.replicas as Record<string, any>[]).map((r, index) => {
        const region = str(r?.regionName);
        return { index, label: `replicas[${index}] (${region ?? "region unknown"})`, region, props: r ?? {} };
    });
}

export const TABLE = "aws:dynamodb/table:Table";
export const TABLE_REPLICA = "aws:dynamodb/tableReplica:TableReplica";

/**
 * A standalone `aws.dynamodb.TableReplica` read like an inline replica: the same settings (`pointInTimeRecovery`,
 * `deletionProtectionEnabled`, `kmsKeyArn`), its region from its own `region` input or its provider.
 */
export function standaloneReplica(props: Record<string, any>, region: unknown): ReplicaInput {
    const r = str(region);
    return { index: 0, label: `TableReplica (${r ?? "region unknown"})`, region: r, props };
}

/** The replicas a rule checks on a Table (its inline replicas) or a TableReplica (itself). */
export function replicasOfResource(type: string, props: Record<string, any>, region: unknown): ReplicaInput[] {
    return type === TABLE_REPLICA ? [standaloneReplica(props, region)] : replicasOf(props);
}
