/**
 * A local identity provider and the API's JWT authorizer, as API Gateway HTTP APIs run it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html): the token comes from
 * the `Authorization` header, its signature is checked against the issuer's key set (RS256 here), `iss` must be the
 * configured issuer, `aud` or `client_id` one of the configured audiences, `exp`/`nbf` valid at the request's time,
 * and the route's scopes must be among the token's `scope`/`scp` claim. A refusal is 401, missing scopes 403; the
 * Lambda only ever sees the claims of a token that passed.
 */
import { createSign, createVerify, generateKeyPairSync, type KeyObject } from "node:crypto";

export interface Claims {
    sub: string;
    iss: string;
    aud?: string;
    client_id?: string;
    scope?: string;
    exp: number;
    nbf?: number;
    iat: number;
    token_use?: string;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString("base64url");

export class IdentityProvider {
    readonly kid = "gameday-1";
    private readonly privateKey: KeyObject;
    /** The key set the authorizer trusts (what the issuer's JWKS would serve). */
    readonly keySet: Map<string, KeyObject>;

    constructor(readonly issuer: string) {
        const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
        this.privateKey = privateKey;
        this.keySet = new Map([[this.kid, publicKey]]);
    }

    sign(claims: Claims): string {
        const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: this.kid }));
        const payload = b64url(JSON.stringify(claims));
        const signer = createSign("RSA-SHA256");
        signer.update(`${header}.${payload}`);
        return `${header}.${payload}.${signer.sign(this.privateKey).toString("base64url")}`;
    }
}

export type AuthorizerResult = { ok: true; claims: Claims; scopes: string[] } | { ok: false; statusCode: 401 | 403 };

export class JwtAuthorizer {
    constructor(
        private readonly issuer: string,
        private readonly audiences: readonly string[],
        private readonly keySet: ReadonlyMap<string, KeyObject>,
    ) {}

    /** Checks the Authorization header at `nowSeconds` against the route's scopes. */
    authorize(authorization: string | undefined, nowSeconds: number, routeScopes: readonly string[]): AuthorizerResult {
        const token = authorization?.replace(/^Bearer\s+/i, "");
        const claims = token === undefined ? null : this.verify(token);
        if (claims === null) return { ok: false, statusCode: 401 };
        if (claims.iss !== this.issuer) return { ok: false, statusCode: 401 };
        const audience = claims.aud ?? claims.client_id;
        if (audience === undefined || !this.audiences.includes(audience)) return { ok: false, statusCode: 401 };
        if (claims.exp <= nowSeconds || (claims.nbf !== undefined && claims.nbf > nowSeconds)) return { ok: false, statusCode: 401 };
        const scopes = (claims.scope ?? "").split(" ").filter((s) => s !== "");
        if (routeScopes.length > 0 && !routeScopes.some((s) => scopes.includes(s))) return { ok: false, statusCode: 403 };
        return { ok: true, claims, scopes };
    }

    private verify(token: string): Claims | null {
        const parts = token.split(".");
        if (parts.length !== 3) return null;
        const [h, p, s] = parts as [string, string, string];
        let header: { alg?: string; kid?: string };
        try {
            header = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as { alg?: string; kid?: string };
        } catch {
            return null;
        }
        const key = header.kid === undefined ? undefined : this.keySet.get(header.kid);
        if (header.alg !== "RS256" || key === undefined) return null;
        const verifier = createVerify("RSA-SHA256");
        verifier.update(`${h}.${p}`);
        if (!verifier.verify(key, Buffer.from(s, "base64url"))) return null;
        try {
            return JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as Claims;
        } catch {
            return null;
        }
    }
}
