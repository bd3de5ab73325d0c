/**
 * Reads the topology back from the recorded resources: which region a global routing resource serves, which
 * resources take a region in and out of rotation, where the table's replicas are. Read from inputs, so the report
 * shows what the program built, not what the config meant it to build.
 */
import type { PlanResource } from "./types";

export const TYPES = {
    table: "aws:dynamodb/table:Table",
    healthCheck: "aws:route53/healthCheck:HealthCheck",
    record: "aws:route53/record:Record",
    pool: "cloudflare:index/loadBalancerPool:LoadBalancerPool",
    loadBalancer: "cloudflare:index/loadBalancer:LoadBalancer",
    monitor: "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor",
    lambda: "aws:lambda/function:Function",
    api: "aws:apigatewayv2/api:Api",
    domain: "aws:apigatewayv2/domainName:DomainName",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;

/** Byte-order comparison: the same order on every machine, whatever its locale. */
export function cmp(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON order of resources: region, type, name (URN breaks ties between same-named children of two parents). */
export function compareResources(a: PlanResource, b: PlanResource): number {
    return cmp(a.region, b.region) || cmp(a.type, b.type) || cmp(a.name, b.name) || cmp(a.urn, b.urn);
}

function input(r: PlanResource, key: string): any {
    return (r.inputs as Record<string, any>)[key];
}

function nameMentions(name: string, region: string): boolean {
    return new RegExp(`(^|[-_.])${region.replace(/[-.]/g, "\\$&")}($|[-_.])`).test(name);
}

/** The stack region a resource belongs to or serves: its own region, or for global routing the region it routes to. */
export function regionServed(r: PlanResource, regions: readonly string[]): string | undefined {
    if (regions.includes(r.region)) return r.region;
    if (r.type === TYPES.record) {
        const latency = input(r, "latencyRoutingPolicies")?.[0]?.region ?? input(r, "setIdentifier");
        if (typeof latency === "string" && regions.includes(latency)) return latency;
    }
    const byName = regions.find((g) => nameMentions(r.name, g));
    if (byName) return byName;
    if (r.type === TYPES.healthCheck) {
        const fqdn = String(input(r, "fqdn") ?? "");
        return regions.find((g) => fqdn.includes(`.${g}.`));
    }
    if (r.type === TYPES.pool) {
        const origin = input(r, "origins")?.[0]?.name;
        if (typeof origin === "string" && regions.includes(origin)) return origin;
    }
    return undefined;
}

/** True when a routing resource keeps its region out of rotation: a closed gate check or a disabled pool. */
export function isSwitchedOff(r: PlanResource): boolean {
    return isClosedGate(r) || (r.type === TYPES.pool && input(r, "enabled") === false);
}

/** A calculated check whose threshold exceeds its children is never healthy: that is how a region is gated off. */
export function isClosedGate(r: PlanResource): boolean {
    const children = input(r, "childHealthchecks");
    return (
        r.type === TYPES.healthCheck &&
        input(r, "type") === "CALCULATED" &&
        Array.isArray(children) &&
        Number(input(r, "childHealthThreshold")) > children.length
    );
}

/**
 * The routing resources that decide whether a region takes traffic: its routed (set-identified) records and the
 * calculated check they hang off (Route 53), or its pool (Cloudflare). The regional health check itself keeps
 * reporting the region's real health and is not part of the switch; nor are simple records (the region-pinned
 * name, certificate validation), which no drain touches.
 */
export function routingSwitch(resources: readonly PlanResource[], region: string, regions: readonly string[]): PlanResource[] {
    return resources.filter((r) => {
        if (regionServed(r, regions) !== region) return false;
        if (r.type === TYPES.record) return input(r, "setIdentifier") !== undefined;
        if (r.type === TYPES.pool) return true;
        return r.type === TYPES.healthCheck && input(r, "type") === "CALCULATED";
    });
}

/** Regions that hold a table replica: each table's own region plus its `replicas`. */
export function replicaRegions(resources: readonly PlanResource[]): string[] {
    const out = new Set<string>();
    for (const t of resources.filter((r) => r.type === TYPES.table)) {
        out.add(t.region);
        for (const rep of (input(t, "replicas") as any[] | undefined) ?? []) {
            if (typeof rep?.regionName === "string") out.add(rep.regionName);
        }
    }
    return [...out].sort(cmp);
}
