/**
 * GlobalTable (`activeactive:dynamodb:GlobalTable`): one DynamoDB global table (version 2019.11.21) with a replica in
 * every region, safe by default. The table lives in the home region and lists every other region in its `replicas`
 * argument (never mixed with `aws.dynamodb.TableReplica`). Each region that holds data gets its own customer-managed
 * KMS key; a strong-consistency witness holds no table of ours and takes no key.
 *
 * What is deployed comes in through `deployedReplicaRegions` and `deployedUnprotectedReplicas` (the stack's own
 * previous outputs): a replica is removed only with `allowReplicaRemoval` and after an earlier update turned its
 * deletion protection off; that is checked before the table is registered. See docs/global-table.md.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AWS_REGIONS, isAwsRegion, KMS_ALIAS_MAX_LENGTH, MAX_GSIS, MIN_REGIONS, PITR_DAYS, MRSC_REGION_SETS, mrscRegionSet } from "../packages/aws-facts";
import { globalTableKeyPolicy, KMS_ALIAS_PREFIX, KMS_DELETION_WINDOW_DAYS, kmsAliasName } from "./kms";

export const GLOBAL_TABLE_TYPE = "activeactive:dynamodb:GlobalTable";

// ---- limits and fixed settings, named once -------------------------------------------------------------------
/** AWS turns streams on for every replica with this view; pinning it avoids a permanent diff and a failing disable. */
export const STREAM_VIEW_TYPE = "NEW_AND_OLD_IMAGES";
/** DynamoDB allows 5 local secondary indexes per table. */
export const MAX_LSIS = 5;
/** Provisioned capacity units we accept per table or index and region. */
export const CAPACITY_UNITS = { min: 1, max: 40000 } as const;
/** Target tracking for DynamoDB accepts a utilization target of 20-90 %. */
export const TARGET_UTILIZATION_PERCENT = { min: 20, max: 90 } as const;

// ---- args -------------------------------------------------------------------------------------------------------
export type Consistency = "eventual" | "strong";
export type BillingMode = "PAY_PER_REQUEST" | "PROVISIONED";

export interface KeyAttribute {
    name: string;
    /** "S" string, "N" number, "B" binary. */
    type: "S" | "N" | "B";
}

export interface GlobalSecondaryIndexSpec {
    name: string;
    partitionKey: KeyAttribute;
    sortKey?: KeyAttribute;
    /** @default "ALL" */
    projection?: "ALL" | "KEYS_ONLY";
}

export interface LocalSecondaryIndexSpec {
    name: string;
    sortKey: KeyAttribute;
    /** @default "ALL" */
    projection?: "ALL" | "KEYS_ONLY";
}

export interface GlobalTableAutoscaling {
    maxReadCapacity: number;
    maxWriteCapacity: number;
    targetUtilizationPercent: number;
}

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
    /** Physical table name, the same in every region. Changing it replaces the table. @default `${name}-${stack}` */
    tableName?: string;
    partitionKey: KeyAttribute;
    /** @default null (partition key only) */
    sortKey?: KeyAttribute | null;
    /** @default "PAY_PER_REQUEST" */
    billingMode?: BillingMode;
    /** Base (and minimum autoscaled) read capacity per region and index, with PROVISIONED. @default 5 */
    readCapacity?: number;
    /** Base (and minimum autoscaled) write capacity per region and index, with PROVISIONED. @default 5 */
    writeCapacity?: number;
    /** Target tracking for every region and index, with PROVISIONED. @default { maxReadCapacity: 100, maxWriteCapacity: 100, targetUtilizationPercent: 70 } */
    autoscaling?: GlobalTableAutoscaling;
    /** Attribute holding the expiry time (epoch seconds). Not supported with consistency "strong". @default null (no TTL) */
    ttlAttribute?: string | null;
    /** @default [] */
    globalSecondaryIndexes?: GlobalSecondaryIndexSpec[];
    /** Only at creation; not supported with consistency "strong". @default [] */
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

export const GLOBAL_TABLE_DEFAULTS = {
    consistency: "eventual",
    sortKey: null,
    billingMode: "PAY_PER_REQUEST",
    readCapacity: 5,
    writeCapacity: 5,
    autoscaling: { maxReadCapacity: 100, maxWriteCapacity: 100, targetUtilizationPercent: 70 },
    ttlAttribute: null,
    pointInTimeRecoveryDays: PITR_DAYS.max,
    protect: true,
    allowReplicaRemoval: false,
} as const;

/** Thrown for bad args or an unsafe change against the deployment: every problem at once. */
export class GlobalTableArgsError extends Error {
    readonly problems: string[];
    constructor(name: string, problems: string[]) {
        super(`GlobalTable "${name}": ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "GlobalTableArgsError";
        this.problems = problems;
    }
}

// ---- validation (pure) --------------------------------------------------------------------------------------------
function show(value: unknown): string {
    const s = JSON.stringify(value);
    return s === undefined ? "undefined" : s;
}

function list(values: readonly string[]): string {
    return values.join(", ");
}

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const INDEX_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,255}$/;
const KEY_TYPES = ["S", "N", "B"];
const PROJECTIONS = ["ALL", "KEYS_ONLY"];

/**
 * Region, home, consistency and witness rules, and what strong consistency does not support. Pure: returns every
 * problem, each naming the arg, the value and what is allowed.
 */
export function validateGlobalTableTopology(args: GlobalTableArgs): string[] {
    const problems: string[] = [];
    const regions = args.regions ?? [];
    const consistency = args.consistency ?? GLOBAL_TABLE_DEFAULTS.consistency;

    if (regions.length < MIN_REGIONS) {
        problems.push(`regions: ${show(regions)} has ${regions.length} region${regions.length === 1 ? "" : "s"}; allowed: at least ${MIN_REGIONS} regions`);
    }
    const seen = new Set<string>();
    regions.forEach((r, i) => {
        if (!isAwsRegion(r)) problems.push(`regions[${i}]: ${show(r)} is not an AWS region; allowed: ${list(AWS_REGIONS)}`);
        else if (seen.has(r)) problems.push(`regions[${i}]: ${show(r)} is listed twice; allowed: each region once`);
        seen.add(r);
    });
    if (!regions.includes(args.homeRegion)) {
        problems.push(`homeRegion: ${show(args.homeRegion)} is not one of the regions; allowed: ${list(regions)}`);
    }
    const missing = [...seen].filter((r) => isAwsRegion(r) && !args.providers?.[r]);
    if (missing.length > 0) {
        problems.push(`providers: no provider for ${list(missing)}; allowed: one aws.Provider per region, keyed by region`);
    }

    if (consistency !== "eventual" && consistency !== "strong") {
        problems.push(`consistency: ${show(consistency)} is not a consistency mode; allowed: "eventual", "strong"`);
        return problems;
    }
    const witness = args.witnessRegion;
    if (witness !== undefined && !isAwsRegion(witness)) {
        problems.push(`witnessRegion: ${show(witness)} is not an AWS region; allowed: ${list(AWS_REGIONS)}`);
    }
    if (consistency === "eventual") {
        if (witness !== undefined) {
            problems.push(`witnessRegion: ${show(witness)} is only used with consistency "strong"; allowed: unset with consistency "eventual"`);
        }
        return problems;
    }

    const sets = Object.entries(MRSC_REGION_SETS).map(([n, rs]) => `${n}: ${list(rs)}`).join("; ");
    if (witness !== undefined && regions.includes(witness)) {
        problems.push(`witnessRegion: ${show(witness)} is also a replica region; allowed: a third region of the same strong-consistency region set that is not in regions`);
    } else if (witness !== undefined && regions.length !== 2) {
        problems.push(`regions: ${show(regions)} has ${regions.length} regions; allowed with witnessRegion: exactly 2 regions (strong consistency is 3 replicas, or 2 replicas and a witness)`);
    } else if (witness === undefined && regions.length !== 3) {
        problems.push(`regions: ${show(regions)} has ${regions.length} regions; allowed with consistency "strong": exactly 3 regions, or 2 regions plus witnessRegion`);
    } else {
        const members = witness === undefined ? regions : [...regions, witness];
        if (!mrscRegionSet(members)) {
            problems.push(`${witness === undefined ? "regions" : "regions and witnessRegion"}: ${show(members)} span more than one strong-consistency region set; allowed: all in one set (${sets})`);
        }
    }
    if (args.ttlAttribute) {
        problems.push(`ttlAttribute: ${show(args.ttlAttribute)} is not supported with consistency "strong"; allowed: null (the application enforces expiry itself)`);
    }
    const lsis = args.localSecondaryIndexes ?? [];
    if (lsis.length > 0) {
        problems.push(`localSecondaryIndexes: ${show(lsis.map((i) => i.name))} are not supported with consistency "strong"; allowed: []`);
    }
    return problems;
}

function aliasLimit(regions: readonly string[]): number {
    const longest = Math.max(0, ...regions.map((r) => r.length));
    return KMS_ALIAS_MAX_LENGTH - KMS_ALIAS_PREFIX.length - 1 - longest;
}

function checkKey(where: string, key: KeyAttribute | undefined, problems: string[]): void {
    if (!key || typeof key !== "object") {
        problems.push(`${where}: ${show(key)} is not a key attribute; allowed: {"name": "<attribute>", "type": "S" | "N" | "B"}`);
        return;
    }
    if (typeof key.name !== "string" || !ATTRIBUTE_NAME.test(key.name)) {
        problems.push(`${where}.name: ${show(key.name)} is not a DynamoDB attribute name; allowed: 1-255 characters of letters, digits, _ . -`);
    }
    if (!KEY_TYPES.includes(key.type)) problems.push(`${where}.type: ${show(key.type)} is not a key type; allowed: "S", "N", "B"`);
}

function checkInt(where: string, value: number, range: { min: number; max: number }, problems: string[]): void {
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
        problems.push(`${where}: ${show(value)} is out of range; allowed: a whole number from ${range.min} to ${range.max}`);
    }
}

/** Every rule on the args: the topology, then names, keys, indexes, capacity, recovery period and tags. Pure. */
export function validateGlobalTableArgs(args: GlobalTableArgs, defaultTableName = "table"): string[] {
    const problems = validateGlobalTableTopology(args);
    const regions = args.regions ?? [];

    const tableName = args.tableName ?? defaultTableName;
    if (!TABLE_NAME.test(tableName)) {
        problems.push(`tableName: ${show(tableName)} is not a DynamoDB table name; allowed: 3-255 characters of letters, digits, _ . -`);
    } else if (tableName.length > aliasLimit(regions)) {
        problems.push(`tableName: ${show(tableName)} is too long for its KMS aliases (${KMS_ALIAS_PREFIX}<table>-<region>, at most ${KMS_ALIAS_MAX_LENGTH} characters); allowed: at most ${aliasLimit(regions)} characters`);
    }

    // Every key attribute is declared once on the table, so one name must carry one type everywhere.
    const types = new Map<string, string>();
    const declare = (where: string, key: KeyAttribute | null | undefined) => {
        if (!key) return;
        checkKey(where, key, problems);
        const known = types.get(key.name);
        if (known !== undefined && known !== key.type) {
            problems.push(`${where}: ${show(key.name)} has type ${show(key.type)} here and ${show(known)} elsewhere; allowed: one type per attribute`);
        } else types.set(key.name, key.type);
    };
    if (!args.partitionKey) checkKey("partitionKey", args.partitionKey, problems);
    declare("partitionKey", args.partitionKey);
    declare("sortKey", args.sortKey);

    const indexNames = new Set<string>();
    const checkIndexName = (where: string, name: string) => {
        if (typeof name !== "string" || !INDEX_NAME.test(name)) {
            problems.push(`${where}.name: ${show(name)} is not an index name; allowed: 3-255 characters of letters, digits, _ . -`);
        } else if (indexNames.has(name)) {
            problems.push(`${where}.name: ${show(name)} is used by another index; allowed: a unique name per table`);
        }
        indexNames.add(name);
    };
    const gsis = args.globalSecondaryIndexes ?? [];
    if (gsis.length > MAX_GSIS) problems.push(`globalSecondaryIndexes: has ${gsis.length} indexes; allowed: at most ${MAX_GSIS}`);
    gsis.forEach((g, i) => {
        const where = `globalSecondaryIndexes[${i}]`;
        checkIndexName(where, g.name);
        declare(`${where}.partitionKey`, g.partitionKey);
        declare(`${where}.sortKey`, g.sortKey);
        if (g.projection !== undefined && !PROJECTIONS.includes(g.projection)) {
            problems.push(`${where}.projection: ${show(g.projection)} is not a projection; allowed: "ALL", "KEYS_ONLY"`);
        }
    });
    const lsis = args.localSecondaryIndexes ?? [];
    if (lsis.length > MAX_LSIS) problems.push(`localSecondaryIndexes: has ${lsis.length} indexes; allowed: at most ${MAX_LSIS}`);
    if (lsis.length > 0 && !args.sortKey) {
        problems.push(`localSecondaryIndexes: ${show(lsis.map((l) => l.name))} need a table sort key; allowed: [] when sortKey is null`);
    }
    lsis.forEach((l, i) => {
        const where = `localSecondaryIndexes[${i}]`;
        checkIndexName(where, l.name);
        declare(`${where}.sortKey`, l.sortKey);
        if (l.projection !== undefined && !PROJECTIONS.includes(l.projection)) {
            problems.push(`${where}.projection: ${show(l.projection)} is not a projection; allowed: "ALL", "KEYS_ONLY"`);
        }
    });

    if (args.ttlAttribute !== undefined && args.ttlAttribute !== null && !ATTRIBUTE_NAME.test(args.ttlAttribute)) {
        problems.push(`ttlAttribute: ${show(args.ttlAttribute)} is not a DynamoDB attribute name; allowed: 1-255 characters of letters, digits, _ . -, or null`);
    }
    checkInt("pointInTimeRecoveryDays", args.pointInTimeRecoveryDays ?? GLOBAL_TABLE_DEFAULTS.pointInTimeRecoveryDays, PITR_DAYS, problems);

    const billing = args.billingMode ?? GLOBAL_TABLE_DEFAULTS.billingMode;
    if (billing !== "PAY_PER_REQUEST" && billing !== "PROVISIONED") {
        problems.push(`billingMode: ${show(billing)} is not a billing mode; allowed: "PAY_PER_REQUEST", "PROVISIONED"`);
    }
    if (billing === "PROVISIONED") {
        const read = args.readCapacity ?? GLOBAL_TABLE_DEFAULTS.readCapacity;
        const write = args.writeCapacity ?? GLOBAL_TABLE_DEFAULTS.writeCapacity;
        const scaling = args.autoscaling ?? GLOBAL_TABLE_DEFAULTS.autoscaling;
        checkInt("readCapacity", read, CAPACITY_UNITS, problems);
        checkInt("writeCapacity", write, CAPACITY_UNITS, problems);
        checkInt("autoscaling.maxReadCapacity", scaling.maxReadCapacity, { min: Math.max(read, CAPACITY_UNITS.min), max: CAPACITY_UNITS.max }, problems);
        checkInt("autoscaling.maxWriteCapacity", scaling.maxWriteCapacity, { min: Math.max(write, CAPACITY_UNITS.min), max: CAPACITY_UNITS.max }, problems);
        const target = scaling.targetUtilizationPercent;
        if (typeof target !== "number" || target < TARGET_UTILIZATION_PERCENT.min || target > TARGET_UTILIZATION_PERCENT.max) {
            problems.push(`autoscaling.targetUtilizationPercent: ${show(target)} is out of range; allowed: ${TARGET_UTILIZATION_PERCENT.min} to ${TARGET_UTILIZATION_PERCENT.max}`);
        }
    }

    const unprotect = args.unprotectReplicas ?? [];
    const listed = new Set<string>();
    unprotect.forEach((r, i) => {
        if (!isAwsRegion(r)) problems.push(`unprotectReplicas[${i}]: ${show(r)} is not an AWS region; allowed: ${list(AWS_REGIONS)}`);
        else if (listed.has(r)) problems.push(`unprotectReplicas[${i}]: ${show(r)} is listed twice; allowed: each region once`);
        listed.add(r);
    });

    for (const [k, v] of Object.entries(args.tags ?? {})) {
        if (k.length < 1 || k.length > 128 || k.toLowerCase().startsWith("aws:")) {
            problems.push(`tags: key ${show(k)} is not a tag key; allowed: 1-128 characters, not starting with "aws:"`);
        }
        if (typeof v !== "string" || v.length > 256) problems.push(`tags.${k}: ${show(v)} is not a tag value; allowed: a string of at most 256 characters`);
    }
    return problems;
}

export interface ReplicaChangeInput {
    /** Every region asked for now, home included. */
    regions: string[];
    homeRegion: string;
    consistency: Consistency;
    allowReplicaRemoval: boolean;
    unprotectReplicas: string[];
    /** Regions holding data as deployed (the home region may be listed); undefined when nothing is deployed. */
    deployedReplicaRegions: string[] | undefined;
    /** Regions whose deletion protection was off after the previous update; undefined when not known. */
    deployedUnprotectedReplicas: string[] | undefined;
}

function regionListProblem(arg: string, value: unknown): string[] {
    return value === undefined || (Array.isArray(value) && value.every((r) => typeof r === "string"))
        ? []
        : [`${arg}: ${show(value)} is not a list of regions; allowed: undefined, or the regions read back from the previous update`];
}

/**
 * Checks the asked-for regions against what is deployed: no replica disappears without `allowReplicaRemoval` and an
 * earlier update that turned its deletion protection off; no new replica starts unprotected; strong consistency
 * keeps the replicas it was created with. Pure.
 */
export function validateReplicaChanges(input: ReplicaChangeInput): string[] {
    const deployed = input.deployedReplicaRegions;
    const shape = [
        ...regionListProblem("deployedReplicaRegions", deployed),
        ...regionListProblem("deployedUnprotectedReplicas", input.deployedUnprotectedReplicas),
    ];
    if (shape.length > 0) return shape;
    if (deployed === undefined) return [];
    const problems: string[] = [];
    const removed = deployed.filter((r) => !input.regions.includes(r)).sort();
    const added = input.regions.filter((r) => r !== input.homeRegion && !deployed.includes(r)).sort();

    if (input.consistency === "strong" && (removed.length > 0 || added.length > 0)) {
        const before = [...new Set([input.homeRegion, ...deployed])].sort();
        return [
            `regions: ${show([...input.regions].sort())} differ from the deployed ${show(before)}; consistency "strong" fixes its replicas when the table is created; allowed: ${show(before)}`,
        ];
    }

    const one = removed.length === 1;
    if (removed.length > 0 && !input.allowReplicaRemoval) {
        problems.push(
            `regions: removing ${list(removed)} would delete ${one ? "its replica and the data in it" : "their replicas and the data in them"}; ` +
                `allowed: keep ${list(removed)} in regions, or remove in two updates: first unprotectReplicas: ${show(removed)} with ${list(removed)} kept in regions, ` +
                `then drop ${one ? "it" : "them"} from regions with allowReplicaRemoval: true`,
        );
    } else if (removed.length > 0) {
        const unprotectedBefore = input.deployedUnprotectedReplicas;
        for (const r of removed) {
            if (!input.unprotectReplicas.includes(r)) {
                problems.push(`unprotectReplicas: ${show(r)} is being removed but is not listed; allowed: list it until the removal is done (first an update with unprotectReplicas: [${show(r)}] and ${show(r)} kept in regions, then the removal)`);
            } else if (unprotectedBefore !== undefined && !unprotectedBefore.includes(r)) {
                problems.push(`unprotectReplicas: ${show(r)} still has deletion protection on in the deployed table; allowed: first an update with unprotectReplicas: [${show(r)}] and ${show(r)} kept in regions, then the removal`);
            }
        }
    }
    for (const r of input.unprotectReplicas) {
        if (added.includes(r)) {
            problems.push(`unprotectReplicas: ${show(r)} has no deployed replica yet; allowed: deployed regions only (a new replica is always created with deletion protection on)`);
        }
    }
    return problems;
}

// ---- the component ----------------------------------------------------------------------------------------------
type ReplicaState = { regionName: string; arn?: string; streamArn?: string; deletionProtectionEnabled?: boolean };

export class GlobalTable extends pulumi.ComponentResource {
    readonly table: aws.dynamodb.Table;
    /** One customer-managed key per region holding data, keyed by region. */
    readonly keys: Record<string, aws.kms.Key>;
    readonly tableName: pulumi.Output<string>;
    readonly homeRegion: string;
    /** Regions with a replica, the home region excluded, sorted. */
    readonly replicaRegions: string[];
    /** Table ARN per region (home and replicas). */
    readonly tableArns: Record<string, pulumi.Output<string>>;
    /** Stream ARN per region (home and replicas). */
    readonly streamArns: Record<string, pulumi.Output<string>>;
    /** KMS key ARN per region (home and replicas). */
    readonly kmsKeyArns: Record<string, pulumi.Output<string>>;
    /**
     * Regions (home included) whose table has deletion protection off, as the provider reports it after this update:
     * export it, and pass it back as `deployedUnprotectedReplicas`.
     */
    readonly unprotectedReplicas: pulumi.Output<string[]>;

    constructor(name: string, args: GlobalTableArgs, opts?: pulumi.ComponentResourceOptions) {
        super(GLOBAL_TABLE_TYPE, name, {}, opts);

        const defaultTableName = `${name}-${pulumi.getStack()}`;
        const tableName = args.tableName ?? defaultTableName;
        const consistency = args.consistency ?? GLOBAL_TABLE_DEFAULTS.consistency;
        const protect = args.protect ?? GLOBAL_TABLE_DEFAULTS.protect;
        const unprotect = args.unprotectReplicas ?? [];
        const home = args.homeRegion;
        const replicaRegions = (args.regions ?? []).filter((r) => r !== home).sort();
        const changes = (deployedReplicaRegions: unknown, deployedUnprotectedReplicas: unknown) =>
            validateReplicaChanges({
                regions: args.regions ?? [],
                homeRegion: home,
                consistency,
                allowReplicaRemoval: args.allowReplicaRemoval ?? GLOBAL_TABLE_DEFAULTS.allowReplicaRemoval,
                unprotectReplicas: unprotect,
                deployedReplicaRegions: deployedReplicaRegions as string[] | undefined,
                deployedUnprotectedReplicas: deployedUnprotectedReplicas as string[] | undefined,
            });

        const problems = validateGlobalTableArgs(args, defaultTableName);
        // What is deployed, when known now (read before construction), is checked now: a refused change stops every child.
        const known = (v: unknown) => !(pulumi.Output.isInstance(v) || v instanceof Promise);
        if (problems.length === 0 && known(args.deployedReplicaRegions) && known(args.deployedUnprotectedReplicas)) {
            problems.push(...changes(args.deployedReplicaRegions, args.deployedUnprotectedReplicas));
        }
        if (problems.length > 0) throw new GlobalTableArgsError(name, problems);

        const tags = args.tags ?? {};
        const dataRegions = [home, ...replicaRegions];
        const provider = (region: string) => args.providers[region]!;

        this.keys = {};
        const accounts: Record<string, pulumi.Output<string>> = {};
        for (const region of dataRegions) {
            const identity = aws.getCallerIdentityOutput({}, { parent: this, provider: provider(region) });
            const partition = aws.getPartitionOutput({}, { parent: this, provider: provider(region) });
            accounts[region] = identity.accountId;
            // Losing a key makes its region's replica unreadable, so it is kept like the table; a key whose replica
            // is being removed drops `protect` (it stays in the account: retainOnDelete) so the removal can finish.
            const key = new aws.kms.Key(
                `${name}-${region}-key`,
                {
                    description: `DynamoDB global table ${tableName}, data in ${region}`,
                    enableKeyRotation: true,
                    deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
                    policy: pulumi
                        .all([identity.accountId, partition.partition, partition.dnsSuffix])
                        .apply(([accountId, part, dnsSuffix]) => JSON.stringify(globalTableKeyPolicy({ partition: part, dnsSuffix, accountId, region }))),
                    tags,
                },
                { parent: this, provider: provider(region), protect: protect && !unprotect.includes(region), retainOnDelete: protect },
            );
            new aws.kms.Alias(`${name}-${region}-key-alias`, { name: kmsAliasName(tableName, region), targetKeyId: key.keyId }, { parent: this, provider: provider(region) });
            this.keys[region] = key;
        }

        const replicaSpec = (region: string, kmsKeyArn: string) => ({
            regionName: region,
            consistencyMode: consistency === "strong" ? "STRONG" : "EVENTUAL",
            kmsKeyArn,
            pointInTimeRecovery: true,
            deletionProtectionEnabled: !unprotect.includes(region),
            propagateTags: true,
        });
        // The table registers only once the deployment check passed, so it never goes out without a replica the
        // deployment still has; the same apply checks that every provider points at one account.
        const replicas = pulumi
            .all([
                pulumi.output(args.deployedReplicaRegions),
                pulumi.output(args.deployedUnprotectedReplicas),
                pulumi.all(replicaRegions.map((r) => this.keys[r]!.arn)),
                pulumi.all(dataRegions.map((r) => accounts[r]!)),
            ])
            .apply(([deployedRegions, deployedUnprotected, keyArns, accountIds]) => {
                const found = changes(deployedRegions, deployedUnprotected);
                dataRegions.forEach((r, i) => {
                    if (accountIds[i] !== accountIds[0]) {
                        found.push(`providers.${r}: account ${show(accountIds[i])} differs from the home region's ${show(accountIds[0])}; allowed: one account (replicas live in the home table's account)`);
                    }
                });
                if (found.length > 0) throw new GlobalTableArgsError(name, found);
                return replicaRegions.map((r, i) => replicaSpec(r, keyArns[i]!));
            });

        const provisioned = (args.billingMode ?? GLOBAL_TABLE_DEFAULTS.billingMode) === "PROVISIONED";
        const read = args.readCapacity ?? GLOBAL_TABLE_DEFAULTS.readCapacity;
        const write = args.writeCapacity ?? GLOBAL_TABLE_DEFAULTS.writeCapacity;
        const capacity = provisioned ? { readCapacity: read, writeCapacity: write } : {};
        const gsis = args.globalSecondaryIndexes ?? [];
        const lsis = args.localSecondaryIndexes ?? [];
        const sortKey = args.sortKey ?? null;

        const attributes = new Map<string, string>();
        for (const k of [args.partitionKey, sortKey, ...gsis.flatMap((g) => [g.partitionKey, g.sortKey]), ...lsis.map((l) => l.sortKey)]) {
            if (k) attributes.set(k.name, k.type);
        }

        this.table = new aws.dynamodb.Table(
            `${name}-table`,
            {
                name: tableName,
                billingMode: provisioned ? "PROVISIONED" : "PAY_PER_REQUEST",
                ...capacity,
                hashKey: args.partitionKey.name,
                ...(sortKey ? { rangeKey: sortKey.name } : {}),
                attributes: [...attributes].map(([n, type]) => ({ name: n, type })),
                globalSecondaryIndexes: gsis.map((g) => ({
                    name: g.name,
                    keySchemas: [
                        { attributeName: g.partitionKey.name, keyType: "HASH" },
                        ...(g.sortKey ? [{ attributeName: g.sortKey.name, keyType: "RANGE" }] : []),
                    ],
                    projectionType: g.projection ?? "ALL",
                    ...capacity,
                })),
                localSecondaryIndexes: lsis.map((l) => ({ name: l.name, rangeKey: l.sortKey.name, projectionType: l.projection ?? "ALL" })),
                streamEnabled: true,
                streamViewType: STREAM_VIEW_TYPE,
                serverSideEncryption: { enabled: true, kmsKeyArn: this.keys[home]!.arn },
                pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: args.pointInTimeRecoveryDays ?? GLOBAL_TABLE_DEFAULTS.pointInTimeRecoveryDays },
                deletionProtectionEnabled: !unprotect.includes(home),
                ...(args.ttlAttribute ? { ttl: { attributeName: args.ttlAttribute, enabled: true } } : {}),
                ...(consistency === "strong" && args.witnessRegion ? { globalTableWitness: { regionName: args.witnessRegion } } : {}),
                replicas,
                tags,
            },
            {
                parent: this,
                provider: provider(home),
                protect,
                retainOnDelete: protect,
                // Autoscaling owns the provisioned capacity once it runs; without this every update would reset it.
                ignoreChanges: provisioned ? ["readCapacity", "writeCapacity", "globalSecondaryIndexes[*].readCapacity", "globalSecondaryIndexes[*].writeCapacity"] : [],
            },
        );

        if (provisioned) {
            const scaling = args.autoscaling ?? GLOBAL_TABLE_DEFAULTS.autoscaling;
            const scopes = [
                { label: "table", resourceId: pulumi.interpolate`table/${this.table.name}`, dimension: "table" },
                ...gsis.map((g) => ({ label: `index-${g.name}`, resourceId: pulumi.interpolate`table/${this.table.name}/index/${g.name}`, dimension: "index" })),
            ];
            for (const region of dataRegions) {
                for (const scope of scopes) {
                    for (const dim of [
                        { key: "read", unit: "ReadCapacityUnits", metric: "DynamoDBReadCapacityUtilization", min: read, max: scaling.maxReadCapacity },
                        { key: "write", unit: "WriteCapacityUnits", metric: "DynamoDBWriteCapacityUtilization", min: write, max: scaling.maxWriteCapacity },
                    ]) {
                        const target = new aws.appautoscaling.Target(
                            `${name}-${region}-${scope.label}-${dim.key}-target`,
                            {
                                serviceNamespace: "dynamodb",
                                resourceId: scope.resourceId,
                                scalableDimension: `dynamodb:${scope.dimension}:${dim.unit}`,
                                minCapacity: dim.min,
                                maxCapacity: dim.max,
                                tags,
                            },
                            // A replica's table exists only once the home table's update that adds it is done.
                            { parent: this, provider: provider(region), dependsOn: [this.table] },
                        );
                        new aws.appautoscaling.Policy(
                            `${name}-${region}-${scope.label}-${dim.key}-policy`,
                            {
                                policyType: "TargetTrackingScaling",
                                serviceNamespace: target.serviceNamespace,
                                resourceId: target.resourceId,
                                scalableDimension: target.scalableDimension,
                                targetTrackingScalingPolicyConfiguration: {
                                    predefinedMetricSpecification: { predefinedMetricType: dim.metric },
                                    targetValue: scaling.targetUtilizationPercent,
                                },
                            },
                            { parent: this, provider: provider(region) },
                        );
                    }
                }
            }
        }

        const replicaState = (region: string) =>
            this.table.replicas.apply((rs) => {
                const found = ((rs ?? []) as ReplicaState[]).find((r) => r.regionName === region);
                if (!found?.arn || !found.streamArn) throw new Error(`GlobalTable "${name}": the table reports no replica in ${region}`);
                return found as ReplicaState & { arn: string; streamArn: string };
            });
        this.homeRegion = home;
        this.replicaRegions = replicaRegions;
        this.tableName = this.table.name;
        this.tableArns = { [home]: this.table.arn };
        this.streamArns = { [home]: this.table.streamArn };
        this.kmsKeyArns = {};
        for (const region of replicaRegions) {
            const state = replicaState(region);
            this.tableArns[region] = state.arn;
            this.streamArns[region] = state.streamArn;
        }
        for (const region of dataRegions) this.kmsKeyArns[region] = this.keys[region]!.arn;
        // Only an explicit false counts: a replica whose state is unknown is treated as protected.
        this.unprotectedReplicas = pulumi.all([this.table.replicas, this.table.deletionProtectionEnabled]).apply(([rs, tableProtected]) =>
            [
                ...(tableProtected === false ? [home] : []),
                ...((rs ?? []) as ReplicaState[]).filter((r) => r.deletionProtectionEnabled === false).map((r) => r.regionName),
            ].sort(),
        );

        this.registerOutputs({
            tableName: this.tableName,
            homeRegion: this.homeRegion,
            replicaRegions: this.replicaRegions,
            tableArns: this.tableArns,
            streamArns: this.streamArns,
            kmsKeyArns: this.kmsKeyArns,
            unprotectedReplicas: this.unprotectedReplicas,
        });
    }
}
