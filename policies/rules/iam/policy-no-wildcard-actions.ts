/**
 * aws-iam-policy-no-wildcard-actions
 *
 * Requires: no `Allow` statement of an identity policy (RolePolicy, Policy, a Role's inlinePolicies, User and
 * Group policies) grants an action pattern, that is an action with IAM's wildcards `*` or `?` anywhere (`*`,
 * `dynamodb:*`, `dynamodb:**`, `iam:?*`, `kms:*crypt*`, `dynamodb:Get*`), or uses `NotAction` (which allows
 * everything not listed). IAM matches the wildcards anywhere in the action name, so any of them is a pattern
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
 * Why: the regional service's role is what an attacker inside the function gets; `dynamodb:*` includes
 * DeleteTable and UpdateTable (which can remove replicas). Least privilege names the calls the code makes.
 * Severity: critical.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
import { isWildcardAction } from "../../lib/iam";
import { resourceRule } from "../../lib/policy";
import { allowStatements, IDENTITY_POLICY_TYPES } from "../../lib/identity-policies";

export const policyNoWildcardActions = resourceRule({
    name: "aws-iam-policy-no-wildcard-actions",
    description: "IAM identity policies allow named actions only: no `*` or `?` anywhere in an action, no NotAction.",
    severity: "critical",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    remediationSteps: 'List the actions the code calls, e.g. "dynamodb:GetItem", "dynamodb:PutItem".',
    types: IDENTITY_POLICY_TYPES,
    validate: ({ type, props }, report) => {
        for (const { where, statement: s } of allowStatements(type, props, report)) {
            for (const a of s.actions.filter(isWildcardAction)) {
                report(`${where} ${s.label}: Action "${a}" is a wildcard; allowed: named actions, e.g. "dynamodb:GetItem"`);
            }
            if (s.notActions.length > 0) {
                report(`${where} ${s.label}: NotAction in an Allow statement allows every other action; allowed: Action with named actions`);
            }
        }
    },
});
