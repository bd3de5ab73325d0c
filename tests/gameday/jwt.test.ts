import { IdentityProvider, JwtAuthorizer } from "../../gameday/jwt";

/** The local JWT authorizer refuses what API Gateway's would: bad signature, issuer, audience, time, scopes. */
describe("gameday JWT authorizer", () => {
    const idp = new IdentityProvider("https://login.example.com/");
    const authorizer = new JwtAuthorizer("https://login.example.com/", ["api.example.com"], idp.keySet);
    const now = 1_900_000_000;
    const token = (over: Record<string, unknown> = {}) =>
        `Bearer ${idp.sign({ sub: "alice", iss: "https://login.example.com/", client_id: "api.example.com", scope: "items:read", iat: now, exp: now + 600, ...over })}`;

    test("a valid token with a route scope passes, and the function sees its claims and scopes", () => {
        const verdict = authorizer.authorize(token(), now, ["items:read"]);
        expect(verdict).toEqual({ ok: true, claims: expect.objectContaining({ sub: "alice" }), scopes: ["items:read"] });
    });

    test.each([
        ["no header", undefined, 401],
        ["a token signed by another key", `Bearer ${new IdentityProvider("https://login.example.com/").sign({ sub: "x", iss: "https://login.example.com/", client_id: "api.example.com", iat: now, exp: now + 600 })}`, 401],
        ["another issuer", token({ iss: "https://evil.example.com/" }), 401],
        ["another audience", token({ client_id: "other" }), 401],
        ["an expired token", token({ exp: now - 1 }), 401],
        ["a token not valid yet", token({ nbf: now + 60 }), 401],
        ["a token without the route's scope", token({ scope: "items:read" }), 403],
    ])("%s is refused", (_name, header, status) => {
        expect(authorizer.authorize(header, now, ["items:write"])).toEqual({ ok: false, statusCode: status });
    });
});
