/**
 * The plan command end to end, as a user runs it: `node scripts/run-ts.js plan/cli.ts ...` in a child process.
 * Only what the in-process tests cannot show: exit codes of the real process, files written, stdout/stderr split,
 * no stack trace anywhere, and secrets absent from everything the process emits. The runs start together in
 * beforeAll so the suite waits for the slowest one only.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const STACK_TRACE = /^\s+at .*\.(ts|js):\d+/m;
const TOKEN = "cli-test-token-8e1b7c3d9f2a4e60";
const FILE_SECRET = "cli-file-secret-3a9c71d0e5";
const ENV_SECRET = "cli-env-secret-6b2f88a41c";
const ORIGIN_CA_KEY = "v1.0-cli-origin-ca-0d1e";

interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

function plan(args: string[]): Promise<Run> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            ["scripts/run-ts.js", "plan/cli.ts", ...args],
            { cwd: ROOT, env: { ...process.env, PLAN_DEBUG: "", PLAN_TEST_SECRET: ENV_SECRET }, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
    });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
const out = (f: string) => path.join(dir, f);
let runs: Record<"help" | "usage" | "unknown" | "bad" | "violation", Run>;

beforeAll(async () => {
    fs.writeFileSync(out("secrets.env"), `# secrets off the command line\naws:secretKey=${FILE_SECRET}\n`);
    const [help, usage, unknown, bad, violation] = await Promise.all([
        plan(["--help"]),
        plan(["--stak", "prod", "--config", "novalue"]),
        plan(["--stack", "qa", "--json", out("qa.json")]),
        plan([
            "--stack", "prod",
            "--config", 'active-active:regions=["us-east-1","us-east-1"]', "--config", "active-active:consistency=bogus",
            "--config", `cloudflare:apiUserServiceKey=${ORIGIN_CA_KEY}`,
            "--json", out("bad.json"),
        ]),
        plan([
            "--stack", "prod",
            "--config", 'active-active:drain=["us-west-2","eu-west-1"]',
            "--secret", `cloudflare:apiToken=${TOKEN}`,
            "--secret-file", out("secrets.env"),
            "--secret-env", "other:clientSecret=PLAN_TEST_SECRET",
            "--json", out("prod/plan.json"),
            "--markdown", out("prod/plan.md"),
        ]),
    ]);
    runs = { help, usage, unknown, bad, violation };
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("--help prints the usage on stdout and exits 0", () => {
    expect(runs.help.code).toBe(0);
    expect(runs.help.stdout).toMatch(/^Usage: npm run plan -- --stack <dev\|staging\|prod> \[--json FILE\] \[--markdown FILE\] \[--config KEY=VALUE \.\.\.\]/);
    expect(runs.help.stdout).toContain("Exit codes");
    expect(runs.help.stderr).toBe("");
});

test("bad config on the command line: exit 2 with every usage problem on stderr", () => {
    expect(runs.usage).toEqual({
        code: 2,
        stdout: "",
        stderr:
            "bad usage:\n  - unknown option --stak\n  - unexpected argument \"prod\"\n" +
            '  - --config "novalue": expected KEY=VALUE with a key such as active-active:drain\n  - --stack is required\nRun with --help for usage.\n',
    });
});

test("bad config: an unknown stack exits 2 listing the stacks, and writes no JSON", () => {
    expect(runs.unknown).toEqual({
        code: 2,
        stdout: "",
        stderr: 'cannot load the stack:\n  - unknown stack "qa": no stacks/Pulumi.qa.yaml; stacks: dev, prod, staging\n',
    });
    expect(fs.existsSync(out("qa.json"))).toBe(false);
});

test("bad config: exit 2, every problem printed, no stack trace, no JSON", () => {
    expect(runs.bad.code).toBe(2);
    expect(runs.bad.stdout).toBe("");
    // A credential in plain config is refused by name (review F7), with the other problems, and printed nowhere.
    expect(runs.bad.stderr).toContain(
        "bad config:\n  - cloudflare:apiUserServiceKey: is stored in plain text; allowed: a secret (`pulumi config set --secret cloudflare:apiUserServiceKey ...`) or the provider's environment variable\n" +
            '  - active-active:consistency: "bogus" is not a consistency mode; allowed: "eventual", "strong"\n' +
            '  - active-active:regions[1]: "us-east-1" is listed twice; allowed: each region once\n',
    );
    expect(runs.bad.stderr + runs.bad.stdout).not.toContain(ORIGIN_CA_KEY);
    expect(runs.bad.stderr + runs.bad.stdout).not.toMatch(STACK_TRACE);
    expect(fs.existsSync(out("bad.json"))).toBe(false);
});

test("a mandatory violation exits 1 and still writes the JSON and Markdown; the plan goes to stdout, progress to stderr", () => {
    const run = runs.violation;
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")[0]).toMatch(/^Plan for stack prod: regions us-east-1 \(home\), us-west-2 \(drained\), eu-west-1 \(drained\) \| traffic route53/);
    expect(run.stdout).toContain("Result: 1 mandatory violation (exit 1)");
    expect(run.stderr).toMatch(/^plan: running the program under the mock kit$/m);
    expect(run.stderr).toMatch(/^plan: evaluating policies at the prod levels$/m);
    expect(run.stdout + run.stderr).not.toMatch(STACK_TRACE);
    const json = JSON.parse(fs.readFileSync(out("prod/plan.json"), "utf8"));
    expect(json.exitCode).toBe(1);
    const mandatory = json.violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory");
    expect(mandatory.map((v: { policy: string }) => v.policy)).toEqual(["active-active-drain-keeps-serving-regions"]);
    expect(fs.readFileSync(out("prod/plan.md"), "utf8")).toMatch(/^# Plan: stack prod\n[\s\S]*```mermaid\nflowchart LR\n/);
});

test("secrets set with --secret, --secret-file and --secret-env appear nowhere: stdout, stderr, JSON, Markdown", () => {
    const run = runs.violation;
    const files = fs.readFileSync(out("prod/plan.json"), "utf8") + fs.readFileSync(out("prod/plan.md"), "utf8");
    for (const secret of [TOKEN, FILE_SECRET, ENV_SECRET]) expect(run.stdout + run.stderr + files).not.toContain(secret);
    expect(JSON.parse(fs.readFileSync(out("prod/plan.json"), "utf8")).configOverrides).toEqual({
        "active-active:drain": ["us-west-2", "eu-west-1"],
        "aws:secretKey": "[secret]",
        "cloudflare:apiToken": "[secret]",
        "other:clientSecret": "[secret]",
    });
});
