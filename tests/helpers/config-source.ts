/**
 * Builds the `ConfigSource` that `parseConfig` reads from a stack file plus overrides, the way `loadConfig` builds
 * it from the engine's config: the `active-active` namespace by bare key, values as the engine encodes them
 * (strings as they are, lists, objects, numbers and booleans JSON-encoded), every key of the stack, and which of
 * them are secret.
 */
import { ConfigError, ConfigSource, NAMESPACE, parseConfig } from "../../config";
import { loadStackConfig } from "../../mock-kit";

export type StackName = "dev" | "staging" | "prod";

export interface ConfigSourceOptions {
    /**
     * Values to set, keyed as the stack files spell them (`active-active:regions`, `cloudflare:accountId`; a bare
     * key gets the project namespace). A value of `undefined` removes the key from the stack.
     */
    set?: Record<string, unknown>;
    /**
     * Raw engine strings, set after `set` and never re-encoded: what `pulumi config set key value` without `--path`
     * or `--type` stores. Use it for values that must reach the program as text (e.g. `"[us-east-1"`).
     */
    raw?: Record<string, string>;
    /** Keys stored with `--secret`, with their (decrypted) values. */
    secrets?: Record<string, string>;
    /** True for `pulumi up`'s update step (default false: a preview). */
    isUpdate?: boolean;
    /** The program's environment (default empty, so the machine running the tests never leaks in). */
    env?: Record<string, string | undefined>;
    project?: string;
}

/** The stack file's config plus changes, as the engine would hand it to the program. */
export interface EngineConfig {
    config: Record<string, string>;
    secretKeys: string[];
}

function qualify(key: string): string {
    return key.includes(":") ? key : `${NAMESPACE}:${key}`;
}

/** The engine-encoded config of a stack file with `set`, `raw` and `secrets` applied. */
export function engineConfig(stack: StackName, options: ConfigSourceOptions = {}): EngineConfig {
    const set = options.set ?? {};
    const kept: Record<string, unknown> = {};
    const removed: string[] = [];
    for (const [key, value] of Object.entries(set)) {
        if (value === undefined) removed.push(qualify(key));
        else kept[key] = value;
    }
    const loaded = loadStackConfig(stack, kept);
    const config = { ...loaded.config };
    const secretKeys = [...loaded.secretKeys];
    for (const key of removed) delete config[key];
    for (const [key, value] of Object.entries(options.raw ?? {})) config[qualify(key)] = value;
    for (const [key, value] of Object.entries(options.secrets ?? {})) {
        config[qualify(key)] = value;
        if (!secretKeys.includes(qualify(key))) secretKeys.push(qualify(key));
    }
    return { config, secretKeys: secretKeys.filter((k) => k in config) };
}

/** A `ConfigSource` for `parseConfig`: stack file `stack` with the given changes. */
export function configSource(stack: StackName, options: ConfigSourceOptions = {}): ConfigSource {
    const { config, secretKeys } = engineConfig(stack, options);
    const values: Record<string, string> = {};
    const prefix = `${NAMESPACE}:`;
    for (const [key, value] of Object.entries(config)) {
        if (key.startsWith(prefix)) values[key.slice(prefix.length)] = value;
    }
    return {
        project: options.project ?? "active-active",
        stack,
        values,
        allKeys: Object.keys(config),
        isSecret: (key) => secretKeys.includes(key),
        isUpdate: options.isUpdate ?? false,
        env: options.env ?? {},
    };
}

/** The problems `parseConfig` reports for a source; fails when the config is accepted or another error is thrown. */
export function configProblems(source: ConfigSource): string[] {
    try {
        parseConfig(source);
    } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
    }
    throw new Error(`config of stack "${source.stack}" was accepted; expected a ConfigError`);
}

