/**
 * Bundles the Lambda app (`app/handler.ts`) with esbuild while the Pulumi program runs, so a deployment always
 * ships the app source of the checkout it runs from and nothing is written into the repository.
 *
 * The bundle is one CommonJS file with every dependency inlined (the AWS SDK too: the runtime's copy is not
 * the version pinned in the lock file). It is built once per entry per process: a stack with five regions
 * bundles once, and every region's function gets the same bytes, hence the same code hash.
 */
import * as fs from "fs";
import * as path from "path";
import * as esbuild from "esbuild";
import * as pulumi from "@pulumi/pulumi";
import { BundleCache, bundleCacheEnabled } from "./bundle-cache";

/**
 * The package root (the nearest directory with a package.json): `components/` in the repository, `dist/components/`
 * once built, and `app/` sits beside both. esbuild writes paths relative to it, so every machine builds the same bytes.
 */
function packageRoot(from: string): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "package.json"))) return dir;
        if (path.dirname(dir) === dir) return path.resolve(from, "..");
    }
}

const REPO_ROOT = packageRoot(__dirname);

/** The app's entry module; it exports `handler`. */
export const APP_ENTRY = path.join(REPO_ROOT, "app", "handler.ts");

/** The file name inside the archive and the handler string Lambda resolves against it. */
export const BUNDLE_FILE = "index.js";
export const LAMBDA_HANDLER = "index.handler";

/** The Node.js version esbuild compiles for; keep it equal to the function's runtime (LAMBDA_RUNTIME). */
export const BUNDLE_TARGET = "node22";

/** How the app is built; part of the cache key, so a change of options never serves an old bundle. */
const BUILD_OPTIONS = {
    bundle: true,
    platform: "node",
    target: BUNDLE_TARGET,
    format: "cjs",
    // Readable stack traces from the deployed file without the cold-start cost of parsing a source map.
    minify: false,
    sourcemap: false,
    outfile: BUNDLE_FILE,
    logLevel: "silent",
    charset: "utf8",
    legalComments: "none",
} as const satisfies esbuild.BuildOptions;

/** The cache across processes (bundle-cache.ts): previews only, keyed by content. */
export const DISK_CACHE = new BundleCache(REPO_ROOT, path.join(REPO_ROOT, "node_modules", ".cache", "active-active-bundle"));

const sources = new Map<string, string>();
const archives = new Map<string, pulumi.asset.AssetArchive>();

/** Thrown when the app does not bundle; lists esbuild's errors with file and line. */
export class BundleError extends Error {}

/** The disk cache's key of an entry: it, esbuild's version and BUILD_OPTIONS. */
export function bundleCacheKey(entry: string): string {
    return DISK_CACHE.key(path.resolve(entry), esbuild.version, BUILD_OPTIONS);
}

/** The bundled JavaScript of `entry`, built on first use and then served from memory. */
export function bundleSource(entry: string = APP_ENTRY): string {
    const key = path.resolve(entry);
    const cached = sources.get(key);
    if (cached !== undefined) return cached;
    const useCache = bundleCacheEnabled(process.env, pulumi.runtime.isDryRun());
    const cacheKey = bundleCacheKey(key);
    const fromDisk = useCache ? DISK_CACHE.read(key, cacheKey) : undefined;
    if (fromDisk !== undefined) {
        sources.set(key, fromDisk);
        return fromDisk;
    }
    let result: esbuild.BuildResult & { outputFiles: esbuild.OutputFile[]; metafile: esbuild.Metafile };
    try {
        result = esbuild.buildSync({ ...BUILD_OPTIONS, metafile: true, entryPoints: [key], absWorkingDir: REPO_ROOT, write: false });
    } catch (e) {
        const errors: esbuild.Message[] = (e as { errors?: esbuild.Message[] }).errors ?? [];
        const lines = errors.map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ${m.text}` : m.text));
        throw new BundleError(
            `could not bundle the app entry ${path.relative(REPO_ROOT, key) || key}:\n${(lines.length ? lines : [String(e)]).map((l) => `  - ${l}`).join("\n")}`,
        );
    }
    const file = result.outputFiles.find((f) => f.path.endsWith(".js"));
    if (!file) throw new BundleError(`esbuild produced no JavaScript for ${key}`);
    sources.set(key, file.text);
    if (useCache) DISK_CACHE.write(key, cacheKey, file.text, Object.keys(result.metafile.inputs));
    return file.text;
}

/** The Lambda code archive of `entry`: one `index.js`, memoized so every region shares one asset. */
export function appArchive(entry: string = APP_ENTRY): pulumi.asset.AssetArchive {
    const key = path.resolve(entry);
    let archive = archives.get(key);
    if (!archive) {
        archive = new pulumi.asset.AssetArchive({ [BUNDLE_FILE]: new pulumi.asset.StringAsset(bundleSource(key)) });
        archives.set(key, archive);
    }
    return archive;
}

/** How many distinct entries this process has bundled; lets tests prove the memoization. */
export function bundleCount(): number {
    return sources.size;
}
