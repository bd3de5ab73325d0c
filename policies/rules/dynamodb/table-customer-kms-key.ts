/**
 * aws-dynamodb-table-customer-kms-key
 *
 * Requires: the table encrypted with a customer managed KMS key (`serverSideEncryption.enabled: true` and
 * `serverSideEncryption.kmsKeyArn`), and every replica with its own `kmsKeyArn`, each key in the region of the
 * table or replica it encrypts.
 * Why: with the AWS owned or AWS managed key nobody in the account controls or audits key use, and a global
 * table's replicas each need a key in their own region (KMS keys are regional); a replica without one silently
 * falls back to the AWS owned key.
 * Severity: high.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.howitworks.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, setting, str } from "../../lib/values";
import { replicasOf } from "../../lib/replicas";

/** The region inside a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>). */
function keyRegion(arn: string): string | undefined {
    const parts = arn.split(":");
    return parts[0] === "arn" && parts[2] === "kms" ? parts[3] : undefined;
}

export const tableCustomerKmsKey = resourceRule({
    name: "aws-dynamodb-table-customer-kms-key",
    description: "DynamoDB tables and every replica are encrypted with a customer managed KMS key in their own region.",
    severity: "high",
    url: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.howitworks.html",
    remediationSteps: "Create an aws.kms.Key per region and set serverSideEncryption.kmsKeyArn and replicas[].kmsKeyArn.",
    types: ["aws:dynamodb/table:Table"],
    validate: ({ props, region }, report) => {
        const sse = props.serverSideEncryption;
        if (!isUnknown(sse)) {
            if (sse?.enabled !== true && !isUnknown(sse?.enabled)) {
                report(`serverSideEncryption.enabled is ${setting(sse?.enabled)}; allowed: true with a customer managed kmsKeyArn`);
            } else if (!isUnknown(sse?.kmsKeyArn)) {
                const arn = str(sse?.kmsKeyArn);
                if (!arn) report("serverSideEncryption.kmsKeyArn is unset (the AWS managed key); allowed: the ARN of a customer managed key");
                else if (typeof region === "string" && keyRegion(arn) && keyRegion(arn) !== region) {
                    report(`serverSideEncryption.kmsKeyArn is a key in ${keyRegion(arn)}; allowed: a key in the table's region ${region}`);
                }
            }
        }
        for (const r of replicasOf(props)) {
            const v = r.props.kmsKeyArn;
            if (isUnknown(v)) continue;
            const arn = str(v);
            if (!arn) {
                report(`${r.label}: kmsKeyArn is unset (the AWS owned key); allowed: the ARN of a customer managed key in ${r.region ?? "the replica's region"}`);
            } else if (r.region && keyRegion(arn) && keyRegion(arn) !== r.region) {
                report(`${r.label}: kmsKeyArn is a key in ${keyRegion(arn)}; allowed: a key in ${r.region} (KMS keys are regional)`);
            }
        }
    },
});
