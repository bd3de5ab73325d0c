/**
 * `npm run bench`: how fast the offline plan and the fast test suite are, against a floor measured in the same run,
 * and how a fleet's plan grows with services and regions. Writes bench/results.md and prints the same tables.
 *
 * - floor: a Node process that loads @pulumi/pulumi, @pulumi/aws and @pulumi/cloudflare and runs an empty program
 *   under the mock runtime (bench/floor.js);
 * - the plan of dev and prod, as `npm run plan` runs it;
 * - a fleet (`active-active:services`) of 1, 5 and 20 services on 3 and 8 regions: time and peak memory;
 * - `npm test`, warm.
 * The figures of a table are measured in rounds (each once per round), so a noisy minute touches them alike.
 * Every figure is printed as min / median / max of its runs; a verdict compares medians in a two-sided band and says
 * "n/a" when the difference it rests on is inside the spread of the runs (the noise of a shared machine).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(ROOT, "bench", ".work");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TEST_RUNS = Number(process.env.BENCH_TEST_RUNS ?? 3);
const REGION_SETS: Record<number, string[]> = {
    3: ["us-east-1", "us-west-2", "eu-west-1"],
    8: ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "us-east-2", "eu-central-1", "ap-southeast-1", "sa-east-1"],
};
const FLEET_SIZES = [1, 5, 20];
/** The CDK app shaped like the prod stack (bench/cdk/app.js), with its own install (`npm --prefix bench/cdk ci`). */
const CDK_DIR = path.join(ROOT, "bench", "cdk");

/** CloudFormation resources in the CDK app's last synth. */
function cdkResources(): number {
    const out = path.join(WORK, "cdk.out");
    const templates = fs.readdirSync(out).filter((f) => f.endsWith(".template.json"));
    return templates.reduce((n, f) => n + Object.keys(JSON.parse(fs.readFileSync(path.join(out, f), "utf8")).Resources ?? {}).length, 0);
}

/** Runs of one figure: wall ms and peak RSS MB per run. */
interface Runs {
    ms: number[];
    mb: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, digits = 0) => n.toFixed(digits);
const spread = (xs: number[], digits = 0) => `${fmt(Math.min(...xs), digits)} / ${fmt(median(xs), digits)} / ${fmt(Math.max(...xs), digits)}`;

/** One figure being measured: a node command, run once per round; wall time and the process's peak RSS each. */
interface Sampler {
    label: string;
    once: () => { ms: number; mb: number };
}

function sampler(label: string, args: string[]): Sampler {
    const report = path.join(WORK, `${label.replace(/\W+/g, "_")}.json`);
    const once = () => {
        fs.rmSync(report, { force: true });
        const start = process.hrtime.bigint();
        const res = spawnSync(process.execPath, ["-r", path.join(ROOT, "bench", "report-usage.js"), ...args], {
            cwd: ROOT,
            env: { ...process.env, BENCH_REPORT: report },
            encoding: "utf8",
            maxBuffer: 256 * 1024 * 1024,
        });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (res.status !== 0 && res.status !== 1) throw new Error(`${label} exited ${res.status}: ${(res.stderr || res.stdout).slice(-2000)}`);
        return { ms, mb: (JSON.parse(fs.readFileSync(report, "utf8")) as { maxRssKb: number }).maxRssKb / 1024 };
    };
    return { label, once };
}

/**
 * Runs every sampler once per round, `runs` rounds after `warmup` uncounted ones. Interleaved, a noisy minute on a
 * shared machine touches every figure alike, instead of every run of the one figure measured during it (which
 * tilts a line drawn through two figures).
 */
function inRounds(samplers: Sampler[], runs: number, warmup = 0): Runs[] {
    const out = samplers.map(() => ({ ms: [] as number[], mb: [] as number[] }));
    for (let round = 0; round < warmup + runs; round++) {
        samplers.forEach((s, i) => {
            const sample = s.once();
            if (round < warmup) return;
            out[i]!.ms.push(sample.ms);
            out[i]!.mb.push(sample.mb);
        });
    }
    samplers.forEach((s, i) => process.stderr.write(`bench: ${s.label}: ${spread(out[i]!.ms)} ms\n`));
    return out;
}

function planArgs(stack: string, out: string, config: string[] = []): string[] {
    return [path.join(ROOT, "scripts", "run-ts.js"), path.join(ROOT, "plan", "cli.ts"), "--stack", stack, "--json", out, ...config.flatMap((c) => ["--config", c])];
}

/** A fleet of `n` services; each sized small enough that 20 fit the default Lambda concurrency quota in 8 regions. */
function fleetConfig(n: number, regions: string[]): string[] {
    const services = Array.from({ length: n }, (_, i) => ({ name: `svc${i}`, domain: `svc${i}.example.com`, service: { capacityPerRegion: 5 } }));
    return [`active-active:regions=${JSON.stringify(regions)}`, `active-active:homeRegion=${regions[0]}`, `active-active:services=${JSON.stringify(services)}`];
}

function resourcesIn(file: string): number {
    return (JSON.parse(fs.readFileSync(file, "utf8")).resources as unknown[]).length;
}

/** `npm test` wall times (warm: the caches of the previous run), and the number of tests of the last run. */
function fastSuite(): { ms: number[]; tests: number } {
    const json = path.join(WORK, "jest.json");
    const ms: number[] = [];
    for (let i = 0; i <= TEST_RUNS; i++) {
        const start = process.hrtime.bigint();
        spawnSync("npm", ["test", "--", "--json", `--outputFile=${json}`], { cwd: ROOT, stdio: "ignore" });
        if (i > 0) ms.push(Number(process.hrtime.bigint() - start) / 1e6); // the first run warms the caches
    }
    process.stderr.write(`bench: npm test: ${spread(ms)} ms\n`);
    return { ms, tests: fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, "utf8")).numTotalTests : 0 };
}

interface FleetPoint {
    services: number;
    regions: number;
    resources: number;
    runs: Runs;
}

/**
 * Each point against the straight line through the two smallest (by resources), two-sided: "n/a" when the rise
 * between the two smallest is within the spread of their runs, so the line's slope is noise.
 */
function linearity(points: FleetPoint[], pick: (r: Runs) => number[]): { point: FleetPoint; predicted: number; deviation: number | "n/a" }[] {
    const [a, b] = [...points].sort((x, y) => x.resources - y.resources);
    const ya = median(pick(a!.runs));
    const yb = median(pick(b!.runs));
    const noise = Math.max(...pick(a!.runs)) - Math.min(...pick(a!.runs)) + Math.max(...pick(b!.runs)) - Math.min(...pick(b!.runs));
    const slope = (yb - ya) / (b!.resources - a!.resources);
    return points.map((point) => {
        const predicted = ya + slope * (point.resources - a!.resources);
        return { point, predicted, deviation: Math.abs(yb - ya) <= noise ? "n/a" : median(pick(point.runs)) / predicted - 1 };
    });
}

function main(): void {
    fs.mkdirSync(WORK, { recursive: true });
    const lines: string[] = [];
    const say = (s = "") => {
        lines.push(s);
        console.log(s);
    };
    const load = os.loadavg()[0]!;
    const stacks = ["dev", "prod"] as const;
    const cdkInstalled = fs.existsSync(path.join(CDK_DIR, "node_modules", "aws-cdk-lib"));
    if (!cdkInstalled) process.stderr.write("bench: CDK synth not measured: run `npm --prefix bench/cdk ci` first\n");
    const [floor, ...planRuns] = inRounds(
        [
            sampler("floor", [path.join(ROOT, "bench", "floor.js"), "0"]),
            ...stacks.map((stack) => sampler(`plan-${stack}`, planArgs(stack, path.join(WORK, `${stack}.json`)))),
            ...(cdkInstalled ? [sampler("cdk-synth", [path.join(CDK_DIR, "app.js"), path.join(WORK, "cdk.out")])] : []),
        ],
        RUNS,
        1,
    );
    const plans = stacks.map((stack, i) => ({ stack, runs: planRuns[i]! }));
    const cdk = cdkInstalled ? { runs: planRuns[stacks.length]!, resources: cdkResources() } : undefined;
    const points = [3, 8].flatMap((regions) => FLEET_SIZES.map((services) => ({ services, regions, out: path.join(WORK, `fleet-${services}x${regions}.json`) })));
    const fleetRuns = inRounds(points.map((p) => sampler(`fleet-${p.services}x${p.regions}`, planArgs("prod", p.out, fleetConfig(p.services, REGION_SETS[p.regions]!)))), RUNS);
    const fleet: FleetPoint[] = points.map((p, i) => ({ services: p.services, regions: p.regions, resources: resourcesIn(p.out), runs: fleetRuns[i]! }));
    const suite = fastSuite();
    report(say, { load, floor: floor!, plans, cdk, fleet, suite });
    fs.writeFileSync(path.join(ROOT, "bench", "results.md"), `${lines.join("\n")}\n`);
}

function report(
    say: (s?: string) => void,
    r: { load: number; floor: Runs; plans: { stack: string; runs: Runs }[]; cdk?: { runs: Runs; resources: number }; fleet: FleetPoint[]; suite: { ms: number[]; tests: number } },
): void {
    const floorMs = median(r.floor.ms);
    say("# Benchmarks");
    say();
    say(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"}), Node ${process.version}, ${os.platform()} ${os.arch()}; load average ${fmt(r.load, 1)} when the run started.`);
    say(`Run: ${new Date().toISOString()}, one run of \`npm run bench\`; each figure is min / median / max of ${RUNS} runs (wall ms, peak RSS MB of the process).`);
    say();
    say("## Floor and plan");
    say();
    say("| what | wall ms | ratio to the floor (medians) | peak MB |");
    say("|---|---|---|---|");
    say(`| floor: load @pulumi/pulumi, @pulumi/aws, @pulumi/cloudflare, run an empty mock program | ${spread(r.floor.ms)} | 1.00 | ${spread(r.floor.mb)} |`);
    for (const p of r.plans) say(`| \`npm run plan -- --stack ${p.stack}\` | ${spread(p.runs.ms)} | ${fmt(median(p.runs.ms) / floorMs, 2)} | ${spread(p.runs.mb)} |`);
    if (r.cdk) say(`| CDK synth of an app shaped like prod (bench/cdk/app.js: ${r.cdk.resources} CloudFormation resources; template validation off) | ${spread(r.cdk.runs.ms)} | ${fmt(median(r.cdk.runs.ms) / floorMs, 2)} | ${spread(r.cdk.runs.mb)} |`);
    say();
    if (!r.cdk) say("CDK synth: not measured in this run (`npm --prefix bench/cdk ci` installs the CDK app's own dependencies).");
    else say(`Prod plan / CDK synth (medians, same run): **${fmt(median(r.plans.find((p) => p.stack === "prod")!.runs.ms) / median(r.cdk.runs.ms), 2)}**.`);
    say();
    say("## Fleet scaling (`active-active:services` on prod)");
    say();
    const time = linearity(r.fleet, (x) => x.ms);
    const memory = linearity(r.fleet, (x) => x.mb);
    const dev = (d: number | "n/a") => (d === "n/a" ? "n/a" : `${d >= 0 ? "+" : ""}${fmt(d * 100, 1)} %`);
    say("| services | regions | resources | wall ms | vs the line (time) | peak MB | vs the line (memory) |");
    say("|---|---|---|---|---|---|---|");
    r.fleet.forEach((p, i) => say(`| ${p.services} | ${p.regions} | ${p.resources} | ${spread(p.runs.ms)} | ${dev(time[i]!.deviation)} | ${spread(p.runs.mb)} | ${dev(memory[i]!.deviation)} |`));
    say();
    say("The line runs through the two smallest points (by resources); a deviation is the median against it, both ways.");
    say();
    say("## Fast suite");
    say();
    say(`\`npm test\` (type-check and ${r.suite.tests} tests), warm, ${r.suite.ms.length} runs: **${spread(r.suite.ms.map((m) => m / 1000), 1)} s** (min / median / max).`);
    say();
    say("## Against the targets");
    say();
    const measured = (xs: { deviation: number | "n/a" }[]) => xs.filter((x) => x.deviation !== "n/a").map((x) => Math.abs(x.deviation as number));
    const worst = (xs: { deviation: number | "n/a" }[]) => (measured(xs).length === 0 ? "n/a (inside the noise)" : `worst ${fmt(Math.max(...measured(xs)) * 100, 1)} %`);
    const met = (xs: { deviation: number | "n/a" }[]) => (measured(xs).length === 0 ? "n/a" : measured(xs).every((d) => d <= 0.1) ? "yes" : "no");
    const big = r.fleet.find((p) => p.services === 20 && p.regions === 8)!;
    const suite = median(r.suite.ms) / 1000;
    say("| target | measured (median) | met |");
    say("|---|---|---|");
    say(`| every fleet point within ±10 % of the line (time) | ${worst(time)} | ${met(time)} |`);
    say(`| every fleet point within ±10 % of the line (memory) | ${worst(memory)} | ${met(memory)} |`);
    if (r.cdk) {
        const ratio = median(r.plans.find((p) => p.stack === "prod")!.runs.ms) / median(r.cdk.runs.ms);
        say(`| prod plan no slower than CDK synth (ratio <= 1.0; at least <= 1.3) | ${fmt(ratio, 2)} | ${ratio <= 1 ? "yes" : ratio <= 1.3 ? "the lower bar only" : "no"} |`);
    }
    say(`| 20 services x 8 regions plans in under 15 s | ${fmt(median(big.runs.ms) / 1000, 1)} s | ${median(big.runs.ms) < 15000 ? "yes" : "no"} |`);
    say(`| \`npm test\` at most 12 s warm | ${fmt(suite, 1)} s | ${suite <= 12 ? "yes" : "no"} |`);
}

main();
