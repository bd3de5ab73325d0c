/**
 * Which names hold credentials: provider config keys (`aws:secretKey`, `cloudflare:apiUserServiceKey`), provider
 * inputs, environment variables (`DB_PASSWORD`). One list for the stack config's secret check, the plan's redaction
 * and the policy pack's Lambda environment rule, so the three never disagree about what a secret is.
 *
 * A name is split into words (camelCase, snake_case, kebab-case, dots) and judged by its last words: a credential
 * noun (`token`, `secret`, `password`, `credentials`, ...) or a key qualified as one (`apiKey`, `accessKey`,
 * `apiUserServiceKey`). Only the end of a name counts: `tokenBucketRateLimiterCapacity` and
 * `skipCredentialsValidation` (aws provider options) are not credentials, nor is `TABLE_PARTITION_KEY`.
 */

/**
 * The credential keys of the providers this project uses, as their config is spelled (`<provider>:<key>`):
 * pulumi-aws `accessKey`, `secretKey`, `token` (https://www.pulumi.com/registry/packages/aws/installation-configuration/);
 * pulumi-cloudflare `apiToken`, `apiKey` (the account-wide global key) and `apiUserServiceKey` (the Origin CA key)
 * (https://www.pulumi.com/registry/packages/cloudflare/installation-configuration/). Every one is also caught by
 * `isCredentialName`; the list documents them and the tests pin both.
 */
export const PROVIDER_CREDENTIAL_KEYS = [
    "aws:accessKey",
    "aws:secretKey",
    "aws:token",
    "cloudflare:apiToken",
    "cloudflare:apiKey",
    "cloudflare:apiUserServiceKey",
] as const;

/** Words that make a name a credential when the name ends with them. */
const CREDENTIAL_NOUNS = new Set([
    "token", "tokens", "secret", "secrets", "password", "passwords", "passwd", "pwd", "passphrase", "credential",
    "credentials", "apikey", "apitoken", "accesskey", "secretkey", "privatekey", "authtoken", "bearertoken",
]);

/** `<qualifier> key` is a credential (`apiKey`, `accessKey`, `apiUserServiceKey`); `partition key` is not. */
const KEY_QUALIFIERS = new Set(["api", "access", "secret", "private", "service", "signing", "auth", "master", "encryption", "license"]);

/** The words of a name: `apiUserServiceKey` -> api, user, service, key; `DB_PASSWORD` -> db, password. */
export function nameWords(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
        .split(/[^A-Za-z0-9]+/)
        .filter((w) => w.length > 0)
        .map((w) => w.toLowerCase());
}

/** True when a name (a config key without or with its namespace, an input, an environment variable) holds a credential. */
export function isCredentialName(name: string): boolean {
    const words = nameWords(name.includes(":") ? name.slice(name.lastIndexOf(":") + 1) : name);
    const last = words[words.length - 1];
    if (last === undefined) return false;
    if (CREDENTIAL_NOUNS.has(last)) return true;
    return last === "key" && words.length > 1 && KEY_QUALIFIERS.has(words[words.length - 2]!);
}
