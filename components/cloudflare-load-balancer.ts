/**
 * CloudflareLoadBalancer (`activeactive:cloudflare:LoadBalancer`): a Cloudflare load balancer on the service name
 * over one pool per region, every pool watched by one HTTPS monitor. Draining disables a region's pool and changes
 * nothing else. The API token stays with the Cloudflare provider the caller passes; this component never sees it.
 * What it creates and why (Host header override, plan minimums): docs/traffic.md (`CloudflareLoadBalancer`).
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import {
    CLOUDFLARE_UNPROXIED_TTL_SECONDS,
    CloudflarePlan,
    CloudflareSettings,
    DEFAULT_CLOUDFLARE_PLAN,
    DEFAULT_CLOUDFLARE_SETTINGS,
    Rpo,
    Rto,
    cloudflareRto,
    cloudflareSettingsErrors,
    rpo,
} from "../packages/failover-model";
import { Consistency, Problem, problem } from "../packages/aws-facts";
import { CLOUDFLARE_REGIONS, cloudflareRegionOf } from "./cloudflare-regions";
import { throwIfProblems } from "./problems";
import { modelSettingsProblems, regionsAndDrainProblems } from "./traffic-checks";

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

/** Every optional arg with a default, as a value. */
export const CLOUDFLARE_LOAD_BALANCER_DEFAULTS = {
    drain: [] as string[],
    steering: "dynamic_latency" as SteeringPolicy,
    sessionAffinity: "none" as "none" | "cookie",
    settings: DEFAULT_CLOUDFLARE_SETTINGS,
    plan: DEFAULT_CLOUDFLARE_PLAN,
    healthPath: "/health",
    consistency: "eventual" as Consistency,
} as const;

type ResolvedArgs = CloudflareLoadBalancerArgs & Required<Pick<CloudflareLoadBalancerArgs, keyof typeof CLOUDFLARE_LOAD_BALANCER_DEFAULTS>>;

function withDefaults(args: CloudflareLoadBalancerArgs): ResolvedArgs {
    const d = CLOUDFLARE_LOAD_BALANCER_DEFAULTS;
    return {
        ...args,
        drain: args.drain ?? d.drain,
        steering: args.steering ?? d.steering,
        sessionAffinity: args.sessionAffinity ?? d.sessionAffinity,
        settings: args.settings ?? d.settings,
        plan: args.plan ?? d.plan,
        healthPath: args.healthPath ?? d.healthPath,
        consistency: args.consistency ?? d.consistency,
    };
}

/** Every problem with the args, worded with the offending value; empty when fine. */
export function validateCloudflareLoadBalancerArgs(args: CloudflareLoadBalancerArgs): Problem[] {
    const regions = args.regions.map((r) => r.region);
    const settings = args.settings ?? DEFAULT_CLOUDFLARE_SETTINGS;
    return [
        ...regionsAndDrainProblems(regions, args.drain ?? []),
        ...placementProblems(regions),
        ...modelSettingsProblems("settings", cloudflareSettingsErrors(settings, args.plan ?? DEFAULT_CLOUDFLARE_PLAN), "resolveCloudflare"),
    ];
}

/** Every region needs a Cloudflare placement (its pool's check region and coordinates). */
function placementProblems(regions: readonly string[]): Problem[] {
    const known = Object.keys(CLOUDFLARE_REGIONS).join(", ");
    return regions.flatMap((r, i) =>
        cloudflareRegionOf(r) ? [] : [problem(`regions[${i}]`, r, "has no Cloudflare region mapping", `an AWS region (${known})`, "cloudflare-region")],
    );
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
        throwIfProblems("CloudflareLoadBalancer", name, validateCloudflareLoadBalancerArgs(args));
        const resolved = withDefaults(args);
        this.endpoint = args.serviceName;
        this.rto = cloudflareRto(resolved.settings);
        this.rpo = rpo(resolved.consistency);

        this.monitor = createMonitor(name, resolved, this);
        for (const r of args.regions) this.pools[r.region] = createPool(name, resolved, r, this.monitor, this);
        const regions = args.regions.map((r) => r.region);
        const poolId = (region: string) => this.pools[region]!.id;
        this.loadBalancer = createLoadBalancer(name, resolved, regions, poolId, this);

        this.loadBalancerId = this.loadBalancer.id;
        this.monitorId = this.monitor.id;
        this.poolIds = pulumi.all(regions.map(poolId)).apply((ids) => Object.fromEntries(regions.map((r, i) => [r, ids[i]!])));

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

function createMonitor(name: string, args: ResolvedArgs, parent: pulumi.Resource): cloudflare.LoadBalancerMonitor {
    return new cloudflare.LoadBalancerMonitor(
        `${name}-monitor`,
        {
            accountId: args.accountId,
            description: `${args.serviceName} ${args.healthPath}`,
            type: "https",
            method: "GET",
            path: args.healthPath,
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
 * The region's pool: its endpoint as the only origin, with a Host header of that same name (the override applies to
 * health checks and proxied traffic alike), checked from the Cloudflare region nearest the AWS region.
 */
function createPool(
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
            checkRegions: [placement.cloudflareRegion],
            latitude: placement.latitude,
            longitude: placement.longitude,
            origins: [{ name: r.region, address: r.hostname, enabled: true, weight: 1, header: { hosts: [r.hostname] } }],
        },
        { parent },
    );
}

/** Every pool in config order; the fallback is the first region still serving. */
function createLoadBalancer(
    name: string,
    args: ResolvedArgs,
    regions: string[],
    poolId: (region: string) => pulumi.Output<string>,
    parent: pulumi.Resource,
): cloudflare.LoadBalancer {
    const settings = args.settings;
    const fallback = regions.find((r) => !args.drain.includes(r))!;
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
        },
        { parent },
    );
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
