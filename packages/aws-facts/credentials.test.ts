import { isCredentialName, nameWords, PROVIDER_CREDENTIAL_KEYS } from "./credentials";

describe("isCredentialName", () => {
    it.each(PROVIDER_CREDENTIAL_KEYS)("knows the provider credential key %s", (key) => {
        expect(isCredentialName(key)).toBe(true);
    });

    it.each([
        "apiUserServiceKey",
        "cloudflare:apiUserServiceKey",
        "CLOUDFLARE_API_TOKEN",
        "CLOUDFLARE_API_KEY",
        "DB_PASSWORD",
        "db-password",
        "clientSecret",
        "api_key",
        "APIKEY",
        "privateKey",
        "sessionToken",
        "github.token",
        "aws:secretKey",
        "stripeSecret",
        "SERVICE_CREDENTIALS",
    ])("%s is a credential", (name) => {
        expect(isCredentialName(name)).toBe(true);
    });

    it.each([
        "aws:tokenBucketRateLimiterCapacity",
        "aws:skipCredentialsValidation",
        "aws:region",
        "aws:profile",
        "cloudflare:email",
        "TABLE_PARTITION_KEY",
        "TABLE_SORT_KEY",
        "kmsKeyArn",
        "secretKeyId",
        "HEALTH_TIMEOUT_MS",
        "",
    ])("%s is not a credential", (name) => {
        expect(isCredentialName(name)).toBe(false);
    });
});

describe("nameWords", () => {
    it.each<[string, string[]]>([
        ["apiUserServiceKey", ["api", "user", "service", "key"]],
        ["DB_PASSWORD", ["db", "password"]],
        ["HTTPApiToken", ["http", "api", "token"]],
        ["kebab-case.name", ["kebab", "case", "name"]],
    ])("%s", (name, words) => {
        expect(nameWords(name)).toEqual(words);
    });
});
