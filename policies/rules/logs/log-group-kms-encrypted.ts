/**
 * aws-cloudwatch-log-group-kms-encrypted
 *
 * Requires: log groups set `kmsKeyId` (a customer managed key in the log group's region).
 * Why: request logs carry identifiers and payload fragments; with a customer managed key, access to them is
 * governed and audited like access to the table.
 * Severity: low.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, str } from "../../lib/values";

export const logGroupKmsEncrypted = resourceRule({
    name: "aws-cloudwatch-log-group-kms-encrypted",
    description: "CloudWatch log groups are encrypted with a customer managed KMS key.",
    severity: "low",
    url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
    remediationSteps: "Set kmsKeyId to the region's key ARN; its key policy must allow logs.<region>.amazonaws.com.",
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    validate: ({ props }, report) => {
        if (isUnknown(props.kmsKeyId)) return;
        if (!str(props.kmsKeyId)) report("kmsKeyId is unset; allowed: the ARN of a customer managed key in the log group's region");
    },
});
