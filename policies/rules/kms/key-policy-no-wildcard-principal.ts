/**
 * aws-kms-key-policy-no-wildcard-principal
 *
 * Requires: no `Allow` statement of a key policy names the principal `*` (as `"Principal": "*"` or
 * `{"AWS": "*"}`), conditions or not, and none uses `NotPrincipal` (an Allow with NotPrincipal grants every
 * principal it does not list, other accounts and anonymous callers included; AWS advises against it:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html). Key policies are judged by principal: their resource is always `*` (the key
 * itself), so the resource rule does not apply to them.
 * Why: a key policy is the key's root of trust; a wildcard principal hands key use to every AWS account unless
 * every condition is exactly right, and the table's data is only as private as its key.
 * Severity: critical.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
 */
import { isAllow, statementsOf } from "../../lib/iam";
import { resourceRule } from "../../lib/policy";
import { isUnknown, show } from "../../lib/values";

export const keyPolicyNoWildcardPrincipal = resourceRule({
    name: "aws-kms-key-policy-no-wildcard-principal",
    description: "KMS key policies grant nothing to the wildcard principal and use no NotPrincipal in an Allow.",
    severity: "critical",
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
    remediationSteps: "Name the principals (the account root, the service roles) instead of \"*\".",
    types: ["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws:kms/keyPolicy:KeyPolicy"],
    validate: ({ props }, report) => {
        // No policy means KMS's default key policy: the account root only.
        if (props.policy === undefined || props.policy === null) return;
        const statements = statementsOf(props.policy);
        if (isUnknown(statements)) return;
        if ("error" in statements) {
            report(`policy ${statements.error}; allowed: a JSON key policy`);
            return;
        }
        for (const s of statements) {
            if (!isAllow(s)) continue;
            if (s.principals.includes("*")) {
                report(`policy ${s.label}: allows ${show(s.actions.length ? s.actions : s.notActions)} to the wildcard principal "*"; allowed: named principals`);
            }
            if (s.notPrincipals.length > 0) {
                report(`policy ${s.label}: NotPrincipal in an Allow statement allows every principal not listed; allowed: Principal with named principals`);
            }
        }
    },
});
