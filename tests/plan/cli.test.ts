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
            { cwd: ROOT, env: { ...process.env, PLAN_DEBUG: "" }, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
    });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
const out = (f: string) => path.join(dir, f);
let runs: Record<"help" | "usage" | "unknown" | "bad" | "violation" | "namespace" | "against" | "noBase", Run>;

beforeAll(async () => {
    const [help, usage, unknown, bad, violation, namespace, against, noBase] = await Promise.all([
        plan(["--help"]),
        plan(["--stak", "prod", "--config", "novalue"]),
        plan(["--stack", "qa", "--json", out("qa.json")]),
        plan(["--stack", "prod", "--config", 'active-active:regions=["us-east-1","us-east-1"]', "--config", "active-active:consistency=bogus", "--json", out("bad.json")]),
        plan([
            "--stack", "prod",
            "--config", 'active-active:drain=["us-west-2","eu-west-1"]',
            "--secret", `cloudflare:apiToken=${TOKEN}`,
            "--json", out("prod/plan.json"),
            "--markdown", out("prod/plan.md"),
        ]),
        plan(["--stack", "dev", "--config", 'active-actve:drain=["us-west-2"]']),
        plan(["--stack", "dev", "--config", 'active-active:drain=["us-west-2"]', "--against", "dev", "--json", out("drained.json"), "--quiet"]),
        plan(["--stack", "dev", "--diff", out("none.json")]),
    ]);
    runs = { help, usage, unknown, bad, violation, namespace, against, noBase };
    // Eight processes that each load the Pulumi SDKs, on a machine the other suites share.
}, 240_000);

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
    expect(runs.bad.stderr).toContain(
        'bad config:\n  - active-active:consistency: "bogus" is not a consistency mode; allowed: "eventual", "strong"\n' +
            '  - active-active:regions[1]: "us-east-1" is listed twice; allowed: each region once\n',
    );
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

test("a secret set with --secret appears nowhere: stdout, stderr, JSON, Markdown", () => {
    const run = runs.violation;
    const files = fs.readFileSync(out("prod/plan.json"), "utf8") + fs.readFileSync(out("prod/plan.md"), "utf8");
    expect(run.stdout + run.stderr + files).not.toContain(TOKEN);
    expect(JSON.parse(fs.readFileSync(out("prod/plan.json"), "utf8")).configOverrides["cloudflare:apiToken"]).toBe("[secret]");
});

test("bad config: a namespace typo exits 2 naming the key and the namespace it meant", () => {
    expect(runs.namespace.code).toBe(2);
    expect(runs.namespace.stdout).toBe("");
    expect(runs.namespace.stderr).toContain(
        'bad config:\n  - active-actve:drain: is in no known namespace ("active-actve"; did you mean "active-active:drain"?); allowed: keys in the namespaces active-active, aws, cloudflare, pulumi\n',
    );
});

test("the plan announces every file it wrote, on stderr", () => {
    expect(runs.violation.stderr).toContain(`plan: wrote ${out("prod/plan.json")} (the plan as JSON)\nplan: wrote ${out("prod/plan.md")} (Markdown report with the topology diagram)\n`);
    expect(runs.against.stderr).toBe(`plan: wrote ${out("drained.json")} (the plan as JSON)\n`);
});

test("--against prints only what the overrides change: a drain preview is one gate and the serving regions", () => {
    expect(runs.against.code).toBe(0);
    const text = runs.against.stdout;
    const changes = text.slice(text.indexOf("Changes against"));
    expect(changes).toMatch(/^Changes against stack dev without --config: \d+ changed, 0 added, 0 removed, \d+ unchanged\n/);
    expect(changes).toContain('\nSettings\n  drain: [] -> ["us-west-2"]\n');
    expect(changes).toContain("\nResources\n  ~ aws:route53:HealthCheck  active-active-routing-us-west-2-gate\n      inputs.childHealthThreshold: 1 -> 2\n");
    expect(text).not.toContain("\nResilience (");
    expect(text.trimEnd().split("\n").pop()).toBe("Result: clean (exit 0)");
});

test("bad config: --diff with a file that is not there exits 2 before planning", () => {
    expect(runs.noBase.code).toBe(2);
    expect(runs.noBase.stdout).toBe("");
    expect(runs.noBase.stderr).toBe(`bad usage:\n  - --diff ${out("none.json")}: ENOENT: no such file or directory, open '${out("none.json")}'\n`);
});
