/**
 * aws-kms-grant-allowed-grantee
 *
 * Requires: the stack creates KMS grants (`aws:kms/grant:Grant`) only for grantees on the pack config's allow-list
 * (`allowedGranteePrincipals`, empty by default), and none with a retiring principal outside it.
 * Why: a grant gives key use outside the key policy: a grant of the table key to another account's role lets it
 * decrypt the table's data whatever the key policy says, and grants do not show in the key policy a reviewer
 * reads. DynamoDB makes the grants it needs itself, through the key policy's `kms:GrantIsForAWSResource`.
 * Severity: critical.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, str } from "../../lib/values";

export interface GrantConfig {
    allowedGranteePrincipals: string[];
}

export const grantAllowedGrantee = resourceRule<GrantConfig>({
    name: "aws-kms-grant-allowed-grantee",
    description: "KMS grants go only to principals on the pack's allow-list.",
    severity: "critical",
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/grants.html",
    remediationSteps: "Give key use through the key policy (with kms:ViaService), or list the grantee ARN in the pack config's allowedGranteePrincipals.",
    types: ["aws:kms/grant:Grant"],
    configSchema: {
        properties: {
            allowedGranteePrincipals: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Principal ARNs that may receive KMS grants.",
            },
        },
    },
    validate: ({ props, config }, report) => {
        for (const field of ["granteePrincipal", "retiringPrincipal"]) {
            const value = props[field];
            if (isUnknown(value) || !str(value)) continue;
            if (!config.allowedGranteePrincipals.includes(value)) {
                report(`${field} "${value}" receives a grant on key ${str(props.keyId) ?? "<unknown>"}; allowed: principals listed in the pack config's allowedGranteePrincipals (key use belongs in the key policy)`);
            }
        }
    },
});
