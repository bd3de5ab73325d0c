/**
 * aws-kms-key-rotation-enabled
 *
 * Requires: `enableKeyRotation: true` on symmetric encryption keys (the only kind KMS rotates automatically; keys
 * in a custom key store and asymmetric or HMAC keys are exempt).
 * Why: the table keys protect every item in their region for the life of the table; yearly rotation limits how
 * much data one key version protects and is what most compliance frameworks ask for.
 * Severity: medium.
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, setting, str } from "../../lib/values";

export const keyRotationEnabled = resourceRule({
    name: "aws-kms-key-rotation-enabled",
    description: "Symmetric KMS keys rotate automatically.",
    severity: "medium",
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
    remediationSteps: "Set enableKeyRotation = true on the aws.kms.Key.",
    types: ["aws:kms/key:Key"],
    validate: ({ props }, report) => {
        const spec = str(props.customerMasterKeySpec) ?? str(props.keySpec) ?? "SYMMETRIC_DEFAULT";
        const usage = str(props.keyUsage) ?? "ENCRYPT_DECRYPT";
        if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT" || props.customKeyStoreId) return;
        if (!isUnknown(props.enableKeyRotation) && props.enableKeyRotation !== true) {
            report(`enableKeyRotation is ${setting(props.enableKeyRotation)}; allowed: true`);
        }
    },
});
