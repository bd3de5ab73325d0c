import { check, Case, UNKNOWN_STRING, withProps } from "../../testing/fixtures";
import { topicKmsEncrypted } from "./topic-kms-encrypted";

const topic = { type: "aws:sns/topic:Topic", region: "eu-west-1", props: { kmsMasterKeyId: "arn:aws:kms:eu-west-1:123456789012:key/ops", tags: {} } };

describe("aws-sns-topic-kms-encrypted", () => {
    test("passes a topic under a customer managed key", async () => {
        expect(await check(topicKmsEncrypted, topic)).toEqual([]);
    });
    test.each<Case>([
        ["unencrypted", (p) => delete p.kmsMasterKeyId, ["kmsMasterKeyId is unset; allowed: a customer managed KMS key"]],
        ["the AWS managed key", (p) => (p.kmsMasterKeyId = "alias/aws/sns"), ['kmsMasterKeyId "alias/aws/sns" is the AWS managed key, which CloudWatch alarms cannot use; allowed: a customer managed KMS key']],
        [
            "the AWS managed key by ARN",
            (p) => (p.kmsMasterKeyId = "arn:aws:kms:eu-west-1:123456789012:alias/aws/sns"),
            ['kmsMasterKeyId "arn:aws:kms:eu-west-1:123456789012:alias/aws/sns" is the AWS managed key, which CloudWatch alarms cannot use; allowed: a customer managed KMS key'],
        ],
        ["unknown during preview", (p) => (p.kmsMasterKeyId = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(topicKmsEncrypted, withProps(topic, change))).toEqual(expected);
    });
});
