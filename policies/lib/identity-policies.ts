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
