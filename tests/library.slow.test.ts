// Slow by nature: builds the package with tsc into a temporary folder and resolves it by name.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { VALUES } from "./fixtures/public-api";

const ROOT = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** The package as built, in a directory of its own: the build's output, package.json, and the dependencies. */
function buildPackage(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "active-active-build-"));
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", path.join(dir, "dist")], { cwd: ROOT });
    fs.copyFileSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

test("the built package resolves by name through package.json exports, with its declarations", () => {
    const dir = buildPackage();
    try {
        const entries = Object.keys(pkg.exports).filter((e) => e !== "./package.json");
        expect(entries).toEqual(expect.arrayContaining([".", "./config"]));
        for (const entry of entries) {
            const name = entry === "." ? "active-active" : `active-active/${entry.slice(2)}`;
            const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(name)})).sort()))`;
            const names = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" }));
            if (entry === ".") expect(names).toEqual(VALUES);
            else expect(names.length).toBeGreaterThan(0);
            expect(fs.existsSync(path.join(dir, pkg.exports[entry].types))).toBe(true);
        }
        expect(fs.existsSync(path.join(dir, pkg.types))).toBe(true);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}, 240_000);
