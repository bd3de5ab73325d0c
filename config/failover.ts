/**
 * The stack config's adapter to the failover model (packages/failover-model, reached by path so dist/ carries it):
 * the traffic settings and the RTO target become the health check, record and monitor settings the traffic layer
 * deploys, or Problems when the target cannot be met. See docs/traffic.md.
 */
import {
    CloudflarePlan,
    CloudflareSettings,
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
    cloudflare?: {
        proxied: boolean;
        plan: CloudflarePlan;
        monitorIntervalSeconds?: number;
        consecutiveDown?: number;
        ttlSeconds?: number;
    };
}

export interface FailoverPlan {
    traffic: "route53" | "cloudflare";
    /** With traffic route53: health check and record settings, plus where and how the checks probe. */
    route53?: Route53Settings & { checkerRegions: string[]; path: string };
    /** With traffic cloudflare: monitor settings. */
    cloudflare?: CloudflareSettings & { path: string };
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
            recordKind: input.routing.recordType === "auto" ? undefined : input.routing.recordType,
            requestIntervalSeconds: input.health.requestIntervalSeconds,
            failureThreshold: input.health.failureThreshold,
            cnameTtlSeconds: input.routing.cnameTtlSeconds,
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
    });
    if (resolved.errors.length > 0) return { problems: modelProblems(resolved, input) };
    return { ...base, cloudflare: { ...resolved.settings, path: input.health.path }, rto: resolved.rto };
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
