/**
 * GlobalTable's validators: pure, each returning every problem it finds (`Problem[]`, rendered by aws-facts). The
 * rules AWS sets (regions, strong consistency, key types, tags, limits, names) come from packages/aws-facts.
 */
import {
    ATTRIBUTE_NAME, Consistency, eventualWitnessProblems, INDEX_NAME, isAwsRegion, isConsistency, KeyUse, keyTypeConflicts,
    KMS_ALIAS_MAX_LENGTH, MAX_GSIS, MAX_LSIS, MIN_REGIONS, missing, notARegion, notOneOfTheRegions, PITR_DAYS, Problem, problem,
    show, strongConsistencyProblems, TABLE_NAME, tagProblems,
} from "../../packages/aws-facts";
import { KMS_ALIAS_PREFIX } from "../kms";
import { recordedProviderProblems } from "../provider-region";
import { GLOBAL_TABLE_DEFAULTS, GlobalTableArgs, KeyAttribute } from "./args";
import { billingProblems, wholeNumberProblems } from "./validate-billing";

export { provisionedBillingProblems } from "./validate-billing";

const KEY_TYPES = ["S", "N", "B"];
const PROJECTIONS = ["ALL", "KEYS_ONLY"];

function list(values: readonly string[]): string {
    return values.join(", ");
}

/** Each entry an AWS region, each once; in the order listed. */
function regionListProblems(path: string, regions: readonly string[]): Problem[] {
    const seen = new Set<string>();
    return regions.flatMap((r, i) => {
        const found = !isAwsRegion(r)
            ? [notARegion(`${path}[${i}]`, r)]
            : seen.has(r)
              ? [problem(`${path}[${i}]`, r, "is listed twice", "each region once", "duplicate")]
              : [];
        seen.add(r);
        return found;
    });
}

function regionProblems(args: GlobalTableArgs): Problem[] {
    const regions = args.regions ?? [];
    const problems: Problem[] = [];
    if (regions.length < MIN_REGIONS) {
        problems.push(problem("regions", regions, `has ${regions.length} region${regions.length === 1 ? "" : "s"}`, `at least ${MIN_REGIONS} regions`, "min-regions"));
    }
    problems.push(...regionListProblems("regions", regions));
    if (!regions.includes(args.homeRegion)) {
        problems.push(notOneOfTheRegions("homeRegion", args.homeRegion, regions, list(regions), "home-region"));
    }
    const withoutProvider = [...new Set(regions)].filter((r) => isAwsRegion(r) && !args.providers?.[r]);
    if (withoutProvider.length > 0) {
        problems.push(missing("providers", `no provider for ${list(withoutProvider)}`, "one aws.Provider per region, keyed by region", "provider"));
    }
    problems.push(...recordedProviderProblems("providers", args.providers ?? {}, [...new Set(regions)].filter(isAwsRegion)));
    return problems;
}

/**
 * Region, home, consistency and witness rules, and what strong consistency does not support (aws-facts
 * `strongConsistencyProblems`). Pure: returns every problem, each naming the arg, the value and what is allowed.
 */
export function validateGlobalTableTopology(args: GlobalTableArgs): Problem[] {
    const problems = regionProblems(args);
    const consistency = args.consistency ?? GLOBAL_TABLE_DEFAULTS.consistency;
    if (!isConsistency(consistency)) {
        return [...problems, problem("consistency", consistency, "is not a consistency mode", '"eventual", "strong"', "consistency")];
    }
    const witness = args.witnessRegion;
    if (witness !== undefined && !isAwsRegion(witness)) {
        problems.push(notARegion("witnessRegion", witness));
    }
    if (consistency === "eventual") return [...problems, ...eventualWitnessProblems(consistency, witness)];
    const topology = {
        regions: args.regions ?? [],
        witnessRegion: witness,
        ttlAttribute: args.ttlAttribute,
        localSecondaryIndexes: (args.localSecondaryIndexes ?? []).map((i) => i.name),
    };
    return [...problems, ...strongConsistencyProblems(topology)];
}

/** The longest table name whose key aliases (`alias/dynamodb/<table>-<region>`) fit KMS's limit. */
function aliasLimit(regions: readonly string[]): number {
    const longest = Math.max(0, ...regions.map((r) => r.length));
    return KMS_ALIAS_MAX_LENGTH - KMS_ALIAS_PREFIX.length - 1 - longest;
}

function tableNameProblems(tableName: string, regions: readonly string[]): Problem[] {
    if (!TABLE_NAME.pattern.test(tableName)) return [problem("tableName", tableName, "is not a DynamoDB table name", TABLE_NAME.allowed, "table-name")];
    if (tableName.length <= aliasLimit(regions)) return [];
    const reason = `is too long for its KMS aliases (${KMS_ALIAS_PREFIX}<table>-<region>, at most ${KMS_ALIAS_MAX_LENGTH} characters)`;
    return [problem("tableName", tableName, reason, `at most ${aliasLimit(regions)} characters`, "table-name-length")];
}

function keyAttributeProblems(path: string, key: KeyAttribute | null | undefined): Problem[] {
    if (!key || typeof key !== "object") {
        return [problem(path, key, "is not a key attribute", '{"name": "<attribute>", "type": "S" | "N" | "B"}', "key-attribute")];
    }
    const problems: Problem[] = [];
    if (typeof key.name !== "string" || !ATTRIBUTE_NAME.pattern.test(key.name)) {
        problems.push(problem(`${path}.name`, key.name, "is not a DynamoDB attribute name", ATTRIBUTE_NAME.allowed, "attribute-name"));
    }
    if (!KEY_TYPES.includes(key.type)) problems.push(problem(`${path}.type`, key.type, "is not a key type", '"S", "N", "B"', "key-type"));
    return problems;
}

/** Every key schema's attributes (the partition key always; the others where given), in declaration order. */
function keyUses(args: GlobalTableArgs): KeyUse[] {
    return [
        { path: "partitionKey", attribute: args.partitionKey },
        { path: "sortKey", attribute: args.sortKey },
        ...(args.globalSecondaryIndexes ?? []).flatMap((g, i) => [
            { path: `globalSecondaryIndexes[${i}].partitionKey`, attribute: g.partitionKey },
            { path: `globalSecondaryIndexes[${i}].sortKey`, attribute: g.sortKey },
        ]),
        ...(args.localSecondaryIndexes ?? []).map((l, i) => ({ path: `localSecondaryIndexes[${i}].sortKey`, attribute: l.sortKey })),
    ];
}

function keyProblems(args: GlobalTableArgs): Problem[] {
    const uses = keyUses(args).filter((u, i) => i === 0 || u.attribute);
    return [...uses.flatMap((u) => keyAttributeProblems(u.path, u.attribute as KeyAttribute)), ...keyTypeConflicts(uses)];
}

interface IndexLike {
    name: string;
    projection?: string;
}

function indexCountProblems(path: string, count: number, max: number): Problem[] {
    return count > max ? [missing(path, `has ${count} indexes`, `at most ${max}`, "index-count")] : [];
}

/** Names valid and unique across both kinds of index (`names` carries the names seen so far), projections known. */
function eachIndexProblems(path: string, indexes: readonly IndexLike[], names: Set<string>): Problem[] {
    return indexes.flatMap((index, i) => {
        const where = `${path}[${i}]`;
        const problems: Problem[] = [];
        if (typeof index.name !== "string" || !INDEX_NAME.pattern.test(index.name)) {
            problems.push(problem(`${where}.name`, index.name, "is not an index name", INDEX_NAME.allowed, "index-name"));
        } else if (names.has(index.name)) {
            problems.push(problem(`${where}.name`, index.name, "is used by another index", "a unique name per table", "duplicate"));
        }
        names.add(index.name);
        if (index.projection !== undefined && !PROJECTIONS.includes(index.projection)) {
            problems.push(problem(`${where}.projection`, index.projection, "is not a projection", '"ALL", "KEYS_ONLY"', "projection"));
        }
        return problems;
    });
}

function secondaryIndexProblems(args: GlobalTableArgs): Problem[] {
    const names = new Set<string>();
    const gsis = args.globalSecondaryIndexes ?? [];
    const lsis = args.localSecondaryIndexes ?? [];
    const lsisWithoutSortKey = lsis.length > 0 && !args.sortKey;
    return [
        ...indexCountProblems("globalSecondaryIndexes", gsis.length, MAX_GSIS),
        ...eachIndexProblems("globalSecondaryIndexes", gsis, names),
        ...indexCountProblems("localSecondaryIndexes", lsis.length, MAX_LSIS),
        ...(lsisWithoutSortKey ? [problem("localSecondaryIndexes", lsis.map((l) => l.name), "need a table sort key", "[] when sortKey is null", "lsi-sort-key")] : []),
        ...eachIndexProblems("localSecondaryIndexes", lsis, names),
    ];
}


function ttlProblems(ttlAttribute: string | null | undefined): Problem[] {
    if (ttlAttribute === undefined || ttlAttribute === null || ATTRIBUTE_NAME.pattern.test(ttlAttribute)) return [];
    return [problem("ttlAttribute", ttlAttribute, "is not a DynamoDB attribute name", `${ATTRIBUTE_NAME.allowed}, or null`, "attribute-name")];
}

/**
 * Every rule on the args: the topology, then the table name, keys, indexes, TTL, recovery period, billing,
 * `unprotectReplicas` and tags. `defaultTableName` is the name the table gets when `tableName` is unset. Pure.
 */
export function validateGlobalTableArgs(args: GlobalTableArgs, defaultTableName = "table"): Problem[] {
    return [
        ...validateGlobalTableTopology(args),
        ...tableNameProblems(args.tableName ?? defaultTableName, args.regions ?? []),
        ...keyProblems(args),
        ...secondaryIndexProblems(args),
        ...ttlProblems(args.ttlAttribute),
        ...wholeNumberProblems("pointInTimeRecoveryDays", args.pointInTimeRecoveryDays ?? GLOBAL_TABLE_DEFAULTS.pointInTimeRecoveryDays, PITR_DAYS),
        ...billingProblems(args),
        ...regionListProblems("unprotectReplicas", args.unprotectReplicas ?? []),
        ...(typeof args.accountId === "string" && /^\d{12}$/.test(args.accountId) ? [] : [problem("accountId", args.accountId, "is not an AWS account id", "12 digits", "account-id")]),
        ...tagProblems(args.tags ?? {}, "tags"),
    ];
}


// ---- against what is deployed ----------------------------------------------------------------------------------
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

function deployedListProblems(path: string, value: unknown): Problem[] {
    const ok = value === undefined || (Array.isArray(value) && value.every((r) => typeof r === "string"));
    return ok ? [] : [problem(path, value, "is not a list of regions", "undefined, or the regions read back from the previous update", "deployed-list")];
}

/** A replica leaves in two updates: the first turns its deletion protection off, the second removes it. */
function removalProblems(input: ReplicaChangeInput, removed: readonly string[]): Problem[] {
    if (removed.length === 0) return [];
    if (!input.allowReplicaRemoval) {
        const one = removed.length === 1;
        const what = `removing ${list(removed)} would delete ${one ? "its replica and the data in it" : "their replicas and the data in them"}`;
        const allowed =
            `keep ${list(removed)} in regions, or remove in two updates: first unprotectReplicas: ${show(removed)} with ${list(removed)} kept in regions, ` +
            `then drop ${one ? "it" : "them"} from regions with allowReplicaRemoval: true`;
        return [missing("regions", what, allowed, "replica-removal")];
    }
    const unprotectedBefore = input.deployedUnprotectedReplicas;
    return removed.flatMap((r) => {
        const stepOne = `first an update with unprotectReplicas: [${show(r)}] and ${show(r)} kept in regions, then the removal`;
        if (!input.unprotectReplicas.includes(r)) {
            return [problem("unprotectReplicas", r, "is being removed but is not listed", `list it until the removal is done (${stepOne})`, "replica-removal-unlisted")];
        }
        if (unprotectedBefore !== undefined && !unprotectedBefore.includes(r)) {
            return [problem("unprotectReplicas", r, "still has deletion protection on in the deployed table", stepOne, "replica-removal-protected")];
        }
        return [];
    });
}

/**
 * Checks the asked-for regions against what is deployed: no replica disappears without `allowReplicaRemoval` and an
 * earlier update that turned its deletion protection off; no new replica starts unprotected; strong consistency
 * keeps the replicas it was created with. Pure.
 */
export function validateReplicaChanges(input: ReplicaChangeInput): Problem[] {
    const deployed = input.deployedReplicaRegions;
    const shape = [
        ...deployedListProblems("deployedReplicaRegions", deployed),
        ...deployedListProblems("deployedUnprotectedReplicas", input.deployedUnprotectedReplicas),
    ];
    if (shape.length > 0 || deployed === undefined) return shape;
    const removed = deployed.filter((r) => !input.regions.includes(r)).sort();
    const added = input.regions.filter((r) => r !== input.homeRegion && !deployed.includes(r)).sort();

    if (input.consistency === "strong" && (removed.length > 0 || added.length > 0)) {
        const before = [...new Set([input.homeRegion, ...deployed])].sort();
        const reason = `differ from the deployed ${show(before)}; consistency "strong" fixes its replicas when the table is created`;
        return [problem("regions", [...input.regions].sort(), reason, show(before), "mrsc-regions-fixed")];
    }
    const newAndUnprotected = input.unprotectReplicas.filter((r) => added.includes(r));
    return [
        ...removalProblems(input, removed),
        ...newAndUnprotected.map((r) =>
            problem("unprotectReplicas", r, "has no deployed replica yet", "deployed regions only (a new replica is always created with deletion protection on)", "unprotect-new-replica"),
        ),
    ];
}

/** Replicas live in the home table's account: every region's provider must reach the same one. */
export function validateProviderAccounts(dataRegions: readonly string[], accountIds: readonly string[]): Problem[] {
    return dataRegions.flatMap((r, i) =>
        accountIds[i] === accountIds[0]
            ? []
            : [missing(`providers.${r}`, `account ${show(accountIds[i])} differs from the home region's ${show(accountIds[0])}`, "one account (replicas live in the home table's account)", "account")],
    );
}
