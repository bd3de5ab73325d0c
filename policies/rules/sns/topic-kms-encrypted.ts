/**
 * aws-sns-topic-kms-encrypted
 *
 * Requires: SNS topics are encrypted with a customer managed KMS key (`kmsMasterKeyId` set, and not the AWS
 * managed `alias/aws/sns`).
 * Why: alarm notifications name the stack's functions, tables and regions; unencrypted topics keep them in clear at
 * rest. The AWS managed key cannot be used: its key policy cannot be edited to let CloudWatch publish, so alarms
 * on such a topic silently fail to notify.
 * Severity: medium.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, setting, str } from "../../lib/values";

/** The AWS managed key of SNS, as an alias or an alias ARN. */
function isAwsManagedSnsKey(key: string): boolean {
    return key === "alias/aws/sns" || /^arn:[^:]+:kms:[^:]*:[^:]*:alias\/aws\/sns$/.test(key);
}

export const topicKmsEncrypted = resourceRule({
    name: "aws-sns-topic-kms-encrypted",
    description: "SNS topics are encrypted with a customer managed KMS key.",
    severity: "medium",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html",
    remediationSteps: "Set kmsMasterKeyId to a customer managed key whose policy lets cloudwatch.amazonaws.com use it (with aws:SourceAccount).",
    types: ["aws:sns/topic:Topic"],
    validate: ({ props }, report) => {
        const key = props.kmsMasterKeyId;
        if (isUnknown(key)) return;
        if (!str(key)) report(`kmsMasterKeyId is ${setting(key)}; allowed: a customer managed KMS key`);
        else if (isAwsManagedSnsKey(key)) report(`kmsMasterKeyId "${key}" is the AWS managed key, which CloudWatch alarms cannot use; allowed: a customer managed KMS key`);
    },
});
