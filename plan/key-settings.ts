/**
 * The few inputs per resource type that a reviewer reads a plan for (safety switches, sizes, timings, routing).
 * Types not listed show their scalar inputs, minus the noisy ones.
 */
import { REDACTED } from "./redact";
import type { PlanResource } from "./types";

type Inputs = Record<string, any>;

const on = (v: unknown) => (v === true ? "on" : v === false ? "off" : "-");

function list(v: unknown, max = 4): string {
    if (!Array.isArray(v)) return "-";
    const items = v.map((x) => (typeof x === "string" ? x : JSON.stringify(x)));
    return items.length > max ? `${items.slice(0, max).join(",")},+${items.length - max}` : items.join(",");
}

/** Ids and ARNs are long; the last path segment is enough to follow a reference by eye. */
function short(v: unknown): string {
    const s = String(v ?? "-");
    return s.length > 24 ? `…${s.slice(-12)}` : s;
}

/** A content hash as `sha256:<first 12 hex>…`: the ellipsis says it is shortened, as `short` does for ids. */
function shortHash(hash: unknown): string {
    const s = String(hash);
    return s.length > 19 ? `${s.slice(0, 19)}…` : s;
}

/** An index's key attributes, `partition/sort`, from the provider's `keySchemas` (GSI) or `rangeKey` (LSI). */
function indexKeys(index: any, tableHashKey: unknown): string {
    if (Array.isArray(index.keySchemas)) {
        const of = (type: string) => index.keySchemas.find((k: any) => k.keyType === type)?.attributeName;
        return [of("HASH"), of("RANGE")].filter(Boolean).join("/");
    }
    return [index.hashKey ?? tableHashKey, index.rangeKey].filter(Boolean).join("/");
}

/** Each index as `name(partition/sort)`, e.g. `gsi=by-owner(owner/updatedAt)`. */
function indexes(label: string, specs: unknown, tableHashKey: unknown): string[] {
    if (!Array.isArray(specs) || specs.length === 0) return [];
    return [`${label}=${specs.map((x: any) => `${x.name}(${indexKeys(x, tableHashKey)})`).join(",")}`];
}

const BY_TYPE: Record<string, (i: Inputs) => string[]> = {
    "aws:dynamodb/table:Table": (i) => [
        `billing=${i.billingMode ?? "-"}`,
        `keys=${[i.hashKey, i.rangeKey].filter(Boolean).join("/")}`,
        ...indexes("gsi", i.globalSecondaryIndexes, i.hashKey),
        ...indexes("lsi", i.localSecondaryIndexes, i.hashKey),
        `replicas=${list((i.replicas ?? []).map((r: any) => r.regionName))}`,
        ...(i.globalTableWitness ? [`witness=${i.globalTableWitness.regionName}`] : []),
        `pitr=${on(i.pointInTimeRecovery?.enabled)}`,
        `deletionProtection=${on(i.deletionProtectionEnabled)}`,
        `stream=${i.streamEnabled ? i.streamViewType : "off"}`,
        `cmk=${on(Boolean(i.serverSideEncryption?.kmsKeyArn))}`,
    ],
    "aws:kms/key:Key": (i) => [
        `rotation=${on(i.enableKeyRotation)}`,
        `deletionWindow=${i.deletionWindowInDays ?? "-"}d`,
        ...(i.multiRegion ? ["multiRegion"] : []),
    ],
    "aws:kms/replicaKey:ReplicaKey": (i) => [`deletionWindow=${i.deletionWindowInDays ?? "-"}d`],
    "aws:kms/alias:Alias": (i) => [`${i.name}`],
    "aws:lambda/function:Function": (i) => [
        `runtime=${i.runtime}`,
        `memory=${i.memorySize}MB`,
        `timeout=${i.timeout}s`,
        `arch=${list(i.architectures)}`,
        ...(i.reservedConcurrentExecutions !== undefined ? [`reserved=${i.reservedConcurrentExecutions}`] : []),
        ...(i.code?.hash ? [`code=${shortHash(i.code.hash)}`] : []),
    ],
    "aws:lambda/alias:Alias": (i) => [`${i.name}`, `version=${short(i.functionVersion)}`],
    "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig": (i) => [`provisioned=${i.provisionedConcurrentExecutions}`],
    "aws:apigatewayv2/api:Api": (i) => [`protocol=${i.protocolType}`, `defaultEndpoint=${i.disableExecuteApiEndpoint ? "off" : "on"}`],
    "aws:apigatewayv2/stage:Stage": (i) => [
        `stage=${i.name}`,
        `autoDeploy=${on(i.autoDeploy)}`,
        ...(i.defaultRouteSettings ? [`throttle=${i.defaultRouteSettings.throttlingRateLimit ?? "-"}/${i.defaultRouteSettings.throttlingBurstLimit ?? "-"}`] : []),
    ],
    "aws:apigatewayv2/route:Route": (i) => [`${i.routeKey}`, `auth=${i.authorizationType ?? "NONE"}`],
    "aws:apigatewayv2/integration:Integration": (i) => [`${i.integrationType}`, `payload=${i.payloadFormatVersion ?? "-"}`],
    "aws:apigatewayv2/domainName:DomainName": (i) => [
        `${i.domainName}`,
        `endpoint=${i.domainNameConfiguration?.endpointType ?? "-"}`,
        `tls=${i.domainNameConfiguration?.securityPolicy ?? "-"}`,
    ],
    "aws:apigatewayv2/apiMapping:ApiMapping": (i) => [`${i.domainName}`, `stage=${i.stage}`],
    "aws:acm/certificate:Certificate": (i) => [`${i.domainName}`, `validation=${i.validationMethod ?? "-"}`],
    "aws:cloudwatch/logGroup:LogGroup": (i) => [
        ...(i.name ? [String(i.name)] : []),
        i.retentionInDays ? `retention=${i.retentionInDays}d` : "retention=never expires",
        ...(i.kmsKeyId ? ["cmk=on"] : []),
    ],
    "aws:cloudwatch/metricAlarm:MetricAlarm": (i) => {
        // Metric math alarms name their metrics in metricQueries; the returned expression is what is compared.
        const queries = (i.metricQueries ?? []) as any[];
        const returned = queries.find((q) => q.returnData) ?? queries[0];
        const metric = queries.length
            ? `${returned?.expression ?? `${returned?.metric?.namespace}/${returned?.metric?.metricName}`} over ${queries.filter((q) => q.metric).length} metrics`
            : `${i.namespace}/${i.metricName} ${i.statistic ?? i.extendedStatistic ?? ""}`.trim();
        const period = i.period ?? queries.find((q) => q.metric?.period)?.metric.period;
        return [
            metric,
            `${i.comparisonOperator} ${i.threshold}`,
            `${i.evaluationPeriods}x${period ?? "-"}s`,
            `missing=${i.treatMissingData ?? "missing"}`,
        ];
    },
    "aws:sns/topic:Topic": (i) => [`${i.name ?? "(generated name)"}`],
    "aws:sns/topicSubscription:TopicSubscription": (i) => [`${i.protocol}`, `${i.endpoint === REDACTED ? REDACTED : i.endpoint}`],
    "aws:iam/role:Role": (i) => [`${i.name ?? "(generated name)"}`],
    "aws:iam/rolePolicy:RolePolicy": (i) => [`actions=${policyActions(i.policy)}`],
    "aws:route53/healthCheck:HealthCheck": (i) =>
        i.type === "CALCULATED"
            ? [`CALCULATED`, `healthy when ${i.childHealthThreshold} of ${(i.childHealthchecks ?? []).length} children`]
            : [
                  `${i.type} ${i.fqdn}:${i.port ?? "-"}${i.resourcePath ?? ""}`,
                  `every ${i.requestInterval}s x${i.failureThreshold}`,
                  `sni=${on(i.enableSni)}`,
                  `checkers=${(i.regions ?? []).length}`,
              ],
    "aws:route53/record:Record": (i) => [
        `${i.name} ${i.type}`,
        ...(i.setIdentifier ? [`set=${i.setIdentifier}`] : []),
        ...(i.latencyRoutingPolicies?.[0] ? [`latency=${i.latencyRoutingPolicies[0].region}`] : []),
        ...(i.weightedRoutingPolicies?.[0] ? [`weight=${i.weightedRoutingPolicies[0].weight}`] : []),
        ...(i.geoproximityRoutingPolicy ? [`geoproximity=${i.geoproximityRoutingPolicy.awsRegion} bias=${i.geoproximityRoutingPolicy.bias ?? 0}`] : []),
        ...(i.geolocationRoutingPolicies?.[0] ? [`geo=${i.geolocationRoutingPolicies[0].continent ?? i.geolocationRoutingPolicies[0].country}`] : []),
        ...(i.failoverRoutingPolicies?.[0] ? [`failover=${i.failoverRoutingPolicies[0].type}`] : []),
        ...(i.aliases?.[0] ? [`alias=${i.aliases[0].name}`] : i.ttl !== undefined ? [`ttl=${i.ttl}s`] : []),
        ...(i.healthCheckId ? [`check=${short(i.healthCheckId)}`] : []),
    ],
    "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor": (i) => [
        `${String(i.type ?? "").toUpperCase()} ${i.method ?? ""} ${i.path ?? ""}`.trim(),
        `every ${i.interval}s`,
        `retries=${i.retries}`,
        `timeout=${i.timeout}s`,
        `down after ${i.consecutiveDown ?? 1}`,
    ],
    "cloudflare:index/loadBalancerPool:LoadBalancerPool": (i) => [
        `${i.name}`,
        `enabled=${on(i.enabled)}`,
        `origins=${(i.origins ?? []).length}`,
        `checkRegions=${list(i.checkRegions)}`,
    ],
    "cloudflare:index/loadBalancer:LoadBalancer": (i) => [
        `${i.name}`,
        `steering=${i.steeringPolicy}`,
        `proxied=${on(i.proxied)}`,
        `pools=${(i.defaultPools ?? []).length}`,
        ...(i.ttl !== undefined ? [`ttl=${i.ttl}s`] : []),
    ],
    "aws:codedeploy/deploymentGroup:DeploymentGroup": (i) => [`${i.deploymentConfigName ?? "-"}`, `rollback=${on(i.autoRollbackConfiguration?.enabled)}`],
    "aws:appautoscaling/target:Target": (i) => [`${i.scalableDimension}`, `capacity=${i.minCapacity}..${i.maxCapacity}`],
    "aws:appautoscaling/policy:Policy": (i) => [`${i.policyType}`, `target=${i.targetTrackingScalingPolicyConfiguration?.targetValue ?? "-"}`],
};

function policyActions(policy: unknown): string {
    try {
        const doc = typeof policy === "string" ? JSON.parse(policy) : policy;
        const actions = ([] as any[]).concat(doc?.Statement ?? []).flatMap((s: any) => ([] as string[]).concat(s.Action ?? []));
        return list([...new Set(actions)], 5);
    } catch {
        return "-";
    }
}

/** Inputs that say nothing at a glance (tags, ids of other resources, long documents). Values are shown whole. */
const NOISY = /^(tags|tagsAll|name|description|policy|assumeRolePolicy|arn|.*Arn|.*Id|.*Ids)$/;

function fallback(i: Inputs): string[] {
    return Object.keys(i)
        .filter((k) => !NOISY.test(k))
        .filter((k) => ["string", "number", "boolean"].includes(typeof i[k]))
        .slice(0, 4)
        .map((k) => `${k}=${String(i[k])}`);
}

export function keySettings(r: PlanResource): string {
    const extract = BY_TYPE[r.type];
    let parts: string[];
    try {
        parts = extract ? extract(r.inputs as Inputs) : fallback(r.inputs as Inputs);
    } catch {
        parts = fallback(r.inputs as Inputs);
    }
    return [...parts, ...(r.protect ? ["protected"] : [])].filter((p) => p && p !== "undefined").join("  ");
}

/** `aws:dynamodb/table:Table` -> `aws:dynamodb:Table`, as the Pulumi CLI shows types. */
export function displayType(type: string): string {
    const m = /^([^:]+):([^/:]+)\/[^:]+:(.+)$/.exec(type);
    return m ? `${m[1]}:${m[2]}:${m[3]}` : type;
}
