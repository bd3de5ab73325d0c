/**
 * GlobalTable refuses a provider of the wrong region: keyed "us-west-2" but made for us-east-1, the table's replica
 * key for us-west-2 would be created in us-east-1. A provider whose region was recorded (rememberProviderRegion, as
 * providers.ts and `active-active/testing`'s awsProviders do) is checked with the args, before anything registers;
 * any other provider's region is an Output, and every child waits on the check.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { MockKit } from "../../../mock-kit";
import { GlobalTable } from "../../../components/global-table";
import { rememberProviderRegion } from "../../../components/provider-region";
import { ArgsError } from "../../../components/problems";
import { baseArgs } from "./support";

const REGIONS = ["us-east-1", "us-west-2"];

/** Providers keyed by region, each made for `madeFor[key]` (default: its key). */
function providers(record: boolean, madeFor: Record<string, string> = {}): Record<string, aws.Provider> {
    return Object.fromEntries(
        REGIONS.map((key) => {
            const region = madeFor[key] ?? key;
            const provider = new aws.Provider(`aws-${key}`, { region: region as aws.Region });
            return [key, record ? rememberProviderRegion(provider, region) : provider];
        }),
    );
}

async function run(record: boolean, madeFor: Record<string, string>): Promise<{ kit: MockKit; error: unknown }> {
    const kit = MockKit.install({});
    let error: unknown;
    await kit.runProgram(() => new GlobalTable("gt", { ...baseArgs(REGIONS), providers: providers(record, madeFor) })).catch((e: unknown) => (error = e));
    return { kit, error };
}

const custom = (kit: MockKit) => kit.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:")).map((r) => r.name);

test("bad config: a recorded provider of another region is refused with the args, every mismatch at once, before any child", async () => {
    const { kit, error } = await run(true, { "us-east-1": "eu-west-1", "us-west-2": "us-east-1" });
    expect(error).toBeInstanceOf(ArgsError);
    expect((error as ArgsError).message).toBe(
        'GlobalTable "gt" (2 problems):\n' +
            '  - providers.us-east-1: is an aws.Provider of region "eu-west-1"; allowed: the aws.Provider of region "us-east-1"\n' +
            '  - providers.us-west-2: is an aws.Provider of region "us-east-1"; allowed: the aws.Provider of region "us-west-2"',
    );
    expect(custom(kit)).toEqual([]);
});

const REPO = path.resolve(__dirname, "../../..");

/**
 * The unrecorded case fails the way the language host sees it: every child waiting on the check rejects. Jest turns
 * unhandled rejections into failures of the test file, so the program runs in a Node process of its own.
 */
function runUnrecordedMismatch(): Promise<{ errors: string[]; registered: string[] }> {
    const program = `
const aws = require(${JSON.stringify(require.resolve("@pulumi/aws"))});
const { MockKit } = require(${JSON.stringify(path.join(REPO, "mock-kit"))});
const { GlobalTable } = require(${JSON.stringify(path.join(REPO, "components", "global-table"))});
const errors = new Set();
process.on("unhandledRejection", (e) => errors.add(e && e.message));
const kit = MockKit.install({ stack: "test" });
process.on("exit", () => {
    const registered = kit.resources.filter((r) => r.custom).map((r) => r.type + " " + r.name);
    process.stdout.write(JSON.stringify({ errors: [...errors], registered }));
});
kit.runProgram(() => {
    const providers = { "us-east-1": new aws.Provider("aws-us-east-1", { region: "us-east-1" }), "us-west-2": new aws.Provider("aws-us-west-2", { region: "eu-west-1" }) };
    new GlobalTable("gt", { ...${JSON.stringify(baseArgs(REGIONS))}, providers });
}).catch((e) => errors.add(e.message));
`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gt-providers-"));
    const file = path.join(dir, "mismatch.js");
    fs.writeFileSync(file, program);
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(REPO, "scripts", "run-ts.js"), file], { cwd: REPO, stdio: ["ignore", "pipe", "ignore"] });
        let out = "";
        child.stdout.on("data", (b) => (out += b));
        child.on("error", reject);
        child.on("close", () => {
            fs.rmSync(dir, { recursive: true, force: true });
            try {
                resolve(JSON.parse(out));
            } catch {
                reject(new Error(`program printed no result: ${out}`));
            }
        });
    });
}

test("bad config: a provider nobody recorded is checked on its region output, and no child is created", async () => {
    expect(await runUnrecordedMismatch()).toEqual({
        errors: ['GlobalTable "gt": providers.us-west-2: is an aws.Provider of region "eu-west-1"; allowed: the aws.Provider of region "us-west-2"'],
        registered: ["pulumi:providers:aws aws-us-east-1", "pulumi:providers:aws aws-us-west-2"],
    });
});

test("providers of the right regions, recorded or not, give the same children", async () => {
    const recorded = await run(true, {});
    const plain = await run(false, {});
    expect(recorded.error).toBeUndefined();
    expect(plain.error).toBeUndefined();
    expect(custom(plain.kit).sort()).toEqual(custom(recorded.kit).sort());
    expect(custom(plain.kit).sort()).toEqual(["gt-table", "gt-us-east-1-key", "gt-us-east-1-key-alias", "gt-us-west-2-key", "gt-us-west-2-key-alias"]);
});
