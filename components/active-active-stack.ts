/**
 * ActiveActiveStack (`activeactive:stack:ActiveActive`): the whole active-active deployment of one environment.
 * One list of regions drives everything: a GlobalTable with a replica per region, a RegionalService per region,
 * and one traffic layer (Route 53 latency routing or a Cloudflare load balancer) over the regional services.
 *
 * Child logical names (part of the URN, kept stable): `<name>-table`, `<name>-<region>` per regional service,
 * `<name>-routing` (Route 53) or `<name>-lb` (Cloudflare), and `<name>` for the shared DNS validation record.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config";
import type { Providers } from "../providers";
import type { DeployedState } from "../deployed-state";
import { GlobalTable } from "./global-table";
import { RegionalService } from "./regional-service";
import { ValidationRecords } from "./certificate-validation";
import { LatencyRouting } from "./latency-routing";
import { CloudflareLoadBalancer } from "./cloudflare-load-balancer";

export interface ActiveActiveStackArgs {
    config: StackConfig;
    providers: Providers;
    /** What the previous deployment recorded; undefined on the first one. */
    deployed?: DeployedState;
}

export class ActiveActiveStack extends pulumi.ComponentResource {
    readonly table: GlobalTable;
    readonly services: Record<string, RegionalService> = {};
    readonly routing?: LatencyRouting;
    readonly loadBalancer?: CloudflareLoadBalancer;
    private readonly config: StackConfig;
    private readonly outputs: Record<string, unknown>;

    constructor(name: string, args: ActiveActiveStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("activeactive:stack:ActiveActive", name, {}, opts);
        const { config, providers } = args;
        this.config = config;
        const providerFor = (region: string) => {
            const p = providers.aws[region];
            if (!p) throw new Error(`no AWS provider for region ${region}`);
            return p;
        };

        this.table = new GlobalTable(
            `${name}-table`,
            {
                regions: config.regions,
                homeRegion: config.homeRegion,
                consistency: config.consistency,
                witnessRegion: config.witnessRegion,
                providers: providers.aws,
                tableName: config.table.name,
                partitionKey: config.table.partitionKey,
                sortKey: config.table.sortKey,
                billing:
                    config.table.billingMode === "PROVISIONED"
                        ? { mode: "provisioned", readCapacity: config.table.readCapacity, writeCapacity: config.table.writeCapacity, autoscaling: config.table.autoscaling }
                        : { mode: "onDemand" },
                ttlAttribute: config.table.ttlAttribute,
                globalSecondaryIndexes: config.table.globalSecondaryIndexes,
                localSecondaryIndexes: config.table.localSecondaryIndexes,
                pointInTimeRecoveryDays: config.table.pointInTimeRecoveryDays,
                protect: config.protect,
                allowReplicaRemoval: config.allowReplicaRemoval,
                unprotectReplicas: config.unprotectReplicas,
                deployedReplicaRegions: args.deployed?.replicaRegions,
                deployedUnprotectedReplicas: args.deployed?.unprotectedReplicas,
                tags: config.tags,
            },
            { parent: this },
        );

        const validation =
            config.service.mode === "lambda"
                ? config.traffic === "cloudflare"
                    ? new ValidationRecords(name, { kind: "cloudflare", zoneId: config.cloudflare!.zoneId, provider: providers.cloudflare!, parent: this })
                    : new ValidationRecords(name, { kind: "route53", zoneId: config.hostedZoneId!, provider: providers.global, parent: this })
                : undefined;

        const { mode: serviceMode, endpoints, ...settings } = config.service;
        for (const region of config.regions) {
            this.services[region] = new RegionalService(
                `${name}-${region}`,
                {
                    region,
                    regions: config.regions,
                    // Sized for every region: draining one spends the N-1 headroom, it does not resize the functions.
                    sizedForRegionCount: config.regions.length,
                    mode:
                        serviceMode === "external"
                            ? { kind: "external", hostname: endpoints[region]! }
                            : { kind: "lambda", validation: validation!, ...settings },
                    domain: config.domain,
                    tableName: this.table.tableName,
                    tableArn: this.table.tableArns[region]!,
                    kmsKeyArn: this.table.kmsKeyArns[region]!,
                    consistency: config.consistency,
                    ttlAttribute: config.table.ttlAttribute,
                    partitionKey: config.table.partitionKey.name,
                    sortKey: config.table.sortKey?.name ?? "",
                    alarmTopicArn: config.alarms.snsTopicArns[region],
                    alarmEmail: config.alarms.email,
                    tags: config.tags,
                },
                { parent: this, provider: providerFor(region) },
            );
        }

        const failover = config.failover;
        if (config.traffic === "route53") {
            this.routing = new LatencyRouting(
                `${name}-routing`,
                {
                    zoneId: config.hostedZoneId!,
                    serviceName: config.domain,
                    regions: config.regions.map((region) => ({
                        region,
                        healthCheckHostname: this.services[region]!.healthCheckHostname,
                        target: this.services[region]!.domainTarget.apply((t) => ({ name: t.name, zoneId: t.zoneId ?? "" })),
                    })),
                    drain: config.drain,
                    checkerRegions: config.health.checkerRegions,
                    healthPath: config.health.path,
                    settings: failover.route53,
                    dualStack: config.routing.dualStack,
                    consistency: config.consistency,
                    alarmTopicArn: config.alarms.snsTopicArns["us-east-1"],
                    rtoTargetSeconds: config.rtoTargetSeconds,
                    tags: config.tags,
                },
                { parent: this, provider: providers.global },
            );
        } else {
            const cf = config.cloudflare!;
            this.loadBalancer = new CloudflareLoadBalancer(
                `${name}-lb`,
                {
                    accountId: cf.accountId,
                    zoneId: cf.zoneId,
                    serviceName: config.domain,
                    regions: config.regions.map((region) => ({ region, hostname: this.services[region]!.healthCheckHostname })),
                    drain: config.drain,
                    steering: cf.steering,
                    sessionAffinity: cf.sessionAffinity,
                    settings: failover.cloudflare,
                    plan: cf.plan,
                    healthPath: config.health.path,
                    consistency: config.consistency,
                },
                { parent: this, provider: providers.cloudflare! },
            );
        }

        this.outputs = this.buildOutputs();
        this.registerOutputs(this.outputs);
    }

    /** The stack outputs `index.ts` exports (built once, also registered as this component's outputs). */
    stackOutputs(): Record<string, unknown> {
        return this.outputs;
    }

    private buildOutputs(): Record<string, unknown> {
        const c = this.config;
        const perRegion = <T>(f: (s: RegionalService) => T) =>
            Object.fromEntries(Object.entries(this.services).map(([region, s]) => [region, f(s)]));
        return {
            regions: c.regions,
            servingRegions: c.servingRegions,
            endpoint: `https://${c.domain}`,
            tableName: this.table.tableName,
            tableArns: this.table.tableArns,
            streamArns: this.table.streamArns,
            kmsKeyArns: this.table.kmsKeyArns,
            regionalHealthHostnames: perRegion((s) => s.healthCheckHostname),
            functionNames: perRegion((s) => s.functionName),
            ...(this.routing ? { healthCheckIds: this.routing.healthCheckIds } : {}),
            ...(this.loadBalancer ? { loadBalancerId: this.loadBalancer.loadBalancerId } : {}),
            resilience: {
                rtoSeconds: c.failover.rto.rtoSeconds,
                rtoTargetSeconds: c.failover.rtoTargetSeconds,
                rpoSeconds: c.failover.rpo.rpoSeconds,
            },
            // Read back by the next run (deployed-state.ts) to refuse changes that would lose data.
            deployment: {
                replicaRegions: [...c.regions],
                unprotectedReplicas: this.table.unprotectedReplicas,
                table: {
                    name: this.table.tableName,
                    homeRegion: c.homeRegion,
                    partitionKey: c.table.partitionKey,
                    sortKey: c.table.sortKey,
                    consistency: c.consistency,
                },
            },
        };
    }
}
