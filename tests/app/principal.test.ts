import { MAX_PRINCIPAL_LENGTH, principalDigest, principalOf } from "../../app/principal";
import { authorizerContext, httpEvent } from "./support";

describe("principalOf", () => {
    const withAuthorizer = (authorizer: unknown) => {
        const event = httpEvent("GET", "/items/a", { principal: null });
        return { ...event, requestContext: { ...event.requestContext, authorizer } } as typeof event;
    };

    test.each([
        ["a JWT subject", authorizerContext({ jwt: "6f1c-4e" }), "jwt:6f1c-4e"],
        ["an IAM user", authorizerContext({ iamArn: "arn:aws:iam::123456789012:user/ops/alice" }), "iam:arn:aws:iam::123456789012:user/ops/alice"],
        ["an assumed role without its session", authorizerContext({ iamArn: "arn:aws:sts::123456789012:assumed-role/orders-writer/i-0abc/with/slashes" }), "iam:arn:aws:sts::123456789012:assumed-role/orders-writer"],
        ["an assumed role in another partition", authorizerContext({ iamArn: "arn:aws-us-gov:sts::123456789012:assumed-role/w/s" }), "iam:arn:aws-us-gov:sts::123456789012:assumed-role/w"],
        ["a federated user as is", authorizerContext({ iamArn: "arn:aws:sts::123456789012:federated-user/bob" }), "iam:arn:aws:sts::123456789012:federated-user/bob"],
        ["the account root as is", authorizerContext({ iamArn: "arn:aws:iam::123456789012:root" }), "iam:arn:aws:iam::123456789012:root"],
    ])("names %s", (_name, authorizer, expected) => {
        expect(principalOf(withAuthorizer(authorizer))).toBe(expected);
    });

    test.each([
        ["no authorizer", undefined],
        ["an empty subject", { jwt: { claims: { sub: "" }, scopes: null } }],
        ["a subject that is not a string", { jwt: { claims: { sub: 42 }, scopes: null } }],
        ["a JWT without a subject", { jwt: { claims: { client_id: "c" }, scopes: null } }],
        ["an IAM caller that is not an ARN", { iam: { userArn: "alice" } }],
        ["a Lambda authorizer's context", { lambda: { sub: "alice" } }],
        ["a subject too long for the owner index", { jwt: { claims: { sub: "x".repeat(MAX_PRINCIPAL_LENGTH) }, scopes: null } }],
    ])("finds none with %s", (_name, authorizer) => {
        expect(principalOf(withAuthorizer(authorizer))).toBeNull();
    });

    test("digests are fixed-length, distinct per principal and usable in a key", () => {
        const a = principalDigest("jwt:alice");
        expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(principalDigest("jwt:mallory")).not.toBe(a);
        expect(principalDigest("jwt:alice")).toBe(a);
    });
});
