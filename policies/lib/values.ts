/**
 * Property values as the rules see them: plain data, with every value the engine cannot know yet (an output of a
 * resource that does not exist during `pulumi preview`) replaced by `UNKNOWN`.
 *
 * Why not use the engine's props directly: @pulumi/policy hands rules a proxy that throws on the first unknown
 * value it meets, and the engine turns that into "can't run policy ... during preview" for the whole policy. A
 * stack rule that reads one unknown health check id would then check nothing at all. Converting first lets a
 * rule skip exactly the values it cannot judge and still check the rest. Unknown is never a violation.
 */
import { show as showValue } from "@active-active/aws-facts";

/** Stands for a value that is unknown until the update runs. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

// The sentinels @pulumi/policy's deserializer puts where a value is unknown (one per value type).
const UNKNOWN_SENTINELS = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

// The engine's props proxy answers this key with the object it wraps.
const PROXY_TARGET = "__getSpecialProxyTarget";
// How the Pulumi runtime marks a secret (the mock kit records inputs in this form).
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function unwrapProxy(value: unknown): unknown {
    if (value !== null && typeof value === "object") {
        const target = (value as Record<string, unknown>)[PROXY_TARGET];
        if (target !== undefined && target !== null && typeof target === "object") return target;
    }
    return value;
}

/** A deep plain copy of props: proxies unwrapped, secrets revealed to the rule, unknowns replaced by UNKNOWN. */
export function plain(value: unknown): any {
    const v = unwrapProxy(value);
    if (typeof v === "string") return UNKNOWN_SENTINELS.has(v) ? UNKNOWN : v;
    if (v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map(plain);
    const obj = v as Record<string, unknown>;
    if (obj[SIG_KEY] === SECRET_SIG) return plain(obj.value);
    // How the mock runtime records an output that is unknown during preview.
    if (obj.__pulumiUnknown === true) return UNKNOWN;
    // Assets and archives (a Lambda's code) are not data any rule reads.
    if (!isPlainObject(obj)) return obj;
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(obj)) out[k] = plain(child);
    return out;
}

/** An object literal (of any realm: test runners and structuredClone use other realms' Object.prototype). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === null || Object.getPrototypeOf(proto) === null;
}

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN;
}

/** True when the value contains UNKNOWN anywhere. */
export function hasUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(hasUnknown);
    if (isPlainObject(value)) {
        return Object.values(value as Record<string, unknown>).some(hasUnknown);
    }
    return false;
}

/** The value as a list: a single value becomes a list of one, nothing becomes an empty list. */
export function asList<T>(value: T | T[] | undefined | null): T[] {
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
}

/** A string value, or undefined when absent or not a string (UNKNOWN included: check `isUnknown` first). */
export function str(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

/** A number value; numeric strings count, as providers encode some numbers as strings. */
export function num(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

/** A value that providers may hand over as a JSON string (provider config, policy documents). */
export function parseMaybeJson(value: unknown): unknown {
    if (typeof value !== "string") return value;
    const t = value.trim();
    if (!t.startsWith("{") && !t.startsWith("[")) return value;
    try {
        return plain(JSON.parse(t));
    } catch {
        return value;
    }
}

/** The tags of a resource's props, or UNKNOWN, or {} when it has none. */
export function tagsOf(props: Record<string, any>): Record<string, unknown> | Unknown {
    const tags = props.tags;
    if (isUnknown(tags)) return UNKNOWN;
    return tags !== null && typeof tags === "object" ? (tags as Record<string, unknown>) : {};
}

/** A tag value when known and a string. */
export function tag(props: Record<string, any>, key: string): string | undefined {
    const tags = tagsOf(props);
    if (isUnknown(tags)) return undefined;
    return str(tags[key]);
}

/** A value as messages show it (aws-facts' `show`: JSON, cut when long), with `<unknown>` for unknown values. */
export function show(value: unknown): string {
    return value === UNKNOWN ? "<unknown>" : showValue(revealUnknowns(value));
}

/** The value with every UNKNOWN inside it replaced by the text `<unknown>`, which JSON can carry. */
function revealUnknowns(value: unknown): unknown {
    if (value === UNKNOWN) return "<unknown>";
    if (Array.isArray(value)) return value.map(revealUnknowns);
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealUnknowns(v)]));
    return value;
}

/** A setting for messages: `unset` when absent, else its JSON. */
export function setting(value: unknown): string {
    return value === undefined || value === null ? "unset" : show(value);
}
