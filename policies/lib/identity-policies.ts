/** The identity policy documents of IAM resources, with where each came from for messages. */
import { isAllow, Statement, statementsOf } from "./iam";
import { asList, isUnknown, str } from "./values";

export const IDENTITY_POLICY_TYPES = [
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/policy:Policy",
    "aws:iam/role:Role",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
];

export interface IdentityDocument {
    where: string;
    document: unknown;
}

/** `policy` of a (role/user/group) policy; each `inlinePolicies[i].policy` of a role. A role's trust policy is not one. */
export function identityDocuments(type: string, props: Record<string, any>): IdentityDocument[] {
    if (type !== "aws:iam/role:Role") return props.policy === undefined ? [] : [{ where: "policy", document: props.policy }];
    if (isUnknown(props.inlinePolicies)) return [];
    return asList(props.inlinePolicies as Record<string, unknown>[])
        .map((p, i) => ({ where: `inlinePolicies[${i}]${str(p?.name) ? ` ("${str(p?.name)}")` : ""}`, document: p?.policy }))
        .filter((d) => d.document !== undefined && d.document !== null && d.document !== "");
}

/**
 * The Allow statements of every identity policy document of a resource, each with where it came from. A document
 * that does not parse is reported (once per rule) and skipped; one with unknown parts (a preview) is skipped.
 */
export function allowStatements(type: string, props: Record<string, any>, report: (message: string) => void): { where: string; statement: Statement }[] {
    const out: { where: string; statement: Statement }[] = [];
    for (const { where, document } of identityDocuments(type, props)) {
        const statements = statementsOf(document);
        if (isUnknown(statements)) continue;
        if ("error" in statements) {
            report(`${where} ${statements.error}; allowed: a JSON policy document`);
            continue;
        }
        for (const statement of statements.filter(isAllow)) out.push({ where, statement });
    }
    return out;
}

/** Resources that attach existing (managed) policies to a role, user or group, and where each holds the ARNs. */
export const ATTACHMENT_TYPES: Record<string, { field: string; list: boolean }> = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { field: "policyArn", list: false },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { field: "policyArn", list: false },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { field: "policyArn", list: false },
    "aws:iam/policyAttachment:PolicyAttachment": { field: "policyArn", list: false },
    "aws:iam/role:Role": { field: "managedPolicyArns", list: true },
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": { field: "policyArns", list: true },
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": { field: "policyArns", list: true },
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": { field: "policyArns", list: true },
};

/** The policy ARNs a resource attaches, each with where it sits; unknown ones (a preview) are left out. */
export function attachedPolicyArns(type: string, props: Record<string, any>): { where: string; arn: string }[] {
    const spec = ATTACHMENT_TYPES[type];
    if (!spec) return [];
    const value = props[spec.field];
    if (isUnknown(value)) return [];
    if (!spec.list) return str(value) ? [{ where: spec.field, arn: value }] : [];
    return asList(value as unknown[]).flatMap((v, i) => (str(v) ? [{ where: `${spec.field}[${i}]`, arn: v as string }] : []));
}

/** An AWS managed policy (`arn:<partition>:iam::aws:policy/...`): written by AWS, changed by AWS, never scoped to us. */
export function isAwsManagedPolicyArn(arn: string): boolean {
    return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}
