import { check, Case, UNKNOWN_STRING, withProps } from "../../testing/fixtures";
import { policyNoWildcardActions } from "./policy-no-wildcard-actions";
import { policyNoWildcardResources } from "./policy-no-wildcard-resources";
import { attachedPolicyAllowed } from "./attached-policy-allowed";
import { resourcePolicyNoPublicPrincipal } from "./resource-policy-no-public-principal";
import { servicePrincipalSourceCondition } from "./service-principal-source-condition";
import { functionRole, ROLE } from "../../../tests/fixtures/iam/role";
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

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const MANAGED = (where: string, arn = ADMIN) =>
    `${where} "${arn}" is an AWS managed policy; allowed: inline or customer managed policies, or an ARN listed in the pack config's allowedPolicyArns`;

describe("aws-iam-attached-policy-allowed", () => {
    const attachment = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", props: { role: "r", policyArn: "arn:aws:iam::123456789012:policy/app" } };
    test("passes a customer managed policy (its document is checked where the stack defines it)", async () => {
        expect(await check(attachedPolicyAllowed, attachment)).toEqual([]);
    });
    test.each<Case>([
        ["AdministratorAccess", (p) => (p.policyArn = ADMIN), [MANAGED("policyArn")]],
        [
            "the CodeDeploy managed role policy in another partition",
            (p) => (p.policyArn = "arn:aws-us-gov:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda"),
            [MANAGED("policyArn", "arn:aws-us-gov:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda")],
        ],
        ["unknown during preview", (p) => (p.policyArn = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(attachedPolicyAllowed, withProps(attachment, change))).toEqual(expected);
    });
    test("reads managedPolicyArns of a role and policyArns of the Exclusive types", async () => {
        expect(await check(attachedPolicyAllowed, { type: ROLE, props: { managedPolicyArns: ["arn:aws:iam::123456789012:policy/app", ADMIN] } })).toEqual([MANAGED("managedPolicyArns[1]")]);
        const exclusive = { type: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", props: { groupName: "ops", policyArns: [ADMIN] } };
        expect(await check(attachedPolicyAllowed, exclusive)).toEqual([MANAGED("policyArns[0]")]);
    });
    test("the pack config can allow a managed policy", async () => {
        const readOnly = withProps(attachment, (p) => (p.policyArn = "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        expect(await check(attachedPolicyAllowed, readOnly, { allowedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] })).toEqual([]);
    });
});

const PUBLIC = (label: string, actions: string) =>
    `${label}: grants ${actions} to the principal "*" without an account condition; allowed: named principals, or "*" with aws:SourceAccount, aws:SourceArn, aws:PrincipalAccount or aws:PrincipalOrgID`;

describe("aws-iam-resource-policy-no-public-principal", () => {
    const tablePolicy = {
        type: "aws:dynamodb/resourcePolicy:ResourcePolicy",
        props: { resourceArn: TABLE, policy: doc({ Sid: "Reader", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/reader" }, Action: "dynamodb:GetItem", Resource: TABLE }) },
    };
    test("passes a resource policy that names its principal", async () => {
        expect(await check(resourcePolicyNoPublicPrincipal, tablePolicy)).toEqual([]);
    });
    test.each<Case>([
        ["Principal *", (p) => (p.policy = doc({ Sid: "Open", Effect: "Allow", Principal: "*", Action: "dynamodb:GetItem", Resource: TABLE })), [PUBLIC("policy Open", "dynamodb:GetItem")]],
        [
            "Principal * within the account",
            (p) => (p.policy = doc({ Effect: "Allow", Principal: "*", Action: "dynamodb:GetItem", Resource: TABLE, Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } } })),
            [],
        ],
        [
            "an IfExists condition restricts nothing",
            (p) => (p.policy = doc({ Sid: "Maybe", Effect: "Allow", Principal: "*", Action: "dynamodb:GetItem", Resource: TABLE, Condition: { StringEqualsIfExists: { "aws:SourceAccount": "1" } } })),
            [PUBLIC("policy Maybe", "dynamodb:GetItem")],
        ],
        [
            "NotPrincipal",
            (p) => (p.policy = doc({ Sid: "Others", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "dynamodb:GetItem", Resource: TABLE })),
            ["policy Others: NotPrincipal in an Allow statement allows every principal not listed; allowed: Principal with named principals"],
        ],
        ["Deny to everyone is fine", (p) => (p.policy = doc({ Effect: "Deny", Principal: "*", Action: "dynamodb:*", Resource: TABLE })), []],
        ["unknown during preview", (p) => (p.policy = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(resourcePolicyNoPublicPrincipal, withProps(tablePolicy, change))).toEqual(expected);
    });
    test("a Lambda permission for * needs a source", async () => {
        const permission = { type: "aws:lambda/permission:Permission", props: { function: "f", action: "lambda:InvokeFunction", principal: "*" } };
        expect(await check(resourcePolicyNoPublicPrincipal, permission)).toEqual([PUBLIC("permission permission", "lambda:InvokeFunction")]);
        expect(await check(resourcePolicyNoPublicPrincipal, withProps(permission, (p) => (p.principalOrgId = "o-abc")))).toEqual([]);
    });
    test("leaves key policies to the KMS rule", async () => {
        expect(await check(resourcePolicyNoPublicPrincipal, { type: "aws:kms/key:Key", props: {} })).toBe("not applicable");
    });
});

const NO_SOURCE = (label: string, service: string) =>
    `${label}: grants to ${service} without a source condition; allowed: a condition on aws:SourceAccount, aws:SourceArn or aws:SourceOrgID`;

describe("aws-iam-service-principal-source-condition", () => {
    const role = { type: ROLE, props: functionRole() };
    test("passes the function role, trusted by Lambda of this account", async () => {
        expect(await check(servicePrincipalSourceCondition, role)).toEqual([]);
    });
    test.each<Case>([
        [
            "a trust policy without a condition",
            (p) => (p.assumeRolePolicy = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })),
            [NO_SOURCE("assumeRolePolicy Statement[0]", "lambda.amazonaws.com")],
        ],
        [
            "a condition that does not name the source",
            (p) => (p.assumeRolePolicy = doc({ Effect: "Allow", Principal: { Service: ["codedeploy.amazonaws.com"] }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:SecureTransport": "true" } } })),
            [NO_SOURCE("assumeRolePolicy Statement[0]", "codedeploy.amazonaws.com")],
        ],
        [
            "aws:SourceArn alone is enough",
            (p) => (p.assumeRolePolicy = doc({ Effect: "Allow", Principal: { Service: "codedeploy.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { ArnLike: { "aws:SourceArn": "arn:aws:codedeploy:us-east-1:1:deploymentgroup:a/*" } } })),
            [],
        ],
        ["an account principal needs none", (p) => (p.assumeRolePolicy = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" })), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(servicePrincipalSourceCondition, withProps(role, change))).toEqual(expected);
    });
    test("the CloudWatch Logs encryption context names the log group", async () => {
        const key = {
            type: "aws:kms/key:Key",
            props: {
                policy: doc({ Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.eu-west-1.amazonaws.com" }, Action: "kms:Decrypt", Resource: "*", Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:1:log-group:/a/*" } } }),
            },
        };
        expect(await check(servicePrincipalSourceCondition, key)).toEqual([]);
    });
    test("a Lambda permission's sourceAccount or sourceArn is its source condition", async () => {
        const permission = { type: "aws:lambda/permission:Permission", props: { function: "f", action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com" } };
        expect(await check(servicePrincipalSourceCondition, permission)).toEqual([NO_SOURCE("permission permission", "apigateway.amazonaws.com")]);
        expect(await check(servicePrincipalSourceCondition, withProps(permission, (p) => (p.sourceArn = "arn:aws:execute-api:eu-west-1:1:abc/*/*")))).toEqual([]);
        expect(await check(servicePrincipalSourceCondition, withProps(permission, (p) => (p.sourceAccount = UNKNOWN_STRING)))).toEqual([]);
    });
});
