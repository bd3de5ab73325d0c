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
