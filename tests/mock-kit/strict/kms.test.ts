/**
 * Strict mocks, KMS: the table key GlobalTable registers (the canonical fixture) and its alias pass; each constraint
 * of CreateKey, ReplicateKey and CreateAlias rejects one mutation with the API's message.
 */
import { computeOutputs } from "../../../mock-kit/outputs";
import { createStrictValidator } from "../../../mock-kit/strict";
import { ACCOUNT } from "../../fixtures/common";
import { KMS_KEY, TABLE_KEY_POLICY, tableKey } from "../../fixtures/kms/key";
import { check, Mutation, mutated, schema } from "./support";

const KEY = tableKey("us-east-1");
const ALIAS = { name: "alias/dynamodb/app-table-us-east-1", targetKeyId: "f4c44603-622d-95c5-6686-31d6410df4e9" } as Record<string, any>;
const policyOf = (doc: unknown) => JSON.stringify(doc);

describe("KMS", () => {
    const KEY_TYPE = KMS_KEY;
    const ALIAS_TYPE = "aws:kms/alias:Alias";
    const ve = (...v: string[]) => schema("ValidationException", ...v);

    test("the program's key and alias pass", () => {
        expect(check(KEY_TYPE, KEY)).toEqual([]);
        expect(check(ALIAS_TYPE, ALIAS)).toEqual([]);
    });

    test.each<Mutation>([
        ["a deletion window of 31 days", (t) => (t.deletionWindowInDays = 31), [ve("Value '31' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 30")]],
        ["a deletion window of 6 days", (t) => (t.deletionWindowInDays = 6), [ve("Value '6' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7")]],
        ["a rotation period of 30 days", (t) => (t.rotationPeriodInDays = 30), [ve("Value '30' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 90")]],
        ["a policy that is not JSON", (t) => (t.policy = "{Version: 2012-10-17}"), ["MalformedPolicyDocumentException: Syntax errors in policy."]],
        [
            "a key policy statement without principal",
            (t) => (t.policy = policyOf({ ...TABLE_KEY_POLICY, Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] })),
            ["MalformedPolicyDocumentException: Missing required field Principal"],
        ],
    ])("a key with %s is rejected", (_, mutate, expected) => {
        expect(check(KEY_TYPE, mutated(KEY, mutate))).toEqual(expected);
    });

    test.each<Mutation>([
        ["no alias/ prefix", (t) => (t.name = "dynamodb/table"), ['ValidationException: Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html']],
        ["a colon", (t) => (t.name = "alias/dynamodb:table"), ["ValidationException: alias/dynamodb:table contains invalid characters for an alias"]],
        ["the reserved alias/aws/ prefix", (t) => (t.name = "alias/aws/dynamodb"), ["NotAuthorizedException: alias/aws/dynamodb: the alias/aws/ prefix is reserved for AWS managed keys"]],
        ["257 characters", (t) => (t.name = `alias/${"a".repeat(251)}`), [ve(`Value 'alias/${"a".repeat(251)}' at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256`)]],
    ])("an alias with %s is rejected", (_, mutate, expected) => {
        expect(check(ALIAS_TYPE, mutated(ALIAS, mutate))).toEqual(expected);
    });

    test("an alias name is unique per region, not across regions", () => {
        const v = createStrictValidator();
        expect(check(ALIAS_TYPE, ALIAS, v)).toEqual([]);
        expect(check(ALIAS_TYPE, ALIAS, v, "us-west-2")).toEqual([]);
        expect(check(ALIAS_TYPE, ALIAS, v)).toEqual([
            `AlreadyExistsException: An alias with the name arn:aws:kms:us-east-1:${ACCOUNT}:${ALIAS.name} already exists`,
        ]);
    });

    test("an alias of a key in another region is rejected: KMS looks the key up in the alias's region", () => {
        const v = createStrictValidator();
        expect(check(KEY_TYPE, KEY, v, "eu-west-1")).toEqual([]);
        const keyId = computeOutputs({ type: KEY_TYPE, name: "r", inputs: KEY, region: "eu-west-1" }).id;
        expect(check(ALIAS_TYPE, { ...ALIAS, targetKeyId: keyId }, v)).toEqual([`NotFoundException: Key '${keyId}' does not exist`]);
    });

    test("a replica key in its primary's region is rejected", () => {
        const replica = { primaryKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/mrk-1234abcd12ab34cd56ef1234567890ab`, deletionWindowInDays: 30 };
        expect(check("aws:kms/replicaKey:ReplicaKey", replica, createStrictValidator(), "us-west-2")).toEqual([]);
        expect(check("aws:kms/replicaKey:ReplicaKey", replica)).toEqual(["ValidationException: The replica Region us-east-1 must differ from the primary key's Region"]);
    });
});
