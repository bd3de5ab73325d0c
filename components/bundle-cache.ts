/**
 * The bundle's cache across processes. Each test file and each offline plan is a new process, and bundling costs
 * about half a second there; the cache keeps a bundle keyed by what produced it:
 * - the SHA-256 of the entry, esbuild's version and the build options (one key per way of building), and
 * - the SHA-256 of the content of every input esbuild read, each checked again before the entry is used.
 * An entry without recorded inputs is refused (it would match anything), and so is one whose key differs.
 *
 * Whoever can write `node_modules/.cache` could still write an entry that names the real inputs with other text:
 * a cache cannot vouch for itself. So it is used only where a wrong bundle cannot ship: never during `pulumi up`
 * (an update, not a preview), never in CI (`CI` set), and never with ACTIVE_ACTIVE_BUNDLE_CACHE=0.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

export interface DiskCacheEntry {
    /** sha256 of the entry, esbuild's version and the build options. */
    key: string;
    /** Every input esbuild read (relative to the package root) and the sha256 of its content. */
    inputs: Record<string, string>;
    text: string;
}

const sha256 = (data: string | Buffer) => crypto.createHash("sha256").update(data).digest("hex");

/**
 * Whether the cache may be used: only while previewing (the offline plan, tests, `pulumi preview`), never for an
 * update or in CI, and not when switched off.
 */
export function bundleCacheEnabled(env: Record<string, string | undefined>, dryRun: boolean): boolean {
    if (!dryRun) return false;
    if (env.CI !== undefined && env.CI !== "" && env.CI !== "false" && env.CI !== "0") return false;
    return env.ACTIVE_ACTIVE_BUNDLE_CACHE !== "0";
}

export class BundleCache {
    constructor(
        readonly root: string,
        readonly dir: string,
    ) {}

    /** The key of a bundle: what is built (the entry) and how (esbuild's version and options). */
    key(entry: string, esbuildVersion: string, options: Record<string, unknown>): string {
        return sha256(JSON.stringify({ entry: path.relative(this.root, entry), esbuild: esbuildVersion, options }));
    }

    file(entry: string): string {
        const name = path.relative(this.root, entry).replace(/[^A-Za-z0-9]+/g, "_");
        return path.join(this.dir, `${name}.json`);
    }

    private contentHash(file: string): string | undefined {
        try {
            return sha256(fs.readFileSync(path.resolve(this.root, file)));
        } catch {
            return undefined;
        }
    }

    /** The cached bundle of `entry` under `key`, when every recorded input still has the recorded content. */
    read(entry: string, key: string): string | undefined {
        let cached: Partial<DiskCacheEntry>;
        try {
            cached = JSON.parse(fs.readFileSync(this.file(entry), "utf8"));
        } catch {
            return undefined;
        }
        if (cached.key !== key || typeof cached.text !== "string") return undefined;
        const inputs = Object.entries(cached.inputs ?? {});
        // The entry itself is always an input: a record without it (or without any) proves nothing.
        if (inputs.length === 0 || !inputs.some(([file]) => path.resolve(this.root, file) === path.resolve(entry))) return undefined;
        for (const [file, hash] of inputs) if (this.contentHash(file) !== hash) return undefined;
        return cached.text;
    }

    /** Records a bundle with the content hash of each input; a read-only checkout simply does not cache. */
    write(entry: string, key: string, text: string, inputs: string[]): void {
        const hashes: Record<string, string> = {};
        for (const file of inputs) {
            const hash = this.contentHash(file);
            if (!hash) return;
            hashes[file] = hash;
        }
        try {
            fs.mkdirSync(this.dir, { recursive: true });
            const target = this.file(entry);
            const tmp = `${target}.${process.pid}.tmp`;
            fs.writeFileSync(tmp, JSON.stringify({ key, inputs: hashes, text } satisfies DiskCacheEntry));
            fs.renameSync(tmp, target);
        } catch {
            // A read-only checkout still bundles; it only bundles every time.
        }
    }
}
