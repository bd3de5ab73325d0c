/**
 * Reading IAM policy documents as the provider receives them: a JSON string, or the object form of
 * `aws.iam.PolicyDocument`. Statement, Action, Resource and Principal may each be a single value or a list.
 */
import { asList, hasUnknown, isUnknown, plain, str, Unknown, UNKNOWN } from "./values";

export interface Statement {
    /** `Sid`, else `Statement[<index>]`, for messages. */
    label: string;
    effect: string;
    actions: string[];
    notActions: string[];
    resources: string[];
    notResources: string[];
    /** Every principal value (`*`, ARNs, service names), flattened over AWS/Service/Federated/CanonicalUser. */
    principals: string[];
    hasCondition: boolean;
}

/** The statements of a policy document; UNKNOWN when any part is unknown; an error string when unreadable. */
export function statementsOf(doc: unknown): Statement[] | Unknown | { error: string } {
    if (isUnknown(doc) || hasUnknown(doc)) return UNKNOWN;
    let parsed: unknown = doc;
    if (typeof doc === "string") {
        try {
            parsed = plain(JSON.parse(doc));
        } catch {
            return { error: "is not valid JSON" };
        }
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { error: "is not a policy document" };
    const raw = (parsed as Record<string, unknown>).Statement ?? (parsed as Record<string, unknown>).statements;
    return asList(raw as unknown[]).map((s, i) => toStatement(s, i));
}

function strings(value: unknown): string[] {
    return asList(value as unknown[]).filter((v): v is string => typeof v === "string");
}

function principalValues(value: unknown): string[] {
    if (typeof value === "string") return [value];
    if (value === null || typeof value !== "object") return [];
    // The object form of aws.iam.PolicyDocument also allows [{ type, identifiers }].
    if (Array.isArray(value)) {
        return value.flatMap((p) => (p && typeof p === "object" ? strings((p as Record<string, unknown>).identifiers) : strings(p)));
    }
    return Object.values(value as Record<string, unknown>).flatMap(strings);
}

function toStatement(s: unknown, index: number): Statement {
    const o = (s ?? {}) as Record<string, unknown>;
    const pick = (...keys: string[]) => keys.map((k) => o[k]).find((v) => v !== undefined);
    return {
        label: str(o.Sid) ?? str(o.sid) ?? `Statement[${index}]`,
        effect: str(pick("Effect", "effect")) ?? "Allow",
        actions: strings(pick("Action", "actions")),
        notActions: strings(pick("NotAction", "notActions")),
        resources: strings(pick("Resource", "resources")),
        notResources: strings(pick("NotResource", "notResources")),
        principals: principalValues(pick("Principal", "principals")),
        hasCondition: pick("Condition", "conditions") !== undefined,
    };
}

/** `*`, `*:*` or `<service>:*`: every action of every service, or of one service. */
export function isWildcardAction(action: string): boolean {
    return action === "*" || /^[A-Za-z0-9-]+:\*$/.test(action) || action === "*:*";
}

export function isAllow(s: Statement): boolean {
    return s.effect.toLowerCase() === "allow";
}
