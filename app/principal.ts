import { createHash } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

/**
 * Who is calling, as API Gateway's authorizer established it. Payload format 2.0 puts the authorizer's result in
 * `requestContext.authorizer`: `jwt.claims` for a JWT authorizer (the token's claims after API Gateway checked its
 * signature, issuer, audience, expiry and the route's scopes), `iam` for AWS_IAM (the SigV4 caller). Nothing the
 * client sends in headers counts: a header can say anything, the authorizer context cannot be set by a client.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 *
 * - JWT: `jwt:<sub>`. One issuer per stack, so the subject alone names the caller.
 * - IAM: `iam:<caller ARN>`, with the session name of an assumed role dropped
 *   (`arn:aws:sts::123456789012:assumed-role/orders-writer/ci-run-7` -> `...:assumed-role/orders-writer`): every
 *   session of a role is the role, or each CI run and each Lambda instance would be a stranger to the others.
 */

/** A principal longer than this is refused: it becomes the `owner` attribute, the key of the by-owner index. */
export const MAX_PRINCIPAL_LENGTH = 1024;

const ASSUMED_ROLE = /^(arn:[a-z0-9-]+:sts::\d{12}:assumed-role\/[^/]+)\/.+$/;

interface AuthorizerContext {
    jwt?: { claims?: Record<string, unknown> };
    iam?: { userArn?: unknown };
}

/** The caller's principal, or `null` when the authorizer established none. */
export function principalOf(event: APIGatewayProxyEventV2): string | null {
    const authorizer = (event.requestContext as { authorizer?: AuthorizerContext } | undefined)?.authorizer;
    const sub = authorizer?.jwt?.claims?.sub;
    let principal: string | null = null;
    if (typeof sub === "string" && sub !== "") {
        principal = `jwt:${sub}`;
    } else {
        const arn = authorizer?.iam?.userArn;
        if (typeof arn === "string" && arn.startsWith("arn:")) principal = `iam:${arn.replace(ASSUMED_ROLE, "$1")}`;
    }
    return principal !== null && principal.length <= MAX_PRINCIPAL_LENGTH ? principal : null;
}

/**
 * A fixed-length digest of a principal, for key material: it namespaces item keys per principal, so the same id
 * in two principals' hands names two items and no create can tell that another principal's item exists.
 */
export function principalDigest(principal: string): string {
    return createHash("sha256").update(principal).digest("base64url");
}
