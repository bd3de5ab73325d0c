/**
 * The region's alarms, on a topic in this region: the API's 5xx rate and p99 latency, the function's throttles,
 * the replication lag of this region's writes to its peers, and the days left on its certificate. Every alarm acts
 * on `ALARM` and `OK`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ACM_EXPIRY_METRIC } from "../../packages/aws-facts";
import { HEARTBEAT_METRIC } from "../../app/metrics";
import { replicationWatch, rpo } from "../../packages/failover-model";
import type { RegionGatedOptions } from "../provider-region";
import type { LambdaService } from "./args";

/** What every alarm of one region shares: where it notifies, its tags, and how it is named. */
export interface AlarmActions {
    /** The topic every alarm of this region notifies (given or created here). */
    topicArn: pulumi.Input<string>;
    actions: { alarmActions: pulumi.Input<string>[]; okActions: pulumi.Input<string>[]; tags: Record<string, string> };
    /**
     * Alarms are named after the function (unique per account and region): CodeDeploy refers to alarms by name,
     * and the console lists a region's alarms together.
     */
    alarmName(what: string): pulumi.Output<string>;
}

/** The alarms a canary deployment rolls back on (replication lag is not one: a deployment does not cause it). */
export interface ServiceAlarms extends AlarmActions {
    errorRate: aws.cloudwatch.MetricAlarm;
    latency: aws.cloudwatch.MetricAlarm;
    throttles: aws.cloudwatch.MetricAlarm;
}

export interface AlarmInputs {
    opsKey: aws.kms.Key;
    fn: aws.lambda.Function;
    healthFn: aws.lambda.Function;
    api: aws.apigatewayv2.Api;
    /** The region's certificate (the service name and the region-pinned name). */
    certificate: aws.acm.Certificate;
}

export function createAlarms(s: LambdaService, o: RegionGatedOptions, { opsKey, fn, api, certificate }: AlarmInputs): ServiceAlarms {
    const topicArn = alarmTopic(s, o, opsKey);
    const shared: AlarmActions = {
        topicArn,
        actions: { alarmActions: [topicArn], okActions: [topicArn], tags: s.tags },
        alarmName: (what) => pulumi.interpolate`${fn.name}-${what}`,
    };
    const errorRate = errorRateAlarm(s, o, shared, api);
    const latency = latencyAlarm(s, o, shared, api);
    const throttles = throttlesAlarm(s, o, shared, fn);
    replicationLatencyAlarm(s, o, shared);
    certificateExpiryAlarm(s, o, shared, certificate);
    if (s.peers.length > 0) replicationHeartbeatAlarm(s, o, shared);
    return { ...shared, errorRate, latency, throttles };
}

/** The given topic, or one created here (with its email subscription). */
function alarmTopic(s: LambdaService, o: RegionGatedOptions, opsKey: aws.kms.Key): pulumi.Input<string> {
    if (s.args.alarmTopicArn !== undefined) return s.args.alarmTopicArn;
    const topic = new aws.sns.Topic(`${s.name}-alarms`, { kmsMasterKeyId: opsKey.arn, tags: s.tags }, o.opts);
    if (s.args.alarmEmail) {
        new aws.sns.TopicSubscription(`${s.name}-alarms-email`, { topic: topic.arn, protocol: "email", endpoint: s.args.alarmEmail }, o.opts);
    }
    return topic.arn;
}

function errorRateAlarm(s: LambdaService, o: RegionGatedOptions, a: AlarmActions, api: aws.apigatewayv2.Api): aws.cloudwatch.MetricAlarm {
    const sum = (id: string, metricName: string) => ({
        id,
        returnData: false,
        metric: { namespace: "AWS/ApiGateway", metricName, dimensions: { ApiId: api.id }, period: 60, stat: "Sum" },
    });
    return new aws.cloudwatch.MetricAlarm(
        `${s.name}-5xx-rate`,
        {
            name: a.alarmName("5xx-rate"),
            alarmDescription: `${s.settings.name} in ${s.region}: 5xx responses above ${s.thresholds.errorRatePercent}% of requests`,
            comparisonOperator: "GreaterThanThreshold",
            threshold: s.thresholds.errorRatePercent,
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
            treatMissingData: "notBreaching",
            metricQueries: [
                sum("errors", "5xx"),
                sum("requests", "Count"),
                { id: "rate", expression: "100 * errors / requests", label: "5xx rate (%)", returnData: true },
            ],
            ...a.actions,
        },
        o.opts,
    );
}

function latencyAlarm(s: LambdaService, o: RegionGatedOptions, a: AlarmActions, api: aws.apigatewayv2.Api): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(
        `${s.name}-p99-latency`,
        {
            name: a.alarmName("p99-latency"),
            alarmDescription: `${s.settings.name} in ${s.region}: p99 latency above ${s.thresholds.latencyP99Ms} ms`,
            namespace: "AWS/ApiGateway",
            metricName: "Latency",
            dimensions: { ApiId: api.id },
            extendedStatistic: "p99",
            period: 60,
            comparisonOperator: "GreaterThanThreshold",
            threshold: s.thresholds.latencyP99Ms,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            treatMissingData: "notBreaching",
            ...a.actions,
        },
        o.opts,
    );
}

function throttlesAlarm(s: LambdaService, o: RegionGatedOptions, a: AlarmActions, fn: aws.lambda.Function): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(
        `${s.name}-throttles`,
        {
            name: a.alarmName("throttles"),
            alarmDescription: `${s.settings.name} in ${s.region}: Lambda throttles (reserved concurrency exhausted)`,
            namespace: "AWS/Lambda",
            metricName: "Throttles",
            dimensions: { FunctionName: fn.name },
            statistic: "Sum",
            period: 60,
            comparisonOperator: "GreaterThanThreshold",
            threshold: s.thresholds.throttles,
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
            treatMissingData: "notBreaching",
            ...a.actions,
        },
        o.opts,
    );
}

function replicationLatencyAlarm(s: LambdaService, o: RegionGatedOptions, a: AlarmActions): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(
        `${s.name}-replication-latency`,
        {
            name: a.alarmName("replication-latency"),
            alarmDescription: `${s.settings.name} in ${s.region}: writes made here reach a peer region (${s.peers.join(", ")}) more than ${s.thresholds.replicationLatencyMs} ms late`,
            comparisonOperator: "GreaterThanThreshold",
            threshold: s.thresholds.replicationLatencyMs,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            treatMissingData: "notBreaching",
            metricQueries: replicationLatencyQueries(s.args.tableName, s.peers),
            ...a.actions,
        },
        o.opts,
    );
}

/**
 * The days left on the region's certificate. ACM renews a DNS-validated certificate in use on its own (ACM User Guide,
 * managed renewal), so one this close to expiry has failed to renew: a validation record is gone, or nothing uses it.
 * ACM publishes DaysToExpiry once a day and stops at expiry: two days without a figure breach.
 */
function certificateExpiryAlarm(s: LambdaService, o: RegionGatedOptions, a: AlarmActions, certificate: aws.acm.Certificate): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(
        `${s.name}-cert-expiry`,
        {
            name: a.alarmName("cert-expiry"),
            alarmDescription: `${s.settings.name} in ${s.region}: its certificate expires in under ${s.thresholds.certificateDaysToExpiry} days (ACM did not renew it)`,
            namespace: ACM_EXPIRY_METRIC.namespace,
            metricName: ACM_EXPIRY_METRIC.metricName,
            dimensions: { [ACM_EXPIRY_METRIC.dimension]: certificate.arn },
            statistic: "Minimum",
            period: ACM_EXPIRY_METRIC.periodSeconds,
            comparisonOperator: "LessThanThreshold",
            threshold: s.thresholds.certificateDaysToExpiry,
            evaluationPeriods: 2,
            datapointsToAlarm: 2,
            treatMissingData: "breaching",
            ...a.actions,
        },
        o.opts,
    );
}

/** Metric-math id of a peer's series: ids must start lower-case and hold only letters, digits and "_". */
export function peerMetricId(peer: string): string {
    return `to_${peer.replace(/-/g, "_")}`;
}

/**
 * One alarm per region over all its peers. DynamoDB publishes `ReplicationLatency` in the region a write
 * comes from, with `ReceivingRegion` naming where it goes (there is no source dimension), and an alarm can only
 * read its own region's metrics. So this region's alarm watches the lag of its own writes to every peer:
 * exactly the data a failure of this region would lose.
 */
export function replicationLatencyQueries(tableName: pulumi.Input<string>, peers: readonly string[]): aws.types.input.cloudwatch.MetricAlarmMetricQuery[] {
    const ids = peers.map(peerMetricId);
    return [
        ...peers.map((peer, i) => ({
            id: ids[i]!,
            returnData: false,
            metric: {
                namespace: "AWS/DynamoDB",
                metricName: "ReplicationLatency",
                dimensions: { TableName: tableName, ReceivingRegion: peer },
                period: 60,
                stat: "Maximum",
            },
        })),
        { id: "worst", expression: `MAX([${ids.join(", ")}])`, label: "Worst replication latency to a peer (ms)", returnData: true },
    ];
}

/**
 * Replication watched the way it fails: `ReplicationLatency` stops when replication stops, but the age of the
 * newest heartbeat seen here from each peer (published by the health function, app/metrics.ts) keeps growing. The
 * freshest age of a minute above heartbeat interval + RPO, for the whole evaluation window, alarms; so does
 * silence (no health checks answered here, or a peer never seen).
 */
function replicationHeartbeatAlarm(s: LambdaService, o: RegionGatedOptions, a: AlarmActions): aws.cloudwatch.MetricAlarm {
    const watch = replicationWatch(s.settings.heartbeatIntervalMs, rpo(s.args.consistency).rpoSeconds);
    const threshold = s.thresholds.heartbeatAgeMs ?? watch.thresholdMs;
    const ids = s.peers.map(peerMetricId);
    return new aws.cloudwatch.MetricAlarm(
        `${s.name}-replication-heartbeat`,
        {
            name: a.alarmName("replication-heartbeat"),
            alarmDescription:
                `${s.settings.name} in ${s.region}: the newest heartbeat seen here from a peer (${s.peers.join(", ")}) is older than ${threshold} ms ` +
                `(heartbeat interval + RPO) for ${watch.detectionDelaySeconds} s: replication into this region has stalled`,
            comparisonOperator: "GreaterThanThreshold",
            threshold,
            evaluationPeriods: watch.evaluationPeriods,
            datapointsToAlarm: watch.evaluationPeriods,
            treatMissingData: "breaching",
            metricQueries: [
                ...s.peers.map((peer, i) => ({
                    id: ids[i]!,
                    returnData: false,
                    metric: {
                        namespace: HEARTBEAT_METRIC.namespace,
                        metricName: HEARTBEAT_METRIC.name,
                        dimensions: { Service: s.settings.name, Peer: peer },
                        period: watch.periodSeconds,
                        stat: "Minimum",
                    },
                })),
                { id: "stalest", expression: `MAX([${ids.join(", ")}])`, label: "Age of the stalest peer's newest heartbeat (ms)", returnData: true },
            ],
            ...a.actions,
        },
        o.opts,
    );
}
