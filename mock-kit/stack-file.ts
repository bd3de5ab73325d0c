/**
 * Reads a stack file (`Pulumi.<stack>.yaml`, in the project's `stackConfigDir`) and hands its config to a program
 * the way the engine does: every key namespaced (`active-active:regions`), strings as they are, lists and objects
 * JSON-encoded. `secure:` values cannot be decrypted offline; they are passed as a redacted placeholder and marked
 * secret. Overrides take `pulumi config set --path` keys (config-path.ts). The rules about the stack file itself
 * (default providers off) are applied here and returned as `problems`.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { defaultProvidersProblems } from "../config/stack-file";
import type { Problem } from "../packages/aws-facts";
import { ConfigPathError, getAtPath, parseConfigPath, setAtPath } from "./config-path";

export { ConfigPathError, parseConfigPath } from "./config-path";

/** One `--config` override as applied: the key as given, the stack file's value there (absent when unset), the new one. */
export interface AppliedOverride {
    key: string;
    before?: unknown;
    after: unknown;
    /** True when the key's stack value is a secret: `before` and `after` are then never shown. */
    secret: boolean;
}

export interface StackFileConfig {
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
    /** What is wrong with the stack file itself (e.g. default providers left on); empty when nothing is. */
    problems: Problem[];
    overrides: AppliedOverride[];
}

export const REDACTED = "[secret]";

const DEFAULT_PROJECT = "active-active";

interface ProjectFile {
    name?: string;
    stackConfigDir?: string;
    config?: Record<string, unknown>;
}

/** The project file (Pulumi.yaml) at `root`; empty when there is none. */
export function readProjectFile(root: string): ProjectFile {
    const file = path.join(root, "Pulumi.yaml");
    return fs.existsSync(file) ? ((parse(fs.readFileSync(file, "utf8")) ?? {}) as ProjectFile) : {};
}

export function stackFilePath(stack: string, root: string = path.resolve(__dirname, "..")): string {
    return path.join(root, readProjectFile(root).stackConfigDir ?? ".", `Pulumi.${stack}.yaml`);
}

function encode(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function isSecure(value: unknown): boolean {
    return value !== null && typeof value === "object" && "secure" in (value as object);
}

/** Namespaces a bare key with the project name, as `pulumi config set` does. */
export function qualifyKey(key: string, project: string = DEFAULT_PROJECT): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** The stack file's keys (qualified) with their values as written. */
function readStackFile(file: string, project: string): Record<string, unknown> {
    const doc = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(doc.config ?? {}).map(([k, v]) => [qualifyKey(k, project), v]));
}

/** Applies each override at its path (`--config` keys); the result is keyed like the stack file. */
function applyOverrides(values: Record<string, unknown>, overrides: Record<string, unknown>, project: string): AppliedOverride[] {
    const applied: AppliedOverride[] = [];
    for (const [given, value] of Object.entries(overrides)) {
        const { key: bare, path: at } = parseConfigPath(given);
        const key = qualifyKey(bare, project);
        const current = values[key];
        const secret = isSecure(current);
        if (secret && at.length > 0) throw new ConfigPathError(`${given}: ${key} is a secret; set it whole`);
        const before = at.length === 0 ? current : getAtPath(current, at);
        values[key] = setAtPath(given, current, at, value);
        applied.push({ key: given, ...(before === undefined ? {} : { before }), after: value, secret });
    }
    return applied;
}

/**
 * Loads a stack file, then applies overrides (keys as the stack files spell them, with an optional path; values
 * already parsed). Throws when the stack file does not exist, naming the stacks that do, and a ConfigPathError for
 * an override that cannot be applied.
 */
export function loadStackConfig(stack: string, overrides: Record<string, unknown> = {}, root: string = path.resolve(__dirname, "..")): StackFileConfig {
    const file = stackFilePath(stack, root);
    if (!fs.existsSync(file)) {
        const known = fs
            .readdirSync(path.dirname(file))
            .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
            .map((f) => f.slice("Pulumi.".length, -".yaml".length));
        throw new Error(`unknown stack "${stack}": no ${path.relative(root, file)}; stacks: ${known.join(", ")}`);
    }
    const project = readProjectFile(root);
    const values = readStackFile(file, project.name ?? DEFAULT_PROJECT);
    // A key stored as a secret stays secret when overridden: its new value is never shown either.
    const secretKeys = Object.keys(values).filter((key) => isSecure(values[key]));
    const problems = defaultProvidersProblems(path.relative(root, file), values, project.config);
    const applied = applyOverrides(values, overrides, project.name ?? DEFAULT_PROJECT);
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
        config[key] = isSecure(value) ? REDACTED : encode(value);
        if (isSecure(value) && !secretKeys.includes(key)) secretKeys.push(key);
    }
    return { stack, config, secretKeys, problems, overrides: applied };
}
