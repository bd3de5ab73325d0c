/**
 * aws-iam-policy-no-wildcard-resources
 *
 * Requires: no `Allow` statement of an identity policy (RolePolicy, Policy, a Role's inlinePolicies) has the
 * resource `*`, an ARN with a wildcard (`*` or `?`) in its partition, service, region or account
 * (`arn:aws:dynamodb:*:*:table/app`, `arn:*:*:*:*:*`), or an ARN whose resource part starts with one
 * (`arn:aws:dynamodb:us-east-1:111122223333:table/*`), or uses `NotResource`. A wildcard after a literal name
 * stays inside that name and is allowed (`table/app/index/*`, `log-group:/app/fn:*`). Actions AWS only authorizes on `*` can be listed in the config
 * (`allowedActions`, e.g. "xray:PutTraceSegments"); a statement whose actions are all listed passes.
 * Why: the function should reach its own table replica, log group and key, not every table in the account.
 * Severity: high.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
import { resourceWildcard } from "../../lib/iam";
import { resourceRule } from "../../lib/policy";
import { allowStatements, IDENTITY_POLICY_TYPES } from "../../lib/identity-policies";

export interface WildcardResourceConfig {
    allowedActions: string[];
}

export const policyNoWildcardResources = resourceRule<WildcardResourceConfig>({
    name: "aws-iam-policy-no-wildcard-resources",
    description: 'IAM identity policies name their resources: no Resource "*", no wildcard in an ARN\'s partition, service, region, account or leading resource name, no NotResource.',
    severity: "high",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    remediationSteps: "Name the ARNs: the table and its indexes, the log group, the key.",
    types: IDENTITY_POLICY_TYPES,
    configSchema: {
        properties: {
            allowedActions: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: 'Actions AWS authorizes only on Resource "*" (e.g. "xray:PutTraceSegments"); statements made only of these pass.',
            },
        },
    },
    validate: ({ type, props, config }, report) => {
        const allowed = new Set(config.allowedActions.map((a) => a.toLowerCase()));
        for (const { where, statement: s } of allowStatements(type, props, report)) {
            const exempt = s.actions.length > 0 && s.actions.every((a) => allowed.has(a.toLowerCase()));
            const actions = s.actions.join(", ") || "NotAction";
            if (s.resources.includes("*") && !exempt) {
                report(`${where} ${s.label}: Resource "*" for ${actions}; allowed: the ARNs the actions need`);
            }
            for (const r of s.resources.filter((r) => r !== "*")) {
                const why = resourceWildcard(r);
                if (why) report(`${where} ${s.label}: Resource "${r}" ${why} for ${actions}; allowed: ARNs that name their partition, service, region, account and resource`);
            }
            if (s.notResources.length > 0) {
                report(`${where} ${s.label}: NotResource in an Allow statement allows every other resource; allowed: Resource with named ARNs`);
            }
        }
    },
});
