/**
 * CloudflareLoadBalancer (`activeactive:cloudflare:LoadBalancer`): a Cloudflare load balancer on the service name
 * over one pool per region (its custom domain as the origin, no Host override), every pool probed from every
 * Cloudflare region users come from by one HTTPS monitor that sends the service name as Host; TLS to the origins
 * verified for the service name only; a DNS record per region-pinned name. Draining disables a region's pool and
 * changes nothing else. The API token stays with the Cloudflare provider the caller passes; this component never
 * sees it. What it creates and why: docs/traffic.md (`CloudflareLoadBalancer`).
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { cloudflareRto, cloudflareSteering, CloudflareSteering, Rpo, Rto, rpo } from "../../packages/failover-model";
import { withDefaults } from "../defaults";
import { throwIfProblems } from "../problems";
import { CLOUDFLARE_LOAD_BALANCER_DEFAULTS, CloudflareLoadBalancerArgs } from "./args";
import { createLoadBalancer } from "./load-balancer";
import { createOriginTlsRule, createPinnedRecord } from "./origin";
import { createMonitor, createPool } from "./pools";
import { validateCloudflareLoadBalancerArgs } from "./validate";

export { CLOUDFLARE_LOAD_BALANCER_DEFAULTS, validateCloudflareLoadBalancerArgs };
export type { CloudflareLoadBalancerArgs, CloudflareLoadBalancerRegion, SteeringPolicy } from "./args";

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
    /** How pools are chosen for a user and what that needs (failover model). */
    readonly steering: CloudflareSteering;

    readonly monitor: cloudflare.LoadBalancerMonitor;
    readonly pools: Record<string, cloudflare.LoadBalancerPool> = {};
    readonly loadBalancer: cloudflare.LoadBalancer;
    readonly originTlsRule: cloudflare.Ruleset | undefined;
    readonly pinnedRecords: cloudflare.DnsRecord[] = [];

    constructor(name: string, args: CloudflareLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("activeactive:cloudflare:LoadBalancer", name, {}, opts);
        throwIfProblems("CloudflareLoadBalancer", name, validateCloudflareLoadBalancerArgs(args));
        const resolved = withDefaults(args, CLOUDFLARE_LOAD_BALANCER_DEFAULTS);
        this.endpoint = args.serviceName;
        this.rto = cloudflareRto(resolved.settings);
        this.rpo = rpo(resolved.consistency);
        this.steering = cloudflareSteering(resolved.steering, resolved.checkRegions);

        this.monitor = createMonitor(name, resolved, this);
        for (const r of args.regions) {
            this.pools[r.region] = createPool(name, resolved, r, this.monitor, this);
            const pinned = createPinnedRecord(name, resolved, r, this);
            if (pinned) this.pinnedRecords.push(pinned);
        }
        const regions = args.regions.map((r) => r.region);
        const poolId = (region: string) => this.pools[region]!.id;
        this.loadBalancer = createLoadBalancer(name, resolved, regions, poolId, this);
        this.originTlsRule = resolved.originTlsRule ? createOriginTlsRule(name, resolved, this) : undefined;

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
            steering: this.steering,
        });
    }
}
