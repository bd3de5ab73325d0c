/**
 * The shapes the security review (F5) walked past the pack with: the compliant whole-stack fixture plus one
 * dangerous resource (or one change), run through the pack at the prod levels exactly as the plan runs it. Each
 * shape must now raise exactly the mandatory violations listed; the compliant stack raises none.
 */
import { mandatoryViolations, runPolicyPack, HarnessResource } from "./harness";
import { ACCOUNT, activeActiveStack, keyArn, mutate, resource } from "./testing/fixtures";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const FOREIGN = "999999999999";
const TABLE_ARN = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/app-table`;
const TRUST = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
});

function doc(...statements: Record<string, unknown>[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

function extra(type: string, name: string, inputs: Record<string, any>): HarnessResource[] {
    return [...activeActiveStack(), resource(type, name, inputs, { region: "us-east-1" })];
}

async function mandatory(resources: HarnessResource[]): Promise<[string, string, string][]> {
    const report = await runPolicyPack(resources, { env: "prod" });
    return mandatoryViolations(report).map((v) => [v.policy, v.name, v.message]);
}

const ATTACHED = `"${ADMIN}" is an AWS managed policy; allowed: inline or customer managed policies, or an ARN listed in the pack config's allowedPolicyArns`;
const ACTION = (label: string, a: string) => `policy ${label}: Action "${a}" is a wildcard; allowed: named actions, e.g. "dynamodb:GetItem"`;
const RESOURCE_MSG = "allowed: ARNs that name their partition, service, region, account and resource";

test("the compliant stack has no mandatory violation at the prod levels", async () => {
    expect(await mandatory(activeActiveStack())).toEqual([]);
});

describe.each<[string, () => HarnessResource[], [string, string, string][]]>([
    [
        "1. RolePolicyAttachment of AdministratorAccess",
        () => extra("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "admin", { role: "app-us-east-1-role", policyArn: ADMIN }),
        [["aws-iam-attached-policy-allowed", "admin", `policyArn ${ATTACHED}`]],
    ],
    [
        "2. a Role's managedPolicyArns",
        () => extra("aws:iam/role:Role", "admin-role", { assumeRolePolicy: TRUST, managedPolicyArns: [ADMIN] }),
        [["aws-iam-attached-policy-allowed", "admin-role", `managedPolicyArns[0] ${ATTACHED}`]],
    ],
    [
        "3. PolicyAttachment",
        () => extra("aws:iam/policyAttachment:PolicyAttachment", "admin-everyone", { roles: ["app-us-east-1-role"], policyArn: ADMIN }),
        [["aws-iam-attached-policy-allowed", "admin-everyone", `policyArn ${ATTACHED}`]],
    ],
    [
        "4. User and Group policy attachments",
        () => [
            ...extra("aws:iam/userPolicyAttachment:UserPolicyAttachment", "admin-user", { user: "mallory", policyArn: ADMIN }),
            resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "admin-group", { group: "ops", policyArn: ADMIN }, { region: "us-east-1" }),
        ],
        [
            ["aws-iam-attached-policy-allowed", "admin-user", `policyArn ${ATTACHED}`],
            ["aws-iam-attached-policy-allowed", "admin-group", `policyArn ${ATTACHED}`],
        ],
    ],
    [
        "5. RolePolicyAttachmentsExclusive",
        () => extra("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "exclusive", { roleName: "app-us-east-1-role", policyArns: [ADMIN] }),
        [["aws-iam-attached-policy-allowed", "exclusive", `policyArns[0] ${ATTACHED}`]],
    ],
    [
        "6. dynamodb:** on the table",
        () => extra("aws:iam/rolePolicy:RolePolicy", "globs", { role: "r", policy: doc({ Sid: "Glob", Effect: "Allow", Action: "dynamodb:**", Resource: TABLE_ARN }) }),
        [["aws-iam-policy-no-wildcard-actions", "globs", ACTION("Glob", "dynamodb:**")]],
    ],
    [
        "7. iam:?* and kms:*crypt*",
        () => extra("aws:iam/policy:Policy", "globs", { policy: doc({ Sid: "Glob", Effect: "Allow", Action: ["iam:?*", "kms:*crypt*"], Resource: TABLE_ARN }) }),
        [
            ["aws-iam-policy-no-wildcard-actions", "globs", ACTION("Glob", "iam:?*")],
            ["aws-iam-policy-no-wildcard-actions", "globs", ACTION("Glob", "kms:*crypt*")],
        ],
    ],
    [
        "8. dynamodb:Delete* on arn:aws:dynamodb:*:*:table/*",
        () => extra("aws:iam/rolePolicy:RolePolicy", "tables", { role: "r", policy: doc({ Sid: "T", Effect: "Allow", Action: "dynamodb:Delete*", Resource: "arn:aws:dynamodb:*:*:table/*" }) }),
        [
            ["aws-iam-policy-no-wildcard-actions", "tables", ACTION("T", "dynamodb:Delete*")],
            ["aws-iam-policy-no-wildcard-resources", "tables", `policy T: Resource "arn:aws:dynamodb:*:*:table/*" has a wildcard in its region "*", account "*", resource "table/*" for dynamodb:Delete*; ${RESOURCE_MSG}`],
        ],
    ],
    [
        "9. Resource arn:*:*:*:*:*",
        () => extra("aws:iam/rolePolicy:RolePolicy", "everything", { role: "r", policy: doc({ Sid: "E", Effect: "Allow", Action: "dynamodb:GetItem", Resource: "arn:*:*:*:*:*" }) }),
        [
            [
                "aws-iam-policy-no-wildcard-resources",
                "everything",
                `policy E: Resource "arn:*:*:*:*:*" has a wildcard in its partition "*", service "*", region "*", account "*", resource "*" for dynamodb:GetItem; ${RESOURCE_MSG}`,
            ],
        ],
    ],
    [
        "10. a key policy with Allow and NotPrincipal",
        () =>
            extra("aws:kms/keyPolicy:KeyPolicy", "open-key", {
                keyId: keyArn("us-east-1"),
                policy: doc({ Sid: "AllButOne", Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/x` }, Action: "kms:Decrypt", Resource: "*" }),
            }),
        [["aws-kms-key-policy-no-wildcard-principal", "open-key", "policy AllButOne: NotPrincipal in an Allow statement allows every principal not listed; allowed: Principal with named principals"]],
    ],
    [
        "11. a KMS grant of the table key to another account",
        () => extra("aws:kms/grant:Grant", "grant", { keyId: keyArn("us-east-1"), granteePrincipal: `arn:aws:iam::${FOREIGN}:root`, operations: ["Decrypt"] }),
        [
            [
                "aws-kms-grant-allowed-grantee",
                "grant",
                `granteePrincipal "arn:aws:iam::${FOREIGN}:root" receives a grant on key ${keyArn("us-east-1")}; allowed: principals listed in the pack config's allowedGranteePrincipals (key use belongs in the key policy)`,
            ],
        ],
    ],
    [
        "12. a DynamoDB resource policy for Principal *",
        () => extra("aws:dynamodb/resourcePolicy:ResourcePolicy", "table-policy", { resourceArn: TABLE_ARN, policy: doc({ Sid: "Open", Effect: "Allow", Principal: "*", Action: "dynamodb:GetItem", Resource: TABLE_ARN }) }),
        [
            [
                "aws-iam-resource-policy-no-public-principal",
                "table-policy",
                'policy Open: grants dynamodb:GetItem to the principal "*" without an account condition; allowed: named principals, or "*" with aws:SourceAccount, aws:SourceArn, aws:PrincipalAccount or aws:PrincipalOrgID',
            ],
        ],
    ],
    [
        "13. an SNS topic policy for Principal *",
        () => extra("aws:sns/topicPolicy:TopicPolicy", "topic-policy", { arn: "arn:aws:sns:us-east-1:1:t", policy: doc({ Sid: "Open", Effect: "Allow", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: "*" }) }),
        [
            [
                "aws-iam-resource-policy-no-public-principal",
                "topic-policy",
                'policy Open: grants sns:Publish to the principal "*" without an account condition; allowed: named principals, or "*" with aws:SourceAccount, aws:SourceArn, aws:PrincipalAccount or aws:PrincipalOrgID',
            ],
        ],
    ],
    [
        "14. an open catch-all route",
        () => extra("aws:apigatewayv2/route:Route", "proxy", { apiId: "api", routeKey: "ANY /{proxy+}", authorizationType: "NONE", target: "integrations/1" }),
        [
            [
                "aws-apigateway-route-authorized",
                "proxy",
                'route "ANY /{proxy+}" has authorizationType "NONE"; allowed: "JWT" (with authorizationScopes), "AWS_IAM" or "CUSTOM" (public routes: GET /health, pack config publicRoutes)',
            ],
        ],
    ],
    [
        "15. a Function URL without auth",
        () => extra("aws:lambda/functionUrl:FunctionUrl", "url", { functionName: "app-us-east-1-fn", authorizationType: "NONE" }),
        [["aws-lambda-function-url-iam-auth", "url", 'authorizationType is "NONE"; allowed: "AWS_IAM"']],
    ],
    [
        "16. a Lambda permission for * without a source condition",
        () => extra("aws:lambda/permission:Permission", "anyone", { function: "app-us-east-1-fn", action: "lambda:InvokeFunction", principal: "*" }),
        [
            [
                "aws-iam-resource-policy-no-public-principal",
                "anyone",
                'permission permission: grants lambda:InvokeFunction to the principal "*" without an account condition; allowed: named principals, or "*" with aws:SourceAccount, aws:SourceArn, aws:PrincipalAccount or aws:PrincipalOrgID',
            ],
        ],
    ],
    [
        "17. a TableReplica without PITR or deletion protection",
        () => extra("aws:dynamodb/tableReplica:TableReplica", "replica", { globalTableArn: TABLE_ARN, kmsKeyArn: keyArn("us-east-1"), pointInTimeRecovery: false }),
        [
            ["aws-dynamodb-table-pitr-enabled", "replica", "TableReplica (us-east-1): pointInTimeRecovery is false; allowed: true (a replica does not inherit the table's setting)"],
            ["aws-dynamodb-table-deletion-protection-enabled", "replica", "TableReplica (us-east-1): deletionProtectionEnabled is unset; allowed: true (a replica does not inherit the table's setting)"],
        ],
    ],
    [
        "18. the table encrypted with another account's key",
        () => mutate(activeActiveStack(), "app-table", (i) => (i.serverSideEncryption.kmsKeyArn = `arn:aws:kms:us-east-1:${FOREIGN}:key/k`)),
        [
            [
                "aws-dynamodb-table-key-in-stack",
                "app-table",
                `app-table serverSideEncryption.kmsKeyArn "arn:aws:kms:us-east-1:${FOREIGN}:key/k" is not a key of this stack; allowed: the ARN of an aws.kms.Key or aws.kms.ReplicaKey the stack creates`,
            ],
        ],
    ],
    [
        "19. a replica encrypted with the AWS managed key's alias",
        () => mutate(activeActiveStack(), "app-table", (i) => (i.replicas[0].kmsKeyArn = "arn:aws:kms:us-west-2:123456789012:alias/aws/dynamodb")),
        [
            [
                "aws-dynamodb-table-customer-kms-key",
                "app-table",
                'replicas[0] (us-west-2): kmsKeyArn "arn:aws:kms:us-west-2:123456789012:alias/aws/dynamodb" is an alias of the AWS managed key, not a key; allowed: the key ARN (arn:...:kms:<region>:<account>:key/<id>) of a customer managed key',
            ],
            [
                "aws-dynamodb-table-key-in-stack",
                "app-table",
                'app-table replicas[0] (us-west-2): kmsKeyArn "arn:aws:kms:us-west-2:123456789012:alias/aws/dynamodb" is not a key of this stack; allowed: the ARN of an aws.kms.Key or aws.kms.ReplicaKey the stack creates',
            ],
        ],
    ],
    [
        "20. secrets in a function's environment",
        () => mutate(activeActiveStack(), "app-us-east-1-fn", (i) => Object.assign(i.environment.variables, { CLOUDFLARE_API_TOKEN: "x", DB_PASSWORD: "y" })),
        [
            ["aws-lambda-function-no-secret-environment", "app-us-east-1-fn", "environment.variables.CLOUDFLARE_API_TOKEN is named like a credential; allowed: the name of a Secrets Manager secret or SSM parameter, read at run time"],
            ["aws-lambda-function-no-secret-environment", "app-us-east-1-fn", "environment.variables.DB_PASSWORD is named like a credential; allowed: the name of a Secrets Manager secret or SSM parameter, read at run time"],
        ],
    ],
    [
        "21. a trust policy for a service without a source condition",
        () => extra("aws:iam/role:Role", "deploy-role", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "codedeploy.amazonaws.com" }, Action: "sts:AssumeRole" }) }),
        [["aws-iam-service-principal-source-condition", "deploy-role", "assumeRolePolicy Statement[0]: grants to codedeploy.amazonaws.com without a source condition; allowed: a condition on aws:SourceAccount, aws:SourceArn or aws:SourceOrgID"]],
    ],
    [
        "22. a Lambda permission for a service without a source",
        () => extra("aws:lambda/permission:Permission", "s3-invoke", { function: "app-us-east-1-fn", action: "lambda:InvokeFunction", principal: "s3.amazonaws.com" }),
        [["aws-iam-service-principal-source-condition", "s3-invoke", "permission permission: grants to s3.amazonaws.com without a source condition; allowed: a condition on aws:SourceAccount, aws:SourceArn or aws:SourceOrgID"]],
    ],
])("%s", (_title, shape, expected) => {
    test("raises exactly its mandatory violations at the prod levels", async () => {
        expect(await mandatory(shape())).toEqual(expected);
    });
});
