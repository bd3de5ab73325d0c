/**
 * Adapter between the stack config and the failover-time model (@active-active/failover-model): turns the
 * traffic settings and the RTO target into the health check, record and monitor settings the traffic layer
 * uses, or into config problems when the target cannot be met.
 */
export interface FailoverInput {
    traffic: "route53" | "cloudflare";
    consistency: "eventual" | "strong";
    rtoTargetSeconds: number;
    health: { path: string; requestIntervalSeconds?: 10 | 30; failureThreshold?: number; checkerRegions: string[] };
    routing: { recordType: "auto" | "alias" | "cname"; cnameTtlSeconds?: number; dualStack: boolean };
    cloudflare?: { proxied: boolean; plan: string; monitorIntervalSeconds?: number; consecutiveDown?: number; ttlSeconds?: number };
}

export interface FailoverPlan {
    traffic: "route53" | "cloudflare";
    route53?: {
        requestIntervalSeconds: 10 | 30;
        failureThreshold: number;
        recordType: "alias" | "cname";
        ttlSeconds?: number;
        checkerRegions: string[];
        path: string;
    };
    cloudflare?: { intervalSeconds: number; retries: number; consecutiveDown: number; timeoutSeconds: number; ttlSeconds?: number; proxied: boolean };
    rtoSeconds: number;
    rtoTargetSeconds: number;
    rpoSeconds: number;
    breakdown: { part: string; seconds: number; source: string; assumed: boolean }[];
}

export function planFailover(input: FailoverInput): FailoverPlan | { problems: string[] } {
    // Provisional until the model lands: interval x threshold plus an alias TTL of 60 s.
    const interval = input.health.requestIntervalSeconds ?? 10;
    const threshold = input.health.failureThreshold ?? 3;
    const rto = interval * threshold + 60;
    return {
        traffic: input.traffic,
        route53: { requestIntervalSeconds: interval, failureThreshold: threshold, recordType: "alias", checkerRegions: input.health.checkerRegions, path: input.health.path },
        cloudflare: { intervalSeconds: 60, retries: 2, consecutiveDown: 2, timeoutSeconds: 5, proxied: input.cloudflare?.proxied ?? true },
        rtoSeconds: rto,
        rtoTargetSeconds: input.rtoTargetSeconds,
        rpoSeconds: input.consistency === "strong" ? 0 : 1,
        breakdown: [],
    };
}
