/**
 * Builders for the pack's policies. Every rule is written against plain props (lib/values.ts) with unknown values
 * marked, its config merged over the defaults of its own schema, and a region worked out once.
 *
 * The builders return ordinary @pulumi/policy policies: the engine calls them through `new PolicyPack` (index.ts)
 * and the in-process harness (harness.ts) calls the very same functions with args shaped like the engine's.
 */
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { isUnknown, parseMaybeJson, plain, str, Unknown, UNKNOWN } from "./values";

export interface RuleInfo {
    /** `aws-<service>-<resource>-<requirement>`, `cloudflare-...`, or `active-active-...` for stack rules. */
    name: string;
    description: string;
    severity: Severity;
    /** The AWS or Cloudflare page that motivates the rule. */
    url: string;
    remediationSteps?: string;
    /** Level when no policy pack config names one; the env files in policies/config/ set the real levels. */
    enforcementLevel?: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
}

export interface ProviderFacts {
    type: string;
    name: string;
    urn: string;
    props: Record<string, any>;
}

/** What every rule sees of a resource. */
export interface ResourceFacts {
    type: string;
    name: string;
    urn: string;
    props: Record<string, any>;
    /** The resource's own `region` input, else its provider's region; UNKNOWN or undefined when neither is known. */
    region: string | Unknown | undefined;
    provider?: ProviderFacts;
}

export interface ResourceContext<C> extends ResourceFacts {
    config: C;
}

export interface StackResource extends ResourceFacts {
    parent?: StackResource;
    protect: boolean;
}

export interface StackContext<C> {
    resources: StackResource[];
    config: C;
}

export type Report = (message: string, urn?: string) => void;

/** The defaults a policy's config schema declares, as the CLI fills them in before calling the pack. */
export function schemaDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema?.properties ?? {})) {
        if (typeof v === "object" && v !== null && "default" in v) out[k] = structuredClone(v.default);
    }
    return out;
}

function configOf<C>(info: RuleInfo, getConfig: () => object): C {
    return { ...schemaDefaults(info.configSchema), ...plain(getConfig()) } as C;
}

function providerFacts(p: { type: string; name: string; urn: string; props: Record<string, any> } | undefined): ProviderFacts | undefined {
    if (!p) return undefined;
    const props = plain(p.props) as Record<string, any>;
    // Providers receive nested config JSON-encoded (e.g. defaultTags).
    for (const k of Object.keys(props)) props[k] = parseMaybeJson(props[k]);
    return { type: p.type, name: p.name, urn: p.urn, props };
}

function regionFrom(props: Record<string, any>, provider: ProviderFacts | undefined): string | Unknown | undefined {
    if (isUnknown(props.region)) return UNKNOWN;
    const own = str(props.region);
    if (own) return own;
    const fromProvider = provider?.props.region;
    if (isUnknown(fromProvider)) return UNKNOWN;
    return str(fromProvider);
}

function base(info: RuleInfo) {
    return {
        name: info.name,
        description: info.description,
        severity: info.severity,
        url: info.url,
        ...(info.remediationSteps ? { remediationSteps: info.remediationSteps } : {}),
        ...(info.enforcementLevel ? { enforcementLevel: info.enforcementLevel } : {}),
        ...(info.configSchema ? { configSchema: info.configSchema } : {}),
    };
}

/** A rule over single resources of the given types. */
export function resourceRule<C = Record<string, never>>(
    info: RuleInfo & {
        types: readonly string[];
        validate: (ctx: ResourceContext<C>, report: (message: string) => void) => void;
    },
): ResourceValidationPolicy {
    const validation = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        if (!info.types.includes(args.type)) {
            args.notApplicable(`applies to ${info.types.join(", ")}`);
        }
        const props = plain(args.props) as Record<string, any>;
        const provider = providerFacts(args.provider);
        info.validate(
            {
                type: args.type,
                name: args.name,
                urn: args.urn,
                props,
                region: regionFrom(props, provider),
                provider,
                config: configOf<C>(info, () => args.getConfig()),
            },
            (message) => reportViolation(message),
        );
    };
    // With a single type the engine skips other resources without calling the rule.
    if (info.types.length === 1) (validation as unknown as { __pulumiType: string }).__pulumiType = info.types[0]!;
    return { ...base(info), validateResource: validation };
}

/** Frozen through and through: a view several rules read must stay as the first one found it. */
function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value as object)) deepFreeze(v);
    }
    return value;
}

/** Views already made, by the engine's resource list: the harness hands every stack rule of a run the same list. */
const views = new WeakMap<readonly PolicyResource[], StackResource[]>();

/**
 * Plain views of the engine's stack resources, parents linked; frozen, and made once per resource list (the
 * engine gives each policy a list of its own, so there each rule still gets its own view).
 */
export function stackResources(resources: readonly PolicyResource[]): StackResource[] {
    let view = views.get(resources);
    if (!view) {
        view = deepFreeze(plainStackResources(resources));
        views.set(resources, view);
    }
    return view;
}

function plainStackResources(resources: readonly PolicyResource[]): StackResource[] {
    const byUrn = new Map<string, StackResource>();
    const out = resources.map((r) => {
        const props = plain(r.props) as Record<string, any>;
        const provider = providerFacts(r.provider);
        const s: StackResource = {
            type: r.type,
            name: r.name,
            urn: r.urn,
            props,
            region: regionFrom(props, provider),
            provider,
            protect: r.opts?.protect === true,
        };
        byUrn.set(r.urn, s);
        return s;
    });
    resources.forEach((r, i) => {
        const parentUrn = r.parent?.urn ?? r.opts?.parent;
        const parent = parentUrn ? byUrn.get(parentUrn) : undefined;
        if (parent) out[i]!.parent = parent;
    });
    return out;
}

/** A rule over the whole stack. `validate` may call `notApplicable` (via the thrown error of the engine). */
export function stackRule<C = Record<string, never>>(
    info: RuleInfo & {
        validate: (ctx: StackContext<C>, report: Report, notApplicable: (reason: string) => never) => void;
    },
): StackValidationPolicy {
    return {
        ...base(info),
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation): void => {
            info.validate(
                { resources: stackResources(args.resources), config: configOf<C>(info, () => args.getConfig()) },
                (message, urn) => reportViolation(message, urn),
                (reason) => args.notApplicable(reason),
            );
        },
    };
}
