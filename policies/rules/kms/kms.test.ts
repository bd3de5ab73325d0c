import { check, Case, UNKNOWN_STRING, withProps } from "../../testing/fixtures";
import { keyPolicyNoWildcardPrincipal } from "./key-policy-no-wildcard-principal";
import { keyRotationEnabled } from "./key-rotation-enabled";
import { grantAllowedGrantee } from "./grant-allowed-grantee";
import { KMS_KEY, TABLE_KEY_POLICY, tableKey } from "../../../tests/fixtures/kms/key";

const key = { type: KMS_KEY, region: "eu-west-1", props: tableKey("eu-west-1") };

function policyWith(statement: Record<string, unknown>): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: [...TABLE_KEY_POLICY.Statement, statement] });
}

describe("aws-kms-key-rotation-enabled", () => {
    test("passes a symmetric key with rotation on", async () => {
        expect(await check(keyRotationEnabled, key)).toEqual([]);
    });
    test.each<Case>([
        ["rotation unset", (p) => delete p.enableKeyRotation, ["enableKeyRotation is unset; allowed: true"]],
        ["rotation off", (p) => (p.enableKeyRotation = false), ["enableKeyRotation is false; allowed: true"]],
        ["asymmetric key: exempt", (p) => ((p.customerMasterKeySpec = "RSA_2048"), (p.keyUsage = "SIGN_VERIFY"), delete p.enableKeyRotation), []],
        ["custom key store: exempt", (p) => ((p.customKeyStoreId = "cks-1234"), delete p.enableKeyRotation), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(keyRotationEnabled, withProps(key, change))).toEqual(expected);
    });
});

describe("aws-kms-key-policy-no-wildcard-principal", () => {
    test("passes a key policy that names its principals", async () => {
        expect(await check(keyPolicyNoWildcardPrincipal, key)).toEqual([]);
    });
    test.each<Case>([
        [
            'Principal "*"',
            (p) => (p.policy = policyWith({ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" })),
            ['policy Everyone: allows ["kms:Decrypt"] to the wildcard principal "*"; allowed: named principals'],
        ],
        [
            'Principal {"AWS": "*"} with a condition',
            (p) =>
                (p.policy = policyWith({
                    Effect: "Allow",
                    Principal: { AWS: ["*"] },
                    Action: ["kms:Encrypt", "kms:Decrypt"],
                    Resource: "*",
                    Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } },
                })),
            ['policy Statement[2]: allows ["kms:Encrypt","kms:Decrypt"] to the wildcard principal "*"; allowed: named principals'],
        ],
        [
            "NotPrincipal in an Allow",
            (p) => (p.policy = policyWith({ Sid: "AllButOne", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:Decrypt", Resource: "*" })),
            ["policy AllButOne: NotPrincipal in an Allow statement allows every principal not listed; allowed: Principal with named principals"],
        ],
        ["NotPrincipal in a Deny is fine", (p) => (p.policy = policyWith({ Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:ScheduleKeyDeletion", Resource: "*" })), []],
        ["Deny to everyone is fine", (p) => (p.policy = policyWith({ Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } })), []],
        ["no policy: KMS's default (account root)", (p) => delete p.policy, []],
        ["policy unknown during preview", (p) => (p.policy = UNKNOWN_STRING), []],
        ["invalid JSON", (p) => (p.policy = "{not json"), ["policy is not valid JSON; allowed: a JSON key policy"]],
    ])("%s", async (_title, change, expected) => {
        expect(await check(keyPolicyNoWildcardPrincipal, withProps(key, change))).toEqual(expected);
    });
    test("checks standalone key policies too", async () => {
        const standalone = { type: "aws:kms/keyPolicy:KeyPolicy", props: { keyId: "k", policy: policyWith({ Sid: "Open", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }) } };
        expect(await check(keyPolicyNoWildcardPrincipal, standalone)).toEqual(['policy Open: allows ["kms:*"] to the wildcard principal "*"; allowed: named principals']);
    });
});

describe("aws-kms-grant-allowed-grantee", () => {
    const grant = { type: "aws:kms/grant:Grant", region: "eu-west-1", props: { keyId: "k-1", granteePrincipal: "arn:aws:iam::123456789012:role/batch", operations: ["Decrypt"] } };
    const GRANT = (field: string, arn: string) => `${field} "${arn}" receives a grant on key k-1; allowed: principals listed in the pack config's allowedGranteePrincipals (key use belongs in the key policy)`;
    test("passes a grantee on the allow-list", async () => {
        expect(await check(grantAllowedGrantee, grant, { allowedGranteePrincipals: ["arn:aws:iam::123456789012:role/batch"] })).toEqual([]);
    });
    test.each<Case>([
        ["any grantee by default", () => undefined, [GRANT("granteePrincipal", "arn:aws:iam::123456789012:role/batch")]],
        ["another account", (p) => (p.granteePrincipal = "arn:aws:iam::999999999999:root"), [GRANT("granteePrincipal", "arn:aws:iam::999999999999:root")]],
        ["grantee unknown during preview", (p) => (p.granteePrincipal = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(grantAllowedGrantee, withProps(grant, change))).toEqual(expected);
    });
    test("a retiring principal off the list", async () => {
        const retiring = withProps(grant, (p) => (p.retiringPrincipal = "arn:aws:iam::999999999999:root"));
        expect(await check(grantAllowedGrantee, retiring, { allowedGranteePrincipals: ["arn:aws:iam::123456789012:role/batch"] })).toEqual([
            GRANT("retiringPrincipal", "arn:aws:iam::999999999999:root"),
        ]);
    });
});
