/**
 * Reads `stacks/Pulumi.<stack>.yaml` and hands its config to a program the way the engine does: every key
 * namespaced (`active-active:regions`), strings as they are, lists and objects JSON-encoded.
 * `secure:` values cannot be decrypted offline; they are passed as a redacted placeholder and marked secret.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export interface StackFileConfig {
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
}

export const REDACTED = "[secret]";

const PROJECT = "active-active";

export function stackFilePath(stack: string, root: string = path.resolve(__dirname, "..")): string {
    return path.join(root, "stacks", `Pulumi.${stack}.yaml`);
}

function encode(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** Namespaces a bare key with the project name, as `pulumi config set` does. */
export function qualifyKey(key: string): string {
    return key.includes(":") ? key : `${PROJECT}:${key}`;
}

/**
 * Loads a stack file, then applies overrides (keys as the stack files spell them; values already parsed).
 * Throws when the stack file does not exist, naming the stacks that do.
 */
export function loadStackConfig(
    stack: string,
    overrides: Record<string, unknown> = {},
    root: string = path.resolve(__dirname, ".."),
): StackFileConfig {
    const file = stackFilePath(stack, root);
    if (!fs.existsSync(file)) {
        const known = fs
            .readdirSync(path.join(root, "stacks"))
            .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
            .map((f) => f.slice("Pulumi.".length, -".yaml".length));
        throw new Error(`unknown stack "${stack}": no ${path.relative(root, file)}; stacks: ${known.join(", ")}`);
    }
    const doc = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const put = (key: string, value: unknown) => {
        const k = qualifyKey(key);
        if (value !== null && typeof value === "object" && "secure" in (value as object)) {
            config[k] = REDACTED;
            if (!secretKeys.includes(k)) secretKeys.push(k);
        } else {
            config[k] = encode(value);
        }
    };
    for (const [key, value] of Object.entries(doc.config ?? {})) put(key, value);
    for (const [key, value] of Object.entries(overrides)) put(key, value);
    return { stack, config, secretKeys };
}
