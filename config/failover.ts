/**
 * The stack config's adapter to the failover model (packages/failover-model, reached by path so dist/ carries it):
 * the traffic settings and the RTO target become the health check, record and monitor settings the traffic layer
 * deploys, or Problems when the target cannot be met. See docs/traffic.md.
 */
import {
    CloudflarePlan,
    CloudflareSettings,
    CloudflareSteering,
    CloudflareSteeringPolicy,
    cloudflareSteering,
    resolveCloudflare,
    resolveRoute53,
    Resolved,
    Route53Settings,
    Rpo,
    rpo,
    Rto,
} from "../packages/failover-model";
import { Consistency, missing, Problem, problem } from "../packages/aws-facts";

export interface FailoverInput {
    traffic: "route53" | "cloudflare";
    consistency: Consistency;
    rtoTargetSeconds: number;
    health: { path: string; requestIntervalSeconds?: 10 | 30; failureThreshold?: number; checkerRegions: string[] };
    routing: { recordType: "auto" | "alias" | "cname"; cnameTtlSeconds?: number; dualStack: boolean };
    /** External endpoints are not AWS resources: their records are CNAMEs, whose TTL the model counts. */
    serviceMode: "lambda" | "external";
    /** Unset: clients close pooled connections within the record's TTL (docs/traffic.md, "Clients"). */
    clientMaxConnectionAgeSeconds?: number;
    cloudflare?: {
        proxied: boolean;
        plan: CloudflarePlan;
        steering: CloudflareSteeringPolicy;
        checkRegions: string[];
        monitorIntervalSeconds?: number;
        consecutiveDown?: number;
        ttlSeconds?: number;
    };
}

export interface FailoverPlan {
    traffic: "route53" | "cloudflare";
    /** With traffic route53: health check and record settings, plus where and how the checks probe. */
    route53?: Route53Settings & { checkerRegions: string[]; path: string };
    /** With traffic cloudflare: monitor settings, and how pools are chosen for users (and why). */
    cloudflare?: CloudflareSettings & { path: string; steering: CloudflareSteering };
    rtoTargetSeconds: number;
    /** Modeled worst-case time until users leave a failed region, with its cited breakdown. */
    rto: Rto;
    /** Modeled data-loss window of a region failure. */
    rpo: Rpo;
}

export function planFailover(input: FailoverInput): FailoverPlan | { problems: Problem[] } {
    const base = { traffic: input.traffic, rtoTargetSeconds: input.rtoTargetSeconds, rpo: rpo(input.consistency) };
    if (input.traffic === "route53") {
        const resolved = resolveRoute53({
            rtoTargetSeconds: input.rtoTargetSeconds,
            recordKind: recordKind(input),
            requestIntervalSeconds: input.health.requestIntervalSeconds,
            failureThreshold: input.health.failureThreshold,
            cnameTtlSeconds: input.routing.cnameTtlSeconds,
            clientMaxConnectionAgeSeconds: input.clientMaxConnectionAgeSeconds,
        });
        if (resolved.errors.length > 0) return { problems: modelProblems(resolved, input) };
        return {
            ...base,
            route53: { ...resolved.settings, checkerRegions: input.health.checkerRegions, path: input.health.path },
            rto: resolved.rto,
        };
    }
    const cf = input.cloudflare;
    const resolved = resolveCloudflare({
        rtoTargetSeconds: input.rtoTargetSeconds,
        plan: cf?.plan,
        proxied: cf?.proxied,
        ttlSeconds: cf?.ttlSeconds,
        intervalSeconds: cf?.monitorIntervalSeconds,
        consecutiveDown: cf?.consecutiveDown,
        clientMaxConnectionAgeSeconds: input.clientMaxConnectionAgeSeconds,
    });
    if (resolved.errors.length > 0) return { problems: modelProblems(resolved, input) };
    const steering = cloudflareSteering(cf?.steering ?? "dynamic_latency", cf?.checkRegions ?? []);
    return { ...base, cloudflare: { ...resolved.settings, path: input.health.path, steering }, rto: resolved.rto };
}

/** The record kind the config asks for: external endpoints have no hosted zone, so "auto" means a CNAME for them. */
function recordKind(input: FailoverInput): "alias" | "cname" | undefined {
    if (input.routing.recordType !== "auto") return input.routing.recordType;
    return input.serviceMode === "external" ? "cname" : undefined;
}

const RTO_KEY = "active-active:rtoTargetSeconds";

/**
 * The model words a missed target as `<key>: <target> <why>`; as a Problem it also says which target these
 * settings meet. Range errors of explicit settings (which the schema's bounds already exclude) keep their words.
 */
function modelProblems(resolved: Resolved<unknown>, input: FailoverInput): Problem[] {
    const target = input.rtoTargetSeconds;
    const prefix = `${RTO_KEY}: ${target} `;
    const settingsKey = input.traffic === "route53" ? "active-active:health" : "active-active:cloudflare";
    return resolved.errors.map((error) =>
        error.startsWith(prefix)
            ? problem(RTO_KEY, target, error.slice(prefix.length), `a target of at least ${resolved.rto.rtoSeconds} s`, "rto-target-unmet")
            : missing(settingsKey, error, "the ranges in README.md, Configuration reference", "failover-settings"),
    );
}
