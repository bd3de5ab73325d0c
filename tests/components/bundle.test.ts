import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { appArchive, bundleCacheKey, bundleCount, bundleSource, APP_ENTRY, DISK_CACHE } from "../../components/bundle";
import { BundleCache, bundleCacheEnabled } from "../../components/bundle-cache";
import { ENTRY } from "../fixtures/regional-service";

const REPO = path.resolve(__dirname, "..", "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bundle-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("bundle", () => {
    test("one CommonJS file for node22 with its imports inlined, no source map, memoized", () => {
        const before = bundleCount();
        const code = bundleSource(ENTRY);
        expect(code).toContain("module.exports = __toCommonJS(");
        expect(code).toContain("hello ${who}");
        expect(code).not.toContain("sourceMappingURL");
        const mod = { exports: {} as Record<string, unknown> };
        new Function("module", "exports", "require", code)(mod, mod.exports, require);
        expect(typeof mod.exports.handler).toBe("function");

        expect(appArchive(ENTRY)).toBe(appArchive(ENTRY));
        expect(bundleSource(ENTRY)).toBe(code);
        expect(bundleCount() - before).toBe(1);
    });

    test("the real app entry bundles and exports handler", () => {
        const code = bundleSource(APP_ENTRY);
        expect(APP_ENTRY).toBe(path.join(REPO, "app", "handler.ts"));
        expect(code).toMatch(/\bhandler: \(\) => handler\b/);
        // Paths in the bundle are relative to the repository, so every machine builds the same bytes (one code hash).
        expect(code).toContain("// app/handler.ts\n");
        expect(code).not.toContain(REPO);
    });

    test("a broken entry fails with esbuild's messages", () => {
        const broken = path.join(scratch, "broken.ts");
        fs.writeFileSync(broken, 'import { nothing } from "./missing";\nexport const handler = nothing;\n');
        expect(() => bundleSource(broken)).toThrow(/could not bundle the app entry .*broken\.ts:\n {2}- .*broken\.ts:1:\d+: Could not resolve "\.\/missing"/);
    });
});

describe("the bundle cache across processes (review F11)", () => {
    const root = fs.mkdtempSync(path.join(scratch, "cache-"));
    const cache = new BundleCache(root, path.join(root, ".cache"));
    const entry = path.join(root, "handler.ts");
    fs.writeFileSync(entry, 'export const handler = async () => "real";\n');
    const KEY = cache.key(entry, "0.25.0", { target: "node22" });
    const poison = (record: Record<string, unknown>) => {
        fs.mkdirSync(cache.dir, { recursive: true });
        fs.writeFileSync(cache.file(entry), JSON.stringify({ key: KEY, text: "exports.handler = async () => 'attacker code';", ...record }));
    };
    const sha = (f: string) => crypto.createHash("sha256").update(fs.readFileSync(f)).digest("hex");

    test("a bundle written with its inputs' content hashes is read back under the same key only", () => {
        cache.write(entry, KEY, "bundled", ["handler.ts"]);
        expect(cache.read(entry, KEY)).toBe("bundled");
        expect(cache.read(entry, cache.key(entry, "0.25.1", { target: "node22" }))).toBeUndefined();
        expect(cache.read(entry, cache.key(entry, "0.25.0", { target: "node20" }))).toBeUndefined();
    });

    test.each<[string, () => Record<string, unknown>]>([
        ["no recorded inputs", () => ({ inputs: {} })],
        ["no inputs field at all", () => ({})],
        ["inputs that leave out the entry", () => ({ inputs: { "other.ts": "0".repeat(64) } })],
        ["an input whose content changed since", () => ({ inputs: { "handler.ts": "f".repeat(64) } })],
    ])("an entry with %s is refused", (_title, record) => {
        poison(record());
        expect(cache.read(entry, KEY)).toBeUndefined();
    });

    test("an entry naming the real inputs is served only where a wrong bundle cannot ship", () => {
        poison({ inputs: { "handler.ts": sha(entry) } });
        // The cache cannot vouch for itself: this is why it is off for updates and in CI.
        expect(cache.read(entry, KEY)).toBe("exports.handler = async () => 'attacker code';");
    });

    test.each<[string, Record<string, string | undefined>, boolean, boolean]>([
        ["a preview (the plan, tests)", {}, true, true],
        ["pulumi up (an update)", {}, false, false],
        ["CI", { CI: "true" }, true, false],
        ["CI=false", { CI: "false" }, true, true],
        ["switched off", { ACTIVE_ACTIVE_BUNDLE_CACHE: "0" }, true, false],
    ])("bundleCacheEnabled: %s", (_title, env, dryRun, expected) => {
        expect(bundleCacheEnabled(env, dryRun)).toBe(expected);
    });

    test("bundleSource serves a poisoned-but-consistent entry only in a preview off CI, never during an update or in CI", () => {
        const poisoned = (name: string) => {
            const app = path.join(scratch, name);
            fs.writeFileSync(app, 'export const handler = async () => "the checkout\'s code";\n');
            fs.mkdirSync(DISK_CACHE.dir, { recursive: true });
            const record = { key: bundleCacheKey(app), inputs: { [path.relative(REPO, app)]: sha(app) }, text: "attacker" };
            fs.writeFileSync(DISK_CACHE.file(app), JSON.stringify(record));
            return app;
        };
        const mocks = { newResource: (a: pulumi.runtime.MockResourceArgs) => ({ id: a.name, state: a.inputs }), call: (a: pulumi.runtime.MockCallArgs) => a.inputs };
        const [inPreview, inUpdate, inCi] = [poisoned("preview-entry.ts"), poisoned("update-entry.ts"), poisoned("ci-entry.ts")];
        // The developer's machine, not CI: this test runs under CI=true in CI, where the cache is off even in a preview.
        const saved = { CI: process.env.CI, ACTIVE_ACTIVE_BUNDLE_CACHE: process.env.ACTIVE_ACTIVE_BUNDLE_CACHE };
        delete process.env.CI;
        delete process.env.ACTIVE_ACTIVE_BUNDLE_CACHE;
        try {
            pulumi.runtime.setMocks(mocks, "p", "s", true);
            expect(bundleSource(inPreview)).toBe("attacker");
            process.env.CI = "true";
            expect(bundleSource(inCi)).toContain("the checkout's code");
            delete process.env.CI;
            pulumi.runtime.setMocks(mocks, "p", "s", false);
            expect(bundleSource(inUpdate)).toContain("the checkout's code");
        } finally {
            for (const [k, v] of Object.entries(saved)) {
                if (v === undefined) delete process.env[k];
                else process.env[k] = v;
            }
            for (const app of [inPreview, inUpdate, inCi]) fs.rmSync(DISK_CACHE.file(app), { force: true });
        }
    });
});
