import { MOCK_ACCOUNT_ID } from "../../mock-kit";
import { alarmTopicKeyPolicyDocument, KMS_ADMIN_ACTIONS, opsKeyPolicyDocument } from "../../components/kms";

/** CloudWatch may publish alarms to a topic encrypted with the key, for alarms of this account only (confused deputy). */
const CLOUDWATCH_OF_THIS_ACCOUNT = {
    Sid: "CloudWatchAlarmsPublishToTopic",
    Effect: "Allow",
    Principal: { Service: "cloudwatch.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } },
};

test("opsKeyPolicyDocument lets only this account's logs of this service and this account's CloudWatch alarms use the key", () => {
    const doc = opsKeyPolicyDocument({ partition: "aws", account: MOCK_ACCOUNT_ID, region: "eu-west-1", logGroupPrefix: "/activeactive/svc/" });
    // A key policy's resource is always "*" (this key); its actions carry no wildcard.
    expect((doc.Statement as any[]).flatMap((s) => s.Action).filter((a: string) => a.includes("*"))).toEqual([]);
    expect(doc).toEqual({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MOCK_ACCOUNT_ID}:root` }, Action: KMS_ADMIN_ACTIONS, Resource: "*" },
            {
                Sid: "CloudWatchLogsOfThisService",
                Effect: "Allow",
                Principal: { Service: "logs.eu-west-1.amazonaws.com" },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:eu-west-1:${MOCK_ACCOUNT_ID}:log-group:/activeactive/svc/*` } },
            },
            CLOUDWATCH_OF_THIS_ACCOUNT,
        ],
    });
});

test("alarmTopicKeyPolicyDocument: the account administers the key; only its CloudWatch alarms publish through it", () => {
    expect(alarmTopicKeyPolicyDocument({ partition: "aws", account: MOCK_ACCOUNT_ID })).toEqual({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MOCK_ACCOUNT_ID}:root` }, Action: KMS_ADMIN_ACTIONS, Resource: "*" },
            CLOUDWATCH_OF_THIS_ACCOUNT,
        ],
    });
});
