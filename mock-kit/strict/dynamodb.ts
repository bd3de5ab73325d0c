/**
 * DynamoDB: CreateTable and UpdateTable (replica updates) as the provider sends them for `aws.dynamodb.Table`, and
 * the replica of `aws.dynamodb.TableReplica`.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html
 */
import {
    AWS_REGIONS,
    DYNAMODB_NAME_LENGTH,
    GLOBAL_TABLE_STREAM_VIEW_TYPE,
    MAX_GSIS,
    MAX_LSIS,
    MRSC_REPLICAS,
    MRSC_REPLICAS_WITH_WITNESS,
    PITR_DAYS,
    describeMrscRegionSets,
    isAwsRegion,
    mrscRegionSet,
} from "../../packages/aws-facts";
import { computeOutputs } from "../outputs";
import { Problems, Resource, ResourceRule, StrictState, known, kmsKeyRegion, list, parseArn } from "./common";

const NAME = /^[a-zA-Z0-9_.-]+$/;
const ATTRIBUTE_TYPES = ["B", "N", "S"];
const BILLING_MODES = ["PROVISIONED", "PAY_PER_REQUEST"];
const STREAM_VIEW_TYPES = ["NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"];
const PROJECTIONS = ["ALL", "KEYS_ONLY", "INCLUDE"];
const CONSISTENCY_MODES = ["EVENTUAL", "STRONG"];

/** DynamoDB's wording for a request its service-side checks reject. */
export function invalid(message: string): string {
    return `ValidationException: One or more parameter values were invalid: ${message}`;
}

/** What UpdateTable says when a replica is asked for in the table's own region. */
export const LOCAL_REGION_REPLICA =
    "ValidationException: Cannot add, delete, or update the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or UpdateTable as required.";

function indexKeys(index: any): (string | undefined)[] {
    if (Array.isArray(index.keySchemas)) return index.keySchemas.map((k: any) => k?.attributeName);
    return [index.hashKey, index.rangeKey].filter((k, i) => i === 0 || k !== undefined);
}

function keyAttributes(r: Resource, p: Problems): void {
    const i = r.inputs;
    if (!known(i.attributes)) return;
    const defined: string[] = list(i.attributes).map((a: any) => a.name);
    const duplicates = defined.filter((a, n) => defined.indexOf(a) !== n);
    if (duplicates.length > 0) p.add(invalid(`Cannot have two attributes with the same name: ${duplicates.join(", ")}`));

    const keys: (string | undefined)[] = [i.hashKey];
    if (!r.absent("rangeKey")) keys.push(i.rangeKey);
    for (const g of list(i.globalSecondaryIndexes)) keys.push(...indexKeys(g));
    for (const l of list(i.localSecondaryIndexes)) keys.push(l.rangeKey);
    const knownKeys = [...new Set(keys.filter((k): k is string => k !== undefined))];

    const tableKeys = [i.hashKey, i.rangeKey].filter((k): k is string => typeof k === "string");
    if (tableKeys.some((k) => !defined.includes(k))) p.add("ValidationException: Invalid KeySchema: Some index key attribute have no definition");
    const missing = knownKeys.filter((k) => !defined.includes(k) && !tableKeys.includes(k));
    if (missing.length > 0) {
        p.add(invalid(`Some index key attributes are not defined in AttributeDefinitions. Keys: [${missing.join(", ")}], AttributeDefinitions: [${defined.join(", ")}]`));
    }
    const allKeysKnown = keys.every((k) => k !== undefined) && known(i.globalSecondaryIndexes ?? []) && known(i.localSecondaryIndexes ?? []);
    const unused = defined.filter((a) => !knownKeys.includes(a));
    if (allKeysKnown && unused.length > 0) {
        p.add(invalid(`Some AttributeDefinitions are not used. AttributeDefinitions: [${defined.join(", ")}], keys used: [${knownKeys.join(", ")}]`));
    }
}

function indexes(r: Resource, p: Problems): void {
    const i = r.inputs;
    const gsis = list(i.globalSecondaryIndexes);
    const lsis = list(i.localSecondaryIndexes);
    [...gsis, ...lsis].forEach((g: any, n) => {
        const field = n < gsis.length ? `globalSecondaryIndexes.${n + 1}.member` : `localSecondaryIndexes.${n - gsis.length + 1}.member`;
        p.length(`${field}.indexName`, g.name, DYNAMODB_NAME_LENGTH.min, DYNAMODB_NAME_LENGTH.max);
        p.pattern(`${field}.indexName`, g.name, NAME);
        p.oneOf(`${field}.projection.projectionType`, g.projectionType, PROJECTIONS);
        if (g.projectionType !== undefined && g.projectionType !== "INCLUDE" && list(g.nonKeyAttributes).length > 0) {
            p.add(invalid(`ProjectionType is ${g.projectionType}, but NonKeyAttributes is specified`));
        }
    });
    const names = [...gsis, ...lsis].map((g: any) => g.name).filter((n) => n !== undefined);
    for (const dup of new Set(names.filter((n, k) => names.indexOf(n) !== k))) p.add(invalid(`Duplicate index name: ${dup}`));
    if (gsis.length > MAX_GSIS) {
        p.add(invalid(`GlobalSecondaryIndexes count ${gsis.length} exceeds the per-table limit of ${MAX_GSIS}`));
    }
    if (lsis.length > MAX_LSIS) {
        p.add(invalid(`LocalSecondaryIndexes count ${lsis.length} exceeds the per-table limit of ${MAX_LSIS}`));
    }
    if (lsis.length > 0 && r.absent("rangeKey")) {
        p.add(invalid("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"));
    }
}

function capacity(r: Resource, p: Problems): void {
    const i = r.inputs;
    p.oneOf("billingMode", i.billingMode, BILLING_MODES);
    if (i.billingMode === "PROVISIONED") {
        if (r.absent("readCapacity") || r.absent("writeCapacity")) {
            p.add(invalid("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"));
        }
        p.between("provisionedThroughput.readCapacityUnits", i.readCapacity, 1, Number.MAX_SAFE_INTEGER);
        p.between("provisionedThroughput.writeCapacityUnits", i.writeCapacity, 1, Number.MAX_SAFE_INTEGER);
    }
    onDemandCeilings(i, p);
}

/**
 * CreateTable's checks on OnDemandThroughput, in the order and words real DynamoDB answers them (captured against
 * the service in nubo-db/dynoxide#159, and hashicorp/terraform-provider-aws#39760 for the range): a ceiling on a
 * PROVISIONED table names the first member given, read first; a member below 1 is out of range (-1, which removes a
 * ceiling, is only for UpdateTable).
 */
function onDemandCeilings(i: Record<string, any>, p: Problems): void {
    const odt = i.onDemandThroughput;
    if (!known(odt) || odt === null || typeof odt !== "object") return;
    const members = (["maxReadRequestUnits", "maxWriteRequestUnits"] as const).filter((m) => odt[m] !== undefined && odt[m] !== null);
    const api = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);
    if (i.billingMode === "PROVISIONED" && members.length > 0) {
        p.add(invalid(`${api(members[0]!)} for OnDemandThroughput cannot be specified when table BillingMode is PROVISIONED.`));
        return;
    }
    for (const m of members.filter((m) => known(odt[m]) && !(Number.isInteger(odt[m]) && odt[m] >= 1))) {
        p.add(invalid(`Requested ${api(m)} for OnDemandThroughput for table is outside of valid range`));
    }
}

function replicas(r: Resource, p: Problems, s: StrictState): void {
    const i = r.inputs;
    const home = r.region;
    const reps: any[] = list(i.replicas);
    if (!known(i.replicas ?? [])) return;
    const regions: string[] = reps.map((x) => x.regionName).filter((x) => x !== undefined);

    reps.forEach((x, n) => p.oneOf(`replicaUpdates.${n + 1}.member.create.multiRegionConsistency`, x.consistencyMode, CONSISTENCY_MODES));
    for (const region of new Set(regions)) {
        if (!isAwsRegion(region)) p.add(invalid(`Replica Region ${region} is not an AWS Region; allowed: ${AWS_REGIONS.join(", ")}`));
        if (region === home) p.add(LOCAL_REGION_REPLICA);
        const count = regions.filter((x) => x === region).length;
        if (count > 1) p.add(invalid(`Only one replica per Region is allowed; ${region} is listed ${count} times`));
    }

    const modes = [...new Set(reps.map((x) => x.consistencyMode ?? "EVENTUAL"))];
    if (modes.length > 1) p.add(invalid(`Every replica of a global table must use the same consistency mode; got ${modes.join(", ")}`));
    const strong = reps.length > 0 && modes.length === 1 && modes[0] === "STRONG";
    const witness: string | undefined = i.globalTableWitness?.regionName;

    if (reps.length > 0 && !strong) {
        const enabled = i.streamEnabled;
        const view = i.streamViewType;
        const streamsOff = enabled === false || r.absent("streamEnabled");
        const wrongView = enabled === true && (r.absent("streamViewType") || (view !== undefined && view !== GLOBAL_TABLE_STREAM_VIEW_TYPE));
        if (streamsOff || wrongView) {
            p.add(invalid(`Replicas need DynamoDB Streams enabled with StreamViewType ${GLOBAL_TABLE_STREAM_VIEW_TYPE}; got streamEnabled ${enabled ?? "unset"}, streamViewType ${view ?? "unset"}`));
        }
    }
    if (witness !== undefined && !strong) {
        p.add(invalid(`A witness Region (${witness}) is only supported with multi-Region strong consistency; set every replica's consistencyMode to STRONG`));
    }
    if (strong && home) strongTopology(r, [home, ...regions], witness, p);

    replicaKeys(r, p, s);
}

/** MRSC: the table's region, its replicas and the witness are three Regions of one set; no TTL, no LSIs. */
function strongTopology(r: Resource, members: string[], witness: string | undefined, p: Problems): void {
    const i = r.inputs;
    const regions = witness === undefined ? MRSC_REPLICAS : MRSC_REPLICAS_WITH_WITNESS;
    if (members.length !== regions) {
        p.add(invalid(`Multi-Region strong consistency needs exactly three Regions: the table's and two replicas, or the table's, one replica and a witness; got ${members.join(", ")}${witness ? ` and witness ${witness}` : " and no witness"}`));
    } else if (witness !== undefined && members.includes(witness)) {
        p.add(invalid(`The witness Region ${witness} must differ from the table's and the replicas' Regions (${members.join(", ")})`));
    } else if (!mrscRegionSet(witness ? [...members, witness] : members)) {
        p.add(invalid(`Multi-Region strong consistency needs every Region in one Region set (${describeMrscRegionSets()}); got ${[...members, ...(witness ? [witness] : [])].join(", ")}`));
    }
    if (i.ttl?.enabled === true) p.add(invalid("Time to Live is not supported on a global table with multi-Region strong consistency"));
    if (list(i.localSecondaryIndexes).length > 0) p.add(invalid("Local secondary indexes are not supported on a global table with multi-Region strong consistency"));
}

/** KMS keys are regional: each copy of the table is encrypted with a key of its own region. */
function replicaKeys(r: Resource, p: Problems, s: StrictState): void {
    const i = r.inputs;
    const home = r.region;
    const sse = i.serverSideEncryption;
    const tableKey: string | undefined = sse?.enabled === true ? sse.kmsKeyArn : undefined;
    const tableKeyRegion = kmsKeyRegion(tableKey, s);
    if (tableKey && home && tableKeyRegion && tableKeyRegion !== home) {
        p.add(invalid(`KMS key ${tableKey} is in ${tableKeyRegion}; the table in ${home} needs a key in its own Region`));
    }
    list(i.replicas).forEach((x: any, n) => {
        const keyRegion = kmsKeyRegion(x.kmsKeyArn, s);
        if (x.kmsKeyArn !== undefined && keyRegion && x.regionName && keyRegion !== x.regionName) {
            p.add(invalid(`KMS key ${x.kmsKeyArn} is in ${keyRegion}; the replica in ${x.regionName} needs a key in its own Region`));
        } else if (tableKey && r.absent(`replicas.${n}.kmsKeyArn`)) {
            p.add(invalid("KMSMasterKeyId must be specified for each replica."));
        }
    });
}

const table: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const p = new Problems("ValidationException");
        p.length("tableName", i.name, DYNAMODB_NAME_LENGTH.min, DYNAMODB_NAME_LENGTH.max);
        p.pattern("tableName", i.name, NAME);
        if (r.absent("hashKey")) p.constraint("keySchema", null, "not be null");
        list(i.attributes).forEach((a: any, n) => p.oneOf(`attributeDefinitions.${n + 1}.member.attributeType`, a.type, ATTRIBUTE_TYPES));
        if (i.streamEnabled === true) p.oneOf("streamSpecification.streamViewType", i.streamViewType, STREAM_VIEW_TYPES);
        p.between("pointInTimeRecoverySpecification.recoveryPeriodInDays", i.pointInTimeRecovery?.recoveryPeriodInDays, PITR_DAYS.min, PITR_DAYS.max);
        keyAttributes(r, p);
        indexes(r, p);
        capacity(r, p);
        replicas(r, p, s);
        return p.list();
    },
    remember(r, s) {
        if (!r.region) return;
        const arn = computeOutputs({ type: r.type, name: r.name, inputs: r.inputs, region: r.region }).state.arn as string;
        s.tables.set(arn, { region: r.region, replicaRegions: new Set(list(r.inputs.replicas).map((x: any) => x.regionName)) });
    },
};

const tableReplica: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const p = new Problems("ValidationException");
        const tableRegion = parseArn(i.globalTableArn)?.region;
        if (tableRegion && tableRegion === r.region) p.add(LOCAL_REGION_REPLICA);
        const known = s.tables.get(i.globalTableArn);
        if (known && r.region && known.replicaRegions.has(r.region)) {
            p.add(invalid(`Only one replica per Region is allowed; ${i.globalTableArn} already has a replica in ${r.region}`));
        }
        const keyRegion = kmsKeyRegion(i.kmsKeyArn, s);
        if (keyRegion && r.region && keyRegion !== r.region) {
            p.add(invalid(`KMS key ${i.kmsKeyArn} is in ${keyRegion}; the replica in ${r.region} needs a key in its own Region`));
        }
        return p.list();
    },
    remember(r, s) {
        const known = s.tables.get(r.inputs.globalTableArn);
        if (known && r.region) known.replicaRegions.add(r.region);
    },
};

export const DYNAMODB_RULES: Record<string, ResourceRule> = {
    "aws:dynamodb/table:Table": table,
    "aws:dynamodb/tableReplica:TableReplica": tableReplica,
};
