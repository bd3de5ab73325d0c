/**
 * The table: one `aws.dynamodb.Table` in the home region listing every other region in `replicas` (never mixed
 * with `aws.dynamodb.TableReplica`), each replica encrypted with its own region's key. docs/global-table.md.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { GLOBAL_TABLE_STREAM_VIEW_TYPE } from "../../packages/aws-facts";
import { throwIfProblems } from "../problems";
import { GLOBAL_TABLE_DEFAULTS, GlobalTableSettings, KeyAttribute } from "./args";
import { deployedStateProblems } from "./deployed";
import { TableKeys } from "./keys";

export interface ReplicaSpec {
    regionName: string;
    consistencyMode: "STRONG" | "EVENTUAL";
    kmsKeyArn: string;
    pointInTimeRecovery: boolean;
    deletionProtectionEnabled: boolean;
    propagateTags: boolean;
}

/** One replica as the table lists it: its region's key, PITR, deletion protection unless being removed, the table's tags. */
export function replicaSpec(s: Pick<GlobalTableSettings, "consistency" | "unprotectReplicas">, region: string, kmsKeyArn: string): ReplicaSpec {
    return {
        regionName: region,
        consistencyMode: s.consistency === "strong" ? "STRONG" : "EVENTUAL",
        kmsKeyArn,
        pointInTimeRecovery: true,
        deletionProtectionEnabled: !s.unprotectReplicas.includes(region),
        propagateTags: true,
    };
}

/**
 * The replicas, resolved only once the deployment check passed, so the table never goes out without a replica the
 * deployment still has.
 */
export function replicaSpecs(s: GlobalTableSettings, { keys }: TableKeys): pulumi.Output<ReplicaSpec[]> {
    return pulumi
        .all([pulumi.output(s.deployedReplicaRegions), pulumi.output(s.deployedUnprotectedReplicas), pulumi.all(s.replicaRegions.map((r) => keys[r]!.arn))])
        .apply(([deployedRegions, deployedUnprotected, keyArns]) => {
            throwIfProblems("GlobalTable", s.name, deployedStateProblems(s, deployedRegions, deployedUnprotected));
            return s.replicaRegions.map((r, i) => replicaSpec(s, r, keyArns[i]!));
        });
}

/** Every attribute a key schema names, once, with its type (the validators made sure the types agree). */
export function attributeDefinitions(s: Pick<GlobalTableSettings, "partitionKey" | "sortKey" | "globalSecondaryIndexes" | "localSecondaryIndexes">): { name: string; type: string }[] {
    const keys: (KeyAttribute | null | undefined)[] = [
        s.partitionKey,
        s.sortKey,
        ...s.globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
        ...s.localSecondaryIndexes.map((l) => l.sortKey),
    ];
    const attributes = new Map<string, string>();
    for (const k of keys) if (k) attributes.set(k.name, k.type);
    return [...attributes].map(([name, type]) => ({ name, type }));
}

function capacityInputs(s: Pick<GlobalTableSettings, "provisioned">): { readCapacity?: number; writeCapacity?: number } {
    return s.provisioned ? { readCapacity: s.provisioned.readCapacity, writeCapacity: s.provisioned.writeCapacity } : {};
}

/** The key schemas and capacity of the indexes, as the provider takes them. */
export function indexInputs(s: Pick<GlobalTableSettings, "provisioned" | "globalSecondaryIndexes" | "localSecondaryIndexes">) {
    const projection = GLOBAL_TABLE_DEFAULTS.projection;
    return {
        globalSecondaryIndexes: s.globalSecondaryIndexes.map((g) => ({
            name: g.name,
            keySchemas: [{ attributeName: g.partitionKey.name, keyType: "HASH" }, ...(g.sortKey ? [{ attributeName: g.sortKey.name, keyType: "RANGE" }] : [])],
            projectionType: g.projection ?? projection,
            ...capacityInputs(s),
        })),
        localSecondaryIndexes: s.localSecondaryIndexes.map((l) => ({ name: l.name, rangeKey: l.sortKey.name, projectionType: l.projection ?? projection })),
    };
}

/** Autoscaling owns the provisioned capacity once it runs; without these every update would reset it. */
export function autoscaledCapacityPaths(s: Pick<GlobalTableSettings, "provisioned">): string[] {
    return s.provisioned ? ["readCapacity", "writeCapacity", "globalSecondaryIndexes[*].readCapacity", "globalSecondaryIndexes[*].writeCapacity"] : [];
}

export function createTable(s: GlobalTableSettings, keys: TableKeys, replicas: pulumi.Output<ReplicaSpec[]>, opts: pulumi.ResourceOptions): aws.dynamodb.Table {
    const unprotectHome = s.unprotectReplicas.includes(s.homeRegion);
    return new aws.dynamodb.Table(
        `${s.name}-table`,
        {
            name: s.tableName,
            billingMode: s.provisioned ? "PROVISIONED" : "PAY_PER_REQUEST",
            ...capacityInputs(s),
            hashKey: s.partitionKey.name,
            ...(s.sortKey ? { rangeKey: s.sortKey.name } : {}),
            attributes: attributeDefinitions(s),
            ...indexInputs(s),
            streamEnabled: true,
            streamViewType: GLOBAL_TABLE_STREAM_VIEW_TYPE,
            serverSideEncryption: { enabled: true, kmsKeyArn: keys.keys[s.homeRegion]!.arn },
            pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: s.pointInTimeRecoveryDays },
            deletionProtectionEnabled: !unprotectHome,
            ...(s.ttlAttribute ? { ttl: { attributeName: s.ttlAttribute, enabled: true } } : {}),
            ...(s.consistency === "strong" && s.witnessRegion ? { globalTableWitness: { regionName: s.witnessRegion } } : {}),
            replicas,
            tags: s.tags,
        },
        { ...opts, provider: s.provider(s.homeRegion), protect: s.protect, retainOnDelete: s.protect, ignoreChanges: autoscaledCapacityPaths(s) },
    );
}
