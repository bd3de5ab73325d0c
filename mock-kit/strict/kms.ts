/**
 * KMS: CreateKey, ReplicateKey and CreateAlias.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
 */
import { KMS_ALIAS_MAX_LENGTH, KMS_DELETION_WINDOW_DAYS_RANGE } from "../../packages/aws-facts";
import { MOCK_ACCOUNT_ID, computeOutputs } from "../outputs";
import { Problems, Resource, ResourceRule, StrictState, kmsKeyRegion, parseArn } from "./common";
import { policyProblems } from "./iam";

/** Limits only the API checks (the shared ones come from aws-facts). */
export const KMS_LIMITS = {
    rotationPeriodDays: { min: 90, max: 2560 },
} as const;

function rememberKey(r: Resource, s: StrictState): void {
    if (!r.region) return;
    const { state } = computeOutputs({ type: r.type, name: r.name, inputs: r.inputs, region: r.region });
    s.kmsKeys.set(state.keyId as string, r.region);
    s.kmsKeys.set(state.arn as string, r.region);
}

function keyChecks(r: Resource): Problems {
    const i = r.inputs;
    const p = new Problems("ValidationException");
    p.between("pendingWindowInDays", i.deletionWindowInDays, KMS_DELETION_WINDOW_DAYS_RANGE.min, KMS_DELETION_WINDOW_DAYS_RANGE.max);
    for (const m of policyProblems(i.policy, "resource", "MalformedPolicyDocumentException")) p.add(m);
    return p;
}

const key: ResourceRule = {
    check(r) {
        const p = keyChecks(r);
        p.between("rotationPeriodInDays", r.inputs.rotationPeriodInDays, KMS_LIMITS.rotationPeriodDays.min, KMS_LIMITS.rotationPeriodDays.max);
        return p.list();
    },
    remember: rememberKey,
};

const replicaKey: ResourceRule = {
    check(r) {
        const p = keyChecks(r);
        const primary = parseArn(r.inputs.primaryKeyArn);
        if (primary && r.region && primary.region === r.region) {
            p.add(`ValidationException: The replica Region ${r.region} must differ from the primary key's Region`);
        }
        return p.list();
    },
    remember: rememberKey,
};

const alias: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const p = new Problems("ValidationException");
        const name = i.name;
        if (typeof name === "string") {
            p.length("aliasName", name, 1, KMS_ALIAS_MAX_LENGTH);
            if (!name.startsWith("alias/")) {
                p.add('ValidationException: Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
            } else if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(name)) {
                p.add(`ValidationException: ${name} contains invalid characters for an alias`);
            } else if (name.startsWith("alias/aws/")) {
                p.add(`NotAuthorizedException: ${name}: the alias/aws/ prefix is reserved for AWS managed keys`);
            }
            if (r.region && s.kmsAliases.has(`${r.region}|${name}`)) {
                p.add(`AlreadyExistsException: An alias with the name arn:aws:kms:${r.region}:${MOCK_ACCOUNT_ID}:${name} already exists`);
            }
        }
        // KMS looks the target up in the alias's own region.
        const target = kmsKeyRegion(i.targetKeyId, s);
        if (target && r.region && target !== r.region) p.add(`NotFoundException: Key '${i.targetKeyId}' does not exist`);
        return p.list();
    },
    remember(r, s) {
        if (r.region && typeof r.inputs.name === "string") s.kmsAliases.add(`${r.region}|${r.inputs.name}`);
    },
};

export const KMS_RULES: Record<string, ResourceRule> = {
    "aws:kms/key:Key": key,
    "aws:kms/replicaKey:ReplicaKey": replicaKey,
    "aws:kms/alias:Alias": alias,
};
