/**
 * `npm run plan -- --stack <dev|staging|prod> [--json FILE] [--markdown FILE] [--config KEY=VALUE ...]`
 *
 * stdout carries the plan only; progress, the program's own logging and errors go to stderr. No stack trace is
 * ever printed (PLAN_DEBUG=1 prints them, for whoever is fixing a bug).
 */
// First: what the SDK loads and a plan never uses is deferred before anything loads the SDK.
import "./lazy-sdk";
import * as fs from "fs";
import * as path from "path";
import { format } from "util";
import { stackFilePath } from "../mock-kit/stack-file";
import { CliArgs, parseArgs, resolveSecrets, USAGE } from "./args";
import { EXIT, problemList, UsageError, withoutStack } from "./errors";
import type { PlanResult } from "./run";
import { scrubText } from "./redact";
import { diffPlans, renderDiff } from "./diff";
import { renderChanges } from "./render-text";
import type { PlanJson } from "./types";

const debug = process.env.PLAN_DEBUG === "1";
// The Pulumi SDK captures a stack trace for every promise it creates, for a leak report the plan never prints;
// formatting them is a tenth of a plan's time. The plan prints no stack traces either, unless debugging.
if (!debug) Error.stackTraceLimit = 0;

function writeFile(file: string, content: string): void {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, content);
}

/** Routes console output (the program's and the Pulumi runtime's) to stderr, scrubbed of the given secrets. */
function consoleToStderr(secrets: string[]): () => void {
    const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
    const write = (...args: unknown[]) => process.stderr.write(scrubText(withoutStack(format(...args)), secrets) + "\n");
    Object.assign(console, { log: write, info: write, warn: write, error: write, debug: write });
    return () => Object.assign(console, saved);
}

/** Thrown to end the command early with an exit code, after printing its problems. */
class Exit {
    constructor(readonly code: number) {}
}

function fail(heading: string, problems: string[], footer = ""): Exit {
    process.stderr.write(`${problemList(heading, problems)}\n${footer}`);
    return new Exit(EXIT.badConfig);
}

function usage(argv: string[]): CliArgs {
    try {
        const args = parseArgs(argv);
        // Secrets from files and environment variables join --secret: none of them need be on the command line.
        return args.help ? args : { ...args, secrets: resolveSecrets(args, (f) => fs.readFileSync(f, "utf8"), process.env) };
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        throw fail("bad usage:", e.problems, "Run with --help for usage.\n");
    }
}

/** Unknown stacks are found before the program (and its SDKs) is loaded. */
function checkStackExists(stack: string): void {
    const stackFile = stackFilePath(stack);
    if (fs.existsSync(stackFile)) return;
    const known = fs
        .readdirSync(path.dirname(stackFile))
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined);
    throw fail("cannot load the stack:", [`unknown stack "${stack}": no stacks/Pulumi.${stack}.yaml; stacks: ${known.join(", ")}`]);
}

function readDeployed(file: string | undefined): Record<string, unknown> | undefined {
    if (!file) return undefined;
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw fail("bad usage:", [`--deployed ${file}: ${withoutStack((e as Error).message)}`]);
    }
}

/** `--diff FILE`: an earlier plan's JSON, read before anything is planned. */
function readBaseFile(file: string | undefined): PlanJson | undefined {
    if (!file) return undefined;
    let base: PlanJson;
    try {
        base = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw fail("bad usage:", [`--diff ${file}: ${withoutStack((e as Error).message)}`]);
    }
    if (!Array.isArray(base?.resources) || !Array.isArray(base?.violations) || typeof base?.resilience !== "object") {
        throw fail("bad usage:", [`--diff ${file}: not a plan's JSON (write one with --json)`]);
    }
    return base;
}

async function plan(args: CliArgs, deployed: Record<string, unknown> | undefined, overrides = true): Promise<PlanResult> {
    const secrets = Object.values(args.secrets);
    const restore = consoleToStderr(secrets);
    try {
        const progress = (line: string) => process.stderr.write(`plan: ${scrubText(line, secrets)}\n`);
        if (!args.quiet) progress("loading the program");
        // Loaded only now: the program pulls in the AWS and Cloudflare SDKs, which --help and usage errors don't need.
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const { runPlan } = require("./run") as typeof import("./run");
        return await runPlan({
            stack: overrides ? args.stack! : args.against!,
            config: overrides ? args.config : {},
            secrets: args.secrets,
            policyEnv: args.policyEnv,
            deployed,
            debug,
            onProgress: args.quiet ? undefined : progress,
        });
    } finally {
        restore();
    }
}

function failed(result: PlanResult): boolean {
    return result.exitCode !== EXIT.ok && result.exitCode !== EXIT.violations;
}

/** What the plan is compared with (`--diff`, `--against`), planned after the plan itself; undefined for neither. */
async function baseOf(args: CliArgs, file: PlanJson | undefined, deployed: Record<string, unknown> | undefined): Promise<{ label: string; json: PlanJson } | undefined> {
    if (file) return { label: args.diff!, json: file };
    if (!args.against) return undefined;
    checkStackExists(args.against);
    const base = await plan(args, deployed, false);
    if (failed(base)) {
        process.stderr.write(`cannot plan the base (--against ${args.against}):\n${base.errorText}`);
        throw new Exit(base.exitCode);
    }
    return { label: `stack ${args.against} without --config`, json: base.json! };
}

/** Writes the requested files and says so: a user should never have to guess where the plan went. */
function writeFiles(args: CliArgs, result: PlanResult): void {
    const written: string[] = [];
    if (args.json) {
        writeFile(args.json, JSON.stringify(result.json, null, 2) + "\n");
        written.push(`plan: wrote ${args.json} (the plan as JSON)`);
    }
    if (args.markdown) {
        writeFile(args.markdown, result.markdown!);
        written.push(`plan: wrote ${args.markdown} (Markdown report with the topology diagram)`);
    }
    for (const line of written) process.stderr.write(`${line}\n`);
}

function report(args: CliArgs, result: PlanResult, base: { label: string; json: PlanJson } | undefined): number {
    if (failed(result)) {
        process.stderr.write(result.errorText);
        if (debug && result.debug) process.stderr.write(result.debug + "\n");
        return result.exitCode;
    }
    try {
        writeFiles(args, result);
    } catch (e) {
        process.stderr.write(`cannot write the plan: ${withoutStack((e as Error).message)}\n`);
        return EXIT.badConfig;
    }
    const text = base ? renderChanges(result.json!, renderDiff(diffPlans(base.label, base.json, result.json!))) : result.text;
    process.stdout.write(scrubText(text, Object.values(args.secrets)));
    return result.exitCode;
}

/** The routing modes side by side (plan/compare.ts); a config the stack refuses exits 2 like the plan. */
function compare(args: CliArgs): number {
    // Loaded only now, like the plan: the config module pulls in the Pulumi SDK, which --help and usage errors don't need.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { compareModes, renderComparison } = require("./compare") as typeof import("./compare");
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { ConfigError } = require("../config") as typeof import("../config");
    try {
        process.stdout.write(scrubText(renderComparison(compareModes(args.stack!, args.config)), Object.values(args.secrets)));
        return EXIT.ok;
    } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        process.stderr.write(`bad config:\n${e.problems.map((p) => `  - ${p}`).join("\n")}\n`);
        return EXIT.badConfig;
    }
}

async function cli(argv: string[]): Promise<number> {
    try {
        const args = usage(argv);
        if (args.help) {
            process.stdout.write(USAGE + "\n");
            return EXIT.ok;
        }
        checkStackExists(args.stack!);
        if (args.compare) return compare(args);
        const deployed = readDeployed(args.deployed);
        const file = readBaseFile(args.diff);
        const result = await plan(args, deployed);
        const base = failed(result) ? undefined : await baseOf(args, file, deployed);
        return report(args, result, base);
    } catch (e) {
        if (e instanceof Exit) return e.code;
        throw e;
    }
}

// Errors the runtime surfaces after the plan is done must not print Node's default stack trace.
const late = (e: unknown) => {
    if (debug) process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
};
process.on("unhandledRejection", late);
process.on("uncaughtException", late);

cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
        process.stderr.write(`the plan command failed: ${withoutStack(e instanceof Error ? e.message : String(e))}\n`);
        if (debug && e instanceof Error) process.stderr.write(`${e.stack}\n`);
        process.exit(EXIT.internal);
    },
);
