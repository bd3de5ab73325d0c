/**
 * Turns recorded inputs into plain JSON that is safe to print and diff: secrets become `[secret]`, assets and
 * archives become `{ hash: "sha256:..." }` of their content, resource references become their URN, keys sorted.
 * (The last line of defence, scrubbing known secret values from every output, is scrub.ts.)
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { REDACTED } from "./scrub";

/** A value the engine would only know after an update (none under the kit's mocks, but the type allows it). */
export const UNKNOWN = "[unknown]";

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * Provider inputs that hold credentials (aws: accessKey, secretKey, token; cloudflare: apiToken, apiKey,
 * apiUserServiceKey). Whole names only: `skipCredentialsValidation` and `tokenBucketRateLimiterCapacity` are not.
 */
const CREDENTIAL_KEY = /^(access_?key|secret_?key|secret_?access_?key|token|session_?token|api_?token|api_?key|api_?user_?service_?key|password|private_?key|client_?secret)$/i;

/** The runtime's marker for a value only known after an update, as a string and as an object. */
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function sha256(data: string | Buffer): string {
    return createHash("sha256").update(data).digest("hex");
}

function isSecretWrapper(value: object): boolean {
    return (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** Hash of a file or directory tree: relative paths and contents, in sorted order. */
function hashPath(p: string): string {
    if (!fs.existsSync(p)) return sha256(`missing:${p}`);
    const stat = fs.statSync(p);
    if (stat.isFile()) return sha256(fs.readFileSync(p));
    const lines: string[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir).sort()) {
            const full = path.join(dir, entry);
            if (fs.statSync(full).isDirectory()) walk(full);
            else lines.push(`${path.relative(p, full)}\0${sha256(fs.readFileSync(full))}\n`);
        }
    };
    walk(p);
    return sha256(lines.join(""));
}

/** Content hash of an asset or archive. Remote ones cannot be fetched offline: their URI is hashed instead. */
export async function hashAsset(a: pulumi.asset.Asset | pulumi.asset.Archive): Promise<string> {
    const anyA = a as any;
    if (anyA.assets !== undefined) {
        const members = (await anyA.assets) as Record<string, pulumi.asset.Asset | pulumi.asset.Archive>;
        const lines: string[] = [];
        for (const name of Object.keys(members).sort()) lines.push(`${name}\0${await hashAsset(members[name]!)}\n`);
        return sha256(lines.join(""));
    }
    if (anyA.text !== undefined) return sha256(String(await anyA.text));
    if (anyA.path !== undefined) return hashPath(String(await anyA.path));
    if (anyA.uri !== undefined) return sha256(`uri:${await anyA.uri}`);
    return sha256("empty");
}

function isAssetOrArchive(v: unknown): v is pulumi.asset.Asset | pulumi.asset.Archive {
    return pulumi.asset.Asset.isInstance(v) || pulumi.asset.Archive.isInstance(v);
}

export interface Sanitized {
    value: unknown;
    /** Dotted paths where a secret was found and redacted. */
    secretPaths: string[];
}

/**
 * Plain JSON for a recorded value. `secretPaths` names paths to redact (from the kit); secret wrappers are
 * redacted wherever they are; `redactKey` redacts by key name (used for provider credentials).
 */
export async function sanitize(
    value: unknown,
    options: { secretPaths?: string[]; redactKey?: (key: string) => boolean } = {},
): Promise<Sanitized> {
    const secretPaths = new Set(options.secretPaths ?? []);
    const found: string[] = [];
    const walk = async (v: unknown, at: string): Promise<unknown> => {
        if (at && secretPaths.has(at)) {
            found.push(at);
            return REDACTED;
        }
        if (v === UNKNOWN_SENTINEL) return UNKNOWN;
        if (v === null || v === undefined || typeof v !== "object") {
            return typeof v === "function" || typeof v === "symbol" || typeof v === "bigint" ? String(v) : v;
        }
        if ((v as { __pulumiUnknown?: unknown }).__pulumiUnknown === true) return UNKNOWN;
        if (isSecretWrapper(v)) {
            found.push(at);
            return REDACTED;
        }
        if (isAssetOrArchive(v)) return { hash: `sha256:${await hashAsset(v)}` };
        if (pulumi.Resource.isInstance(v)) return String(await ((v as pulumi.Resource).urn as any).promise());
        if (pulumi.Output.isInstance(v)) {
            const o = v as any;
            if (await o.isSecret) {
                found.push(at);
                return REDACTED;
            }
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
            if (options.redactKey?.(key) && item !== null && item !== "") {
                found.push(child);
                out[key] = REDACTED;
                continue;
            }
            out[key] = await walk(item, child);
        }
        return out;
    };
    const result = await walk(value, "");
    return { value: result, secretPaths: [...new Set(found)].sort() };
}

export function isCredentialKey(key: string): boolean {
    return CREDENTIAL_KEY.test(key);
}

/** A copy with object keys sorted at every level, for a stable JSON text. */
export function sortKeys<T>(value: T): T {
    if (Array.isArray(value)) return value.map(sortKeys) as unknown as T;
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out as T;
}
