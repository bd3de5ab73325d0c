/**
 * What `parseConfig` reads (a `ConfigSource`: the engine's raw strings, which keys are secret) and its first two
 * steps: keys that are unknown or hold secrets, then each known key through its schema. Secret values of our
 * namespace are never decoded, so they cannot reach a message.
 */
import type { z } from "zod";
import { closest, didYouMean, isCredentialName, missing, Problem } from "../packages/aws-facts";
import { issueProblem } from "./issues";
import { ConfigSource, KNOWN_NAMESPACES, NAMESPACE } from "./types";
import { Key, KEYS, Parsed, TEXT_KEYS } from "./schema";

export type { ConfigSource } from "./types";

/** Reads a raw config string the way the engine encodes it: JSON for lists, objects, numbers and booleans. */
export function decode(raw: string): unknown {
    try {
        return JSON.parse(raw);
    } catch {
        return raw;
    }
}

/** Keys of our namespace stored with `--secret`: only checked, never read. */
export function secretKeys(source: ConfigSource): Set<string> {
    return new Set(Object.keys(source.values).filter((key) => source.isSecret(`${NAMESPACE}:${key}`)));
}

export { KNOWN_NAMESPACES } from "./types";

/** Keys in no known namespace, each with the key it most likely meant. */
export function namespaceProblems(allKeys: readonly string[]): Problem[] {
    return allKeys.flatMap((key) => {
        const cut = key.indexOf(":");
        const namespace = cut < 0 ? "" : key.slice(0, cut);
        if ((KNOWN_NAMESPACES as readonly string[]).includes(namespace)) return [];
        const meant = closest(namespace, KNOWN_NAMESPACES);
        const hint = meant === undefined ? "" : `; did you mean "${meant}:${key.slice(cut + 1)}"?`;
        return [missing(key, `is in no known namespace ("${namespace}"${hint})`, `keys in the namespaces ${KNOWN_NAMESPACES.join(", ")}`, "unknown-namespace")];
    });
}

/**
 * Keys that are valid but change nothing: `aws:` settings (`aws:region`, `aws:profile`) configure only the default
 * AWS provider, which every stack disables; the program's explicit providers read no stack config (Pulumi docs,
 * "Configuration", provider configuration: "If you instantiate a provider object, it will not read values from the
 * stack configuration").
 */
export function keyWarnings(source: ConfigSource): Problem[] {
    return source.allKeys
        .filter((key) => key.startsWith("aws:"))
        .map((key) =>
            missing(
                key,
                "is ignored: the program gives every resource an explicit aws.Provider per region, and explicit providers read no stack config",
                `${NAMESPACE}:regions, ${NAMESPACE}:homeRegion`,
                "ignored-aws-key",
            ),
        );
}

/**
 * Unknown keys of our namespace, secrets kept in it, and credentials of other namespaces stored in plain text.
 * "Credential" is the one list of aws-facts' `isCredentialName` (the plan redacts by it too): every provider's
 * `apiToken`, `apiUserServiceKey`, `accessKey`, `secretKey`, `token`, ... and anything named like them.
 */
export function keyProblems(source: ConfigSource): Problem[] {
    const problems: Problem[] = [...namespaceProblems(source.allKeys)];
    const secret = secretKeys(source);
    const known = Object.keys(KEYS);
    for (const key of Object.keys(source.values)) {
        const path = `${NAMESPACE}:${key}`;
        if (!Object.hasOwn(KEYS, key)) problems.push(missing(path, `unknown key${didYouMean(key, known)}`, known.join(", "), "unknown-key"));
        if (isCredentialName(key)) {
            problems.push(
                missing(path, "looks like a secret stored in stack config", "none here — credentials belong to their provider (e.g. `pulumi config set --secret cloudflare:apiToken`)", "secret-in-config"),
            );
        } else if (secret.has(key)) {
            problems.push(missing(path, "is stored as a secret", "plain text (only credentials are secret, and they belong to their provider)", "secret-key"));
        }
    }
    for (const key of source.allKeys) {
        // Keys of our namespace that look like secrets are reported above, once.
        if (key.startsWith(`${NAMESPACE}:`)) continue;
        if (isCredentialName(key) && !source.isSecret(key)) {
            problems.push(missing(key, "is stored in plain text", `a secret (\`pulumi config set --secret ${key} ...\`) or the provider's environment variable`, "plain-text-secret"));
        }
    }
    return problems;
}

/** Every known key through its schema, in the order of KEYS; a key that fails is left out of `parsed`. */
export function parseKeys(source: ConfigSource): { parsed: Parsed; problems: Problem[] } {
    const parsed: Record<string, unknown> = {};
    const problems: Problem[] = [];
    const secret = secretKeys(source);
    for (const key of Object.keys(KEYS) as Key[]) {
        if (secret.has(key)) continue;
        const raw = source.values[key];
        // Text keys keep their raw string: "12345" is a (bad) zone id, not a number.
        const value = raw === undefined ? undefined : TEXT_KEYS.has(key) ? raw : decode(raw);
        const result = (KEYS[key] as z.ZodType).safeParse(value);
        if (result.success) parsed[key] = result.data;
        else problems.push(...result.error.issues.map((issue) => issueProblem(key, value, issue)));
    }
    return { parsed: parsed as Parsed, problems };
}
