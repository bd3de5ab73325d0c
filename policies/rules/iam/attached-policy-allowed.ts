/**
 * aws-iam-attached-policy-allowed
 *
 * Requires: every AWS managed policy attached to a role, user or group is on the allow-list (`allowedPolicyArns`,
 * empty by default), whichever way it is attached: RolePolicyAttachment, User/GroupPolicyAttachment,
 * PolicyAttachment, a Role's `managedPolicyArns`, or Role/User/GroupPolicyAttachmentsExclusive. Customer managed
 * policies pass here: the identity rules read their documents where the stack defines them (aws.iam.Policy).
 * Why: an AWS managed policy is a document the pack cannot see and AWS can change; most grant `Resource: "*"`
 * (AWSCodeDeployRoleForLambda lets its role repoint any alias of any function) and some everything
 * (AdministratorAccess). Attaching one walks around both wildcard rules.
 * Severity: critical.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies
 */
import { resourceRule } from "../../lib/policy";
import { ATTACHMENT_TYPES, attachedPolicyArns, isAwsManagedPolicyArn } from "../../lib/identity-policies";

export interface AttachedPolicyConfig {
    allowedPolicyArns: string[];
}

export const attachedPolicyAllowed = resourceRule<AttachedPolicyConfig>({
    name: "aws-iam-attached-policy-allowed",
    description: "Roles, users and groups attach no AWS managed policy that is not on the pack's allow-list.",
    severity: "critical",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies",
    remediationSteps: "Write the permissions as an inline policy (aws.iam.RolePolicy) naming the actions and ARNs, or list the ARN in the pack config's allowedPolicyArns.",
    types: Object.keys(ATTACHMENT_TYPES),
    configSchema: {
        properties: {
            allowedPolicyArns: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "AWS managed policy ARNs that may be attached (e.g. arn:aws:iam::aws:policy/ReadOnlyAccess).",
            },
        },
    },
    validate: ({ type, props, config }, report) => {
        for (const { where, arn } of attachedPolicyArns(type, props)) {
            if (isAwsManagedPolicyArn(arn) && !config.allowedPolicyArns.includes(arn)) {
                report(`${where} "${arn}" is an AWS managed policy; allowed: inline or customer managed policies, or an ARN listed in the pack config's allowedPolicyArns`);
            }
        }
    },
});
