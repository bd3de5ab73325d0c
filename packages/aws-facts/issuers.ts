/**
 * Where an identity provider's issuer lives, when its URL says so. An Amazon Cognito user pool's issuer is
 * `https://cognito-idp.<region>.amazonaws.com/<user pool id>` (Amazon Cognito Developer Guide, "Verifying a JSON Web
 * Token": the `iss` claim; the API Gateway JWTConfiguration reference gives the same format): the pool, its keys and
 * its sign-in live in that one region. Other issuers (a custom domain, a SaaS provider) do not name a region.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
 */
const COGNITO_ISSUER = /^https:\/\/cognito-idp\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?\/[^/]+\/?$/;

/** The AWS region an issuer URL is hosted in (a Cognito user pool's), or undefined when the URL does not say. */
export function issuerRegion(issuer: string): string | undefined {
    return COGNITO_ISSUER.exec(issuer)?.[1];
}
