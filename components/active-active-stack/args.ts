/**
 * What ActiveActiveStack takes and gives, as plain types of the library: the settings of one environment, its
 * providers, the deployment the previous run recorded, and the outputs. The reference stack's config, providers
 * and deployed-state modules produce values of these types (README.md, Components).
 */
import type * as aws from "@pulumi/aws";
import type * as cloudflare from "@pulumi/cloudflare";
import type * as pulumi from "@pulumi/pulumi";
import type { Consistency } from "../../packages/aws-facts";
import type { ResolvedRouting, Rpo, Rto } from "../../packages/failover-model";
import type { CloudflareLoadBalancerArgs } from "../cloudflare-load-balancer";
import type { GlobalSecondaryIndexSpec, GlobalTable, GlobalTableAutoscaling, KeyAttribute, LocalSecondaryIndexSpec } from "../global-table";
import type { LatencyRoutingArgs } from "../latency-routing";
import type { RegionalServiceSettings } from "../regional-service";

/** One AWS provider per region that needs one, the global (us-east-1) one, and Cloudflare's when that layer is on. */
export interface StackProviders {
    /** Every stack region, the witness, and us-east-1 for Route 53. */
    aws: Record<string, aws.Provider>;
    /** For global AWS services (Route 53) and their us-east-1 metrics. */
    global: aws.Provider;
    /** us-west-2, where ARC's recovery control configuration API is; required with `routing.recoveryControl`. */
    recoveryControl?: aws.Provider;
    /** Required with traffic "cloudflare". */
    cloudflare?: cloudflare.Provider;
}

/** The table settings whose change replaces the table and every replica with it. */
export interface DeployedTable {
    /** The table's physical name as deployed. */
    name: string;
    homeRegion: string;
    partitionKey: { name: string; type: string };
    sortKey: { name: string; type: string } | null;
    consistency: string;
}

/** What a deployment records in its `deployment` output, read back by the next run to refuse data loss. */
export interface DeploymentRecord {
    /** Regions holding a replica (the home region included). */
    replicaRegions: string[];
    /** Regions whose replica has deletion protection off (the first step of removing it). */
    unprotectedReplicas?: string[];
    table: DeployedTable;
}

/** The `deployment` output as written: the record, with the values the engine resolves after the update. */
export interface DeploymentOutput {
    replicaRegions: string[];
    unprotectedReplicas: pulumi.Output<string[]>;
    table: Omit<DeployedTable, "name"> & { name: pulumi.Output<string> };
}

/** The table: GlobalTable's settings the environment chooses (the stack wires regions, keys and protection). */
export interface StackTableSettings {
    /** @default GlobalTable's default name */
    name?: string;
    partitionKey: KeyAttribute;
    sortKey: KeyAttribute | null;
    billingMode: "PAY_PER_REQUEST" | "PROVISIONED";
    /** With billingMode "PROVISIONED". */
    readCapacity: number;
    /** With billingMode "PROVISIONED". */
    writeCapacity: number;
    /** With billingMode "PROVISIONED". */
    autoscaling: GlobalTableAutoscaling;
    /** With billingMode "PAY_PER_REQUEST": the caps; unset ones take GlobalTable's defaults. */
    onDemandThroughput?: { maxReadRequestUnits?: number; maxWriteRequestUnits?: number };
    /** null: no TTL (strong consistency). */
    ttlAttribute: string | null;
    globalSecondaryIndexes: GlobalSecondaryIndexSpec[];
    localSecondaryIndexes: LocalSecondaryIndexSpec[];
    pointInTimeRecoveryDays: number;
}

/** How every region's service runs: the app on Lambda with these settings, or an existing endpoint per region. */
export interface StackServiceSettings extends RegionalServiceSettings {
    mode: "lambda" | "external";
    /** With mode "external": each region's hostname. */
    endpoints: Record<string, string>;
}

/** The Cloudflare account, zone and load balancer settings, with traffic "cloudflare". */
export interface StackCloudflareSettings {
    accountId: string;
    zoneId: string;
    steering: NonNullable<CloudflareLoadBalancerArgs["steering"]>;
    checkRegions: NonNullable<CloudflareLoadBalancerArgs["checkRegions"]>;
    originTlsRule: boolean;
    sessionAffinity: NonNullable<CloudflareLoadBalancerArgs["sessionAffinity"]>;
    plan: NonNullable<CloudflareLoadBalancerArgs["plan"]>;
}

/**
 * The failover plan of the environment, computed once from its RTO target by the failover model: the traffic
 * layer's settings, and the modeled RTO and RPO the stack exports.
 */
export interface StackFailover {
    /** With traffic "route53". */
    route53?: NonNullable<LatencyRoutingArgs["settings"]>;
    /** With traffic "cloudflare". */
    cloudflare?: NonNullable<CloudflareLoadBalancerArgs["settings"]>;
    rtoTargetSeconds: number;
    rto: Rto;
    rpo: Rpo;
}

/** The settings of one environment, as plain data. */
export interface ActiveActiveSettings {
    /** Every region: a replica, a regional service and a traffic entry each. */
    regions: string[];
    homeRegion: string;
    /** The AWS account of every provider: ARNs and key policies are built from it, never looked up. */
    accountId: string;
    /** Each region's worst-case size (reserved concurrency, stage throttle), by region; @default an even share */
    capacity?: { region: string; reservedConcurrency: number; throttle: { rateLimit: number; burstLimit: number } }[];
    /** The regions not drained. */
    servingRegions: string[];
    /** The global service name, e.g. api.example.com. */
    domain: string;
    consistency: Consistency;
    /** With consistency "strong" and two regions. */
    witnessRegion?: string;
    traffic: "route53" | "cloudflare";
    /** Regions out of rotation; their replica and service stay. */
    drain: string[];
    /** The Route 53 public hosted zone; required with traffic "route53" and with service mode "lambda". */
    hostedZoneId?: string;
    /** Required with traffic "cloudflare". */
    cloudflare?: StackCloudflareSettings;
    table: StackTableSettings;
    service: StackServiceSettings;
    health: { path: string; checkerRegions: string[] };
    /** `recoveryControl`: ARC routing controls in every gate (true: a new cluster; or an existing cluster's ARN). */
    routing: { dualStack: boolean; recoveryControl?: boolean | { clusterArn: string } };
    /** How users are spread over the regions (failover-model `resolveRouting`). @default latency (Cloudflare: its steering) */
    routingMode?: ResolvedRouting;
    failover: StackFailover;
    alarms: { snsTopicArns: Record<string, string>; email?: string };
    tags: Record<string, string>;
    protect: boolean;
    allowReplicaRemoval: boolean;
    unprotectReplicas: string[];
    /**
     * A fleet: one service per entry, each with its own table, regional services and routed name (children named
     * `<name>-<service>-...`), sharing the providers and the traffic layer. Unset: one service from these settings,
     * with the children named `<name>-...`.
     */
    services?: { name: string; settings: ActiveActiveSettings }[];
}

export interface ActiveActiveStackArgs {
    settings: ActiveActiveSettings;
    providers: StackProviders;
    /** What the previous deployment recorded; undefined on the first one. A fleet's: its first service's. */
    deployed?: DeploymentRecord;
    /**
     * A deployed fleet's records by service name (its `services` output). With `settings.services`, each service reads
     * only its own; a service without one is new. Unset with `settings.services`: nothing of the fleet is deployed.
     */
    deployedServices?: Record<string, DeploymentRecord>;
}

/** The modeled figures of the environment's failover plan. */
export interface ResilienceFigures {
    /** Worst-case time until users leave a failed region. */
    rtoSeconds: number;
    rtoTargetSeconds: number;
    /** Data-loss window of a region failure. */
    rpoSeconds: number;
}

/** The stack outputs (also the component's registered outputs). */
export interface ActiveActiveStackOutputs {
    regions: string[];
    servingRegions: string[];
    endpoint: string;
    tableName: GlobalTable["tableName"];
    tableArns: GlobalTable["tableArns"];
    streamArns: GlobalTable["streamArns"];
    kmsKeyArns: GlobalTable["kmsKeyArns"];
    /** What each region's health check probes: its region-pinned name (or external endpoint). */
    regionalHealthHostnames: Record<string, pulumi.Output<string>>;
    /** Each region's own endpoint, `https://<region>.<domain>` (or the external endpoint): for region-aware clients. */
    regionalEndpoints: Record<string, string>;
    functionNames: Record<string, pulumi.Output<string | undefined>>;
    /** The alarm topics by region (`global` for the Route 53 alarms'): `npm run verify` checks their subscribers. */
    alarmTopicArns: Record<string, pulumi.Output<string | undefined>>;
    /** With `routing.recoveryControl`: each region's ARC routing control (a drain switch: On drains). */
    recoveryControlArns?: pulumi.Output<Record<string, string>>;
    /**
     * Each region's execute-api ARN (undefined in external mode): the id differs per region, so a caller's
     * `execute-api:Invoke` policy (IAM auth) names every region's, e.g. `<arn>/$default/GET/items/*`.
     */
    apiArns: Record<string, pulumi.Output<string | undefined>>;
    /** With traffic "route53". */
    healthCheckIds?: pulumi.Output<Record<string, string>>;
    /** With traffic "cloudflare". */
    loadBalancerId?: pulumi.Output<string>;
    resilience: ResilienceFigures;
    /** Read back by the next run to refuse changes that would lose data. */
    deployment: DeploymentOutput;
    /** With a fleet: every service's outputs by name (the outputs above are the first service's). */
    services?: Record<string, Omit<ActiveActiveStackOutputs, "services">>;
}
