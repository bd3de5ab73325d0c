/**
 * Reading IAM policy documents as the provider receives them: a JSON string, or the object form of
 * `aws.iam.PolicyDocument`. Statement, Action, Resource and Principal may each be a single value or a list.
 *
 * Wildcards follow IAM's grammar: `*` matches any run of characters and `?` any one character, anywhere in an
 * action (`dynamodb:**`, `iam:?*`, `kms:*crypt*`) or in any field of an ARN
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
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
    /** The same for `NotPrincipal`. */
    notPrincipals: string[];
    hasCondition: boolean;
    /**
     * The condition keys that restrict the statement, lower-cased (`aws:sourceaccount`). Keys under an `...IfExists`
     * operator or `Null` are left out: they hold when the key is absent, so they restrict nothing on their own.
     */
    conditionKeys: string[];
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

/** Condition keys of `{ Operator: { key: value } }` or the object form's `[{ test, variable, values }]`. */
function conditionKeysOf(value: unknown): string[] {
    const restricting = (operator: string) => !/ifexists$/i.test(operator) && operator.toLowerCase() !== "null";
    if (Array.isArray(value)) {
        return value
            .filter((c) => c && typeof c === "object" && restricting(String((c as Record<string, unknown>).test ?? "")))
            .flatMap((c) => strings((c as Record<string, unknown>).variable))
            .map((k) => k.toLowerCase());
    }
    if (value === null || typeof value !== "object") return [];
    return Object.entries(value as Record<string, unknown>)
        .filter(([operator, keys]) => restricting(operator) && keys !== null && typeof keys === "object")
        .flatMap(([, keys]) => Object.keys(keys as Record<string, unknown>).map((k) => k.toLowerCase()));
}

function toStatement(s: unknown, index: number): Statement {
    const o = (s ?? {}) as Record<string, unknown>;
    const pick = (...keys: string[]) => keys.map((k) => o[k]).find((v) => v !== undefined);
    const condition = pick("Condition", "conditions");
    return {
        label: str(o.Sid) ?? str(o.sid) ?? `Statement[${index}]`,
        effect: str(pick("Effect", "effect")) ?? "Allow",
        actions: strings(pick("Action", "actions")),
        notActions: strings(pick("NotAction", "notActions")),
        resources: strings(pick("Resource", "resources")),
        notResources: strings(pick("NotResource", "notResources")),
        principals: principalValues(pick("Principal", "principals")),
        notPrincipals: principalValues(pick("NotPrincipal", "notPrincipals")),
        hasCondition: condition !== undefined,
        conditionKeys: conditionKeysOf(condition),
    };
}

/** True when the text holds one of IAM's wildcard characters. */
export function hasWildcard(text: string): boolean {
    return /[*?]/.test(text);
}

/**
 * Any `*` or `?` in an action makes it a pattern over many actions: `*`, `dynamodb:*`, `dynamodb:**`, `iam:?*`,
 * `kms:*crypt*`, and also `dynamodb:Get*`, which grows with every new Get action AWS adds.
 */
export function isWildcardAction(action: string): boolean {
    return hasWildcard(action);
}

const ARN_FIELDS = ["partition", "service", "region", "account"] as const;

/**
 * Why a Resource reaches resources it does not name, or undefined when it names them: `*`; a wildcard in the
 * partition, service, region or account of an ARN (other partitions, services, regions, accounts); a resource part
 * whose name starts with a wildcard (`table/*`: every table; a bucket name of `*`: every bucket). A wildcard after a
 * literal name stays allowed: it stays inside that name (`table/app/index/*`, `log-group:/app/fn:*`,
 * `function:CodeDeployHook_*`, `my-bucket/*`).
 */
export function resourceWildcard(resource: string): string | undefined {
    if (resource === "*") return "matches every resource";
    const parts = resource.split(":");
    if (parts[0] !== "arn" || parts.length < 6) return hasWildcard(resource) ? "is a pattern, not an ARN" : undefined;
    const wild = ARN_FIELDS.flatMap((field, i) => (hasWildcard(parts[i + 1]!) ? [`${field} "${parts[i + 1]}"`] : []));
    const rest = parts.slice(5).join(":");
    // S3 ARNs start with the bucket name itself; other services with a resource type (`table/`, `function:`).
    const sep = parts[2] === "s3" ? -1 : rest.search(/[/:]/);
    const type = sep < 0 ? "" : rest.slice(0, sep);
    const id = sep < 0 ? rest : rest.slice(sep + 1);
    if (hasWildcard(type) || id === "" || /^[*?]/.test(id)) wild.push(`resource "${rest}"`);
    return wild.length > 0 ? `has a wildcard in its ${wild.join(", ")}` : undefined;
}

export function isAllow(s: Statement): boolean {
    return s.effect.toLowerCase() === "allow";
}

/** `*`, or `{"AWS": "*"}` flattened: every principal of every account. */
export function isPublicPrincipal(principal: string): boolean {
    return principal === "*";
}

/** A service principal, e.g. `lambda.amazonaws.com`, `logs.eu-west-1.amazonaws.com`. */
export function isServicePrincipal(principal: string): boolean {
    return /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(principal);
}

/**
 * Condition keys that tie a grant to resources or principals of one account or organisation: what AWS's
 * confused-deputy guidance asks for (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html), plus
 * the CloudWatch Logs encryption context, which names the log group (and so the account) using a key
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
 */
export const SOURCE_CONDITION_KEYS: readonly string[] = [
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:sourceowner",
    "aws:principalaccount",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "kms:calleraccount",
    "kms:encryptioncontext:aws:logs:arn",
];

/** True when the statement carries one of SOURCE_CONDITION_KEYS. */
export function hasSourceCondition(s: Statement): boolean {
    return s.conditionKeys.some((k) => SOURCE_CONDITION_KEYS.includes(k));
}
