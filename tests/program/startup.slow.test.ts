/**
 * What a plan loads: @pulumi/cloudflare only when the Cloudflare layer is chosen. Run in a fresh process, as
 * `npm run plan` runs (scripts/run-ts.js), since a test process has loaded everything already.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "startup-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const PROGRAM = `
import { MockKit, loadStackConfig } from ${JSON.stringify(path.join(ROOT, "mock-kit"))};
import { main } from ${JSON.stringify(path.join(ROOT, "program"))};
(async () => {
    const { config, secretKeys } = loadStackConfig("prod", { traffic: process.argv[2] });
    const kit = MockKit.install({ config, secretKeys, stack: "prod" });
    await kit.runProgram(() => main());
    const loaded = Object.keys(require.cache).some((f) => f.includes(\`\${require("path").sep}@pulumi\${require("path").sep}cloudflare\${require("path").sep}\`));
    console.log(JSON.stringify({ cloudflare: kit.resources.some((r) => r.type.startsWith("cloudflare:")), loaded }));
})();
`;

function run(traffic: string): Promise<unknown> {
    const file = path.join(scratch, "program.ts");
    fs.writeFileSync(file, PROGRAM);
    return new Promise((resolve, reject) =>
        execFile(process.execPath, [path.join(ROOT, "scripts", "run-ts.js"), file, traffic], { cwd: ROOT }, (error, stdout, stderr) =>
            error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
        ),
    );
}

test("a Route 53 stack never loads @pulumi/cloudflare; a Cloudflare stack does", async () => {
    expect(await run("route53")).toEqual({ cloudflare: false, loaded: false });
    expect(await run("cloudflare")).toEqual({ cloudflare: true, loaded: true });
});

/**
 * The Pulumi modules `npm run plan -- <args>` has loaded when it exits (a preload hook reports them). The stand-ins
 * plan/lazy-sdk.ts puts in the module cache for what a plan defers are not loaded modules: only modules that ran
 * count (Node marks them `loaded`; a stand-in is never required, so it has no parent).
 */
function sdkModulesLoadedBy(args: string[]): Promise<number> {
    const hook = path.join(scratch, "report-modules.js");
    fs.writeFileSync(hook, `process.on("exit", () => process.stderr.write("\\nsdk modules: " + Object.entries(require.cache).filter(([f, m]) => f.includes("@pulumi") && m.parent !== undefined).length + "\\n"));\n`);
    return new Promise((resolve, reject) =>
        execFile(process.execPath, ["-r", hook, path.join(ROOT, "scripts", "run-ts.js"), "plan/cli.ts", ...args], { cwd: ROOT }, (_error, _stdout, stderr) => {
            const m = /sdk modules: (\d+)/.exec(stderr);
            return m ? resolve(Number(m[1])) : reject(new Error(stderr));
        }),
    );
}

test("--help, a usage error and an unknown stack answer without loading the Pulumi SDK; a plan loads it", async () => {
    expect(await sdkModulesLoadedBy(["--help"])).toBe(0);
    expect(await sdkModulesLoadedBy(["--stak", "prod"])).toBe(0);
    expect(await sdkModulesLoadedBy(["--stack", "qa"])).toBe(0);
    expect(await sdkModulesLoadedBy(["--stack", "dev", "--quiet"])).toBeGreaterThan(0);
});
