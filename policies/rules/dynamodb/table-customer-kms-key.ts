/**
 * aws-dynamodb-table-customer-kms-key
 *
 * Requires: the table encrypted with a customer managed KMS key (`serverSideEncryption.enabled: true` and
 * `serverSideEncryption.kmsKeyArn`), and every replica (inline or a standalone `aws.dynamodb.TableReplica`) with its
 * own `kmsKeyArn`, each the ARN of a key (`arn:...:kms:<region>:<account>:key/<id>`, not an alias: `alias/aws/dynamodb`
 * is the AWS managed key) in the region of the table or replica it encrypts. That the key is one this stack manages,
 * and so of this account, is the stack rule aws-dynamodb-table-key-in-stack.
 * Why: with the AWS owned or AWS managed key nobody in the account controls or audits key use, and a global
 * table's replicas each need a key in their own region (KMS keys are regional); a replica without one silently
 * falls back to the AWS owned key.
 * Severity: high.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.howitworks.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, setting, str } from "../../lib/values";
import { replicasOfResource, TABLE, TABLE_REPLICA } from "../../lib/replicas";

/** The region inside a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>). */
function keyRegion(arn: string): string | undefined {
    const parts = arn.split(":");
    return parts[0] === "arn" && parts[2] === "kms" ? parts[3] : undefined;
}

/** Why a key reference is not a customer managed key's ARN: an alias (the AWS managed `alias/aws/dynamodb` among them). */
function notAKey(where: string, arn: string): string | undefined {
    const resource = arn.startsWith("arn:") ? arn.split(":").slice(5).join(":") : arn;
    if (!resource.startsWith("alias/")) return undefined;
    const managed = resource.startsWith("alias/aws/") ? " of the AWS managed key" : "";
    return `${where} "${arn}" is an alias${managed}, not a key; allowed: the key ARN (arn:...:kms:<region>:<account>:key/<id>) of a customer managed key`;
}

export const tableCustomerKmsKey = resourceRule({
    name: "aws-dynamodb-table-customer-kms-key",
    description: "DynamoDB tables and every replica are encrypted with a customer managed KMS key (a key ARN, not an alias) in their own region.",
    severity: "high",
    url: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.howitworks.html",
    remediationSteps: "Create an aws.kms.Key per region and set serverSideEncryption.kmsKeyArn and replicas[].kmsKeyArn to their ARNs.",
    types: [TABLE, TABLE_REPLICA],
    validate: ({ type, props, region }, report) => {
        const sse = props.serverSideEncryption;
        if (type === TABLE && !isUnknown(sse)) {
            if (sse?.enabled !== true && !isUnknown(sse?.enabled)) {
                report(`serverSideEncryption.enabled is ${setting(sse?.enabled)}; allowed: true with a customer managed kmsKeyArn`);
            } else if (!isUnknown(sse?.kmsKeyArn)) {
                const arn = str(sse?.kmsKeyArn);
                const alias = arn ? notAKey("serverSideEncryption.kmsKeyArn", arn) : undefined;
                if (!arn) report("serverSideEncryption.kmsKeyArn is unset (the AWS managed key); allowed: the ARN of a customer managed key");
                else if (alias) report(alias);
                else if (typeof region === "string" && keyRegion(arn) && keyRegion(arn) !== region) {
                    report(`serverSideEncryption.kmsKeyArn is a key in ${keyRegion(arn)}; allowed: a key in the table's region ${region}`);
                }
            }
        }
        for (const r of replicasOfResource(type, props, region)) {
            const v = r.props.kmsKeyArn;
            if (isUnknown(v)) continue;
            const arn = str(v);
            const alias = arn ? notAKey(`${r.label}: kmsKeyArn`, arn) : undefined;
            if (!arn) {
                report(`${r.label}: kmsKeyArn is unset (the AWS owned key); allowed: the ARN of a customer managed key in ${r.region ?? "the replica's region"}`);
            } else if (alias) {
                report(alias);
            } else if (r.region && keyRegion(arn) && keyRegion(arn) !== r.region) {
                report(`${r.label}: kmsKeyArn is a key in ${keyRegion(arn)}; allowed: a key in ${r.region} (KMS keys are regional)`);
            }
        }
    },
});
