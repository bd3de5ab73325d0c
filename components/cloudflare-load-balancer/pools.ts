/**
 * The monitor and the pools: every pool has its region's custom domain as its only origin, with no Host override,
 * and is probed from every Cloudflare region users come from; the monitor sends the service name as Host.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { cloudflareRegionOf } from "../cloudflare-regions";
import type { CloudflareLoadBalancerRegion, ResolvedArgs } from "./args";

/** Cloudflare pool names allow letters, digits, hyphens and underscores only. */
export function poolName(name: string, region: string): string {
    return `${name}-${region}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

/**
 * HTTPS to each origin with `Host: <service name>` (Cloudflare recommends setting a Host header; it is also the SNI
 * name), so the probe takes the users' path: the custom domain, its certificate (verified: allowInsecure false) and
 * its mapping. https://developers.cloudflare.com/load-balancing/additional-options/override-http-host-headers/
 */
export function createMonitor(name: string, args: ResolvedArgs, parent: pulumi.Resource): cloudflare.LoadBalancerMonitor {
    return new cloudflare.LoadBalancerMonitor(
        `${name}-monitor`,
        {
            accountId: args.accountId,
            description: `${args.serviceName} ${args.healthPath}`,
            type: "https",
            method: "GET",
            path: args.healthPath,
            header: { Host: [args.serviceName] },
            expectedCodes: "200",
            followRedirects: false,
            allowInsecure: false,
            interval: args.settings.intervalSeconds,
            retries: args.settings.retries,
            timeout: args.settings.timeoutSeconds,
            consecutiveDown: args.settings.consecutiveDown,
        },
        { parent },
    );
}

/**
 * The region's pool: its custom domain's target as the only origin. No `header.hosts` override: it would apply to
 * proxied traffic too, rewriting the Host users' requests (and their signatures) carry.
 */
export function createPool(
    name: string,
    args: ResolvedArgs,
    r: CloudflareLoadBalancerRegion,
    monitor: cloudflare.LoadBalancerMonitor,
    parent: pulumi.Resource,
): cloudflare.LoadBalancerPool {
    const placement = cloudflareRegionOf(r.region)!;
    return new cloudflare.LoadBalancerPool(
        `${name}-${r.region}-pool`,
        {
            accountId: args.accountId,
            name: poolName(name, r.region),
            description: `${args.serviceName} in ${r.region}`,
            enabled: !args.drain.includes(r.region),
            minimumOrigins: 1,
            monitor: monitor.id,
            checkRegions: [...args.checkRegions],
            latitude: placement.latitude,
            longitude: placement.longitude,
            origins: [{ name: r.region, address: r.hostname, enabled: true, weight: 1 }],
        },
        { parent },
    );
}
