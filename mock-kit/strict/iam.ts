/**
 * IAM: CreateRole, CreatePolicy and PutRolePolicy, and the policy grammar shared with KMS key policies.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
import { Problems, ResourceRule, list } from "./common";

export const IAM_LIMITS = {
    roleName: 64,
    policyName: 128,
    managedPolicyChars: 6144,
    inlinePolicyBytesPerRole: 10240,
    trustPolicyChars: 2048,
} as const;

const POLICY_VERSIONS = ["2012-10-17", "2008-10-17"];
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;
const NAME = /^[\w+=,.@-]+$/;

/** identity: attached to a role or user; trust: a role's assume-role policy; resource: e.g. a KMS key policy. */
export type PolicyKind = "identity" | "trust" | "resource";

function parse(policy: unknown): Record<string, any> | undefined {
    if (typeof policy !== "string") return policy !== null && typeof policy === "object" ? (policy as Record<string, any>) : undefined;
    try {
        const doc = JSON.parse(policy);
        return doc !== null && typeof doc === "object" && !Array.isArray(doc) ? doc : undefined;
    } catch {
        return undefined;
    }
}

/** The policy's size as IAM counts it: without whitespace. */
export function policySize(policy: unknown): number {
    const doc = parse(policy);
    return doc ? JSON.stringify(doc).length : typeof policy === "string" ? policy.length : 0;
}

/** Why IAM (or KMS, with its own exception name) would reject this policy document; empty when it is fine. */
export function policyProblems(policy: unknown, kind: PolicyKind, exception = "MalformedPolicyDocument"): string[] {
    if (policy === undefined) return [];
    const out = new Set<string>();
    const say = (m: string) => out.add(`${exception}: ${m}`);
    const doc = parse(policy);
    const statements = doc?.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    if (!doc || statements.length === 0) return [`${exception}: Syntax errors in policy.`];
    if (doc.Version !== undefined && !POLICY_VERSIONS.includes(doc.Version)) say("The policy failed legacy parsing");
    for (const st of statements) {
        if (st === null || typeof st !== "object") {
            say("Syntax errors in policy.");
            continue;
        }
        if (st.Effect !== "Allow" && st.Effect !== "Deny") say("Syntax errors in policy.");
        const actions = st.Action ?? st.NotAction;
        if (actions === undefined) say("Policy statement must contain actions.");
        for (const a of [actions].flat().filter((x) => x !== undefined)) {
            if (a !== "*" && !ACTION.test(String(a))) say("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        }
        const principal = st.Principal ?? st.NotPrincipal;
        const resources = st.Resource ?? st.NotResource;
        if (kind === "identity") {
            if (principal !== undefined) say("Policy document should not specify a principal.");
            if (resources === undefined) say("Policy statement must contain resources.");
            for (const res of [resources].flat().filter((x) => x !== undefined)) {
                if (res !== "*" && !String(res).startsWith("arn:")) say(`Resource ${res} must be in ARN format or "*".`);
            }
        } else {
            if (principal === undefined) say("Missing required field Principal");
            if (kind === "trust" && resources !== undefined) say("Has prohibited field Resource");
            if (kind === "trust" && [actions].flat().some((a) => a !== undefined && !/^sts:/.test(String(a)))) {
                say("AssumeRole policy may only specify STS AssumeRole actions.");
            }
        }
    }
    return [...out];
}

function names(p: Problems, field: string, value: unknown, max: number): void {
    p.length(field, value, 1, max);
    p.pattern(field, value, NAME, "[\\w+=,.@-]+");
}

const role: ResourceRule = {
    check(r) {
        const i = r.inputs;
        const p = new Problems("ValidationError");
        names(p, "roleName", i.name, IAM_LIMITS.roleName);
        p.between("maxSessionDuration", i.maxSessionDuration, 3600, 43200);
        for (const m of policyProblems(i.assumeRolePolicy, "trust")) p.add(m);
        if (i.assumeRolePolicy !== undefined && policySize(i.assumeRolePolicy) > IAM_LIMITS.trustPolicyChars) {
            p.add(`LimitExceeded: Cannot exceed quota for ACLSizePerRole: ${IAM_LIMITS.trustPolicyChars}`);
        }
        for (const inline of list(i.inlinePolicies)) for (const m of policyProblems(inline.policy, "identity")) p.add(m);
        return p.list();
    },
};

const managedPolicy: ResourceRule = {
    check(r) {
        const i = r.inputs;
        const p = new Problems("ValidationError");
        names(p, "policyName", i.name, IAM_LIMITS.policyName);
        for (const m of policyProblems(i.policy, "identity")) p.add(m);
        if (i.policy !== undefined && policySize(i.policy) > IAM_LIMITS.managedPolicyChars) {
            p.add(`LimitExceeded: Cannot exceed quota for PolicySize: ${IAM_LIMITS.managedPolicyChars}`);
        }
        return p.list();
    },
};

const rolePolicy: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const p = new Problems("ValidationError");
        names(p, "policyName", i.name, IAM_LIMITS.policyName);
        for (const m of policyProblems(i.policy, "identity")) p.add(m);
        if (typeof i.role === "string" && i.policy !== undefined) {
            const total = (s.roleInlinePolicyBytes.get(i.role) ?? 0) + policySize(i.policy);
            if (total > IAM_LIMITS.inlinePolicyBytesPerRole) {
                p.add(`LimitExceeded: Maximum policy size of ${IAM_LIMITS.inlinePolicyBytesPerRole} bytes exceeded for role ${i.role}`);
            }
        }
        return p.list();
    },
    remember(r, s) {
        const i = r.inputs;
        if (typeof i.role === "string" && i.policy !== undefined) {
            s.roleInlinePolicyBytes.set(i.role, (s.roleInlinePolicyBytes.get(i.role) ?? 0) + policySize(i.policy));
        }
    },
};

export const IAM_RULES: Record<string, ResourceRule> = {
    "aws:iam/role:Role": role,
    "aws:iam/policy:Policy": managedPolicy,
    "aws:iam/rolePolicy:RolePolicy": rolePolicy,
};
