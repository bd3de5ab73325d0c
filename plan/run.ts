/**
 * `runPlan`: the offline plan in-process, as a pipeline in one direction: parse the stack's config once, run the
 * real program under the mock kit with it, collect what it registered, redact secrets, evaluate policies and
 * resilience, render. The Pulumi runtime is process-global, so plans run one at a time (a queue), each installing
 * fresh mocks; a run's pending errors are settled before the next starts (pending-errors.ts).
 */
import * as path from "path";
import { loadConfig, StackConfig } from "../config";
import { loadStackConfig, MockKit } from "../mock-kit";
import { ConfigPathError, REDACTED as STACK_FILE_REDACTED, parseConfigPath, qualifyKey } from "../mock-kit/stack-file";
import { renderProblem } from "../packages/aws-facts";
import { main } from "../program";
import { assemble, Findings, planHeader, PROJECT } from "./assemble";
import { collect } from "./collect";
import { describeFailure, EXIT, ExitCode, problemList, withoutStack } from "./errors";
import { captureProcessErrors, settlePendingRejections } from "./pending-errors";
import { evaluatePolicies, PolicyEnv, policyEnvOf, PolicyPackRunner, runPolicyPack } from "./policies";
import { isCredentialKey, REDACTED, redact, scrubText } from "./redact";
import { renderMarkdown } from "./render-markdown";
import { renderText } from "./render-text";
import { buildResilience } from "./resilience";
import { worstCaseCost } from "./cost";
import { quotaReport } from "./quotas";
import type { ConfigOverride, PlanJson, PlanResource } from "./types";

/** The organization the mocks report; the program's StackReference to itself names it. */
const ORGANIZATION = "organization";

export interface PlanOptions {
    stack: string;
    /** Config overrides, keyed as the stack files spell them (`active-active:drain`); values already parsed. */
    config?: Record<string, unknown>;
    /** Config set as secret values (e.g. `cloudflare:apiToken`). Their values never appear in any output. */
    secrets?: Record<string, string>;
    /**
     * The stack outputs of the previous deployment (`pulumi stack output --json --show-secrets`), which the program
     * reads through a StackReference to itself to guard against data loss. @default none: a first deployment
     */
    deployed?: Record<string, unknown>;
    /** Policy levels to use. @default policyEnvOf(stack) */
    policyEnv?: PolicyEnv;
    /** Called with a line for each step that takes time. @default no progress */
    onProgress?: (line: string) => void;
    /** The program to run, given the config the plan parsed. @default `main` from program.ts, the function index.ts runs */
    program?: (config: StackConfig) => unknown;
    /** The policy pack runner; null runs no policies. @default runPolicyPack (the adapter) */
    policyPack?: PolicyPackRunner | null;
    /** Project root holding stacks/. @default this repository */
    root?: string;
    /** Keep stack traces of the program's errors for `PlanResult.debug` (slower). @default false */
    debug?: boolean;
}

export interface PlanResult {
    exitCode: ExitCode;
    /** The machine-readable plan; present on exit 0 and 1. */
    json?: PlanJson;
    /** The printed plan (stdout); empty when no plan could be made. */
    text: string;
    /** The Markdown report with the topology diagram; present on exit 0 and 1. */
    markdown?: string;
    /** What went wrong, one problem a line (stderr); empty on exit 0 and 1. */
    errorText: string;
    problems: string[];
    /** Stack traces of the errors behind a failure, for PLAN_DEBUG=1 only (never printed otherwise). */
    debug?: string;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs one plan; concurrent calls wait their turn. */
export function runPlan(options: PlanOptions): Promise<PlanResult> {
    const next = queue.then(() => planOnce(options));
    queue = next.catch(() => undefined);
    return next;
}

/** Ends the pipeline early with a failure report. */
class Stop {
    constructor(readonly result: PlanResult) {}
}

function failure(exitCode: ExitCode, heading: string, problems: string[], secrets: string[], causes: unknown[] = []): Stop {
    const errorText = scrubText(withoutStack(problemList(heading, problems)), secrets) + "\n";
    const debug = causes.map((e) => (e instanceof Error ? e.stack ?? e.message : String(e))).join("\n");
    return new Stop({ exitCode, text: "", errorText, problems: problems.map((p) => scrubText(p, secrets)), debug: scrubText(debug, secrets) });
}

/** The stack file with the overrides and secrets applied, as the engine hands config to a program. */
interface StackInput {
    config: Record<string, string>;
    secretKeys: string[];
    /** Every known secret value: scrubbed from everything the plan prints. */
    secrets: string[];
    /** The overrides as given, secret ones redacted: the plan's `configOverrides`. */
    overrides: Record<string, unknown>;
    /** Each override with the stack file's value it replaced, secret ones redacted: the plan's `overrides`. */
    applied: ConfigOverride[];
    /** What is wrong with the stack file itself, reported with the config's problems. */
    stackFileProblems: string[];
}

function readStack(options: PlanOptions, progress: (line: string) => void): StackInput {
    const given = Object.entries(options.secrets ?? {}).map(([k, v]) => [qualifyKey(k), v] as const);
    const givenValues = given.map(([, v]) => v).filter((v) => v.length > 0);
    progress(`loading stack ${options.stack} (stacks/Pulumi.${options.stack}.yaml)`);
    let stackFile;
    try {
        stackFile = loadStackConfig(options.stack, options.config ?? {}, options.root ?? path.resolve(__dirname, ".."));
    } catch (e) {
        const heading = e instanceof ConfigPathError ? "bad usage:" : "cannot load the stack:";
        throw failure(EXIT.badConfig, heading, [withoutStack((e as Error).message ?? String(e))], givenValues);
    }
    const config = { ...stackFile.config };
    const secretKeys = [...stackFile.secretKeys];
    for (const [k, v] of given) {
        config[k] = v;
        if (!secretKeys.includes(k)) secretKeys.push(k);
    }
    // Secret keys, and keys named like credentials even when (wrongly) plain: their values are never printed.
    const isSecretKey = (k: string) => {
        const key = qualifyKey(parseConfigPath(k).key);
        return secretKeys.includes(key) || isCredentialKey(key);
    };
    const stored = Object.keys(config).filter(isSecretKey).map((k) => config[k]!).filter((v) => v && v !== STACK_FILE_REDACTED);
    const overrides: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(options.config ?? {})) overrides[qualifyKey(k)] = isSecretKey(k) ? REDACTED : v;
    for (const [k] of given) overrides[k] = REDACTED;
    const applied = stackFile.overrides.map((o): ConfigOverride => {
        const shown = o.secret || isSecretKey(o.key) ? { before: REDACTED, after: REDACTED } : { ...("before" in o ? { before: o.before } : {}), after: o.after };
        return { key: qualifyKey(o.key), ...shown };
    });
    const stackFileProblems = stackFile.problems.map(renderProblem);
    return { config, secretKeys, secrets: [...new Set([...givenValues, ...stored])], overrides, applied, stackFileProblems };
}

/** What every step may need of the run: its options, the stack input, the policy levels and the progress line. */
interface Run {
    options: PlanOptions;
    input: StackInput;
    env: PolicyEnv;
    progress: (line: string) => void;
}

function installKit({ options, input }: Run): MockKit {
    return MockKit.install({
        config: input.config,
        secretKeys: input.secretKeys,
        stack: options.stack,
        project: PROJECT,
        organization: ORGANIZATION,
        preview: true,
        stackTraces: options.debug ?? false,
        stackOutputs: options.deployed ? { [`${ORGANIZATION}/${PROJECT}/${options.stack}`]: options.deployed } : {},
    });
}

/** The one parse of the config: the program and the report both get this value. The stack file's own problems come first. */
function parseConfig({ input, progress }: Run): StackConfig {
    progress("checking config");
    let config: StackConfig;
    try {
        config = loadConfig();
    } catch (e) {
        const report = describeFailure([e]);
        if (!report.config) throw failure(EXIT.internal, "cannot read the config:", report.problems, input.secrets, [e]);
        throw failure(EXIT.badConfig, "bad config:", [...input.stackFileProblems, ...report.problems], input.secrets, [e]);
    }
    if (input.stackFileProblems.length > 0) throw failure(EXIT.badConfig, "bad config:", input.stackFileProblems, input.secrets);
    return config;
}

/** Runs the program; its outputs, or every error it caused (thrown, rejected at registration, or in an apply). */
async function runProgram({ options, input, progress }: Run, kit: MockKit, config: StackConfig, errors: unknown[]): Promise<unknown> {
    progress("running the program under the mock kit");
    const program = options.program ?? main;
    const secrets = input.secrets;
    let outputs: unknown = {};
    try {
        outputs = await kit.runProgram(() => program(config));
    } catch (e) {
        errors.push(e);
    }
    await settlePendingRejections();
    errors.push(...kit.errors);
    if (errors.length === 0) return outputs;
    const report = describeFailure(errors);
    if (report.config) throw failure(EXIT.badConfig, "bad config:", report.problems, secrets, errors);
    if (report.registration) throw failure(EXIT.badConfig, "the program registered resources a provider would reject:", report.problems, secrets, errors);
    throw failure(EXIT.internal, `the program failed (stack ${options.stack}); not a config problem:`, report.problems, secrets, errors);
}

async function evaluate({ options, input, env, progress }: Run, config: StackConfig, resources: PlanResource[], records: MockKit["resources"]): Promise<Findings> {
    progress("modeling failover");
    const resilience = buildResilience(config, resources);
    progress(`evaluating policies at the ${env} levels`);
    const stackName = records.find((r) => r.type === "pulumi:pulumi:Stack")?.name ?? `${PROJECT}-${options.stack}`;
    const runner = options.policyPack === undefined ? runPolicyPack : options.policyPack ?? undefined;
    try {
        return { report: await evaluatePolicies(records, env, stackName, runner), resilience, cost: worstCaseCost(resources), quotas: quotaReport(resources) };
    } catch (e) {
        const failed = describeFailure([e]);
        throw failed.config
            ? failure(EXIT.badConfig, `bad policy config (policies/config/${env}.json):`, failed.problems, input.secrets, [e])
            : failure(EXIT.internal, "the policy pack failed:", failed.problems, input.secrets, [e]);
    }
}

function render(json: PlanJson): PlanResult {
    return { exitCode: json.exitCode, json, text: renderText(json), markdown: renderMarkdown(json), errorText: "", problems: [] };
}

async function planOnce(options: PlanOptions): Promise<PlanResult> {
    const progress = options.onProgress ?? (() => undefined);
    const started = Date.now();
    const elapsed = () => `${Date.now() - started} ms`;
    let input: StackInput;
    try {
        input = readStack(options, progress);
    } catch (e) {
        if (e instanceof Stop) return e.result;
        throw e;
    }
    const run: Run = { options, input, env: options.policyEnv ?? policyEnvOf(options.stack), progress };
    const errors: unknown[] = [];
    const releaseErrors = captureProcessErrors((e) => errors.push(e));
    try {
        const kit = installKit(run);
        const config = parseConfig(run);
        const outputs = await runProgram(run, kit, config, errors);
        progress(`ran the program: ${kit.resources.length} registrations (${elapsed()})`);
        const collected = await collect(kit, outputs);
        const header = planHeader(options.stack, run.env, config, { configOverrides: input.overrides, overrides: input.applied });
        const safe = redact({ ...header, ...collected }, kit.resources, input.secrets);
        const findings = await evaluate(run, config, safe.plan.resources, safe.records);
        const result = render(assemble(safe.plan, findings));
        progress(`plan ready (${elapsed()})`);
        return result;
    } catch (e) {
        if (e instanceof Stop) return e.result;
        const report = describeFailure([e]);
        return failure(EXIT.internal, "the plan command failed (a bug in plan/):", report.problems, input.secrets, [e]).result;
    } finally {
        // Anything still pending from this run surfaces now, not in the next run.
        await settlePendingRejections();
        releaseErrors();
    }
}
