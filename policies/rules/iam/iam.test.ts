import { check, Case, UNKNOWN_STRING, withProps } from "../../testing/fixtures";
import { policyNoWildcardActions } from "./policy-no-wildcard-actions";
import { policyNoWildcardResources } from "./policy-no-wildcard-resources";
import { functionPolicy, ROLE_POLICY } from "../../../tests/fixtures/iam/role-policy";

const TABLE = "arn:aws:dynamodb:us-west-2:123456789012:table/app-table";

function doc(...statements: Record<string, unknown>[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

const rolePolicy = { type: ROLE_POLICY, region: "us-west-2", props: functionPolicy("us-west-2") };

describe("aws-iam-policy-no-wildcard-actions", () => {
    test("passes a policy of named actions", async () => {
        expect(await check(policyNoWildcardActions, rolePolicy)).toEqual([]);
    });
    test.each<Case>([
        [
            "service wildcard",
            (p) => (p.policy = doc({ Sid: "Table", Effect: "Allow", Action: ["dynamodb:*"], Resource: TABLE })),
            ['policy Table: Action "dynamodb:*" is a wildcard; allowed: named actions, e.g. "dynamodb:GetItem"'],
        ],
        [
            "full wildcard as a single string",
            (p) => (p.policy = doc({ Effect: "Allow", Action: "*", Resource: TABLE })),
            ['policy Statement[0]: Action "*" is a wildcard; allowed: named actions, e.g. "dynamodb:GetItem"'],
        ],
        [
            "NotAction in an Allow",
            (p) => (p.policy = doc({ Sid: "Almost", Effect: "Allow", NotAction: "iam:*", Resource: TABLE })),
            ["policy Almost: NotAction in an Allow statement allows every other action; allowed: Action with named actions"],
        ],
        [
            "a prefix pattern is a wildcard too (it grows with every new action)",
            (p) => (p.policy = doc({ Effect: "Allow", Action: "dynamodb:Get*", Resource: TABLE })),
            ['policy Statement[0]: Action "dynamodb:Get*" is a wildcard; allowed: named actions, e.g. "dynamodb:GetItem"'],
        ],
        [
            "IAM's wildcard grammar: ** and ? and infix patterns",
            (p) => (p.policy = doc({ Sid: "Globs", Effect: "Allow", Action: ["dynamodb:**", "iam:?*", "kms:*crypt*", "dynamodb:GetItem"], Resource: TABLE })),
            [
                'policy Globs: Action "dynamodb:**" is a wildcard; allowed: named actions, e.g. "dynamodb:GetItem"',
                'policy Globs: Action "iam:?*" is a wildcard; allowed: named actions, e.g. "dynamodb:GetItem"',
                'policy Globs: Action "kms:*crypt*" is a wildcard; allowed: named actions, e.g. "dynamodb:GetItem"',
            ],
        ],
        ["Deny with a wildcard is fine", (p) => (p.policy = doc({ Effect: "Deny", Action: "*", Resource: "*" })), []],
        [
            "object form of the document",
            (p) => (p.policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: ["arn:aws:s3:::b"] }] }),
            ['policy Statement[0]: Action "s3:*" is a wildcard; allowed: named actions, e.g. "dynamodb:GetItem"'],
        ],
        ["unknown during preview", (p) => (p.policy = UNKNOWN_STRING), []],
        ["invalid JSON", (p) => (p.policy = "nope{"), ["policy is not valid JSON; allowed: a JSON policy document"]],
    ])("%s", async (_title, change, expected) => {
        expect(await check(policyNoWildcardActions, withProps(rolePolicy, change))).toEqual(expected);
    });
    test("checks a role's inline policies, not its trust policy", async () => {
        const role = {
            type: "aws:iam/role:Role",
            props: {
                assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:*" }),
                inlinePolicies: [{ name: "data", policy: doc({ Effect: "Allow", Action: "dynamodb:*", Resource: TABLE }) }],
            },
        };
        expect(await check(policyNoWildcardActions, role)).toEqual([
            'inlinePolicies[0] ("data") Statement[0]: Action "dynamodb:*" is a wildcard; allowed: named actions, e.g. "dynamodb:GetItem"',
        ]);
    });
    test("checks managed policies", async () => {
        const managed = { type: "aws:iam/policy:Policy", props: { policy: doc({ Effect: "Allow", Action: "*:*", Resource: TABLE }) } };
        expect(await check(policyNoWildcardActions, managed)).toEqual(['policy Statement[0]: Action "*:*" is a wildcard; allowed: named actions, e.g. "dynamodb:GetItem"']);
    });
});

describe("aws-iam-policy-no-wildcard-resources", () => {
    test("passes a policy that names its resources", async () => {
        expect(await check(policyNoWildcardResources, rolePolicy)).toEqual([]);
    });
    test.each<Case>([
        [
            'Resource "*"',
            (p) => (p.policy = doc({ Sid: "Table", Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: "*" })),
            ['policy Table: Resource "*" for dynamodb:GetItem; allowed: the ARNs the actions need'],
        ],
        [
            "NotResource in an Allow",
            (p) => (p.policy = doc({ Sid: "Most", Effect: "Allow", Action: ["dynamodb:GetItem"], NotResource: TABLE })),
            ["policy Most: NotResource in an Allow statement allows every other resource; allowed: Resource with named ARNs"],
        ],
        [
            "a wildcard region reaches the table in every region",
            (p) => (p.policy = doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "arn:aws:dynamodb:*:123456789012:table/app-table" })),
            ['policy Statement[0]: Resource "arn:aws:dynamodb:*:123456789012:table/app-table" has a wildcard in its region "*" for dynamodb:GetItem; allowed: ARNs that name their partition, service, region, account and resource'],
        ],
        [
            "every table of every account and region",
            (p) => (p.policy = doc({ Sid: "Tables", Effect: "Allow", Action: ["dynamodb:DeleteItem"], Resource: "arn:aws:dynamodb:*:*:table/*" })),
            ['policy Tables: Resource "arn:aws:dynamodb:*:*:table/*" has a wildcard in its region "*", account "*", resource "table/*" for dynamodb:DeleteItem; allowed: ARNs that name their partition, service, region, account and resource'],
        ],
        [
            "an ARN of wildcards",
            (p) => (p.policy = doc({ Sid: "All", Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: "arn:*:*:*:*:*" })),
            ['policy All: Resource "arn:*:*:*:*:*" has a wildcard in its partition "*", service "*", region "*", account "*", resource "*" for dynamodb:GetItem; allowed: ARNs that name their partition, service, region, account and resource'],
        ],
        [
            "? is a wildcard too",
            (p) => (p.policy = doc({ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: "arn:aws:dynamodb:us-west-2:12345678901?:table/app-table" })),
            ['policy Statement[0]: Resource "arn:aws:dynamodb:us-west-2:12345678901?:table/app-table" has a wildcard in its account "12345678901?" for dynamodb:GetItem; allowed: ARNs that name their partition, service, region, account and resource'],
        ],
        ["a wildcard after a named table stays inside it", (p) => (p.policy = doc({ Effect: "Allow", Action: "dynamodb:Query", Resource: `${TABLE}/index/*` })), []],
        ["an S3 object pattern inside a named bucket", (p) => (p.policy = doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::my-bucket/*" })), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(policyNoWildcardResources, withProps(rolePolicy, change))).toEqual(expected);
    });
    test("actions listed in the config may use Resource \"*\"", async () => {
        const xray = withProps(rolePolicy, (p) => (p.policy = doc({ Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*" })));
        expect(await check(policyNoWildcardResources, xray)).toEqual(['policy Statement[0]: Resource "*" for xray:PutTraceSegments, xray:PutTelemetryRecords; allowed: the ARNs the actions need']);
        expect(await check(policyNoWildcardResources, xray, { allowedActions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"] })).toEqual([]);
    });
});
