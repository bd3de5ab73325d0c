/** The load balancer on the service name: every pool in config order, steered by the chosen policy. */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { CLOUDFLARE_UNPROXIED_TTL_SECONDS } from "../../packages/failover-model";
import { cloudflareRegionOf } from "../cloudflare-regions";
import type { ResolvedArgs } from "./args";

/** Every pool in config order; the fallback is the first region still serving. */
export function createLoadBalancer(
    name: string,
    args: ResolvedArgs,
    regions: string[],
    poolId: (region: string) => pulumi.Output<string>,
    parent: pulumi.Resource,
): cloudflare.LoadBalancer {
    const settings = args.settings;
    // Failover order: the primary first, then the config's order (steering "off" answers with the first healthy pool).
    const primary = args.primary && regions.includes(args.primary) ? args.primary : regions[0]!;
    regions = [primary, ...regions.filter((r) => r !== primary)];
    const fallback = regions.find((r) => !args.drain.includes(r))!;
    const weighted = args.steering === "random" || args.steering === "least_outstanding_requests" || args.steering === "least_connections";
    return new cloudflare.LoadBalancer(
        `${name}-lb`,
        {
            zoneId: args.zoneId,
            name: args.serviceName,
            description: `${args.serviceName}: active-active over ${regions.join(", ")}`,
            defaultPools: regions.map(poolId),
            fallbackPool: poolId(fallback),
            steeringPolicy: args.steering,
            proxied: settings.proxied,
            ...(settings.proxied ? {} : { ttl: settings.ttlSeconds ?? CLOUDFLARE_UNPROXIED_TTL_SECONDS }),
            sessionAffinity: args.sessionAffinity,
            ...(args.steering === "geo" ? { regionPools: geoRegionPools(regions, poolId) } : {}),
            ...(weighted ? { randomSteering: { defaultWeight: 1, poolWeights: poolWeights(regions, poolId, args.poolWeights ?? {}) } } : {}),
        },
        { parent },
    );
}

/** Pool id -> weight (random_steering.pool_weights is keyed by pool id); regions without a weight take the default 1. */
function poolWeights(regions: string[], poolId: (region: string) => pulumi.Output<string>, weights: Record<string, number>): pulumi.Output<Record<string, number>> {
    const given = regions.filter((r) => weights[r] !== undefined);
    return pulumi.all(given.map(poolId)).apply((ids) => Object.fromEntries(given.map((r, i) => [ids[i]!, weights[r]!])));
}

/**
 * Geo steering: each Cloudflare region that holds a pool lists its own pools first, then every other pool in
 * config order, so a region whose pools are down fails over to the rest rather than to the fallback pool alone.
 * Cloudflare regions without a pool use `defaultPools`.
 */
function geoRegionPools(regions: string[], poolId: (region: string) => pulumi.Output<string>): Record<string, pulumi.Output<string>[]> {
    const out: Record<string, pulumi.Output<string>[]> = {};
    for (const code of [...new Set(regions.map((r) => cloudflareRegionOf(r)!.cloudflareRegion))]) {
        const local = regions.filter((r) => cloudflareRegionOf(r)!.cloudflareRegion === code);
        out[code] = [...local, ...regions.filter((r) => !local.includes(r))].map(poolId);
    }
    return out;
}
