/**
 * GlobalTable's args, their defaults (one object, `GLOBAL_TABLE_DEFAULTS`) and the small functions that derive a
 * default from other args. Reference: docs/global-table.md ("Args").
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import { Consistency, KeyType, PITR_DAYS } from "../../packages/aws-facts";

export type { Consistency } from "../../packages/aws-facts";

export interface KeyAttribute {
    /** The attribute's name: 1-255 characters of letters, digits, _ . - */
    name: string;
    /** "S" string, "N" number, "B" binary. */
    type: KeyType;
}

export type IndexProjection = "ALL" | "KEYS_ONLY";

export interface GlobalSecondaryIndexSpec {
    name: string;
    partitionKey: KeyAttribute;
    /** @default undefined (partition key only) */
    sortKey?: KeyAttribute;
    /** @default "ALL" */
    projection?: IndexProjection;
}

export interface LocalSecondaryIndexSpec {
    name: string;
    sortKey: KeyAttribute;
    /** @default "ALL" */
    projection?: IndexProjection;
}

/** Target tracking on read and write capacity, for the table and every global secondary index in every region. */
export interface GlobalTableAutoscaling {
    /** At least the base read capacity, at most 40000. */
    maxReadCapacity: number;
    /** At least the base write capacity, at most 40000. */
    maxWriteCapacity: number;
    /** 20-90. */
    targetUtilizationPercent: number;
}

/** Pay per request: no capacity to set, nothing to scale. */
export interface OnDemandBilling {
    mode: "onDemand";
}

/** Provisioned capacity per region and index, scaled by target tracking. */
export interface ProvisionedBilling {
    mode: "provisioned";
    /** Base (and minimum autoscaled) read capacity per region and index, 1-40000. @default 5 */
    readCapacity?: number;
    /** Base (and minimum autoscaled) write capacity per region and index, 1-40000. @default 5 */
    writeCapacity?: number;
    /** @default { maxReadCapacity: 100, maxWriteCapacity: 100, targetUtilizationPercent: 70 } */
    autoscaling?: GlobalTableAutoscaling;
}

/** How the table is billed: capacity settings exist only where they mean something (CDK's `Billing` is the model). */
export type GlobalTableBilling = OnDemandBilling | ProvisionedBilling;

export interface GlobalTableArgs {
    /** Every region that holds the table's data: the home region and one replica per other region. */
    regions: string[];
    /** The region the table is created in. Changing it replaces the table. */
    homeRegion: string;
    /**
     * "eventual" (multi-Region eventual consistency, last writer wins) or "strong" (multi-Region strong consistency:
     * exactly 3 regions, or 2 plus `witnessRegion`, all in one region set). Fixed when the table is created.
     * @default "eventual"
     */
    consistency?: Consistency;
    /** With consistency "strong" and 2 regions: the witness region, in the same region set. @default undefined */
    witnessRegion?: string;
    /** One AWS provider per region in `regions`, keyed by region. The witness region needs none. */
    providers: Record<string, aws.Provider>;
    /**
     * The account of every provider (12 digits). Key policies name it; it is given, never looked up, so no
     * region's STS is on the program's path.
     */
    accountId: string;
    /** Physical table name, the same in every region. Changing it replaces the table. @default "<name>-<stack>" */
    tableName?: string;
    /** The table's partition (hash) key. Changing it replaces the table. */
    partitionKey: KeyAttribute;
    /** The table's sort (range) key, or null for none. Changing it replaces the table. @default null */
    sortKey?: KeyAttribute | null;
    /** @default { mode: "onDemand" } */
    billing?: GlobalTableBilling;
    /** Attribute holding the expiry time (epoch seconds). Not supported with consistency "strong". @default null (no TTL) */
    ttlAttribute?: string | null;
    /** At most 20. @default [] */
    globalSecondaryIndexes?: GlobalSecondaryIndexSpec[];
    /** Only at creation; needs a table sort key; at most 5; not supported with consistency "strong". @default [] */
    localSecondaryIndexes?: LocalSecondaryIndexSpec[];
    /** Point-in-time recovery period of the home table, 1-35 days; replicas keep AWS's default period. @default 35 */
    pointInTimeRecoveryDays?: number;
    /** Pulumi `protect` and `retainOnDelete` on the table and the KMS keys. @default true */
    protect?: boolean;
    /** Lets a region dropped from `regions` delete its replica (and the data in it). @default false */
    allowReplicaRemoval?: boolean;
    /**
     * Regions whose table gets deletion protection off (and whose key loses Pulumi `protect`): the first of the two
     * updates that remove a replica. The home region here unprotects the table itself, for a teardown.
     * @default []
     */
    unprotectReplicas?: string[];
    /**
     * Regions holding the table's data as deployed (the home region may be listed), read from the stack's own
     * previous outputs. A plain value is checked at once; an Output is checked before the table registers.
     * @default undefined (nothing deployed: no checks)
     */
    deployedReplicaRegions?: pulumi.Input<string[] | undefined>;
    /**
     * Regions whose table had deletion protection off after the previous update: this component's
     * `unprotectedReplicas` output, read back. Lets a removal be refused before AWS refuses it.
     * @default undefined (only `unprotectReplicas` is checked)
     */
    deployedUnprotectedReplicas?: pulumi.Input<string[] | undefined>;
    /** Tags for every taggable resource (replicas get them through `propagateTags`). @default {} */
    tags?: Record<string, string>;
}

/** Every default of the args, in one place; the TSDoc `@default`s above and docs/global-table.md say the same. */
export const GLOBAL_TABLE_DEFAULTS = {
    consistency: "eventual",
    sortKey: null,
    billing: { mode: "onDemand" },
    /** What a `billing: { mode: "provisioned" }` leaves out. */
    provisioned: {
        readCapacity: 5,
        writeCapacity: 5,
        autoscaling: { maxReadCapacity: 100, maxWriteCapacity: 100, targetUtilizationPercent: 70 },
    },
    ttlAttribute: null,
    globalSecondaryIndexes: [],
    localSecondaryIndexes: [],
    projection: "ALL",
    pointInTimeRecoveryDays: PITR_DAYS.max,
    protect: true,
    allowReplicaRemoval: false,
    unprotectReplicas: [],
    tags: {},
} as const;

/** The table name when `tableName` is unset: it follows the component name and the stack, so changing either replaces the table. */
export function defaultTableName(componentName: string, stack: string): string {
    return `${componentName}-${stack}`;
}

/** Provisioned billing with its defaults filled in, or undefined when the table is billed on demand. */
export interface ProvisionedCapacity {
    readCapacity: number;
    writeCapacity: number;
    autoscaling: GlobalTableAutoscaling;
}

export function provisionedCapacity(billing: GlobalTableBilling | undefined): ProvisionedCapacity | undefined {
    if (billing?.mode !== "provisioned") return undefined;
    const d = GLOBAL_TABLE_DEFAULTS.provisioned;
    return {
        readCapacity: billing.readCapacity ?? d.readCapacity,
        writeCapacity: billing.writeCapacity ?? d.writeCapacity,
        autoscaling: billing.autoscaling ?? d.autoscaling,
    };
}

/** The regions that get a replica: every region but the home region, sorted (the order the provider reports them). */
export function replicaRegionsOf(regions: readonly string[] | undefined, homeRegion: string): string[] {
    return (regions ?? []).filter((r) => r !== homeRegion).sort();
}

/** The args with every default filled in: what the builders read. */
export interface GlobalTableSettings {
    /** The component's name, which every child's logical name starts with. */
    name: string;
    tableName: string;
    /** Every region asked for, home included, as given. */
    regions: string[];
    homeRegion: string;
    /** Every region but the home region, sorted. */
    replicaRegions: string[];
    /** The home region, then the replica regions: every region with a table and a key. */
    dataRegions: string[];
    consistency: Consistency;
    witnessRegion: string | undefined;
    partitionKey: KeyAttribute;
    sortKey: KeyAttribute | null;
    /** Undefined when billed on demand. */
    provisioned: ProvisionedCapacity | undefined;
    ttlAttribute: string | null | undefined;
    globalSecondaryIndexes: GlobalSecondaryIndexSpec[];
    localSecondaryIndexes: LocalSecondaryIndexSpec[];
    pointInTimeRecoveryDays: number;
    protect: boolean;
    allowReplicaRemoval: boolean;
    unprotectReplicas: string[];
    deployedReplicaRegions: pulumi.Input<string[] | undefined>;
    deployedUnprotectedReplicas: pulumi.Input<string[] | undefined>;
    tags: Record<string, string>;
    accountId: string;
    /** The provider of a region that holds data. */
    provider: (region: string) => aws.Provider;
}

/** Fills in the defaults of valid args. */
export function resolveSettings(name: string, stack: string, args: GlobalTableArgs): GlobalTableSettings {
    const d = GLOBAL_TABLE_DEFAULTS;
    const replicaRegions = replicaRegionsOf(args.regions, args.homeRegion);
    return {
        name,
        tableName: args.tableName ?? defaultTableName(name, stack),
        regions: args.regions ?? [],
        homeRegion: args.homeRegion,
        replicaRegions,
        dataRegions: [args.homeRegion, ...replicaRegions],
        consistency: args.consistency ?? d.consistency,
        witnessRegion: args.witnessRegion,
        partitionKey: args.partitionKey,
        sortKey: args.sortKey ?? d.sortKey,
        provisioned: provisionedCapacity(args.billing),
        ttlAttribute: args.ttlAttribute,
        globalSecondaryIndexes: args.globalSecondaryIndexes ?? [...d.globalSecondaryIndexes],
        localSecondaryIndexes: args.localSecondaryIndexes ?? [...d.localSecondaryIndexes],
        pointInTimeRecoveryDays: args.pointInTimeRecoveryDays ?? d.pointInTimeRecoveryDays,
        protect: args.protect ?? d.protect,
        allowReplicaRemoval: args.allowReplicaRemoval ?? d.allowReplicaRemoval,
        unprotectReplicas: args.unprotectReplicas ?? [...d.unprotectReplicas],
        deployedReplicaRegions: args.deployedReplicaRegions,
        deployedUnprotectedReplicas: args.deployedUnprotectedReplicas,
        tags: args.tags ?? { ...d.tags },
        accountId: args.accountId,
        provider: (region) => args.providers[region]!,
    };
}
