/**
 * aws-iam-resource-policy-no-public-principal
 *
 * Requires: no `Allow` statement of a resource-based policy (a role's trust policy, an SNS topic policy, a DynamoDB
 * resource policy, a Lambda permission) grants to the principal `*` without a condition that ties it to an
 * account or organisation (`aws:SourceAccount`, `aws:SourceArn`, `aws:PrincipalAccount`, `aws:PrincipalOrgID`,
 * ...), and none uses `NotPrincipal`. KMS key policies have their own, stricter rule
 * (aws-kms-key-policy-no-wildcard-principal).
 * Why: `Principal: "*"` is every AWS account and, for some services, anonymous callers; a DynamoDB resource policy
 * or topic policy like that opens the table or topic to the internet whatever the identity policies say, and an
 * Allow with NotPrincipal grants everyone it does not list.
 * Severity: critical.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
 */
import { hasSourceCondition, isPublicPrincipal } from "../../lib/iam";
import { resourceRule } from "../../lib/policy";
import { KMS_POLICY_TYPES, RESOURCE_POLICY_TYPES, resourceAllowStatements } from "../../lib/resource-policies";

export const resourcePolicyNoPublicPrincipal = resourceRule({
    name: "aws-iam-resource-policy-no-public-principal",
    description: 'Resource-based policies grant nothing to "*" without an account or organisation condition, and use no NotPrincipal in an Allow.',
    severity: "critical",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous",
    remediationSteps: "Name the principals (an account root, a role, a service with aws:SourceAccount), or add an aws:SourceAccount / aws:PrincipalOrgID condition.",
    types: RESOURCE_POLICY_TYPES.filter((t) => !KMS_POLICY_TYPES.includes(t)),
    validate: ({ type, props }, report) => {
        for (const { where, statement: s } of resourceAllowStatements(type, props, report)) {
            if (s.principals.some(isPublicPrincipal) && !hasSourceCondition(s)) {
                report(`${where} ${s.label}: grants ${s.actions.join(", ") || "NotAction"} to the principal "*" without an account condition; allowed: named principals, or "*" with aws:SourceAccount, aws:SourceArn, aws:PrincipalAccount or aws:PrincipalOrgID`);
            }
            if (s.notPrincipals.length > 0) {
                report(`${where} ${s.label}: NotPrincipal in an Allow statement allows every principal not listed; allowed: Principal with named principals`);
            }
        }
    },
});
