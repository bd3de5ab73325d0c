/**
 * Strict mocks, DynamoDB: the tables GlobalTable registers (the canonical fixtures: prod with eventual consistency and
 * a replica per region; dev with consistency "strong", two regions and a witness) pass, and each constraint rejects
 * one mutation with the API's message.
 */
import { unknown } from "@pulumi/pulumi/output";
import { computeOutputs } from "../../../mock-kit/outputs";
import { createStrictValidator, StrictValidator } from "../../../mock-kit/strict";
import { ACCOUNT } from "../../fixtures/common";
import { globalTable, TABLE as TABLE_TYPE, TABLE_NAME } from "../../fixtures/dynamodb/table";
import { keyArn } from "../../fixtures/kms/key";
import { Mutation, mutated, schema as schemaOf } from "./support";

/** As GlobalTable registers it for prod (home us-east-1). */
const EVENTUAL = globalTable();
/** As GlobalTable registers it for dev with consistency "strong", regions us-east-1 + us-east-2, witness us-west-2. */
const STRONG = globalTable({ regions: ["us-east-1", "us-east-2"], consistency: "strong", witness: "us-west-2" });

const invalid = (m: string) => `ValidationException: One or more parameter values were invalid: ${m}`;
const schema = (...violations: string[]) => schemaOf("ValidationException", ...violations);
const LOCAL = "ValidationException: Cannot add, delete, or update the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or UpdateTable as required.";

function check(inputs: Record<string, any>, region = "us-east-1", v: StrictValidator = createStrictValidator()): string[] {
    return v.validate({ type: TABLE_TYPE, name: "active-active-table-table", inputs, region });
}

describe("aws:dynamodb/table:Table, eventual consistency", () => {
    test("the program's table passes", () => {
        expect(check(EVENTUAL)).toEqual([]);
    });

    test.each<Mutation>([
        ["table name shorter than 3", (t) => (t.name = "ab"), [schema("Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3")]],
        ["table name longer than 255", (t) => (t.name = "t".repeat(256)), [schema(`Value '${"t".repeat(256)}' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255`)]],
        ["table name with a space", (t) => (t.name = "my table"), [schema("Value 'my table' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")]],
        ["no partition key", (t) => delete t.hashKey, [schema("Value null at 'keySchema' failed to satisfy constraint: Member must not be null")]],
        [
            "an on-demand ceiling on a provisioned table",
            (t) => Object.assign(t, { billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5 }),
            [invalid("MaxReadRequestUnits for OnDemandThroughput cannot be specified when table BillingMode is PROVISIONED.")],
        ],
        ["an on-demand write ceiling of 0", (t) => (t.onDemandThroughput.maxWriteRequestUnits = 0), [invalid("Requested MaxWriteRequestUnits for OnDemandThroughput for table is outside of valid range")]],
        ["an on-demand ceiling of -1 at creation", (t) => (t.onDemandThroughput.maxReadRequestUnits = -1), [invalid("Requested MaxReadRequestUnits for OnDemandThroughput for table is outside of valid range")]],
        ["attribute of type X", (t) => (t.attributes[0].type = "X"), [schema("Value 'X' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]")]],
        [
            "index key not declared",
            (t) => (t.attributes = t.attributes.filter((a: any) => a.name !== "owner")),
            [invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: [owner], AttributeDefinitions: [pk, sk, updatedAt]")],
        ],
        [
            "sort key not declared",
            (t) => (t.attributes = t.attributes.filter((a: any) => a.name !== "sk")),
            ["ValidationException: Invalid KeySchema: Some index key attribute have no definition"],
        ],
        [
            "an attribute no key uses",
            (t) => t.attributes.push({ name: "email", type: "S" }),
            [invalid("Some AttributeDefinitions are not used. AttributeDefinitions: [pk, sk, owner, updatedAt, email], keys used: [pk, sk, owner, updatedAt]")],
        ],
        ["an attribute declared twice", (t) => t.attributes.push({ name: "pk", type: "S" }), [invalid("Cannot have two attributes with the same name: pk")]],
        ["index name shorter than 3", (t) => (t.globalSecondaryIndexes[0].name = "ix"), [schema("Value 'ix' at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3")]],
        ["two indexes with one name", (t) => t.globalSecondaryIndexes.push(structuredClone(t.globalSecondaryIndexes[0])), [invalid("Duplicate index name: by-owner")]],
        [
            "21 global secondary indexes",
            (t) => (t.globalSecondaryIndexes = Array.from({ length: 21 }, (_, n) => ({ ...t.globalSecondaryIndexes[0], name: `by-owner-${n}` }))),
            [invalid("GlobalSecondaryIndexes count 21 exceeds the per-table limit of 20")],
        ],
        ["projection SOME", (t) => (t.globalSecondaryIndexes[0].projectionType = "SOME"), [schema("Value 'SOME' at 'globalSecondaryIndexes.1.member.projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, KEYS_ONLY, INCLUDE]")]],
        ["non-key attributes with projection ALL", (t) => (t.globalSecondaryIndexes[0].nonKeyAttributes = ["email"]), [invalid("ProjectionType is ALL, but NonKeyAttributes is specified")]],
        [
            "a local index on a table without sort key",
            (t) => {
                delete t.rangeKey;
                t.attributes = t.attributes.filter((a: any) => a.name !== "sk");
                t.localSecondaryIndexes = [{ name: "by-updated", rangeKey: "updatedAt", projectionType: "ALL" }];
            },
            [invalid("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")],
        ],
        ["billing mode ON_DEMAND", (t) => (t.billingMode = "ON_DEMAND"), [schema("Value 'ON_DEMAND' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]")]],
        ["PROVISIONED without capacity", (t) => ((t.billingMode = "PROVISIONED"), delete t.onDemandThroughput), [invalid("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")]],
        [
            "PROVISIONED with 0 read capacity",
            (t) => Object.assign(t, { billingMode: "PROVISIONED", readCapacity: 0, writeCapacity: 5, onDemandThroughput: undefined }),
            [schema("Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1")],
        ],
        ["recovery period of 36 days", (t) => (t.pointInTimeRecovery.recoveryPeriodInDays = 36), [schema("Value '36' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35")]],
        ["stream view NEW_IMAGE", (t) => (t.streamViewType = "NEW_IMAGE"), [invalid("Replicas need DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES; got streamEnabled true, streamViewType NEW_IMAGE")]],
        ["streams off", (t) => (t.streamEnabled = false), [invalid("Replicas need DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES; got streamEnabled false, streamViewType NEW_AND_OLD_IMAGES")]],
        ["streams not set", (t) => delete t.streamEnabled, [invalid("Replicas need DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES; got streamEnabled unset, streamViewType NEW_AND_OLD_IMAGES")]],
        ["a replica in the home region", (t) => t.replicas.push({ regionName: "us-east-1", kmsKeyArn: keyArn("us-east-1") }), [LOCAL]],
        ["a region listed twice", (t) => t.replicas.push({ ...t.replicas[0] }), [invalid("Only one replica per Region is allowed; us-west-2 is listed 2 times")]],
        [
            "a replica in a region that does not exist",
            (t) => t.replicas.push({ regionName: "us-west-9", kmsKeyArn: keyArn("us-west-9") }),
            [invalid(`Replica Region us-west-9 is not an AWS Region; allowed: us-east-1, us-east-2, us-west-1, us-west-2, af-south-1, ap-east-1, ap-east-2, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-7, ap-northeast-1, ap-northeast-2, ap-northeast-3, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-west-1, eu-west-2, eu-west-3, eu-south-1, eu-south-2, eu-north-1, il-central-1, me-south-1, me-central-1, mx-central-1, sa-east-1`)],
        ],
        ["replicas with different consistency modes", (t) => (t.replicas[0].consistencyMode = "STRONG"), [invalid("Every replica of a global table must use the same consistency mode; got STRONG, EVENTUAL")]],
        [
            "consistency mode STRICT",
            (t) => t.replicas.forEach((r: any) => (r.consistencyMode = "STRICT")),
            [
                schema(
                    "Value 'STRICT' at 'replicaUpdates.1.member.create.multiRegionConsistency' failed to satisfy constraint: Member must satisfy enum value set: [EVENTUAL, STRONG]",
                    "Value 'STRICT' at 'replicaUpdates.2.member.create.multiRegionConsistency' failed to satisfy constraint: Member must satisfy enum value set: [EVENTUAL, STRONG]",
                ),
            ],
        ],
        ["a witness with eventual consistency", (t) => (t.globalTableWitness = { regionName: "us-east-2" }), [invalid("A witness Region (us-east-2) is only supported with multi-Region strong consistency; set every replica's consistencyMode to STRONG")]],
        ["a replica key from another region", (t) => (t.replicas[1].kmsKeyArn = keyArn("us-east-1")), [invalid(`KMS key ${keyArn("us-east-1")} is in us-east-1; the replica in eu-west-1 needs a key in its own Region`)]],
        ["a replica without key while the table has one", (t) => delete t.replicas[1].kmsKeyArn, [invalid("KMSMasterKeyId must be specified for each replica.")]],
        ["a table key from another region", (t) => (t.serverSideEncryption.kmsKeyArn = keyArn("us-west-2")), [invalid(`KMS key ${keyArn("us-west-2")} is in us-west-2; the table in us-east-1 needs a key in its own Region`)]],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(mutated(EVENTUAL, mutate))).toEqual(expected);
    });

    test("a replica key given by id is placed by the key this kit registered", () => {
        const v = createStrictValidator();
        const key = { description: "replica key", deletionWindowInDays: 30, enableKeyRotation: true };
        expect(v.validate({ type: "aws:kms/key:Key", name: "k-us-east-1", inputs: key, region: "us-east-1" })).toEqual([]);
        // The mock derives the key id from type and name; the validator learns it from the registration.
        const keyId: string = computeOutputs({ type: "aws:kms/key:Key", name: "k-us-east-1", inputs: key, region: "us-east-1" }).id;
        const table = mutated(EVENTUAL, (t) => (t.replicas[1].kmsKeyArn = keyId));
        expect(check(table, "us-east-1", v)).toEqual([invalid(`KMS key ${keyId} is in us-east-1; the replica in eu-west-1 needs a key in its own Region`)]);
    });

    test("a replica list that is unknown during preview is not judged", () => {
        expect(check({ ...EVENTUAL, replicas: unknown, streamEnabled: false })).toEqual([]);
    });
});

describe("aws:dynamodb/table:Table, strong consistency", () => {
    test("the program's table (two regions and a witness) passes", () => {
        expect(check(STRONG)).toEqual([]);
    });

    test("three regions without witness pass", () => {
        const t = mutated(STRONG, (s) => {
            delete s.globalTableWitness;
            s.replicas.push({ ...s.replicas[0], regionName: "us-west-2", kmsKeyArn: keyArn("us-west-2") });
        });
        expect(check(t)).toEqual([]);
    });

    test.each<Mutation>([
        [
            "two replicas and a witness",
            (t) => t.replicas.push({ ...t.replicas[0], regionName: "us-west-1", kmsKeyArn: keyArn("us-west-1") }),
            [invalid("Multi-Region strong consistency needs exactly three Regions: the table's and two replicas, or the table's, one replica and a witness; got us-east-1, us-east-2, us-west-1 and witness us-west-2")],
        ],
        [
            "one replica and no witness",
            (t) => delete t.globalTableWitness,
            [invalid("Multi-Region strong consistency needs exactly three Regions: the table's and two replicas, or the table's, one replica and a witness; got us-east-1, us-east-2 and no witness")],
        ],
        ["the witness in a replica's region", (t) => (t.globalTableWitness.regionName = "us-east-2"), [invalid("The witness Region us-east-2 must differ from the table's and the replicas' Regions (us-east-1, us-east-2)")]],
        [
            "regions of two region sets",
            (t) => Object.assign(t.replicas[0], { regionName: "eu-west-1", kmsKeyArn: keyArn("eu-west-1") }),
            [invalid("Multi-Region strong consistency needs every Region in one Region set (US: us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3); got us-east-1, eu-west-1, us-west-2")],
        ],
        ["time to live", (t) => (t.ttl = { attributeName: "expiresAt", enabled: true }), [invalid("Time to Live is not supported on a global table with multi-Region strong consistency")]],
        [
            "a local secondary index",
            (t) => {
                t.attributes.push({ name: "updatedAt", type: "S" });
                t.localSecondaryIndexes = [{ name: "by-updated", rangeKey: "updatedAt", projectionType: "ALL" }];
            },
            [invalid("Local secondary indexes are not supported on a global table with multi-Region strong consistency")],
        ],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(mutated(STRONG, mutate))).toEqual(expected);
    });
});

describe("aws:dynamodb/tableReplica:TableReplica", () => {
    const TABLE_ARN = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${TABLE_NAME}`;
    const REPLICA = { globalTableArn: TABLE_ARN, kmsKeyArn: keyArn("us-west-2"), pointInTimeRecovery: true, deletionProtectionEnabled: true };
    const replica = (inputs: Record<string, any>, region: string, v = createStrictValidator()) =>
        v.validate({ type: "aws:dynamodb/tableReplica:TableReplica", name: "replica", inputs, region });

    test("a replica in another region with its own key passes", () => {
        expect(replica(REPLICA, "us-west-2")).toEqual([]);
    });

    test("a replica in the table's region is rejected", () => {
        expect(replica({ ...REPLICA, kmsKeyArn: keyArn("us-east-1") }, "us-east-1")).toEqual([LOCAL]);
    });

    test("a replica key from another region is rejected", () => {
        expect(replica({ ...REPLICA, kmsKeyArn: keyArn("eu-west-1") }, "us-west-2")).toEqual([
            invalid(`KMS key ${keyArn("eu-west-1")} is in eu-west-1; the replica in us-west-2 needs a key in its own Region`),
        ]);
    });

    test("a second replica in a region the table's inline replicas already cover is rejected", () => {
        const v = createStrictValidator();
        expect(check(EVENTUAL, "us-east-1", v)).toEqual([]);
        expect(replica(REPLICA, "us-west-2", v)).toEqual([invalid(`Only one replica per Region is allowed; ${TABLE_ARN} already has a replica in us-west-2`)]);
    });
});
