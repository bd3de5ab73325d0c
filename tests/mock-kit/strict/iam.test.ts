/**
 * Strict mocks, IAM: the function role and inline policy RegionalService registers (the canonical fixtures) pass;
 * each constraint of CreateRole, PutRolePolicy and CreatePolicy, and of the policy grammar, rejects one mutation.
 */
import { createStrictValidator } from "../../../mock-kit/strict";
import { functionRole, LAMBDA_TRUST, ROLE } from "../../fixtures/iam/role";
import { functionPolicy, functionPolicyDocument, ROLE_POLICY } from "../../fixtures/iam/role-policy";
import { check, Mutation, mutated, schema } from "./support";

const ROLE_INPUTS = functionRole();
const POLICY_INPUTS = functionPolicy("us-east-1");
const FN_POLICY = functionPolicyDocument("us-east-1");
const policyOf = (doc: unknown) => JSON.stringify(doc);

describe("IAM", () => {
    const ROLE_TYPE = ROLE;
    const RP_TYPE = ROLE_POLICY;

    test("the program's role and its inline policy pass", () => {
        expect(check(ROLE_TYPE, ROLE_INPUTS)).toEqual([]);
        expect(check(RP_TYPE, POLICY_INPUTS)).toEqual([]);
    });

    test.each<Mutation>([
        ["a trust policy without principal", (t) => (t.assumeRolePolicy = policyOf({ ...LAMBDA_TRUST, Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] })), ["MalformedPolicyDocument: Missing required field Principal"]],
        ["a trust policy with a resource", (t) => (t.assumeRolePolicy = policyOf({ ...LAMBDA_TRUST, Statement: [{ ...LAMBDA_TRUST.Statement[0], Resource: "*" }] })), ["MalformedPolicyDocument: Has prohibited field Resource"]],
        [
            "a trust policy granting other actions",
            (t) => (t.assumeRolePolicy = policyOf({ ...LAMBDA_TRUST, Statement: [{ ...LAMBDA_TRUST.Statement[0], Action: ["sts:AssumeRole", "dynamodb:GetItem"] }] })),
            ["MalformedPolicyDocument: AssumeRole policy may only specify STS AssumeRole actions."],
        ],
        ["a trust policy of version 2012-10-18", (t) => (t.assumeRolePolicy = policyOf({ ...LAMBDA_TRUST, Version: "2012-10-18" })), ["MalformedPolicyDocument: The policy failed legacy parsing"]],
        ["a trust policy larger than 2048 characters", (t) => (t.assumeRolePolicy = policyOf({ ...LAMBDA_TRUST, Statement: [{ ...LAMBDA_TRUST.Statement[0], Sid: "s".repeat(2048) }] })), ["LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048"]],
        ["a 65-character name", (t) => (t.name = "r".repeat(65)), [schema("ValidationError", `Value '${"r".repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`)]],
        ["a name with a slash", (t) => (t.name = "team/fn-role"), [schema("ValidationError", "Value 'team/fn-role' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+")]],
    ])("a role with %s is rejected", (_, mutate, expected) => {
        expect(check(ROLE_TYPE, mutated(ROLE_INPUTS, mutate))).toEqual(expected);
    });

    const statement = (change: Record<string, unknown>, drop: string[] = []) => {
        const st: Record<string, unknown> = { ...FN_POLICY.Statement[0], ...change };
        for (const k of drop) delete st[k];
        return policyOf({ ...FN_POLICY, Statement: [st] });
    };

    test.each<Mutation>([
        ["invalid JSON", (t) => (t.policy = t.policy.slice(0, -1)), ["MalformedPolicyDocument: Syntax errors in policy."]],
        ["effect allow (lower case)", (t) => (t.policy = statement({ Effect: "allow" })), ["MalformedPolicyDocument: Syntax errors in policy."]],
        ["a principal", (t) => (t.policy = statement({ Principal: { Service: "lambda.amazonaws.com" } })), ["MalformedPolicyDocument: Policy document should not specify a principal."]],
        ["no action", (t) => (t.policy = statement({}, ["Action"])), ["MalformedPolicyDocument: Policy statement must contain actions."]],
        ["no resource", (t) => (t.policy = statement({}, ["Resource"])), ["MalformedPolicyDocument: Policy statement must contain resources."]],
        ["an action without service prefix", (t) => (t.policy = statement({ Action: ["GetItem"] })), ["MalformedPolicyDocument: Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."]],
        ["a resource that is not an ARN", (t) => (t.policy = statement({ Resource: "table/active-active-table-prod" })), ['MalformedPolicyDocument: Resource table/active-active-table-prod must be in ARN format or "*".']],
        ["no statement", (t) => (t.policy = policyOf({ Version: "2012-10-17" })), ["MalformedPolicyDocument: Syntax errors in policy."]],
    ])("an inline policy with %s is rejected", (_, mutate, expected) => {
        expect(check(RP_TYPE, mutated(POLICY_INPUTS, mutate))).toEqual(expected);
    });

    test("inline policies of one role add up to at most 10240 bytes", () => {
        const v = createStrictValidator();
        const big = (sid: string) => ({ ...POLICY_INPUTS, policy: statement({ Sid: sid.repeat(5000) }) });
        expect(check(RP_TYPE, big("a"), v)).toEqual([]);
        expect(check(RP_TYPE, { ...big("b"), role: "another-role" }, v)).toEqual([]);
        expect(check(RP_TYPE, big("c"), v)).toEqual([`LimitExceeded: Maximum policy size of 10240 bytes exceeded for role ${POLICY_INPUTS.role}`]);
    });

    test("a managed policy larger than 6144 characters is rejected", () => {
        const policy = { policy: statement({ Sid: "a".repeat(6144) }) };
        expect(check("aws:iam/policy:Policy", policy)).toEqual(["LimitExceeded: Cannot exceed quota for PolicySize: 6144"]);
        expect(check("aws:iam/policy:Policy", { policy: POLICY_INPUTS.policy })).toEqual([]);
    });

    test("a policy given as an object (PolicyDocument) is checked the same way", () => {
        expect(check(RP_TYPE, { ...POLICY_INPUTS, policy: FN_POLICY })).toEqual([]);
        expect(check(RP_TYPE, { ...POLICY_INPUTS, policy: { ...FN_POLICY, Statement: [{ Effect: "Allow", Action: "dynamodb:GetItem" }] } })).toEqual([
            "MalformedPolicyDocument: Policy statement must contain resources.",
        ]);
    });
});
