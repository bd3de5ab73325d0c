import { check, Case, UNKNOWN_STRING, withProps } from "../../testing/fixtures";
import { logGroupKmsEncrypted } from "./log-group-kms-encrypted";
import { logGroupRetention } from "./log-group-retention";
import { functionLogGroup, LOG_GROUP } from "../../../tests/fixtures/cloudwatch/log-group";

const logGroup = { type: LOG_GROUP, region: "us-west-2", props: functionLogGroup("us-west-2") };

describe("aws-cloudwatch-log-group-retention", () => {
    test("passes a log group with retention", async () => {
        expect(await check(logGroupRetention, logGroup)).toEqual([]);
    });
    test.each<Case>([
        ["unset", (p) => delete p.retentionInDays, ["retentionInDays is unset (logs never expire); allowed: at least 1"]],
        ["0 (never expire)", (p) => (p.retentionInDays = 0), ["retentionInDays is 0 (logs never expire); allowed: at least 1"]],
    ])("%s", async (_title, change, expected) => {
        expect(await check(logGroupRetention, withProps(logGroup, change))).toEqual(expected);
    });
    test("the minimum comes from the pack config", async () => {
        expect(await check(logGroupRetention, logGroup, { minRetentionDays: 365 })).toEqual(["retentionInDays is 90; allowed: at least 365"]);
    });
});

describe("aws-cloudwatch-log-group-kms-encrypted", () => {
    test("passes a log group with a key", async () => {
        expect(await check(logGroupKmsEncrypted, logGroup)).toEqual([]);
    });
    test.each<Case>([
        ["no key", (p) => delete p.kmsKeyId, ["kmsKeyId is unset; allowed: the ARN of a customer managed key in the log group's region"]],
        ["key unknown during preview", (p) => (p.kmsKeyId = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(logGroupKmsEncrypted, withProps(logGroup, change))).toEqual(expected);
    });
});
