/**
 * `runPlan`: the offline plan in-process. Loads the stack file (plus overrides), runs the real program under the
 * mock kit exactly as `pulumi up` would construct it, then reports resources, policies and resilience.
 *
 * The Pulumi runtime is process-global, so plans run one at a time (a queue); each installs fresh mocks. A
 * failed run is drained before the next starts: errors the runtime only surfaces as unhandled rejections (a throw
 * inside an Output's apply) belong to the run that caused them and must not leak into the next one.
 */
import * as path from "path";
import { loadConfig, StackConfig } from "../config";
import { loadStackConfig, MockKit } from "../mock-kit";
import { REDACTED as STACK_FILE_REDACTED, qualifyKey } from "../mock-kit/stack-file";
import { main } from "../program";
import { collect } from "./collect";
import { describeFailure, EXIT, ExitCode, withoutStack } from "./errors";
import { evaluatePolicies, PolicyEnv, policyEnvOf, PolicyPackRunner, runPolicyPack } from "./policies";
import { renderMarkdown } from "./render-markdown";
import { renderText } from "./render-text";
import { buildResilience } from "./resilience";
import { sanitize, sortKeys } from "./sanitize";
import { REDACTED, scrubJson, scrubText } from "./scrub";
import type { PlanJson } from "./types";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const settings = require("@pulumi/pulumi/runtime/settings");

export const PROJECT = "active-active";
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
    /** The program to run. @default `main` from program.ts, the function index.ts runs */
    program?: () => unknown;
    /** The policy pack runner; null runs only the plan's own rule. @default runPolicyPack (the adapter) */
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

function failure(exitCode: ExitCode, heading: string, problems: string[], secrets: string[], causes: unknown[] = []): PlanResult {
    const lines = [heading, ...problems.map((p) => `  - ${p.split("\n").join("\n    ")}`)];
    const errorText = scrubText(withoutStack(lines.join("\n")), secrets) + "\n";
    const debug = causes.map((e) => (e instanceof Error ? e.stack ?? e.message : String(e))).join("\n");
    return { exitCode, text: "", errorText, problems: problems.map((p) => scrubText(p, secrets)), debug: scrubText(debug, secrets) };
}

/**
 * The host process. Errors thrown inside an Output's apply reach nobody but the process's `unhandledRejection`
 * event (Pulumi's own language host listens there too). Under jest `process` is a sandboxed copy whose events
 * never fire, so the plan listens on the host's; elsewhere the two are the same object.
 */
function hostProcess(): NodeJS.Process {
    try {
        const host = require("vm").runInThisContext("process");
        if (host && typeof host.on === "function") return host as NodeJS.Process;
    } catch {
        // Not reachable: fall back to the process we were given.
    }
    return process;
}

/**
 * For the duration of a run, the run's errors are its own: other listeners (a test runner's) are set aside and put
 * back afterwards, the way jest itself installs its handlers.
 */
function captureProcessErrors(onError: (e: unknown) => void): () => void {
    const host = hostProcess();
    const events = ["unhandledRejection", "uncaughtException"] as const;
    const saved = events.map((event) => [event, host.rawListeners(event)] as const);
    for (const event of events) {
        host.removeAllListeners(event);
        host.on(event, onError);
    }
    return () => {
        for (const [event, listeners] of saved) {
            host.removeListener(event, onError);
            for (const l of listeners) host.on(event, l as (...args: any[]) => void);
        }
    };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Lets the runtime's pending rejections fire, so they are caught by the run that caused them. */
async function drain(): Promise<void> {
    try {
        await settings.waitForRPCs();
    } catch {
        // Already reported through the run's own error.
    }
    for (let i = 0; i < 5; i++) await turn();
}

async function planOnce(options: PlanOptions): Promise<PlanResult> {
    const progress = options.onProgress ?? (() => undefined);
    const started = Date.now();
    const elapsed = () => `${Date.now() - started} ms`;
    const root = options.root ?? path.resolve(__dirname, "..");
    const secretEntries = Object.entries(options.secrets ?? {}).map(([k, v]) => [qualifyKey(k), v] as const);
    let secrets = secretEntries.map(([, v]) => v).filter((v) => v.length > 0);

    progress(`loading stack ${options.stack} (stacks/Pulumi.${options.stack}.yaml)`);
    let stackFile;
    try {
        stackFile = loadStackConfig(options.stack, options.config ?? {}, root);
    } catch (e) {
        return failure(EXIT.badConfig, "cannot load the stack:", [withoutStack((e as Error).message ?? String(e))], secrets);
    }
    const config = { ...stackFile.config };
    const secretKeys = [...stackFile.secretKeys];
    for (const [k, v] of secretEntries) {
        config[k] = v;
        if (!secretKeys.includes(k)) secretKeys.push(k);
    }
    secrets = [...new Set([...secrets, ...secretKeys.map((k) => config[k]!).filter((v) => v && v !== STACK_FILE_REDACTED)])];

    const errors: unknown[] = [];
    const releaseErrors = captureProcessErrors((e) => errors.push(e));
    try {
        const kit = MockKit.install({
            config,
            secretKeys,
            stack: options.stack,
            project: PROJECT,
            organization: ORGANIZATION,
            preview: true,
            stackTraces: options.debug ?? false,
            stackOutputs: options.deployed ? { [`${ORGANIZATION}/${PROJECT}/${options.stack}`]: options.deployed } : {},
        });

        progress("checking config");
        let stackConfig: StackConfig;
        try {
            stackConfig = loadConfig();
        } catch (e) {
            const report = describeFailure([e]);
            return failure(report.config ? EXIT.badConfig : EXIT.internal, report.config ? "bad config:" : "cannot read the config:", report.problems, secrets, [e]);
        }

        progress("running the program under the mock kit");
        let rawOutputs: Record<string, unknown> = {};
        try {
            rawOutputs = await kit.runProgram(options.program ?? (() => main()));
        } catch (e) {
            errors.push(e);
        }
        await drain();
        errors.push(...kit.errors);
        if (errors.length > 0) {
            const report = describeFailure(errors);
            if (report.config) return failure(EXIT.badConfig, "bad config:", report.problems, secrets, errors);
            if (report.registration) {
                return failure(EXIT.badConfig, "the program registered resources a provider would reject:", report.problems, secrets, errors);
            }
            return failure(EXIT.internal, `the program failed (stack ${options.stack}); not a config problem:`, report.problems, secrets, errors);
        }
        progress(`ran the program: ${kit.resources.length} registrations (${elapsed()})`);

        const { value: outputs } = await sanitize(rawOutputs);
        const collected = await collect(kit);
        progress("modeling failover");
        const resilience = buildResilience(stackConfig, outputs as Record<string, unknown>, collected.resources);

        const env = options.policyEnv ?? policyEnvOf(options.stack);
        progress(`evaluating policies at the ${env} levels`);
        const stackName = kit.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.name ?? `${PROJECT}-${options.stack}`;
        const runner = options.policyPack === undefined ? runPolicyPack : options.policyPack ?? undefined;
        let report;
        try {
            report = await evaluatePolicies(kit.resources, env, resilience, stackName, runner);
        } catch (e) {
            const failed = describeFailure([e]);
            return failed.config
                ? failure(EXIT.badConfig, `bad policy config (policies/config/${env}.json):`, failed.problems, secrets, [e])
                : failure(EXIT.internal, "the policy pack failed:", failed.problems, secrets, [e]);
        }

        const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory").length;
        const exitCode = mandatory > 0 ? EXIT.violations : EXIT.ok;
        const byRegion: Record<string, number> = {};
        for (const r of collected.resources) byRegion[r.region] = (byRegion[r.region] ?? 0) + 1;

        const overrides: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(options.config ?? {})) overrides[qualifyKey(k)] = secretKeys.includes(qualifyKey(k)) ? REDACTED : v;
        for (const [k] of secretEntries) overrides[k] = REDACTED;

        const json: PlanJson = scrubJson(
            sortKeys({
                schemaVersion: 1 as const,
                project: PROJECT,
                stack: options.stack,
                policyEnv: env,
                regions: [...stackConfig.regions],
                homeRegion: stackConfig.homeRegion,
                traffic: stackConfig.traffic,
                consistency: stackConfig.consistency,
                drain: [...stackConfig.drain],
                servingRegions: [...stackConfig.servingRegions],
                configOverrides: overrides,
                exitCode,
                summary: {
                    resources: collected.resources.length,
                    byRegion,
                    mandatoryViolations: mandatory,
                    advisoryViolations: report.violations.length - mandatory,
                },
                ...collected,
                outputs: outputs as Record<string, unknown>,
                policyPack: { available: report.available, env, note: report.note },
                policies: report.policies,
                violations: report.violations,
                resilience,
            }),
            secrets,
        );
        const text = scrubText(renderText(json), secrets);
        const markdown = scrubText(renderMarkdown(json), secrets);
        progress(`plan ready (${elapsed()})`);
        return { exitCode, json, text, markdown, errorText: "", problems: [] };
    } catch (e) {
        const report = describeFailure([e]);
        return failure(EXIT.internal, "the plan command failed (a bug in plan/):", report.problems, secrets, [e]);
    } finally {
        // Anything still pending from this run surfaces now, not in the next run.
        await drain();
        releaseErrors();
    }
}
