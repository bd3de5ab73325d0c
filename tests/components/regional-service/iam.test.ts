import { MOCK_ACCOUNT_ID } from "../../../mock-kit";
import { DYNAMODB_ACTIONS } from "../../../app/permissions";
import { assumeRolePolicy, functionPolicyDocument } from "../../../components/regional-service/iam";
import { keyArn, tableArn, wildcardGrants } from "../../fixtures/regional-service";

describe("functionPolicyDocument", () => {
    const input = {
        region: "us-west-2",
        tableArn: tableArn("us-west-2"),
        kmsKeyArn: keyArn("us-west-2"),
        logGroupArn: `arn:aws:logs:us-west-2:${MOCK_ACCOUNT_ID}:log-group:/activeactive/x/function-1`,
        actions: DYNAMODB_ACTIONS,
    };

    test("grants the app's actions on this region's replica, its key via DynamoDB, and its log group", () => {
        expect(functionPolicyDocument(input)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "TableReplica",
                    Effect: "Allow",
                    Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
                    Resource: [tableArn("us-west-2")],
                },
                {
                    Sid: "TableKeyThroughDynamoDB",
                    Effect: "Allow",
                    Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"],
                    Resource: keyArn("us-west-2"),
                    Condition: { StringEquals: { "kms:ViaService": "dynamodb.us-west-2.amazonaws.com" } },
                },
                {
                    Sid: "OwnLogGroup",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `arn:aws:logs:us-west-2:${MOCK_ACCOUNT_ID}:log-group:/activeactive/x/function-1:*`,
                },
            ],
        });
    });

    test("adds the index pattern only for actions that can address an index", () => {
        const doc = functionPolicyDocument({ ...input, actions: ["dynamodb:GetItem", "dynamodb:Query"] }) as any;
        expect(doc.Statement[0].Resource).toEqual([tableArn("us-west-2"), `${tableArn("us-west-2")}/index/*`]);
        expect(wildcardGrants(doc)).toEqual([]);
    });

    test.each([
        ["tableArn", { tableArn: tableArn("us-east-1") }, `tableArn: "${tableArn("us-east-1")}" is in us-east-1; allowed: the us-west-2 one (each region's function touches only its own region)`],
        ["kmsKeyArn", { kmsKeyArn: keyArn("eu-west-1") }, `kmsKeyArn: "${keyArn("eu-west-1")}" is in eu-west-1; allowed: the us-west-2 one (each region's function touches only its own region)`],
        ["a table name", { tableArn: "orders" }, 'tableArn: "orders" is not a dynamodb ARN'],
    ])("rejects %s of another region or kind", (_what, change, message) => {
        expect(() => functionPolicyDocument({ ...input, ...change })).toThrow(message);
    });
});

test("assumeRolePolicy trusts exactly the given service, acting for this account, to assume the role", () => {
    expect(JSON.parse(assumeRolePolicy("lambda.amazonaws.com", "123456789012"))).toEqual({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
        ],
    });
});

test("assumeRolePolicy narrows to the source ARN pattern when given one", () => {
    const sourceArn = "arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:orders/*";
    expect(JSON.parse(assumeRolePolicy("codedeploy.amazonaws.com", "123456789012", sourceArn)).Statement[0].Condition).toEqual({
        StringEquals: { "aws:SourceAccount": "123456789012" },
        ArnLike: { "aws:SourceArn": sourceArn },
    });
});
