/**
 * The last line of defence: every output of the plan (text, JSON, Markdown, errors, progress) is scrubbed of the
 * stack's known secret values, whatever path they took there (a plain getter that stripped their secretness, a
 * message that quotes them). No Pulumi import, so the CLI can use it before loading the program.
 */
export const REDACTED = "[secret]";

/**
 * Secrets shorter than this are not scrubbed from free text: replacing every "1" or "on" would garble the plan.
 * They are still redacted wherever the program marked them secret.
 */
export const MIN_SCRUB_LENGTH = 4;

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
