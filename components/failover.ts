// The components reach the failover model by path so the library build (dist/) carries it; the policy pack
// depends on it as the workspace package @active-active/failover-model (pulumi policy publish ships only the pack).
/**
 * Adapter between the stack config and the failover-time model (@active-active/failover-model): turns the
 * traffic settings and the RTO target into the health check, record and monitor settings the traffic layer
 * deploys, or into config problems when the target cannot be met.
 */
import {
    CloudflarePlan,
    CloudflareSettings,
    resolveCloudflare,
    resolveRoute53,
    Route53Settings,
    Rpo,
    rpo,
    Rto,
} from "../packages/failover-model";

export interface FailoverInput {
    traffic: "route53" | "cloudflare";
    consistency: "eventual" | "strong";
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

export function planFailover(input: FailoverInput): FailoverPlan | { problems: string[] } {
    const base = { traffic: input.traffic, rtoTargetSeconds: input.rtoTargetSeconds, rpo: rpo(input.consistency) };
    if (input.traffic === "route53") {
        const resolved = resolveRoute53({
            rtoTargetSeconds: input.rtoTargetSeconds,
            recordKind: input.routing.recordType === "auto" ? undefined : input.routing.recordType,
            requestIntervalSeconds: input.health.requestIntervalSeconds,
            failureThreshold: input.health.failureThreshold,
            cnameTtlSeconds: input.routing.cnameTtlSeconds,
        });
        if (resolved.errors.length > 0) return { problems: resolved.errors };
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
    if (resolved.errors.length > 0) return { problems: resolved.errors };
    return { ...base, cloudflare: { ...resolved.settings, path: input.health.path }, rto: resolved.rto };
}
