import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { appArchive, bundleCount, bundleSource, APP_ENTRY } from "../../components/bundle";
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
