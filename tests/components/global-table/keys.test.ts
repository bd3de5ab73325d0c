/**
 * The table keys' pure parts: the key policy (from components/kms.ts) every region's key gets, its alias name, and
 * which keys keep Pulumi `protect`. The keys as registered are in index.test.ts.
 */
import { globalTableKeyPolicy, kmsAliasName } from "../../../components/kms";
import { keyProtected } from "../../../components/global-table/keys";

describe("table keys", () => {
    test("key policies: no wildcard principal; data-key use only through DynamoDB in the key's region", () => {
        const policy = globalTableKeyPolicy({ partition: "aws", dnsSuffix: "amazonaws.com", accountId: "111122223333", region: "eu-west-1" }) as {
            Statement: { Sid: string; Principal: unknown; Action: string[]; Condition?: unknown }[];
        };
        expect(policy.Statement.map((s) => [s.Sid, s.Principal])).toEqual([
            ["AccountAdministersKey", { AWS: "arn:aws:iam::111122223333:root" }],
            ["AccountUsesKeyThroughDynamoDB", { AWS: "arn:aws:iam::111122223333:root" }],
            ["AccountGrantsKeyToDynamoDB", { AWS: "arn:aws:iam::111122223333:root" }],
            ["DynamoDBReadsKeyMetadata", { Service: "dynamodb.amazonaws.com" }],
        ]);
        const admin = policy.Statement[0]!.Action;
        for (const crypto of ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:CreateGrant", "kms:*"]) {
            expect(admin).not.toContain(crypto);
        }
        const via = { "kms:ViaService": "dynamodb.eu-west-1.amazonaws.com", "kms:CallerAccount": "111122223333" };
        expect(policy.Statement[1]!.Condition).toEqual({ StringEquals: via });
        expect(policy.Statement[2]!.Condition).toEqual({ StringEquals: via, Bool: { "kms:GrantIsForAWSResource": "true" } });
        // The DynamoDB service principal reads metadata only when acting for this account (confused deputy, F12).
        expect(policy.Statement[3]!.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "111122223333" } });
    });

    test("alias names keep to the KMS alias pattern and stay out of alias/aws", () => {
        expect(kmsAliasName("aws.orders_v2", "eu-west-1")).toBe("alias/dynamodb/aws-orders_v2-eu-west-1");
        expect(kmsAliasName("aws.orders_v2", "eu-west-1")).toMatch(/^alias\/(?!aws)[A-Za-z0-9/_-]+$/);
    });

    test.each<[string, boolean, string[], string, boolean]>([
        ["protected, not being removed", true, [], "eu-west-1", true],
        ["protected, its replica being removed", true, ["eu-west-1"], "eu-west-1", false],
        ["another region being removed", true, ["us-west-2"], "eu-west-1", true],
        ["unprotected stack", false, [], "eu-west-1", false],
    ])("keyProtected: %s", (_label, protect, unprotectReplicas, region, expected) => {
        expect(keyProtected({ protect, unprotectReplicas }, region)).toBe(expected);
    });
});
