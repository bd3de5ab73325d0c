/**
 * Everything the plan does about secrets, in one place. Recorded values become plain JSON with what the program
 * marked secret (and provider credentials) as `[secret]`; then the stack's known secret values are scrubbed from
 * everything the plan holds, whatever path they took there (a plain getter that stripped their secretness, a message
 * that quotes them). Loads the Pulumi SDK only on use, so the CLI can scrub its usage errors without it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isCredentialName } from "../packages/aws-facts/credentials";
import { hashAsset } from "./hash";

export const REDACTED = "[secret]";
/** A value the engine would only know after an update (none under the kit's mocks, but the type allows it). */
export const UNKNOWN = "[unknown]";

/**
 * Secrets shorter than this are not scrubbed from free text: replacing every "1" or "on" would garble the plan.
 * They are still redacted wherever the program marked them secret.
 */
export const MIN_SCRUB_LENGTH = 4;

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The runtime's marker for a value only known after an update. */
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Provider inputs and config keys that hold credentials (aws: accessKey, secretKey, token; cloudflare: apiToken,
 * apiKey, apiUserServiceKey; anything named like them): the one list of aws-facts' `isCredentialName`, which the
 * config's plain-text check uses too. `skipCredentialsValidation` and `tokenBucketRateLimiterCapacity` are not.
 */
export function isCredentialKey(key: string): boolean {
    return isCredentialName(key);
}

function sdk(): typeof pulumi {
    return require("@pulumi/pulumi");
}

export interface Plain {
    value: unknown;
    /** Dotted paths where a secret was found and redacted. */
    secretPaths: string[];
}

/**
 * Plain JSON for a recorded value: secrets become `[secret]` (at `secretPaths` from the kit, in secret wrappers and
 * secret Outputs, and under keys `redactKey` names), assets and archives `{ hash: "sha256:..." }` of their content,
 * resource references their URN, keys sorted.
 */
export async function toPlain(value: unknown, options: { secretPaths?: string[]; redactKey?: (key: string) => boolean } = {}): Promise<Plain> {
    const { asset, Output, Resource } = sdk();
    const secretPaths = new Set(options.secretPaths ?? []);
    const found: string[] = [];
    const secret = (at: string) => {
        found.push(at);
        return REDACTED;
    };
    const walk = async (v: unknown, at: string): Promise<unknown> => {
        if (at && secretPaths.has(at)) return secret(at);
        if (v === UNKNOWN_SENTINEL) return UNKNOWN;
        if (v === null || v === undefined || typeof v !== "object") {
            return typeof v === "function" || typeof v === "symbol" || typeof v === "bigint" ? String(v) : v;
        }
        if ((v as { __pulumiUnknown?: unknown }).__pulumiUnknown === true) return UNKNOWN;
        if ((v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG) return secret(at);
        if (asset.Asset.isInstance(v) || asset.Archive.isInstance(v)) return { hash: `sha256:${await hashAsset(v)}` };
        if (Resource.isInstance(v)) return String(await ((v as pulumi.Resource).urn as any).promise());
        if (Output.isInstance(v)) {
            const o = v as any;
            if (await o.isSecret) return secret(at);
            if (!(await o.isKnown)) return UNKNOWN;
            return walk(await o.promise(), at);
        }
        if (Array.isArray(v)) {
            const items = v as unknown[];
            const out: unknown[] = [];
            for (let i = 0; i < items.length; i++) out.push(await walk(items[i], at ? `${at}[${i}]` : `[${i}]`));
            return out;
        }
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(v).sort()) {
            const child = at ? `${at}.${key}` : key;
            const item = (v as Record<string, unknown>)[key];
            if (item === undefined) continue;
            if (options.redactKey?.(key) && item !== null && item !== "") out[key] = secret(child);
            else out[key] = await walk(item, child);
        }
        return out;
    };
    const result = await walk(value, "");
    return { value: result, secretPaths: [...new Set(found)].sort() };
}

/** Replaces every known secret value in a text. */
export function scrubText(text: string, secrets: readonly string[]): string {
    let out = text;
    for (const s of secrets) {
        if (s.length < MIN_SCRUB_LENGTH) continue;
        out = out.split(s).join(REDACTED);
        // A secret can also reach the text JSON-escaped (quotes, backslashes, newlines).
        const escaped = JSON.stringify(s).slice(1, -1);
        if (escaped !== s) out = out.split(escaped).join(REDACTED);
    }
    return out;
}

/** Replaces every known secret value inside the strings of a JSON value (keeps the JSON valid). */
export function scrubJson<T>(value: T, secrets: readonly string[]): T {
    if (typeof value === "string") return scrubText(value, secrets) as unknown as T;
    if (Array.isArray(value)) return value.map((v) => scrubJson(v, secrets)) as unknown as T;
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as object)) out[scrubText(k, secrets)] = scrubJson(v, secrets);
    return out as T;
}

/** `value` with known secrets scrubbed from its strings; plain objects and arrays are copied only where one is found. */
function scrubRecorded<T>(value: T, secrets: readonly string[]): T {
    if (typeof value === "string") return scrubText(value, secrets) as unknown as T;
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) {
        const items = value.map((v) => scrubRecorded(v, secrets));
        return (items.some((v, i) => v !== value[i]) ? items : value) as unknown as T;
    }
    // Assets, resources and other class instances are the engine's, not text: handed on as they are.
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as object)) {
        const key = scrubText(k, secrets);
        out[key] = scrubRecorded(v, secrets);
        changed ||= key !== k || out[key] !== v;
    }
    return (changed ? out : value) as T;
}

/**
 * The redact step of the plan: the plan's data (header and collected resources) and the recorded resources the
 * policies evaluate, with every known secret value scrubbed. After it, no step holds a known secret.
 */
export function redact<P, R extends { inputs: Record<string, unknown>; outputs: Record<string, unknown> }>(
    plan: P,
    records: readonly R[],
    secrets: readonly string[],
): { plan: P; records: R[] } {
    const scrubbed = records.map((r) => {
        const inputs = scrubRecorded(r.inputs, secrets);
        const outputs = scrubRecorded(r.outputs, secrets);
        return inputs === r.inputs && outputs === r.outputs ? r : { ...r, inputs, outputs };
    });
    return { plan: scrubJson(plan, secrets), records: scrubbed };
}
