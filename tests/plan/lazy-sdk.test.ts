/**
 * plan/lazy-sdk.ts: what the plan defers of the Pulumi SDK is not loaded at start, and is the real thing the moment
 * anything uses it. Run in a fresh process (as `npm run plan` runs), since jest has its own module registry.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lazy-sdk-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const PROBE = `
import ${JSON.stringify(path.join(ROOT, "plan", "lazy-sdk"))};
import * as pulumi from ${JSON.stringify(path.dirname(require.resolve("@pulumi/pulumi/package.json")))};
const loaded = (part: string) => Object.keys(require.cache).some((f) => f.includes(part));
const parts = ["/automation/stack.js", "/closure/createClosure.js", "@npmcli/arborist", "/typescript/lib/"];
const atStart = parts.filter(loaded);
const forwarded = typeof pulumi.runtime.serializeFunction === "function" && typeof pulumi.runtime.computeCodePaths === "function";
const stillDeferred = parts.filter(loaded);
const workspace = typeof pulumi.automation.LocalWorkspace;
const afterUse = parts.filter(loaded);
console.log(JSON.stringify({ atStart, forwarded, stillDeferred, workspace, afterUse }));
`;

test("the SDK's Automation API, function serialization, Arborist and TypeScript load only when used", () => {
    const file = path.join(scratch, "probe.ts");
    fs.writeFileSync(file, PROBE);
    const out = JSON.parse(execFileSync(process.execPath, [path.join(ROOT, "scripts", "run-ts.js"), file], { cwd: ROOT, encoding: "utf8" }));
    expect(out).toEqual({ atStart: [], forwarded: true, stillDeferred: [], workspace: "function", afterUse: ["/automation/stack.js"] });
});
