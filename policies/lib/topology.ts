/**
 * The active-active shape of a stack, read once from its resources for the stack rules: which regions it spans and,
 * per region, its table replica, regional service, health checks, routing records or pools.
 *
 * The stack's regions (sorted by name) are the union of every region something serves: the table's home region and
 * replica regions, the regions of Lambda functions, endpoint and gate health checks, latency records and Cloudflare
 * pools.
 * Parity then asks every one of those regions for one of each; a region where only some layers exist is exactly
 * what parity reports. Global monitoring (lib/conventions.ts) belongs to no region.
 */
import { isGlobalAwsType } from "./aws-facts";
import {
    declaredRegion,
    endpointCheckRegion,
    healthCheckKind,
    isDeclaredGlobal,
    poolRegion,
    underTrafficComponent,
} from "./conventions";
import type { StackResource } from "./policy";
import { asList, isUnknown, num, str, tag } from "./values";
import { ROLE_HEALTH, TAG_ROLE } from "@active-active/aws-facts";

export const TYPES = {
    table: "aws:dynamodb/table:Table",
    tableReplica: "aws:dynamodb/tableReplica:TableReplica",
    function: "aws:lambda/function:Function",
    provisionedConcurrency: "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig",
    domainName: "aws:apigatewayv2/domainName:DomainName",
    healthCheck: "aws:route53/healthCheck:HealthCheck",
    record: "aws:route53/record:Record",
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
    pool: "cloudflare:index/loadBalancerPool:LoadBalancerPool",
    monitor: "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor",
    loadBalancer: "cloudflare:index/loadBalancer:LoadBalancer",
} as const;

export interface Replica {
    region: string;
    consistencyMode: string;
}

export interface TableFacts {
    resource: StackResource;
    /** The table's own region; undefined when unknown. */
    home?: string;
    replicas: Replica[];
    /** Replicas whose region is unknown (preview): parity cannot judge this table. */
    unknownReplicas: boolean;
    witness?: string;
}

export type TrafficLayer = "route53" | "cloudflare";

export interface Topology {
    regions: string[];
    tables: TableFacts[];
    functions: Map<string, StackResource[]>;
    endpointChecks: Map<string, StackResource[]>;
    gates: Map<string, StackResource[]>;
    allRegionChecks: StackResource[];
    /** Health checks whose region could not be told (no tag, no region in name or FQDN). */
    unplacedChecks: StackResource[];
    /** Latency records by their latency region. */
    records: Map<string, StackResource[]>;
    /** Weighted, geoproximity, geolocation and failover records by the region they answer with (`routing.policy`). */
    routed: Map<string, StackResource[]>;
    pools: Map<string, StackResource[]>;
    unplacedPools: StackResource[];
    monitors: StackResource[];
    loadBalancers: StackResource[];
    traffic?: TrafficLayer;
    /** No Lambda function anywhere: the regional services are external endpoints. */
    external: boolean;
    globalMonitoring: Set<StackResource>;
    /** Every regional AWS resource whose region is known and that is not global monitoring. */
    regional: { resource: StackResource; region: string }[];
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
    m.set(k, [...(m.get(k) ?? []), v]);
}

function knownRegion(r: StackResource): string | undefined {
    return typeof r.region === "string" ? r.region : undefined;
}

export function isLatencyRecord(r: StackResource): boolean {
    if (r.type !== TYPES.record) return false;
    const policies = r.props.latencyRoutingPolicies;
    return isUnknown(policies) || asList(policies).length > 0;
}

export function latencyRegion(r: StackResource): string | undefined {
    const policies = r.props.latencyRoutingPolicies;
    if (isUnknown(policies)) return undefined;
    return str(asList(policies as Record<string, unknown>[])[0]?.region);
}

const OTHER_POLICIES = ["weightedRoutingPolicies", "geolocationRoutingPolicies", "failoverRoutingPolicies", "geoproximityRoutingPolicy"];

/**
 * The region a weighted, geoproximity, geolocation or failover record answers with: geoproximity's AWS region, else
 * the region its set identifier starts with (the library names sets `<region>` or `<region>-<location>`).
 */
export function routedRegion(r: StackResource, regions: ReadonlySet<string>): string | undefined {
    if (r.type !== TYPES.record || !OTHER_POLICIES.some((k) => asList(r.props[k] as unknown[]).length > 0 || (k === "geoproximityRoutingPolicy" && r.props[k]))) return undefined;
    const geo = r.props.geoproximityRoutingPolicy as Record<string, unknown> | undefined;
    const direct = str(geo?.awsRegion);
    if (direct) return direct;
    const sid = str(r.props.setIdentifier);
    return sid ? [...regions].find((x) => sid === x || sid.startsWith(`${x}-`)) : undefined;
}

function tableFacts(resource: StackResource): TableFacts {
    const replicasProp = resource.props.replicas;
    const replicas: Replica[] = [];
    let unknownReplicas = isUnknown(replicasProp);
    for (const rep of isUnknown(replicasProp) ? [] : asList(replicasProp as Record<string, unknown>[])) {
        const region = str(rep?.regionName);
        if (!region) {
            unknownReplicas = true;
            continue;
        }
        replicas.push({ region, consistencyMode: (str(rep?.consistencyMode) ?? "EVENTUAL").toUpperCase() });
    }
    const witness = resource.props.globalTableWitness;
    return {
        resource,
        home: knownRegion(resource),
        replicas,
        unknownReplicas,
        witness: witness && !isUnknown(witness) ? str((witness as Record<string, unknown>).regionName) : undefined,
    };
}

function globalMonitoring(resources: StackResource[]): Set<StackResource> {
    const out = new Set<StackResource>();
    const alarmTargets = new Set<string>();
    for (const r of resources) {
        if (!r.type.startsWith("aws:") || isGlobalAwsType(r.type)) continue;
        const route53Alarm = r.type === TYPES.metricAlarm && str(r.props.namespace) === "AWS/Route53";
        if (isDeclaredGlobal(r) || route53Alarm) {
            out.add(r);
            if (r.type === TYPES.metricAlarm) {
                for (const key of ["alarmActions", "okActions", "insufficientDataActions"]) {
                    for (const a of isUnknown(r.props[key]) ? [] : asList(r.props[key] as unknown[])) if (typeof a === "string") alarmTargets.add(a);
                }
            }
        }
    }
    for (const r of resources) {
        if (!r.type.startsWith("aws:") || isGlobalAwsType(r.type) || out.has(r)) continue;
        const arn = str(r.props.arn) ?? (r.type === TYPES.topic ? str(r.props.id) : undefined);
        // A subscription to such a topic lives where the topic does.
        const subscribedTopic = r.type === TYPES.subscription ? str(r.props.topic) : undefined;
        if ((arn && alarmTargets.has(arn)) || (subscribedTopic && alarmTargets.has(subscribedTopic)) || underTrafficComponent(r)) out.add(r);
    }
    return out;
}

/** Reads the stack's active-active shape. */
export function topology(resources: StackResource[]): Topology {
    const t: Topology = {
        regions: [],
        tables: [],
        functions: new Map(),
        endpointChecks: new Map(),
        gates: new Map(),
        allRegionChecks: [],
        unplacedChecks: [],
        records: new Map(),
        routed: new Map(),
        pools: new Map(),
        unplacedPools: [],
        monitors: [],
        loadBalancers: [],
        external: true,
        globalMonitoring: globalMonitoring(resources),
        regional: [],
    };
    const regions = new Set<string>();
    const add = (r: string | undefined) => r && regions.add(r);
    const checksById = new Map<string, string>();

    for (const r of resources) {
        if (r.type === TYPES.table) {
            const facts = tableFacts(r);
            t.tables.push(facts);
            add(facts.home);
            facts.replicas.forEach((rep) => add(rep.region));
        }
    }
    for (const r of resources) {
        switch (r.type) {
            case TYPES.function: {
                t.external = false;
                const region = knownRegion(r);
                // A region's health function sits beside its service function; parity counts services.
                if (region && tag(r.props, TAG_ROLE) !== ROLE_HEALTH) {
                    push(t.functions, region, r);
                    add(region);
                }
                break;
            }
            case TYPES.healthCheck: {
                const kind = healthCheckKind(r);
                if (kind === "endpoint") {
                    const region = endpointCheckRegion(r);
                    if (region) {
                        push(t.endpointChecks, region, r);
                        add(region);
                        const id = str(r.props.id);
                        if (id) checksById.set(id, region);
                    } else t.unplacedChecks.push(r);
                } else if (kind === "all-regions") t.allRegionChecks.push(r);
                break;
            }
            case TYPES.pool: {
                const region = poolRegion(r);
                if (region) {
                    push(t.pools, region, r);
                    add(region);
                } else t.unplacedPools.push(r);
                break;
            }
            case TYPES.monitor:
                t.monitors.push(r);
                break;
            case TYPES.loadBalancer:
                t.loadBalancers.push(r);
                break;
        }
    }
    // Gates second: a gate without a declared region takes its child's.
    for (const r of resources) {
        if (r.type !== TYPES.healthCheck || healthCheckKind(r) !== "gate") continue;
        const children = isUnknown(r.props.childHealthchecks) ? [] : asList(r.props.childHealthchecks as unknown[]);
        const region = declaredRegion(r) ?? children.map((c) => (typeof c === "string" ? checksById.get(c) : undefined)).find((x) => x);
        if (region) {
            push(t.gates, region, r);
            add(region);
        } else t.unplacedChecks.push(r);
    }
    for (const r of resources) {
        if (!isLatencyRecord(r)) continue;
        const region = latencyRegion(r);
        if (region) {
            push(t.records, region, r);
            add(region);
        }
    }
    for (const r of resources) {
        const region = routedRegion(r, regions);
        if (region) push(t.routed, region, r);
    }
    if (t.records.size > 0 || t.routed.size > 0 || t.endpointChecks.size > 0) t.traffic = "route53";
    else if (t.loadBalancers.length > 0 || t.pools.size > 0 || t.unplacedPools.length > 0) t.traffic = "cloudflare";

    // Sorted: messages and reports must not depend on the order components register in.
    t.regions = [...regions].sort();
    for (const r of resources) {
        if (!r.type.startsWith("aws:") || isGlobalAwsType(r.type) || t.globalMonitoring.has(r)) continue;
        const region = knownRegion(r);
        if (region) t.regional.push({ resource: r, region });
    }
    return t;
}

/** True when the stack has anything active-active: a table, a function, a health check, a record or a pool. */
export function isActiveActive(t: Topology): boolean {
    return t.regions.length > 0 || t.tables.length > 0 || t.allRegionChecks.length > 0 || t.loadBalancers.length > 0;
}

/** A calculated check that can never be healthy: it needs more healthy children than it has. */
export function isDrainedGate(gate: StackResource): boolean | undefined {
    const threshold = num(gate.props.childHealthThreshold);
    const children = gate.props.childHealthchecks;
    if (threshold === undefined || isUnknown(children)) return undefined;
    return threshold > asList(children as unknown[]).length;
}
