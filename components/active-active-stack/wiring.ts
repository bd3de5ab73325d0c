/**
 * The stack's wiring as pure functions: each maps the environment's settings (and the children already made)
 * to one child's args, so the constructor reads as the list of children. Every value passes through unchanged.
 */
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { regionPinnedName } from "../../packages/aws-facts";
import { cloudflarePoolWeights, cloudflareSteeringFor } from "../../packages/failover-model";
import type { CloudflareLoadBalancer, CloudflareLoadBalancerArgs } from "../cloudflare-load-balancer";
import { ValidationRecords } from "../certificate-validation";
import type { GlobalTable, GlobalTableArgs, GlobalTableBilling } from "../global-table";
import type { LatencyRouting, LatencyRoutingArgs } from "../latency-routing";
import type { RegionalService, RegionalServiceArgs, RegionalServiceMode } from "../regional-service";
import type { ActiveActiveSettings, ActiveActiveStackOutputs, DeploymentRecord, StackProviders, StackTableSettings } from "./args";

export function awsProviderFor(providers: StackProviders, region: string): aws.Provider {
    const provider = providers.aws[region];
    if (!provider) throw new Error(`no AWS provider for region ${region}`);
    return provider;
}

/** The table's billing as the one value GlobalTable takes: capacity only where it is provisioned. */
export function billingOf(table: StackTableSettings): GlobalTableBilling {
    return table.billingMode === "PROVISIONED"
        ? { mode: "provisioned", readCapacity: table.readCapacity, writeCapacity: table.writeCapacity, autoscaling: table.autoscaling }
        : { mode: "onDemand", ...table.onDemandThroughput };
}

export function tableArgs(s: ActiveActiveSettings, providers: StackProviders, deployed: DeploymentRecord | undefined): GlobalTableArgs {
    return {
        regions: s.regions,
        homeRegion: s.homeRegion,
        consistency: s.consistency,
        witnessRegion: s.witnessRegion,
        providers: providers.aws,
        accountId: s.accountId,
        tableName: s.table.name,
        partitionKey: s.table.partitionKey,
        sortKey: s.table.sortKey,
        billing: billingOf(s.table),
        ttlAttribute: s.table.ttlAttribute,
        globalSecondaryIndexes: s.table.globalSecondaryIndexes,
        localSecondaryIndexes: s.table.localSecondaryIndexes,
        pointInTimeRecoveryDays: s.table.pointInTimeRecoveryDays,
        protect: s.protect,
        allowReplicaRemoval: s.allowReplicaRemoval,
        unprotectReplicas: s.unprotectReplicas,
        deployedReplicaRegions: deployed?.replicaRegions,
        deployedUnprotectedReplicas: deployed?.unprotectedReplicas,
        tags: s.tags,
    };
}

/** The shared certificate validation record's helper, in the zone of the traffic layer; none for external services. */
export function createValidationRecords(name: string, s: ActiveActiveSettings, providers: StackProviders, parent: pulumi.Resource): ValidationRecords | undefined {
    if (s.service.mode !== "lambda") return undefined;
    return s.traffic === "cloudflare"
        ? new ValidationRecords(name, { kind: "cloudflare", zoneId: s.cloudflare!.zoneId, provider: providers.cloudflare!, parent })
        : new ValidationRecords(name, { kind: "route53", zoneId: s.hostedZoneId!, provider: providers.global, parent });
}

/** How a region's service runs: the Lambda app with the stack's settings, or the region's existing endpoint. */
export function serviceMode(s: ActiveActiveSettings, region: string, validation: ValidationRecords | undefined): RegionalServiceMode {
    const { mode, endpoints, ...settings } = s.service;
    return mode === "external" ? { kind: "external", hostname: endpoints[region]! } : { kind: "lambda", validation: validation!, ...settings };
}

export function serviceArgs(s: ActiveActiveSettings, region: string, table: GlobalTable, validation: ValidationRecords | undefined): RegionalServiceArgs {
    return {
        region,
        regions: s.regions,
        // Sized for every region: draining one spends the N-1 headroom, it does not resize the functions.
        sizedForRegionCount: s.regions.length,
        sizing: s.capacity?.find((c) => c.region === region),
        mode: serviceMode(s, region, validation),
        domain: s.domain,
        tableName: table.tableName,
        tableArn: table.tableArns[region]!,
        kmsKeyArn: table.kmsKeyArns[region]!,
        consistency: s.consistency,
        ttlAttribute: s.table.ttlAttribute,
        partitionKey: s.table.partitionKey.name,
        sortKey: s.table.sortKey?.name ?? "",
        alarmTopicArn: s.alarms.snsTopicArns[region],
        alarmEmail: s.alarms.email,
        // A protected stack keeps its audit logs (and their key) when a region or the stack goes.
        retainLogs: s.protect,
        tags: s.tags,
    };
}

/** The region-pinned name of a lambda-mode region with its custom domain's target; none for an external endpoint. */
function pinnedOf(s: ActiveActiveSettings, service: RegionalService): { name: string; target: pulumi.Output<{ name: string; zoneId: string }> } | undefined {
    return s.service.mode === "lambda" && service.pinned ? service.pinned : undefined;
}

/** What a region's check probes: its pinned name, or the external endpoint (plain text, so the components check it). */
function checkedHost(s: ActiveActiveSettings, region: string): string {
    return s.service.mode === "external" ? s.service.endpoints[region]! : regionPinnedName(s.domain, region);
}

/** ARC routing controls in every gate, with us-west-2's provider: none unless the settings ask for them. */
export function recoveryControlArgs(s: ActiveActiveSettings, providers: StackProviders): LatencyRoutingArgs["recoveryControl"] {
    const rc = s.routing.recoveryControl;
    if (!rc) return undefined;
    const provider = providers.recoveryControl;
    if (!provider) throw new Error("routing.recoveryControl needs providers.recoveryControl (an aws.Provider of us-west-2)");
    return { provider, clusterArn: rc === true ? undefined : rc.clusterArn, minimumServing: s.protect ? 2 : 1 };
}

export function routingArgs(s: ActiveActiveSettings, services: Record<string, RegionalService>, providers: StackProviders): LatencyRoutingArgs {
    return {
        zoneId: s.hostedZoneId!,
        serviceName: s.domain,
        regions: s.regions.map((region) => ({
            region,
            healthCheckHostname: checkedHost(s, region),
            // An external endpoint has no hosted zone: given as plain text, it is a CNAME target (the failover model
            // counts its TTL: config/failover.ts).
            target: s.service.mode === "external" ? { name: s.service.endpoints[region]! } : services[region]!.domainTarget,
            pinned: pinnedOf(s, services[region]!),
        })),
        drain: s.drain,
        checkerRegions: s.health.checkerRegions,
        healthPath: s.health.path,
        settings: s.failover.route53,
        dualStack: s.routing.dualStack,
        recoveryControl: recoveryControlArgs(s, providers),
        policy: s.routingMode,
        consistency: s.consistency,
        alarmTopicArn: s.alarms.snsTopicArns["us-east-1"],
        alarmEmail: s.alarms.email,
        account: { id: s.accountId },
        rtoTargetSeconds: s.failover.rtoTargetSeconds,
        tags: s.tags,
    };
}

export function loadBalancerArgs(s: ActiveActiveSettings, services: Record<string, RegionalService>): CloudflareLoadBalancerArgs {
    const cf = s.cloudflare!;
    return {
        accountId: cf.accountId,
        zoneId: cf.zoneId,
        serviceName: s.domain,
        regions: s.regions.map((region) => ({
            region,
            // The custom domain's target (or the external endpoint), reached with the users' own Host.
            hostname: s.service.mode === "external" ? s.service.endpoints[region]! : services[region]!.domainTarget.name,
            pinned: pinnedOf(s, services[region]!),
        })),
        drain: s.drain,
        // routing.policy through the one mapping (failover-model steering.ts), else cloudflare.steering as given.
        steering: s.routingMode ? cloudflareSteeringFor(s.routingMode.policy) : cf.steering,
        ...cloudflareModeArgs(s),
        checkRegions: cf.checkRegions,
        sessionAffinity: cf.sessionAffinity,
        settings: s.failover.cloudflare,
        plan: cf.plan,
        healthPath: s.health.path,
        originTlsRule: cf.originTlsRule,
        consistency: s.consistency,
    };
}

/** Pool weights (random, least_*) and the failover primary from the routing mode. */
function cloudflareModeArgs(s: ActiveActiveSettings): Pick<CloudflareLoadBalancerArgs, "poolWeights" | "primary"> {
    const mode = s.routingMode;
    if (mode && "weights" in mode) return { poolWeights: cloudflarePoolWeights(mode.weights) };
    return mode?.policy === "failover" ? { primary: mode.primary } : {};
}

export function stackOutputs(
    s: ActiveActiveSettings,
    table: GlobalTable,
    services: Record<string, RegionalService>,
    routing: LatencyRouting | undefined,
    loadBalancer: CloudflareLoadBalancer | undefined,
): ActiveActiveStackOutputs {
    const perRegion = <T>(f: (service: RegionalService) => T) =>
        Object.fromEntries(Object.entries(services).map(([region, service]) => [region, f(service)]));
    return {
        regions: s.regions,
        servingRegions: s.servingRegions,
        endpoint: `https://${s.domain}`,
        tableName: table.tableName,
        tableArns: table.tableArns,
        streamArns: table.streamArns,
        kmsKeyArns: table.kmsKeyArns,
        regionalHealthHostnames: perRegion((service) => service.healthCheckHostname),
        regionalEndpoints: Object.fromEntries(s.regions.map((region) => [region, `https://${checkedHost(s, region)}`])),
        functionNames: perRegion((service) => service.functionName),
        alarmTopicArns: { ...perRegion((service) => service.alarmTopicArn), ...(routing ? { global: routing.alarmTopicArn } : {}) },
        ...(routing?.recoveryControls ? { recoveryControlArns: pulumi.all(routing.recoveryControls.controlArns) } : {}),
        apiArns: perRegion((service) => service.apiArn),
        ...(routing ? { healthCheckIds: routing.healthCheckIds } : {}),
        ...(loadBalancer ? { loadBalancerId: loadBalancer.loadBalancerId } : {}),
        resilience: {
            rtoSeconds: s.failover.rto.rtoSeconds,
            rtoTargetSeconds: s.failover.rtoTargetSeconds,
            rpoSeconds: s.failover.rpo.rpoSeconds,
        },
        deployment: {
            replicaRegions: [...s.regions],
            unprotectedReplicas: table.unprotectedReplicas,
            table: {
                name: table.tableName,
                homeRegion: s.homeRegion,
                partitionKey: s.table.partitionKey,
                sortKey: s.table.sortKey,
                consistency: s.consistency,
            },
        },
    };
}
