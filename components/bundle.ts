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

const sources = new Map<string, string>();
const archives = new Map<string, pulumi.asset.AssetArchive>();

/** Thrown when the app does not bundle; lists esbuild's errors with file and line. */
export class BundleError extends Error {}

/** The bundled JavaScript of `entry`, built on first use and then served from memory. */
export function bundleSource(entry: string = APP_ENTRY): string {
    const key = path.resolve(entry);
    const cached = sources.get(key);
    if (cached !== undefined) return cached;
    const fromDisk = readDiskCache(key);
    if (fromDisk !== undefined) {
        sources.set(key, fromDisk);
        return fromDisk;
    }
    let result: esbuild.BuildResult & { outputFiles: esbuild.OutputFile[]; metafile: esbuild.Metafile };
    try {
        result = esbuild.buildSync({
            metafile: true,
            entryPoints: [key],
            absWorkingDir: REPO_ROOT,
            bundle: true,
            platform: "node",
            target: BUNDLE_TARGET,
            format: "cjs",
            // Readable stack traces from the deployed file without the cold-start cost of parsing a source map.
            minify: false,
            sourcemap: false,
            write: false,
            outfile: BUNDLE_FILE,
            logLevel: "silent",
            charset: "utf8",
            legalComments: "none",
        });
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
    writeDiskCache(key, file.text, Object.keys(result.metafile.inputs));
    return file.text;
}

// ---- a cache across processes -----------------------------------------------------------------------------------
// Each test file and each plan is a new process; bundling costs about half a second there. The cache keeps the
// bundle with the size and modification time of every input esbuild read, and is used only while all still match
// (the same rule make uses). A missing or unreadable cache is simply rebuilt.

const CACHE_DIR = path.join(REPO_ROOT, "node_modules", ".cache", "active-active-bundle");

interface DiskCacheEntry {
    esbuild: string;
    inputs: Record<string, [number, number]>;
    text: string;
}

function cacheFile(entry: string): string {
    const name = path.relative(REPO_ROOT, entry).replace(/[^A-Za-z0-9]+/g, "_");
    return path.join(CACHE_DIR, `${name}.json`);
}

function fingerprint(file: string): [number, number] | undefined {
    try {
        const st = fs.statSync(path.resolve(REPO_ROOT, file));
        return [st.size, st.mtimeMs];
    } catch {
        return undefined;
    }
}

function readDiskCache(entry: string): string | undefined {
    try {
        const cached = JSON.parse(fs.readFileSync(cacheFile(entry), "utf8")) as DiskCacheEntry;
        if (cached.esbuild !== esbuild.version) return undefined;
        for (const [file, [size, mtime]] of Object.entries(cached.inputs)) {
            const now = fingerprint(file);
            if (!now || now[0] !== size || now[1] !== mtime) return undefined;
        }
        return cached.text;
    } catch {
        return undefined;
    }
}

function writeDiskCache(entry: string, text: string, inputs: string[]): void {
    const prints: Record<string, [number, number]> = {};
    for (const file of inputs) {
        const print = fingerprint(file);
        if (!print) return;
        prints[file] = print;
    }
    try {
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        const target = cacheFile(entry);
        const tmp = `${target}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify({ esbuild: esbuild.version, inputs: prints, text } satisfies DiskCacheEntry));
        fs.renameSync(tmp, target);
    } catch {
        // A read-only checkout still bundles; it only bundles every time.
    }
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
