/**
 * CloudflareLoadBalancer (`activeactive:cloudflare:LoadBalancer`): a Cloudflare load balancer on the service name
 * over one pool per region.
 *
 * One HTTPS monitor (GET /health, expecting 200) watches every pool. Each pool holds the region's endpoint hostname
 * as its only origin, with a Host header override of that same hostname: the override applies to health checks
 * (it takes precedence over the monitor's) and to proxied traffic, so the regional endpoint sees its own name.
 * Pools are health-checked from the Cloudflare region nearest their AWS region (cloudflare-regions.ts). A drained
 * region's pool is disabled (Cloudflare neither sends it traffic nor checks it); it stays in the load balancer, so
 * draining changes nothing else.
 *
 * Credentials: account and zone ids are plain args. The API token belongs to the Cloudflare provider the caller
 * passes (`cloudflare:apiToken` as a secret, or CLOUDFLARE_API_TOKEN); this component never sees it.
 *
 * Plan: the smallest monitor interval depends on the Cloudflare plan. The model assumes Enterprise 10 s,
 * Business 15 s, Pro and Free 60 s (CLOUDFLARE_MIN_INTERVAL_SECONDS, not verified against Cloudflare's docs) and
 * this component assumes the Pro plan unless told otherwise.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import {
    CLOUDFLARE_UNPROXIED_TTL_SECONDS,
    CloudflarePlan,
    CloudflareSettings,
    Consistency,
    DEFAULT_CLOUDFLARE_PLAN,
    DEFAULT_CLOUDFLARE_SETTINGS,
    Rpo,
    Rto,
    cloudflareRto,
    cloudflareSettingsErrors,
    rpo,
} from "../packages/failover-model";
import { cloudflareRegionOf } from "./cloudflare-regions";
import { regionsAndDrainErrors } from "./latency-routing";

export type SteeringPolicy = "dynamic_latency" | "proximity" | "geo";

export interface CloudflareLoadBalancerRegion {
    /** The AWS region of the regional service. */
    region: string;
    /** The regional endpoint's hostname: the pool's origin address and the Host header it is sent. */
    hostname: pulumi.Input<string>;
}

export interface CloudflareLoadBalancerArgs {
    /** The Cloudflare account that owns the monitor and pools (32 hex characters). */
    accountId: string;
    /** The Cloudflare zone that holds `serviceName` (32 hex characters). */
    zoneId: string;
    /** The global name clients call, e.g. `api.example.com`. */
    serviceName: string;
    /** One entry per region, in the config's order (also the failover order of `defaultPools`). */
    regions: CloudflareLoadBalancerRegion[];
    /** Regions whose pools are disabled. At least one region must keep serving. @default [] */
    drain?: string[];
    /** @default "dynamic_latency" */
    steering?: SteeringPolicy;
    /** @default "none" */
    sessionAffinity?: "none" | "cookie";
    /** Monitor settings and proxying from the failover model (resolveCloudflare). @default DEFAULT_CLOUDFLARE_SETTINGS (proxied) */
    settings?: CloudflareSettings;
    /** The Cloudflare plan, which bounds the monitor interval. @default DEFAULT_CLOUDFLARE_PLAN ("pro") */
    plan?: CloudflarePlan;
    /** Path the monitor requests. @default "/health" */
    healthPath?: string;
    /** The global table's consistency mode, for the modeled RPO output. @default "eventual" */
    consistency?: Consistency;
}

/** Every problem with the args, worded with the offending value; empty when fine. */
export function cloudflareLoadBalancerArgsErrors(args: CloudflareLoadBalancerArgs): string[] {
    const problems: string[] = [];
    const regions = args.regions.map((r) => r.region);
    problems.push(...regionsAndDrainErrors(regions, args.drain ?? []));
    for (const r of regions) {
        if (!cloudflareRegionOf(r)) problems.push(`regions: "${r}" has no Cloudflare region mapping; add it to components/cloudflare-regions.ts`);
    }
    const settings = args.settings ?? DEFAULT_CLOUDFLARE_SETTINGS;
    problems.push(...cloudflareSettingsErrors(settings, args.plan ?? DEFAULT_CLOUDFLARE_PLAN).map((e) => `settings: ${e}`));
    return problems;
}

/** Cloudflare pool names allow letters, digits, hyphens and underscores only. */
function poolName(name: string, region: string): string {
    return `${name}-${region}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

export class CloudflareLoadBalancer extends pulumi.ComponentResource {
    /** The global endpoint: the service name the load balancer answers for. */
    readonly endpoint: string;
    readonly loadBalancerId: pulumi.Output<string>;
    readonly monitorId: pulumi.Output<string>;
    /** Pool ids by region. */
    readonly poolIds: pulumi.Output<Record<string, string>>;
    /** Modeled worst-case time until users are moved off a failed region. */
    readonly rto: Rto;
    /** Modeled data-loss window of the global table. */
    readonly rpo: Rpo;

    readonly monitor: cloudflare.LoadBalancerMonitor;
    readonly pools: Record<string, cloudflare.LoadBalancerPool> = {};
    readonly loadBalancer: cloudflare.LoadBalancer;

    constructor(name: string, args: CloudflareLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("activeactive:cloudflare:LoadBalancer", name, {}, opts);

        const problems = cloudflareLoadBalancerArgsErrors(args);
        if (problems.length > 0) throw new Error(`CloudflareLoadBalancer ${name}: ${problems.join("; ")}`);

        const settings = args.settings ?? DEFAULT_CLOUDFLARE_SETTINGS;
        const drain = args.drain ?? [];
        const steering = args.steering ?? "dynamic_latency";
        this.endpoint = args.serviceName;
        this.rto = cloudflareRto(settings);
        this.rpo = rpo(args.consistency ?? "eventual");

        this.monitor = new cloudflare.LoadBalancerMonitor(
            `${name}-monitor`,
            {
                accountId: args.accountId,
                description: `${args.serviceName} ${args.healthPath ?? "/health"}`,
                type: "https",
                method: "GET",
                path: args.healthPath ?? "/health",
                expectedCodes: "200",
                followRedirects: false,
                allowInsecure: false,
                interval: settings.intervalSeconds,
                retries: settings.retries,
                timeout: settings.timeoutSeconds,
                consecutiveDown: settings.consecutiveDown,
            },
            { parent: this },
        );

        for (const r of args.regions) {
            const placement = cloudflareRegionOf(r.region)!;
            this.pools[r.region] = new cloudflare.LoadBalancerPool(
                `${name}-${r.region}-pool`,
                {
                    accountId: args.accountId,
                    name: poolName(name, r.region),
                    description: `${args.serviceName} in ${r.region}`,
                    enabled: !drain.includes(r.region),
                    minimumOrigins: 1,
                    monitor: this.monitor.id,
                    checkRegions: [placement.cloudflareRegion],
                    latitude: placement.latitude,
                    longitude: placement.longitude,
                    origins: [{ name: r.region, address: r.hostname, enabled: true, weight: 1, header: { hosts: [r.hostname] } }],
                },
                { parent: this },
            );
        }

        const regions = args.regions.map((r) => r.region);
        const poolId = (region: string) => this.pools[region]!.id;
        const fallback = regions.find((r) => !drain.includes(r))!;
        this.loadBalancer = new cloudflare.LoadBalancer(
            `${name}-lb`,
            {
                zoneId: args.zoneId,
                name: args.serviceName,
                description: `${args.serviceName}: active-active over ${regions.join(", ")}`,
                defaultPools: regions.map(poolId),
                fallbackPool: poolId(fallback),
                steeringPolicy: steering,
                proxied: settings.proxied,
                ...(settings.proxied ? {} : { ttl: settings.ttlSeconds ?? CLOUDFLARE_UNPROXIED_TTL_SECONDS }),
                sessionAffinity: args.sessionAffinity ?? "none",
                ...(steering === "geo" ? { regionPools: geoRegionPools(regions, poolId) } : {}),
            },
            { parent: this },
        );

        this.loadBalancerId = this.loadBalancer.id;
        this.monitorId = this.monitor.id;
        const poolIds = regions.map(poolId);
        this.poolIds = pulumi.all(poolIds).apply((ids) => Object.fromEntries(regions.map((r, i) => [r, ids[i]!])));

        this.registerOutputs({
            endpoint: this.endpoint,
            loadBalancerId: this.loadBalancerId,
            monitorId: this.monitorId,
            poolIds: this.poolIds,
            rto: this.rto,
            rpo: this.rpo,
        });
    }
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
