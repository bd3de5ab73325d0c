/**
 * CloudflareLoadBalancer's arguments and their defaults. What each child is and why: docs/traffic.md
 * (`CloudflareLoadBalancer`).
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    CLOUDFLARE_REGION_CODES,
    CloudflarePlan,
    CloudflareRegionCode,
    CloudflareSettings,
    CloudflareSteeringPolicy,
    DEFAULT_CLOUDFLARE_PLAN,
    DEFAULT_CLOUDFLARE_SETTINGS,
} from "../../packages/failover-model";
import type { Consistency } from "../../packages/aws-facts";
import { WithDefaults } from "../defaults";

export type SteeringPolicy = CloudflareSteeringPolicy;

export interface CloudflareLoadBalancerRegion {
    /** The AWS region of the regional service. */
    region: string;
    /**
     * The pool's origin address: the regional custom domain's target (`d-<id>.execute-api.<region>.amazonaws.com`),
     * or an external endpoint. No Host override: Cloudflare sends the service name as Host and SNI, so the request
     * reaches the custom domain, its certificate and its mapping, as users' requests do.
     */
    hostname: pulumi.Input<string>;
    /**
     * The region-pinned name and its own custom domain's target: a DNS-only CNAME is made for it.
     * @default none (an external endpoint is its own pinned name)
     */
    pinned?: { name: string; target: pulumi.Input<{ name: string }> };
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
    /**
     * The steering policy (`routing.policy` through failover-model `cloudflareSteeringFor`): dynamic_latency, proximity,
     * geo, random (by `poolWeights`), off (failover order: `primary` first), least_outstanding_requests and
     * least_connections (proxied only; scaled by `poolWeights`). @default "dynamic_latency"
     */
    steering?: SteeringPolicy;
    /** random and least_*: each region's pool weight, 0-1 (failover-model `cloudflarePoolWeights`). @default 1 for every pool */
    poolWeights?: Record<string, number>;
    /** The region whose pool comes first in `defaultPools` (steering "off" answers with it while it is healthy). @default the first region */
    primary?: string;
    /**
     * The Cloudflare regions every pool is probed from: every region your users come from, since dynamic steering
     * sends users of an unprobed region to the pools in failover order. @default all 13 Cloudflare regions
     */
    checkRegions?: CloudflareRegionCode[];
    /** @default "none" */
    sessionAffinity?: "none" | "cookie";
    /** Monitor settings and proxying from the failover model (resolveCloudflare). @default DEFAULT_CLOUDFLARE_SETTINGS (proxied) */
    settings?: CloudflareSettings;
    /** The Cloudflare plan, which bounds the monitor interval. @default DEFAULT_CLOUDFLARE_PLAN ("pro") */
    plan?: CloudflarePlan;
    /** Path the monitor requests. @default "/health" */
    healthPath?: string;
    /**
     * Create the zone's Configuration Rules ruleset with one rule: TLS to the origin verified (SSL Full (strict)) for
     * `serviceName` only. A zone holds one such ruleset: turn this off when the zone already has one, and add the
     * rule there. @default true
     */
    originTlsRule?: boolean;
    /** The global table's consistency mode, for the modeled RPO output. @default "eventual" */
    consistency?: Consistency;
}

/** Every optional arg with a default, as a value. */
export const CLOUDFLARE_LOAD_BALANCER_DEFAULTS = {
    drain: [] as string[],
    steering: "dynamic_latency" as SteeringPolicy,
    checkRegions: [...CLOUDFLARE_REGION_CODES] as CloudflareRegionCode[],
    sessionAffinity: "none" as "none" | "cookie",
    settings: DEFAULT_CLOUDFLARE_SETTINGS,
    plan: DEFAULT_CLOUDFLARE_PLAN,
    healthPath: "/health",
    originTlsRule: true,
    consistency: "eventual" as Consistency,
} as const;

export type ResolvedArgs = WithDefaults<CloudflareLoadBalancerArgs, typeof CLOUDFLARE_LOAD_BALANCER_DEFAULTS>;
