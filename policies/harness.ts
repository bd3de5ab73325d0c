/**
 * Runs the policy pack in-process over recorded resources (the mock kit's `RecordedResource`s), the way the Pulumi
 * engine runs it over a preview: every resource policy on every resource, every stack policy on the whole stack,
 * enforcement levels and policy config resolved from a `--policy-pack-config` file exactly as the CLI resolves them
 * (the policy's own level or the pack's default, then `all`, then the policy's entry; schema defaults, then the
 * policy's entry's properties). Used by the plan command and the tests. It never imports index.ts, whose
 * `new PolicyPack` would start a gRPC server.
 *
 * Differences from the engine, on purpose: messages are the rule's own (the engine prefixes the policy's
 * description and a newline); a stack violation without a URN is reported against the root stack resource; a
 * policy that throws fails the run with the policy's name (the engine fails the preview the same way).
 * Unknown values: the mock kit records most outputs as known; the few it cannot know in preview come through as
 * the engine's unknown sentinel or as `{ __pulumiUnknown: true }`, and the rules treat both as unknown (never a
 * violation), as they treat the engine's.
 */
import * as fs from "fs";
import * as path from "path";
import type {
    EnforcementLevel,
    Policies,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { schemaDefaults } from "./lib/policy";
import { policies as packPolicies } from "./rules";

/** What the harness reads of a resource: a structural subset of mock-kit's `RecordedResource`. */
export interface HarnessResource {
    type: string;
    name: string;
    urn: string;
    id?: string;
    custom?: boolean;
    /** URN of the parent resource. */
    parent?: string;
    /** URN of the explicit provider. */
    providerUrn?: string;
    /** Inputs, as `validateResource` sees them. */
    inputs: Record<string, any>;
    /** Outputs (state), as `validateStack` sees them; the inputs when absent. */
    outputs?: Record<string, any>;
    protect?: boolean;
    ignoreChanges?: string[];
    dependsOn?: string[];
}

/** One entry of a policy pack config file: a level, or a level and the policy's config properties. */
export type PolicyConfigEntry = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);
export type PolicyPackConfig = Record<string, PolicyConfigEntry>;

export interface PolicySummary {
    name: string;
    description: string;
    severity?: Severity;
    enforcementLevel: EnforcementLevel;
}

export interface PolicyViolation {
    policy: string;
    /** URN of the resource in violation (the root stack for stack-wide violations). */
    resource: string;
    name: string;
    type: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity?: Severity;
}

export interface PolicyReport {
    policies: PolicySummary[];
    violations: PolicyViolation[];
}

export interface RunPolicyPackOptions {
    /** An environment whose config file policies/config/<env>.json sets levels and config. */
    env?: string;
    /** A config object in the --policy-pack-config format; used when `env` is not given. @default {} */
    config?: PolicyPackConfig;
    /** @default the pack's policies (rules/index.ts) */
    policies?: Policies;
    /** The pack's default level. @default "advisory", as in index.ts */
    packEnforcementLevel?: EnforcementLevel;
}

/** Thrown when a policy pack config names unknown policies or breaks a policy's config schema. */
export class PolicyConfigError extends Error {
    readonly problems: string[];
    constructor(source: string, problems: string[]) {
        super(`Invalid policy pack config ${source} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "PolicyConfigError";
        this.problems = problems;
    }
}

/**
 * Thrown by `args.notApplicable`. Not an Error: a policy over many types throws it for every resource of another
 * type, and an Error's stack trace was a sixth of a fleet's policy run. Only the harness catches it.
 */
class NotApplicable {
    constructor(readonly reason?: string) {}
}

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
export const CONFIG_DIR = path.join(__dirname, "config");

export function configFilePath(env: string): string {
    return path.join(CONFIG_DIR, `${env}.json`);
}

/** The environments that have a config file. */
export function configEnvironments(): string[] {
    return fs
        .readdirSync(CONFIG_DIR)
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.slice(0, -".json".length))
        .sort();
}

/** Reads policies/config/<env>.json and checks it against the pack (names and config schemas). */
export function loadPolicyPackConfig(env: string, policies: Policies = packPolicies): PolicyPackConfig {
    const file = configFilePath(env);
    if (!fs.existsSync(file)) {
        throw new PolicyConfigError(`for "${env}"`, [`no ${path.relative(process.cwd(), file)}; environments: ${configEnvironments().join(", ")}`]);
    }
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as PolicyPackConfig;
    const problems = policyPackConfigProblems(config, policies);
    if (problems.length > 0) throw new PolicyConfigError(path.basename(file), problems);
    return config;
}

function entryParts(entry: PolicyConfigEntry | undefined): { level?: EnforcementLevel; properties: Record<string, unknown> } {
    if (entry === undefined) return { properties: {} };
    if (typeof entry === "string") return { level: entry, properties: {} };
    const { enforcementLevel, ...properties } = entry;
    return { level: enforcementLevel, properties };
}

export interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

/**
 * Levels and properties per policy as the CLI reconciles them before calling the pack: the policy's level (or the
 * pack's), overridden by `all`, overridden by the policy's own entry; the schema's defaults overlaid with the
 * entry's properties (`all` carries a level only).
 */
export function resolvePolicyConfig(
    policies: Policies,
    config: PolicyPackConfig,
    packEnforcementLevel: EnforcementLevel = "advisory",
): Map<string, ResolvedPolicyConfig> {
    const all = entryParts(config.all).level;
    const out = new Map<string, ResolvedPolicyConfig>();
    for (const p of policies) {
        const own = entryParts(config[p.name]);
        out.set(p.name, {
            enforcementLevel: own.level ?? all ?? p.enforcementLevel ?? packEnforcementLevel,
            properties: { ...schemaDefaults(p.configSchema), ...own.properties },
        });
    }
    return out;
}

/** Problems with a config: unknown policy names, bad levels, properties that break the policy's schema. */
export function policyPackConfigProblems(config: PolicyPackConfig, policies: Policies = packPolicies): string[] {
    const problems: string[] = [];
    const byName = new Map(policies.map((p) => [p.name, p]));
    for (const [name, entry] of Object.entries(config)) {
        const { level, properties } = entryParts(entry);
        if (level !== undefined && !LEVELS.includes(level)) problems.push(`${name}: enforcementLevel "${level}" is not one of ${LEVELS.join(", ")}`);
        if (name === "all") {
            if (Object.keys(properties).length > 0) problems.push(`all: only an enforcement level applies to every policy; found ${Object.keys(properties).join(", ")}`);
            continue;
        }
        const policy = byName.get(name);
        if (!policy) {
            problems.push(`${name}: no such policy in the pack`);
            continue;
        }
        const schema = policy.configSchema?.properties ?? {};
        for (const [key, value] of Object.entries(properties)) {
            const s = schema[key];
            if (!s || typeof s !== "object") problems.push(`${name}.${key}: not in the policy's config schema (${Object.keys(schema).join(", ") || "none"})`);
            else problems.push(...schemaProblems(`${name}.${key}`, value, s as Record<string, any>));
        }
        for (const key of policy.configSchema?.required ?? []) {
            if (!(key in properties) && !(key in schemaDefaults(policy.configSchema))) problems.push(`${name}.${key}: is required`);
        }
    }
    return problems;
}

/** The JSON Schema keywords the pack's config schemas use. */
function schemaProblems(where: string, value: unknown, s: Record<string, any>): string[] {
    const type = s.type as string | undefined;
    const fits =
        type === undefined ||
        (type === "integer" && Number.isInteger(value)) ||
        (type === "number" && typeof value === "number" && Number.isFinite(value)) ||
        (type === "string" && typeof value === "string") ||
        (type === "boolean" && typeof value === "boolean") ||
        (type === "array" && Array.isArray(value)) ||
        (type === "object" && value !== null && typeof value === "object" && !Array.isArray(value));
    if (!fits) return [`${where}: ${JSON.stringify(value)} is not of type ${type}`];
    const out: string[] = [];
    if (typeof value === "number") {
        if (s.minimum !== undefined && value < s.minimum) out.push(`${where}: ${value} is below the minimum ${s.minimum}`);
        if (s.maximum !== undefined && value > s.maximum) out.push(`${where}: ${value} is above the maximum ${s.maximum}`);
    }
    if (typeof value === "string" && s.minLength !== undefined && value.length < s.minLength) out.push(`${where}: "${value}" is shorter than ${s.minLength}`);
    if (Array.isArray(value)) {
        if (s.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) out.push(`${where}: has duplicate items`);
        if (s.items && typeof s.items === "object" && !Array.isArray(s.items)) {
            value.forEach((v, i) => out.push(...schemaProblems(`${where}[${i}]`, v, s.items)));
        }
    }
    if (Array.isArray(s.enum) && !s.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) {
        out.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
    }
    return out;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const token = (resourceClass as { __pulumiType?: unknown })?.__pulumiType;
    if (typeof token === "string" && token.length > 0) return token === type;
    const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean })?.isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function optionsOf(r: HarnessResource) {
    return {
        protect: r.protect === true,
        ignoreChanges: r.ignoreChanges ?? [],
        aliases: [] as string[],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [] as string[],
        ...(r.parent ? { parent: r.parent } : {}),
    };
}

function notApplicable(reason?: string): never {
    throw new NotApplicable(reason);
}

export interface PolicyOutcome {
    violations: { message: string; urn?: string }[];
    /** Where the policy did not apply and why (per resource for resource policies, once for stack policies). */
    notApplicable: { urn?: string; reason: string }[];
}

function providerLookup(resources: readonly HarnessResource[]) {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return (r: HarnessResource) => {
        const p = r.providerUrn ? byUrn.get(r.providerUrn) : undefined;
        return p ? { type: p.type, props: p.inputs, urn: p.urn, name: p.name } : undefined;
    };
}

/**
 * What the policies of one run read of its resources, made once per run: the provider lookup and the stack
 * policies' resources. (The engine deserializes them again for each policy; the pack's rules only read them, and
 * `stackResources` freezes the view they read, so a rule cannot change what the next one sees.)
 */
interface RunView {
    provider: ReturnType<typeof providerLookup>;
    stack?: PolicyResource[];
}

function runView(resources: readonly HarnessResource[]): RunView {
    return { provider: providerLookup(resources) };
}

/** Runs one resource policy over each resource with engine-shaped args. */
export async function evaluateResourcePolicy(
    policy: ResourceValidationPolicy,
    resources: readonly HarnessResource[],
    properties: Record<string, unknown> = schemaDefaults(policy.configSchema),
    view: RunView = runView(resources),
): Promise<PolicyOutcome> {
    const outcome: PolicyOutcome = { violations: [], notApplicable: [] };
    const validations = policy.validateResource === undefined ? [] : Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    const provider = view.provider;
    for (const r of resources) {
        if (r.type === "pulumi:pulumi:Stack") continue;
        for (const validation of validations) {
            const token = (validation as { __pulumiType?: string }).__pulumiType;
            if (token && token !== r.type) {
                outcome.notApplicable.push({ urn: r.urn, reason: `Policy only applies to resources of type '${token}'` });
                continue;
            }
            const args: ResourceValidationArgs = {
                ...engineView(r, r.inputs, provider(r)),
                stackTags: new Map(),
                getConfig: <T extends object>() => structuredClone(properties) as T,
                notApplicable,
            };
            try {
                await validation(args, (message) => outcome.violations.push({ message, urn: r.urn }));
            } catch (e) {
                if (e instanceof NotApplicable) outcome.notApplicable.push({ urn: r.urn, reason: e.reason ?? "" });
                else throw new Error(`policy ${policy.name} failed on ${r.urn}: ${(e as Error).message}`, { cause: e });
            }
        }
    }
    return outcome;
}

/** What the engine hands a policy of any resource: its type, props, names, options, provider and type tests. */
function engineView(r: HarnessResource, props: Record<string, any>, provider: PolicyResource["provider"]) {
    return {
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts: optionsOf(r),
        ...(provider ? { provider } : {}),
        isType: (cls: unknown) => isTypeOf(r.type, cls),
        asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"] & ResourceValidationArgs["asType"],
    };
}

/** The stack's resources as validateStack sees them: outputs (plus `id`), parents and dependencies linked. */
export function policyResources(resources: readonly HarnessResource[], provider = providerLookup(resources)): PolicyResource[] {
    const out = resources.map((r) => {
        const props = { ...(r.outputs ?? r.inputs), ...(r.custom !== false && r.id ? { id: r.id } : {}) };
        const resource: PolicyResource = { ...engineView(r, props, provider(r)), dependencies: [], propertyDependencies: {} };
        return resource;
    });
    const byUrn = new Map(out.map((r) => [r.urn, r]));
    resources.forEach((r, i) => {
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        if (parent) out[i]!.parent = parent;
        out[i]!.dependencies = (r.dependsOn ?? []).map((u) => byUrn.get(u)).filter((d): d is PolicyResource => !!d);
    });
    return out;
}

/** Runs one stack policy with engine-shaped args. */
export async function evaluateStackPolicy(
    policy: StackValidationPolicy,
    resources: readonly HarnessResource[],
    properties: Record<string, unknown> = schemaDefaults(policy.configSchema),
    view: RunView = runView(resources),
): Promise<PolicyOutcome> {
    const outcome: PolicyOutcome = { violations: [], notApplicable: [] };
    const args: StackValidationArgs = {
        resources: (view.stack ??= policyResources(resources, view.provider)),
        stackTags: new Map(),
        getConfig: <T extends object>() => structuredClone(properties) as T,
        notApplicable,
    };
    try {
        await policy.validateStack(args, (message, urn) => outcome.violations.push({ message, ...(urn ? { urn } : {}) }));
    } catch (e) {
        if (e instanceof NotApplicable) outcome.notApplicable.push({ reason: e.reason ?? "" });
        else throw new Error(`policy ${policy.name} failed: ${(e as Error).message}`, { cause: e });
    }
    return outcome;
}

function isStackPolicy(p: Policies[number]): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

/**
 * Runs every policy of the pack over the resources and reports every violation with its resolved enforcement
 * level. Disabled policies are listed and not run.
 */
export async function runPolicyPack(resources: readonly HarnessResource[], options: RunPolicyPackOptions = {}): Promise<PolicyReport> {
    const policies = options.policies ?? packPolicies;
    const config = options.env !== undefined ? loadPolicyPackConfig(options.env, policies) : (options.config ?? {});
    const resolved = resolvePolicyConfig(policies, config, options.packEnforcementLevel ?? "advisory");
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack");
    const report: PolicyReport = { policies: [], violations: [] };
    const view = runView(resources);

    for (const policy of policies) {
        const { enforcementLevel, properties } = resolved.get(policy.name)!;
        report.policies.push({
            name: policy.name,
            description: policy.description,
            ...(policy.severity ? { severity: policy.severity } : {}),
            enforcementLevel,
        });
        if (enforcementLevel === "disabled") continue;
        // The engine reports violations of a remediating policy as mandatory.
        const level: EnforcementLevel = enforcementLevel === "remediate" ? "mandatory" : enforcementLevel;
        const outcome = isStackPolicy(policy)
            ? await evaluateStackPolicy(policy, resources, properties, view)
            : await evaluateResourcePolicy(policy as ResourceValidationPolicy, resources, properties, view);
        for (const v of outcome.violations) {
            const target = (v.urn ? byUrn.get(v.urn) : undefined) ?? root;
            report.violations.push({
                policy: policy.name,
                resource: v.urn ?? root?.urn ?? "",
                name: target?.name ?? "",
                type: target?.type ?? "",
                message: v.message,
                enforcementLevel: level,
                ...(policy.severity ? { severity: policy.severity } : {}),
            });
        }
    }
    return report;
}

/** The mandatory violations of a report: what blocks a `pulumi up`. */
export function mandatoryViolations(report: PolicyReport): PolicyViolation[] {
    return report.violations.filter((v) => v.enforcementLevel === "mandatory");
}
