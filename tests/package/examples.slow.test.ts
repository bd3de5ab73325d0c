/**
 * The library as its users meet it: `npm pack`, then each program in examples/ installed from the tarball in a
 * folder of its own, type-checked with Pulumi's `aws-typescript` template tsconfig (CommonJS, `moduleResolution:
 * node`, strict, no `skipLibCheck`: every declaration file it reaches is checked, zod's included if we leaked it)
 * and with `node16` resolution, then its own unit test run under `active-active/testing`.
 *
 * The template's tsconfig, kept byte for byte in tests/fixtures/pulumi-aws-typescript-tsconfig.json:
 * https://github.com/pulumi/templates/blob/bad1b653ab699e932d21cd3b069672a195ae346d/aws-typescript/tsconfig.json
 *
 * The install prefers npm's cache (`--prefer-offline`: the root install filled it; metadata it lacks comes from
 * the registry).
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLES = ["two-region", "whole-stack"];
const TEMPLATE_TSCONFIG = fs.readFileSync(path.join(ROOT, "tests/fixtures/pulumi-aws-typescript-tsconfig.json"), "utf8");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

let work: string;
let tarball: string;

function run(command: string, args: string[], cwd: string): { status: number | null; out: string } {
    const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_fund: "false", npm_config_audit: "false" }, maxBuffer: 256 * 1024 * 1024 });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The example copied outside the repository, depending on the tarball, installed. */
function install(example: string): string {
    const dir = path.join(work, example);
    fs.cpSync(path.join(ROOT, "examples", example), dir, { recursive: true, filter: (src) => !/[\\/](node_modules|bin)$/.test(src) });
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    expect(pkg.dependencies["active-active"]).toBe("file:../../active-active-0.1.0.tgz");
    pkg.dependencies["active-active"] = `file:${tarball}`;
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg, null, 2));
    const r = run(NPM, ["install", "--prefer-offline", "--no-audit", "--no-fund"], dir);
    if (r.status !== 0) throw new Error(`npm install in ${example} failed:\n${r.out}`);
    return dir;
}

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "active-active-examples-"));
    // `npm pack` runs prepack (the build), as publishing does.
    const name = execFileSync(NPM, ["pack", "--silent", "--pack-destination", work], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop()!;
    tarball = path.join(work, name);
    expect(name).toBe("active-active-0.1.0.tgz");
}, 600_000);

afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
});

test.each(EXAMPLES)("examples/%s uses Pulumi's aws-typescript template tsconfig as it is", (example) => {
    expect(fs.readFileSync(path.join(ROOT, "examples", example, "tsconfig.json"), "utf8")).toBe(TEMPLATE_TSCONFIG);
});

test.each(EXAMPLES)("examples/%s installs from the tarball, type-checks under the template and node16, and its test passes under active-active/testing", (example) => {
    const dir = install(example);
    const tsc = path.join(dir, "node_modules", "typescript", "bin", "tsc");

    // The template's own build: strict, CommonJS, `node` resolution (typesVersions), no skipLibCheck.
    const build = run(process.execPath, [tsc, "-p", "tsconfig.json", "--listFiles"], dir);
    const files = build.out.split("\n").filter((l) => l.includes("node_modules"));
    expect(build.out.split("\n").filter((l) => /error TS\d+/.test(l))).toEqual([]);
    expect(build.status).toBe(0);
    // No schema library reaches a consumer's types.
    expect(files.filter((f) => /[\\/]node_modules[\\/](zod|yup|joi|valibot|ajv)[\\/]/.test(f))).toEqual([]);
    expect(files.some((f) => f.endsWith(path.join("active-active", "dist", "mock-kit", "testing.d.ts")))).toBe(true);

    const node16 = run(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit", "--module", "node16", "--moduleResolution", "node16"], dir);
    expect(node16.out.split("\n").filter((l) => /error TS\d+/.test(l))).toEqual([]);
    expect(node16.status).toBe(0);

    const test = run(process.execPath, ["--test", path.join("bin", "test", "infra.test.js")], dir);
    expect({ status: test.status, failing: test.out.match(/^# fail (\d+)$/m)?.[1] }).toEqual({ status: 0, failing: "0" });
    expect(test.out).toMatch(/^# pass [1-9]\d*$/m);
}, 900_000);
