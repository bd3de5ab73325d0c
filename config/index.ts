/**
 * The only module that reads stack configuration: one strict schema (schema.ts), the checks across keys
 * (checks.ts) and the failover plan (failover.ts). Bad config fails with one error listing every problem before
 * any resource is registered. Secrets are never read: the Cloudflare token belongs to its provider
 * (`cloudflare:apiToken` or CLOUDFLARE_API_TOKEN); we check only that it is not plain text and, for an update, set.
 */
import * as pulumi from "@pulumi/pulumi";
import { Consistency, Problem, renderProblem } from "../packages/aws-facts";
import { ArgsError } from "../components/problems";
import { crossKeyProblems } from "./checks";
import { FailoverPlan, planFailover } from "./failover";
import { capacityPlan } from "./capacity";
import type { RegionCapacity, ResolvedRouting } from "../packages/failover-model";
import { cloudflareSteeringFor } from "../packages/failover-model";
import { resolvedRouting, routingPolicyOf } from "./routing";
import { NAMESPACE } from "./types";
import type { Complete } from "./schema";
import type { AlarmSettings, CloudflareSettings, ConfigSource, HealthSettings, RoutingSettings, ServiceSettings, TableSettings } from "./types";
import { keyProblems, keyWarnings, parseKeys } from "./source";
import { fleetKeys, fleetProblems } from "./services";

export { KNOWN_NAMESPACES, NAMESPACE } from "./types";
export type { AlarmSettings, CloudflareSettings, ConfigSource, HealthSettings, RoutingSettings, ServiceSettings, TableSettings } from "./types";
export type { FailoverInput, FailoverPlan } from "./failover";
export type { Consistency } from "../packages/aws-facts";
/** The stack's explicit providers from its config (one per region, `aws-<region>`): what ActiveActiveStack takes. */
export { createProviders } from "../providers";

export type TrafficLayer = "route53" | "cloudflare";

/** The whole stack configuration as plain typed data. Components receive parts of it; none reads config. */
export interface StackConfig {
    project: string;
    stack: string;
    regions: string[];
    homeRegion: string;
    /** The AWS account every provider deploys to (given, never looked up). */
    accountId: string;
    /** Every region sized for the worst single-region failure, in the order of `regions`. */
    capacity: RegionCapacity[];
    /** Regions that serve traffic and are not drained. */
    servingRegions: string[];
    domain: string;
    zoneName: string;
    consistency: Consistency;
    witnessRegion?: string;
    traffic: TrafficLayer;
    drain: string[];
    hostedZoneId?: string;
    cloudflare?: CloudflareSettings;
    table: TableSettings;
    service: ServiceSettings;
    health: HealthSettings;
    routing: RoutingSettings;
    /** How users are spread over the regions, every default filled in (`routing.policy`; docs/traffic.md). */
    routingMode: ResolvedRouting;
    rtoTargetSeconds: number;
    /** The longest clients keep a pooled connection; unset: within the record's TTL (docs/traffic.md, "Clients"). */
    clientMaxConnectionAgeSeconds?: number;
    /** Health check, record and monitor settings derived from the RTO target by the failover model. */
    failover: FailoverPlan;
    alarms: AlarmSettings;
    tags: Record<string, string>;
    protect: boolean;
    allowReplicaRemoval: boolean;
    /** Regions whose replica gets deletion protection off: the first of the two updates that remove a replica. */
    unprotectReplicas: string[];
    /** With `active-active:services`: each service's own settings (its keys laid over the stack's), in order. */
    services?: { name: string; settings: StackConfig }[];
    /** Keys that are valid but change nothing (e.g. `aws:region`), one rendered line each; `loadConfig` logs them. */
    warnings: string[];
}

/** Thrown for bad config: every problem at once, each naming the key, the value and what is allowed. */
export class ConfigError extends ArgsError {
    constructor(problems: readonly Problem[]) {
        super("Invalid stack configuration", problems);
        this.name = "ConfigError";
    }
}

// `isConfigSecret` is not on @pulumi/pulumi's public surface; it is how the SDK itself tells secret keys apart.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const runtimeConfig: { isConfigSecret(key: string): boolean } = require("@pulumi/pulumi/runtime/config");

/** The config of the running Pulumi program. */
export function loadConfig(): StackConfig {
    const all = pulumi.runtime.allConfig();
    const values: Record<string, string> = {};
    for (const k of Object.keys(all)) {
        if (k.startsWith(`${NAMESPACE}:`)) {
            // Secret keys of our namespace are only checked, never read.
            values[k.slice(NAMESPACE.length + 1)] = runtimeConfig.isConfigSecret(k) ? "" : all[k]!;
        }
    }
    const config = parseConfig({
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
        values,
        allKeys: Object.keys(all),
        isSecret: (k) => runtimeConfig.isConfigSecret(k),
        isUpdate: !pulumi.runtime.isDryRun(),
        env: process.env,
    });
    for (const warning of config.warnings) void pulumi.log.warn(warning);
    return config;
}

/** Parses and checks a stack's config. Pure: every input comes through `source`. */
export function parseConfig(source: ConfigSource): StackConfig {
    const { parsed, problems: schemaProblems } = parseKeys(source);
    const crossKey = (p: typeof parsed) => crossKeyProblems(p, source);
    const problems = [...keyProblems(source), ...schemaProblems, ...crossKey(parsed), ...fleetProblems(parsed, crossKey)];
    if (problems.length > 0) throw new ConfigError(problems);
    // Every key is valid from here on: the failover model reads several of them.
    const complete = parsed as Complete;
    const resolve = (keys: Complete): StackConfig => {
        const failover = planFailover(failoverInput(keys));
        if ("problems" in failover) throw new ConfigError(failover.problems);
        return stackConfig(source, keys, failover);
    };
    const config = resolve(complete);
    return complete.services ? { ...config, services: fleetKeys(complete).map(({ name, keys }) => ({ name, settings: resolve(keys) })) } : config;
}

function failoverInput(p: Complete): Parameters<typeof planFailover>[0] {
    return {
        traffic: p.traffic,
        consistency: p.consistency,
        rtoTargetSeconds: p.rtoTargetSeconds,
        health: p.health,
        routing: p.routing,
        serviceMode: p.service.mode,
        clientMaxConnectionAgeSeconds: p.clientMaxConnectionAgeSeconds,
        // The steering routing.policy maps to (config/routing.ts checks that the two are not both set).
        cloudflare: p.cloudflare ? { ...p.cloudflare, steering: cloudflareSteeringFor(routingPolicyOf(p)) } : undefined,
    };
}

/** The parsed keys as the typed config, with the defaults that depend on other keys. */
function stackConfig(source: ConfigSource, p: Complete, failover: FailoverPlan): StackConfig {
    return {
        project: source.project,
        stack: source.stack,
        regions: p.regions,
        homeRegion: p.homeRegion,
        accountId: p.accountId,
        capacity: capacityPlan(p),
        servingRegions: p.regions.filter((r) => !p.drain.includes(r)),
        domain: p.domain,
        // Required by zoneProblems: the zone is never guessed.
        zoneName: p.zoneName!,
        consistency: p.consistency,
        witnessRegion: p.witnessRegion,
        traffic: p.traffic,
        drain: p.drain,
        hostedZoneId: p.hostedZoneId,
        cloudflare: p.cloudflare,
        table: { ...p.table, ttlAttribute: ttlAttribute(p) },
        // authProblems (config/checks.ts) passed: a JWT authorizer has its issuer and audience.
        service: { ...p.service, auth: p.service.auth as ServiceSettings["auth"], safeDeployment: p.service.safeDeployment ?? p.protect },
        health: p.health,
        routing: p.routing,
        routingMode: resolvedRouting(p),
        rtoTargetSeconds: p.rtoTargetSeconds,
        clientMaxConnectionAgeSeconds: p.clientMaxConnectionAgeSeconds,
        failover,
        alarms: p.alarms,
        tags: { "app:name": "active-active", "app:stack": source.stack, ...p.tags },
        protect: p.protect,
        allowReplicaRemoval: p.allowReplicaRemoval,
        unprotectReplicas: p.unprotectReplicas,
        warnings: keyWarnings(source).map(renderProblem),
    };
}

/** Expiry by TTL where the table supports it: strong consistency has no TTL, so the app enforces expiry itself. */
function ttlAttribute(p: Complete): string | null {
    if (p.table.ttlAttribute !== undefined) return p.table.ttlAttribute;
    return p.consistency === "strong" ? null : "expiresAt";
}
