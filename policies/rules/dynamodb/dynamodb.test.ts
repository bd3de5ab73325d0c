import { activeActiveStack, check, checkStack, Case, keyArn, mutate, resource, UNKNOWN_STRING, urnOf, withProps } from "../../testing/fixtures";
import { tableKeyInStack } from "./table-key-in-stack";
import { tableOnDemandThroughputCapped } from "./table-on-demand-throughput-capped";
import { tableCustomerKmsKey } from "./table-customer-kms-key";
import { tableDeletionProtectionEnabled } from "./table-deletion-protection-enabled";
import { tablePitrEnabled } from "./table-pitr-enabled";
import { tableStreamsNewAndOldImages } from "./table-streams-new-and-old-images";
import { globalTable, TABLE } from "../../../tests/fixtures/dynamodb/table";

const table = { type: TABLE, region: "us-east-1", props: globalTable() };

describe("aws-dynamodb-table-pitr-enabled", () => {
    test("passes a table with PITR on the table and every replica", async () => {
        expect(await check(tablePitrEnabled, table)).toEqual([]);
    });
    test.each<Case>([
        ["table PITR off", (p) => (p.pointInTimeRecovery = { enabled: false }), ["pointInTimeRecovery.enabled is false; allowed: true"]],
        ["table PITR unset", (p) => delete p.pointInTimeRecovery, ["pointInTimeRecovery.enabled is unset; allowed: true"]],
        [
            "one replica without PITR",
            (p) => delete p.replicas[1].pointInTimeRecovery,
            ["replicas[1] (eu-west-1): pointInTimeRecovery is unset; allowed: true (a replica does not inherit the table's setting)"],
        ],
        [
            "one replica with PITR false",
            (p) => (p.replicas[0].pointInTimeRecovery = false),
            ["replicas[0] (us-west-2): pointInTimeRecovery is false; allowed: true (a replica does not inherit the table's setting)"],
        ],
        ["replica PITR unknown during preview", (p) => (p.replicas[0].pointInTimeRecovery = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7"), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(tablePitrEnabled, withProps(table, change))).toEqual(expected);
    });
    test("does not apply to other types", async () => {
        expect(await check(tablePitrEnabled, { type: "aws:kms/key:Key", props: {} })).toBe("not applicable");
    });
});

describe("aws-dynamodb-table-customer-kms-key", () => {
    test("passes a table and replicas each encrypted with a key of their own region", async () => {
        expect(await check(tableCustomerKmsKey, table)).toEqual([]);
    });
    test.each<Case>([
        [
            "encryption off (AWS owned key)",
            (p) => (p.serverSideEncryption = { enabled: false }),
            ["serverSideEncryption.enabled is false; allowed: true with a customer managed kmsKeyArn"],
        ],
        [
            "AWS managed key",
            (p) => (p.serverSideEncryption = { enabled: true }),
            ["serverSideEncryption.kmsKeyArn is unset (the AWS managed key); allowed: the ARN of a customer managed key"],
        ],
        [
            "table key from another region",
            (p) => (p.serverSideEncryption.kmsKeyArn = keyArn("eu-west-1")),
            ["serverSideEncryption.kmsKeyArn is a key in eu-west-1; allowed: a key in the table's region us-east-1"],
        ],
        [
            "replica without a key",
            (p) => delete p.replicas[0].kmsKeyArn,
            ["replicas[0] (us-west-2): kmsKeyArn is unset (the AWS owned key); allowed: the ARN of a customer managed key in us-west-2"],
        ],
        [
            "replica with the home region's key",
            (p) => (p.replicas[1].kmsKeyArn = keyArn("us-east-1")),
            ["replicas[1] (eu-west-1): kmsKeyArn is a key in us-east-1; allowed: a key in eu-west-1 (KMS keys are regional)"],
        ],
        ["key ARNs unknown during preview", (p) => ((p.serverSideEncryption.kmsKeyArn = UNKNOWN_STRING), (p.replicas[0].kmsKeyArn = UNKNOWN_STRING)), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(tableCustomerKmsKey, withProps(table, change))).toEqual(expected);
    });
});

describe("aws-dynamodb-table-deletion-protection-enabled", () => {
    test("passes a table with deletion protection on the table and every replica", async () => {
        expect(await check(tableDeletionProtectionEnabled, table)).toEqual([]);
    });
    test.each<Case>([
        ["table unprotected", (p) => (p.deletionProtectionEnabled = false), ["deletionProtectionEnabled is false; allowed: true"]],
        [
            "replica unprotected",
            (p) => delete p.replicas[1].deletionProtectionEnabled,
            ["replicas[1] (eu-west-1): deletionProtectionEnabled is unset; allowed: true (a replica does not inherit the table's setting)"],
        ],
        [
            "table and replica unprotected",
            (p) => {
                delete p.deletionProtectionEnabled;
                p.replicas[0].deletionProtectionEnabled = false;
            },
            [
                "deletionProtectionEnabled is unset; allowed: true",
                "replicas[0] (us-west-2): deletionProtectionEnabled is false; allowed: true (a replica does not inherit the table's setting)",
            ],
        ],
    ])("%s", async (_title, change, expected) => {
        expect(await check(tableDeletionProtectionEnabled, withProps(table, change))).toEqual(expected);
    });
});

describe("aws-dynamodb-table-streams-new-and-old-images", () => {
    test("passes a table with replicas streaming new and old images", async () => {
        expect(await check(tableStreamsNewAndOldImages, table)).toEqual([]);
    });
    test.each<Case>([
        [
            "stream off",
            (p) => delete p.streamEnabled,
            ["streamEnabled is unset on a table with 2 replica(s); allowed: true"],
        ],
        [
            "keys-only stream",
            (p) => (p.streamViewType = "KEYS_ONLY"),
            ['streamViewType is "KEYS_ONLY" on a table with 2 replica(s); allowed: "NEW_AND_OLD_IMAGES"'],
        ],
        ["no replicas: no stream needed", (p) => ((p.replicas = []), delete p.streamEnabled, delete p.streamViewType), []],
        [
            "strong consistency: no stream needed",
            (p) => {
                for (const r of p.replicas) r.consistencyMode = "STRONG";
                delete p.streamEnabled;
                delete p.streamViewType;
            },
            [],
        ],
    ])("%s", async (_title, change, expected) => {
        expect(await check(tableStreamsNewAndOldImages, withProps(table, change))).toEqual(expected);
    });
});

describe("standalone TableReplica", () => {
    const replica = { type: "aws:dynamodb/tableReplica:TableReplica", region: "eu-west-1", props: { globalTableArn: "arn:aws:dynamodb:us-east-1:123456789012:table/app-table", kmsKeyArn: keyArn("eu-west-1"), pointInTimeRecovery: true, deletionProtectionEnabled: true } };
    test("passes a replica with PITR, deletion protection and its region's key", async () => {
        for (const rule of [tablePitrEnabled, tableDeletionProtectionEnabled, tableCustomerKmsKey]) expect(await check(rule, replica)).toEqual([]);
    });
    test("PITR, deletion protection and the key are each checked", async () => {
        const bare = withProps(replica, (p) => ((p.pointInTimeRecovery = false), delete p.deletionProtectionEnabled, (p.kmsKeyArn = keyArn("us-east-1"))));
        expect(await check(tablePitrEnabled, bare)).toEqual(["TableReplica (eu-west-1): pointInTimeRecovery is false; allowed: true (a replica does not inherit the table's setting)"]);
        expect(await check(tableDeletionProtectionEnabled, bare)).toEqual(["TableReplica (eu-west-1): deletionProtectionEnabled is unset; allowed: true (a replica does not inherit the table's setting)"]);
        expect(await check(tableCustomerKmsKey, bare)).toEqual(["TableReplica (eu-west-1): kmsKeyArn is a key in us-east-1; allowed: a key in eu-west-1 (KMS keys are regional)"]);
    });
});

describe("aws-dynamodb-table-customer-kms-key: aliases", () => {
    test.each<Case>([
        [
            "the table under the AWS managed key's alias",
            (p) => (p.serverSideEncryption.kmsKeyArn = "alias/aws/dynamodb"),
            ['serverSideEncryption.kmsKeyArn "alias/aws/dynamodb" is an alias of the AWS managed key, not a key; allowed: the key ARN (arn:...:kms:<region>:<account>:key/<id>) of a customer managed key'],
        ],
        [
            "a replica under a customer alias ARN",
            (p) => (p.replicas[0].kmsKeyArn = "arn:aws:kms:us-west-2:123456789012:alias/app"),
            ['replicas[0] (us-west-2): kmsKeyArn "arn:aws:kms:us-west-2:123456789012:alias/app" is an alias, not a key; allowed: the key ARN (arn:...:kms:<region>:<account>:key/<id>) of a customer managed key'],
        ],
    ])("%s", async (_title, change, expected) => {
        expect(await check(tableCustomerKmsKey, withProps(table, change))).toEqual(expected);
    });
});

describe("aws-dynamodb-table-on-demand-throughput-capped", () => {
    test("passes the table and its index at GlobalTable's caps", async () => {
        expect(await check(tableOnDemandThroughputCapped, table)).toEqual([]);
    });
    test.each<Case>([
        [
            "no cap on the table",
            (p) => delete p.onDemandThroughput,
            [
                "onDemandThroughput.maxReadRequestUnits is unset (no cap: the table scales to the account quota); allowed: 1 to 40000 (pack config maxReadRequestUnits)",
                "onDemandThroughput.maxWriteRequestUnits is unset (no cap: the table scales to the account quota); allowed: 1 to 40000 (pack config maxWriteRequestUnits)",
            ],
        ],
        [
            "the index's write cap removed",
            (p) => (p.globalSecondaryIndexes[0].onDemandThroughput.maxWriteRequestUnits = -1),
            ["globalSecondaryIndexes[0] (by-owner).onDemandThroughput.maxWriteRequestUnits is -1 (-1 removes the cap); allowed: 1 to 40000 (pack config maxWriteRequestUnits)"],
        ],
        ["provisioned: its capacity is the cap", (p) => ((p.billingMode = "PROVISIONED"), delete p.onDemandThroughput), []],
        ["cap unknown during preview", (p) => (p.onDemandThroughput = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(tableOnDemandThroughputCapped, withProps(table, change))).toEqual(expected);
    });
    test("the pack config sets the ceiling", async () => {
        expect(await check(tableOnDemandThroughputCapped, table, { maxWriteRequestUnits: 500 })).toEqual([
            "onDemandThroughput.maxWriteRequestUnits is 1000; allowed: 1 to 500 (pack config maxWriteRequestUnits)",
            "globalSecondaryIndexes[0] (by-owner).onDemandThroughput.maxWriteRequestUnits is 1000; allowed: 1 to 500 (pack config maxWriteRequestUnits)",
        ]);
    });
});

describe("aws-dynamodb-table-key-in-stack", () => {
    const stack = activeActiveStack();
    test("passes a stack whose table and replicas use its own keys", async () => {
        expect(await checkStack(tableKeyInStack, stack)).toEqual([]);
    });
    test("a key of another account", async () => {
        const foreign = "arn:aws:kms:us-west-2:999999999999:key/k";
        expect(await checkStack(tableKeyInStack, mutate(stack, "app-table", (i) => (i.replicas[0].kmsKeyArn = foreign)))).toEqual([
            {
                message: `app-table replicas[0] (us-west-2): kmsKeyArn "${foreign}" is not a key of this stack; allowed: the ARN of an aws.kms.Key or aws.kms.ReplicaKey the stack creates`,
                urn: urnOf(TABLE, "app-table"),
            },
        ]);
    });
    test("keys unknown during preview are skipped; no table is not applicable", async () => {
        expect(await checkStack(tableKeyInStack, mutate(stack, "app-table", (i) => (i.serverSideEncryption.kmsKeyArn = UNKNOWN_STRING)))).toEqual([]);
        expect(await checkStack(tableKeyInStack, [resource("aws:s3/bucket:Bucket", "b", {}, { region: "us-east-1" })])).toBe("not applicable");
    });
});
