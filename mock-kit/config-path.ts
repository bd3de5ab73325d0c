/**
 * Config keys with a path, as `pulumi config set --path` takes them: `active-active:service.capacityPerRegion`,
 * `active-active:drain[0]`, `active-active:tags["cost.center"]`. The first segment names the config key; the rest
 * walk into its value, creating objects and lists on the way. Setting a path never replaces the rest of the value.
 */

/** Thrown for a path that cannot be applied (into a scalar, past the end of a list, into a secret). */
export class ConfigPathError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigPathError";
    }
}

export interface ConfigPath {
    /** The config key: `namespace:name` (or a bare `name`). */
    key: string;
    /** The segments after the key: a string walks into an object, a number into a list. */
    path: (string | number)[];
}

const QUOTED = /^\["((?:[^"\\]|\\.)*)"\]/;
const INDEX = /^\[(\d+)\]/;
const NAME = /^\.?([^.[\]"]+)/;

/** Splits `ns:key.a[0]["b.c"]` into its key and path; throws a ConfigPathError on a malformed path. */
export function parseConfigPath(text: string): ConfigPath {
    const colon = text.indexOf(":");
    const start = colon + 1;
    const end = text.slice(start).search(/[.[]/);
    if (end === 0) throw new ConfigPathError(`${text}: a path starts with a key name`);
    const key = end < 0 ? text : text.slice(0, start + end);
    const path: (string | number)[] = [];
    let rest = end < 0 ? "" : text.slice(start + end);
    while (rest.length > 0) {
        const quoted = QUOTED.exec(rest);
        const index = quoted ? null : INDEX.exec(rest);
        const name = quoted || index || !rest.startsWith(".") ? null : NAME.exec(rest);
        const match = quoted ?? index ?? name;
        if (!match) throw new ConfigPathError(`${text}: cannot read the path at "${rest}"`);
        path.push(index ? Number(index[1]) : quoted ? JSON.parse(`"${quoted[1]}"`) : match[1]!);
        rest = rest.slice(match[0].length);
    }
    return { key, path };
}

function kind(value: unknown): string {
    if (Array.isArray(value)) return "a list";
    if (value === null) return "null";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** `value` with `path` set to `replacement`, copied where it changes; the input is never modified. */
export function setAtPath(shown: string, value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
    if (path.length === 0) return replacement;
    const [head, ...tail] = path as [string | number, ...(string | number)[]];
    if (typeof head === "number") {
        const list = value === undefined ? [] : value;
        if (!Array.isArray(list)) throw new ConfigPathError(`${shown}: cannot index ${kind(list)} with [${head}]`);
        if (head > list.length) throw new ConfigPathError(`${shown}: index ${head} is past the end of the list (length ${list.length}); allowed: 0-${list.length}`);
        const copy = [...list];
        copy[head] = setAtPath(shown, list[head], tail, replacement);
        return copy;
    }
    const object = value === undefined ? {} : value;
    if (object === null || typeof object !== "object" || Array.isArray(object)) throw new ConfigPathError(`${shown}: cannot set field "${head}" of ${kind(object)}`);
    return { ...(object as Record<string, unknown>), [head]: setAtPath(shown, (object as Record<string, unknown>)[head], tail, replacement) };
}

/** The value at `path`, or undefined when any step is missing. */
export function getAtPath(value: unknown, path: readonly (string | number)[]): unknown {
    let at: any = value;
    for (const p of path) at = at === null || typeof at !== "object" ? undefined : at[p];
    return at;
}
