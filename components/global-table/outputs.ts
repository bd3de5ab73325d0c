/**
 * What GlobalTable hands out: per-region table, stream and key ARNs read from the table's replica state, and the
 * regions whose deletion protection is off (exported and passed back as `deployedUnprotectedReplicas`).
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { GlobalTableSettings } from "./args";

export interface ReplicaState {
    regionName: string;
    arn?: string;
    streamArn?: string;
    deletionProtectionEnabled?: boolean;
}

export interface GlobalTableOutputs {
    tableName: pulumi.Output<string>;
    homeRegion: string;
    replicaRegions: string[];
    tableArns: Record<string, pulumi.Output<string>>;
    streamArns: Record<string, pulumi.Output<string>>;
    kmsKeyArns: Record<string, pulumi.Output<string>>;
    unprotectedReplicas: pulumi.Output<string[]>;
}

/** Regions (home included) whose table has deletion protection off; only an explicit false counts (unknown is protected). */
export function unprotectedRegions(homeRegion: string, replicas: readonly ReplicaState[] | undefined, tableProtected: boolean | undefined): string[] {
    return [
        ...(tableProtected === false ? [homeRegion] : []),
        ...(replicas ?? []).filter((r) => r.deletionProtectionEnabled === false).map((r) => r.regionName),
    ].sort();
}

function replicaState(s: GlobalTableSettings, table: aws.dynamodb.Table, region: string): pulumi.Output<ReplicaState & { arn: string; streamArn: string }> {
    return table.replicas.apply((rs) => {
        const found = ((rs ?? []) as ReplicaState[]).find((r) => r.regionName === region);
        if (!found?.arn || !found.streamArn) throw new Error(`GlobalTable "${s.name}": the table reports no replica in ${region}`);
        return found as ReplicaState & { arn: string; streamArn: string };
    });
}

export function collectOutputs(s: GlobalTableSettings, table: aws.dynamodb.Table, keys: Record<string, aws.kms.Key>): GlobalTableOutputs {
    const tableArns = { [s.homeRegion]: table.arn };
    const streamArns = { [s.homeRegion]: table.streamArn };
    for (const region of s.replicaRegions) {
        const state = replicaState(s, table, region);
        tableArns[region] = state.arn;
        streamArns[region] = state.streamArn;
    }
    return {
        tableName: table.name,
        homeRegion: s.homeRegion,
        replicaRegions: s.replicaRegions,
        tableArns,
        streamArns,
        kmsKeyArns: Object.fromEntries(s.dataRegions.map((r) => [r, keys[r]!.arn])),
        unprotectedReplicas: pulumi
            .all([table.replicas, table.deletionProtectionEnabled])
            .apply(([rs, tableProtected]) => unprotectedRegions(s.homeRegion, rs as ReplicaState[] | undefined, tableProtected)),
    };
}
