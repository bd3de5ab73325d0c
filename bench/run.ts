/**
 * `npm run bench`: how fast the offline plan and the test suite are, and how their cost grows with regions.
 * Writes bench/results.md and prints the same table. Never part of `npm test`.
 *
 * Every figure is a ratio to a floor measured in the same run, so results compare across machines:
 * - floor: a Node process that loads @pulumi/pulumi, @pulumi/aws and @pulumi/cloudflare and runs an empty
 *   program under the mock runtime;
 * - baseline: the same process registering N trivial resources (N = what the plan registers), which gives the
 *   SDK's own cost per resource to compare ours with.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(ROOT, "bench", ".work");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** Prod-shaped region lists: valid AWS regions, home first. */
const REGION_SETS: Record<number, string[]> = {
    2: ["us-east-1", "us-west-2"],
    3: ["us-east-1", "us-west-2", "eu-west-1"],
    4: ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"],
    8: ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "us-east-2", "eu-central-1", "ap-southeast-1", "sa-east-1"],
    16: [
        "us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "us-east-2", "eu-central-1", "ap-southeast-1", "sa-east-1",
        "us-west-1", "ca-central-1", "eu-west-2", "eu-west-3", "eu-north-1", "ap-northeast-2", "ap-southeast-2", "ap-south-1",
    ],
};

interface Sample {
    ms: number;
    rssMb: number;
    resources?: number;
}

/** Runs a node command `RUNS` times after one warm-up; reports the median time and the peak RSS. */
function measure(label: string, args: string[]): Sample & { all: number[] } {
    const reportFile = path.join(WORK, `${label.replace(/\W+/g, "_")}.json`);
    const run = (): Sample => {
        fs.rmSync(reportFile, { force: true });
        const start = process.hrtime.bigint();
        const res = spawnSync(process.execPath, ["-r", path.join(ROOT, "bench", "report-usage.js"), ...args], {
            cwd: ROOT,
            env: { ...process.env, BENCH_REPORT: reportFile },
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
        });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (res.status !== 0 && res.status !== 1) {
            throw new Error(`${label} exited ${res.status}: ${(res.stderr || res.stdout).slice(-2000)}`);
        }
        const usage = JSON.parse(fs.readFileSync(reportFile, "utf8")) as { maxRssKb: number; resources?: number };
        return { ms, rssMb: usage.maxRssKb / 1024, resources: usage.resources };
    };
    run(); // warm-up: file system cache, SWC's native module
    const samples = Array.from({ length: RUNS }, run);
    const times = samples.map((s) => s.ms).sort((a, b) => a - b);
    return {
        ms: times[Math.floor(times.length / 2)]!,
        rssMb: Math.max(...samples.map((s) => s.rssMb)),
        resources: samples[0]!.resources,
        all: times,
    };
}

function planArgs(regions: string[]): string[] {
    const out = path.join(WORK, `plan-${regions.length}.json`);
    return [
        path.join(ROOT, "scripts", "run-ts.js"),
        path.join(ROOT, "plan", "cli.ts"),
        "--stack", "prod",
        "--json", out,
        "--config", `active-active:regions=${JSON.stringify(regions)}`,
        "--config", `active-active:homeRegion=${regions[0]}`,
    ];
}

function countPlanResources(regions: string[]): number {
    const plan = JSON.parse(fs.readFileSync(path.join(WORK, `plan-${regions.length}.json`), "utf8"));
    return (plan.resources as unknown[]).length;
}

function fmt(n: number, digits = 0): string {
    return n.toFixed(digits);
}

function main(): void {
    fs.mkdirSync(WORK, { recursive: true });
    const lines: string[] = [];
    const say = (s = "") => {
        lines.push(s);
        console.log(s);
    };
    process.stderr.write(`bench: ${RUNS} runs per figure after a warm-up\n`);

    const floorScript = path.join(ROOT, "bench", "floor.js");
    process.stderr.write("bench: floor\n");
    const floor = measure("floor", [floorScript, "0"]);

    const rows: { n: number; plan: ReturnType<typeof measure>; resources: number; baseline: ReturnType<typeof measure> }[] = [];
    for (const n of [2, 3, 4, 8, 16]) {
        const regions = REGION_SETS[n]!;
        process.stderr.write(`bench: plan with ${n} regions\n`);
        const plan = measure(`plan-${n}`, planArgs(regions));
        const resources = plan.resources ?? countPlanResources(regions);
        process.stderr.write(`bench: baseline with ${resources} trivial resources\n`);
        const baseline = measure(`baseline-${n}`, [floorScript, String(resources)]);
        rows.push({ n, plan, resources, baseline });
    }

    process.stderr.write("bench: npm test\n");
    const jestJson = path.join(WORK, "jest.json");
    const testStart = process.hrtime.bigint();
    spawnSync("npm", ["test", "--", "--json", `--outputFile=${jestJson}`], { cwd: ROOT, encoding: "utf8", stdio: "ignore" });
    const testMs = Number(process.hrtime.bigint() - testStart) / 1e6;
    const tscStart = process.hrtime.bigint();
    spawnSync("npx", ["tsc", "--noEmit", "-p", "tsconfig.json"], { cwd: ROOT, stdio: "ignore" });
    const tscMs = Number(process.hrtime.bigint() - tscStart) / 1e6;
    let slowest: { file: string; ms: number }[] = [];
    let testCount = 0;
    if (fs.existsSync(jestJson)) {
        const j = JSON.parse(fs.readFileSync(jestJson, "utf8"));
        testCount = j.numTotalTests;
        slowest = (j.testResults as any[])
            .map((t) => ({ file: path.relative(ROOT, t.name), ms: t.endTime - t.startTime }))
            .sort((a, b) => b.ms - a.ms)
            .slice(0, 5);
    }

    const at = (n: number) => rows.find((r) => r.n === n)!;
    const slopeMs = (at(4).plan.ms - at(2).plan.ms) / 2;
    const slopeMb = (at(4).plan.rssMb - at(2).plan.rssMb) / 2;
    const lineMs = (n: number) => at(2).plan.ms + slopeMs * (n - 2);
    const lineMb = (n: number) => at(2).plan.rssMb + slopeMb * (n - 2);

    say("# Benchmarks");
    say();
    say(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"}), ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}.`);
    say(`Run: ${new Date().toISOString()}, median of ${RUNS} runs after a warm-up; memory is the peak RSS of the process.`);
    say();
    say("## Floor");
    say();
    say(`The floor: a Node process that loads @pulumi/pulumi, @pulumi/aws and @pulumi/cloudflare and runs an empty program under the mock runtime: **${fmt(floor.ms)} ms, ${fmt(floor.rssMb)} MB**.`);
    say();
    say("## Plan for the prod shape");
    say();
    say("| regions | resources | wall ms | ratio to floor | peak MB | ratio to floor | baseline ms (same N trivial resources) | our cost per resource ms | SDK cost per resource ms | ours / SDK |");
    say("|---|---|---|---|---|---|---|---|---|---|");
    for (const r of rows) {
        const ours = (r.plan.ms - floor.ms) / r.resources;
        const sdk = (r.baseline.ms - floor.ms) / r.resources;
        say(`| ${r.n} | ${r.resources} | ${fmt(r.plan.ms)} | ${fmt(r.plan.ms / floor.ms, 2)} | ${fmt(r.plan.rssMb)} | ${fmt(r.plan.rssMb / floor.rssMb, 2)} | ${fmt(r.baseline.ms)} | ${fmt(ours, 2)} | ${fmt(sdk, 2)} | ${fmt(ours / sdk, 2)} |`);
    }
    say();
    say(`Marginal cost per region (slope through 2 and 4 regions): ${fmt(slopeMs)} ms and ${fmt(slopeMb, 1)} MB per region.`);
    say(`16 regions against the straight line through 2 and 4: time ${fmt(at(16).plan.ms)} ms vs ${fmt(lineMs(16))} ms (${fmt((at(16).plan.ms / lineMs(16) - 1) * 100, 1)} %), memory ${fmt(at(16).plan.rssMb)} MB vs ${fmt(lineMb(16))} MB (${fmt((at(16).plan.rssMb / lineMb(16) - 1) * 100, 1)} %).`);
    // Marginal cost per registered resource: least-squares slope of time over resources across every size, for the
    // plan and for the baseline. Fixed costs (loading our modules, policies, rendering) fall out of the slope.
    const slope = (pts: [number, number][]) => {
        const n = pts.length;
        const mx = pts.reduce((a, p) => a + p[0], 0) / n;
        const my = pts.reduce((a, p) => a + p[1], 0) / n;
        return pts.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0) / pts.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
    };
    const oursMarginal = slope(rows.map((r) => [r.resources, r.plan.ms]));
    const sdkMarginal = slope(rows.map((r) => [r.resources, r.baseline.ms]));
    say(`Marginal cost per registered resource (least-squares slope over all sizes): ours ${fmt(oursMarginal, 2)} ms, the SDK's with trivial resources ${fmt(sdkMarginal, 2)} ms, ratio ${fmt(oursMarginal / sdkMarginal, 2)}.`);
    say();
    say("## Tests");
    say();
    say(`\`npm test\` (type-check and ${testCount} tests), warm cache: **${fmt(testMs / 1000, 1)} s** wall; \`tsc --noEmit\` alone (incremental, warm): ${fmt(tscMs / 1000, 1)} s.`);
    say();
    say("Slowest test files (jest's own start-to-end time per file; files run in parallel on the cores):");
    say();
    say("| file | s |");
    say("|---|---|");
    for (const s of slowest) say(`| ${s.file} | ${fmt(s.ms / 1000, 1)} |`);
    say();
    say("## Against the targets");
    say();
    const p3 = at(3).plan.ms / floor.ms;
    const per3 = ((at(3).plan.ms - floor.ms) / at(3).resources) / ((at(3).baseline.ms - floor.ms) / at(3).resources);
    const lin = at(16).plan.ms / lineMs(16) - 1;
    const linMb = at(16).plan.rssMb / lineMb(16) - 1;
    say(`| target | measured | met |`);
    say(`|---|---|---|`);
    say(`| plan for prod with 3 regions at most 2x the floor | ${fmt(p3, 2)}x | ${p3 <= 2 ? "yes" : "no"} |`);
    say(`| our cost per resource at most 1.5x the SDK's (3 regions, fixed costs included) | ${fmt(per3, 2)}x | ${per3 <= 1.5 ? "yes" : "no"} |`);
    say(`| our marginal cost per resource at most 1.5x the SDK's (slope over all sizes) | ${fmt(oursMarginal / sdkMarginal, 2)}x | ${oursMarginal / sdkMarginal <= 1.5 ? "yes" : "no"} |`);
    say(`| 16 regions within 10 % of the line through 2 and 4 (time) | ${fmt(lin * 100, 1)} % | ${lin <= 0.1 ? "yes" : "no"} |`);
    say(`| 16 regions within 10 % of the line through 2 and 4 (memory) | ${fmt(linMb * 100, 1)} % | ${linMb <= 0.1 ? "yes" : "no"} |`);
    say(`| full npm test under 30 s wall (warm) | ${fmt(testMs / 1000, 1)} s | ${testMs <= 30000 ? "yes" : "no"} |`);
    fs.writeFileSync(path.join(ROOT, "bench", "results.md"), `${lines.join("\n")}\n`);
}

main();
