/**
 * KMS facts and key policies the components share: the table keys (GlobalTable) and the regional operations keys
 * (RegionalService) are administered the same way and differ only in who may use them.
 */
import { KMS_DELETION_WINDOW_DAYS_RANGE } from "../packages/aws-facts";

/** KMS waits this long before it deletes a key scheduled for deletion (the maximum of 7-30 days). */
export const KMS_DELETION_WINDOW_DAYS = KMS_DELETION_WINDOW_DAYS_RANGE.max;
export const KMS_ALIAS_PREFIX = "alias/dynamodb/";

/** Administration, never data access: IAM policies in the account decide who may manage the key. */
export const KMS_ADMIN_ACTIONS = [
    "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:DescribeKey", "kms:DisableKey",
    "kms:DisableKeyRotation", "kms:EnableKey", "kms:EnableKeyRotation", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
    "kms:ListAliases", "kms:ListGrants", "kms:ListKeyPolicies", "kms:ListKeyRotations", "kms:ListResourceTags",
    "kms:PutKeyPolicy", "kms:RetireGrant", "kms:RevokeGrant", "kms:RotateKeyOnDemand", "kms:ScheduleKeyDeletion",
    "kms:TagResource", "kms:UntagResource", "kms:UpdateAlias", "kms:UpdateKeyDescription",
];
/** What a principal of the account needs to read and write the table; only granted through DynamoDB. */
export const KMS_DYNAMODB_USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

export interface KeyPolicyContext {
    partition: string;
    dnsSuffix: string;
    accountId: string;
    region: string;
}

/**
 * The key policy of one region's key. The account root (that is, IAM policies of the account) administers the key;
 * data-key operations and grants are allowed only when DynamoDB in this region makes them for a caller of this
 * account; the DynamoDB service principal may read the key's metadata (as the DynamoDB developer guide asks), only
 * for this account (`aws:SourceAccount`).
 * Who may administer the key (PutKeyPolicy, ScheduleKeyDeletion) is decided by the account's IAM policies: the
 * root statement delegates to them. SECURITY.md says what protects it and what does not.
 * No statement names the wildcard principal.
 */
export function globalTableKeyPolicy(c: KeyPolicyContext): Record<string, unknown> {
    const root = `arn:${c.partition}:iam::${c.accountId}:root`;
    const throughDynamoDb = { "kms:ViaService": `dynamodb.${c.region}.${c.dnsSuffix}`, "kms:CallerAccount": c.accountId };
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: root }, Action: KMS_ADMIN_ACTIONS, Resource: "*" },
            {
                Sid: "AccountUsesKeyThroughDynamoDB",
                Effect: "Allow",
                Principal: { AWS: root },
                Action: KMS_DYNAMODB_USE_ACTIONS,
                Resource: "*",
                Condition: { StringEquals: throughDynamoDb },
            },
            {
                Sid: "AccountGrantsKeyToDynamoDB",
                Effect: "Allow",
                Principal: { AWS: root },
                Action: ["kms:CreateGrant"],
                Resource: "*",
                Condition: { StringEquals: throughDynamoDb, Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
            {
                Sid: "DynamoDBReadsKeyMetadata",
                Effect: "Allow",
                Principal: { Service: "dynamodb.amazonaws.com" },
                Action: ["kms:Describe*", "kms:Get*", "kms:List*"],
                Resource: "*",
                // Only for this account's tables: the confused-deputy guard of
                // https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html (review F12).
                Condition: { StringEquals: { "aws:SourceAccount": c.accountId } },
            },
        ],
    };
}

/** The alias of a region's key: valid KMS alias characters only, never under the reserved `alias/aws`. */
export function kmsAliasName(tableName: string, region: string): string {
    return `${KMS_ALIAS_PREFIX}${tableName.replace(/[^A-Za-z0-9/_-]/g, "-")}-${region}`;
}

export interface OpsKeyPolicyInput {
    partition: string;
    account: string;
    region: string;
    /** Log groups whose names start with this may use the key. */
    logGroupPrefix: string;
}

/**
 * The policy of the region's operations key (log groups and the alarm topic). Kept apart from the table key so
 * the logs and CloudWatch service principals never get near table data. The account administers it with the
 * same explicit actions as the table keys (no `kms:*`); `Resource: "*"` in a key policy means "this key".
 */
export function opsKeyPolicyDocument(p: OpsKeyPolicyInput): Record<string, unknown> {
    const account = `arn:${p.partition}:iam::${p.account}:root`;
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: account }, Action: [...KMS_ADMIN_ACTIONS], Resource: "*" },
            {
                Sid: "CloudWatchLogsOfThisService",
                Effect: "Allow",
                Principal: { Service: `logs.${p.region}.amazonaws.com` },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"],
                Resource: "*",
                Condition: {
                    ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${p.partition}:logs:${p.region}:${p.account}:log-group:${p.logGroupPrefix}*` },
                },
            },
            alarmsPublishStatement(p.account),
        ],
    };
}

/**
 * What CloudWatch needs to publish alarm notifications to a topic encrypted with the key ("Enable compatibility
 * between event sources from AWS services and encrypted topics", Amazon SNS Developer Guide, key management), only
 * for alarms of this account: `aws:SourceAccount` keeps another account's alarms from using the key (confused
 * deputy). CloudWatch sends the source keys on this path, unlike EventBridge, whose delivery they would break (AWS's
 * Modern Data Architecture Accelerator, grantCloudWatchAlarmsTopicAccess, says so).
 */
export function alarmsPublishStatement(account: string): Record<string, unknown> {
    return {
        Sid: "CloudWatchAlarmsPublishToTopic",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
    };
}

/**
 * The policy of the key of an alarm topic with no logs to encrypt (the us-east-1 topic of the Route 53 alarms):
 * the account administers it, CloudWatch alarms of this account publish through it.
 */
export function alarmTopicKeyPolicyDocument(p: { partition: string; account: string }): Record<string, unknown> {
    const account = `arn:${p.partition}:iam::${p.account}:root`;
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: account }, Action: [...KMS_ADMIN_ACTIONS], Resource: "*" },
            alarmsPublishStatement(p.account),
        ],
    };
}
