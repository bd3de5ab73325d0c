/**
 * LatencyRouting's alarms: one per regional check, and the fail-open signal over every gate, in us-east-1 where
 * Route 53 publishes its health metrics, notifying the given topic or an encrypted one this component creates.
 */
import { SCOPE_GLOBAL } from "../../packages/aws-facts";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alarmTopicKeyPolicyDocument, KMS_DELETION_WINDOW_DAYS } from "../kms";
import { ResolvedLatencyRoutingArgs, TAG_SCOPE } from "./args";

/**
 * The given topic, else a topic of this component's own: encrypted with a key only this account's CloudWatch alarms
 * may publish through, and subscribed by `alarmEmail` when given (the subscription stays pending until confirmed).
 */
export function alarmTopicArn(name: string, args: ResolvedLatencyRoutingArgs, parent: pulumi.Resource): pulumi.Output<string> {
    if (args.alarmTopicArn) return pulumi.output(args.alarmTopicArn);
    const tags = { ...args.tags, [TAG_SCOPE]: SCOPE_GLOBAL };
    const account = args.account!;
    const key = new aws.kms.Key(
        `${name}-alarms-key`,
        {
            description: `${name}: the Route 53 alarm topic`,
            enableKeyRotation: true,
            deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
            policy: pulumi
                .all([account.id, account.partition ?? "aws"])
                .apply(([id, partition]) => JSON.stringify(alarmTopicKeyPolicyDocument({ partition, account: id }))),
            tags,
        },
        { parent },
    );
    const topic = new aws.sns.Topic(`${name}-alarms`, { kmsMasterKeyId: key.arn, tags }, { parent });
    if (args.alarmEmail) {
        new aws.sns.TopicSubscription(`${name}-alarms-email`, { topic: topic.arn, protocol: "email", endpoint: args.alarmEmail }, { parent });
    }
    return topic.arn;
}

/** What one alarm watches: a regional check (`<name>-<region>-alarm`). */
export interface WatchedCheck {
    logicalName: string;
    check: aws.route53.HealthCheck;
    description: string;
    tags: Record<string, string>;
}

/** Route 53 reports every minute; silence means the check is gone, which is as bad as unhealthy. */
export function createUnhealthyAlarm(watched: WatchedCheck, topicArn: pulumi.Output<string>, parent: pulumi.Resource): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(
        watched.logicalName,
        {
            alarmDescription: watched.description,
            namespace: "AWS/Route53",
            metricName: "HealthCheckStatus",
            dimensions: { HealthCheckId: watched.check.id },
            statistic: "Minimum",
            period: 60,
            evaluationPeriods: 1,
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "breaching",
            alarmActions: [topicArn],
            okActions: [topicArn],
            tags: watched.tags,
        },
        { parent },
    );
}

/** Metric-math id of a region's gate series: ids start lower-case and hold only letters, digits and "_". */
export function gateMetricId(region: string): string {
    return `gate_${region.replace(/-/g, "_")}`;
}

/**
 * The fail-open signal: every gate unhealthy, so Route 53 answers with every record and users reach failed or
 * drained regions. A metric-math alarm over the gates' HealthCheckStatus (the best gate's status below 1), not a
 * calculated check over them: Route 53 refuses a calculated check whose children are calculated checks (Route 53
 * Developer Guide, values for creating health checks). Route 53 publishes HealthCheckStatus for calculated checks too
 * (Monitoring health checks using CloudWatch), in us-east-1 only.
 */
export function createFailOpenAlarm(
    logicalName: string,
    args: ResolvedLatencyRoutingArgs,
    gates: Record<string, aws.route53.HealthCheck>,
    topicArn: pulumi.Output<string>,
    parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
    const regions = Object.keys(gates);
    const ids = regions.map(gateMetricId);
    return new aws.cloudwatch.MetricAlarm(
        logicalName,
        {
            alarmDescription: `${args.serviceName}: no region is healthy (every gate is down, so Route 53 fails open)`,
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            evaluationPeriods: 1,
            treatMissingData: "breaching",
            metricQueries: [
                ...regions.map((region, i) => ({
                    id: ids[i]!,
                    returnData: false,
                    metric: {
                        namespace: "AWS/Route53",
                        metricName: "HealthCheckStatus",
                        dimensions: { HealthCheckId: gates[region]!.id },
                        period: 60,
                        stat: "Minimum",
                    },
                })),
                { id: "best_gate", expression: `MAX([${ids.join(", ")}])`, label: "Healthiest gate (1 = a region serves)", returnData: true },
            ],
            alarmActions: [topicArn],
            okActions: [topicArn],
            tags: { ...args.tags, [TAG_SCOPE]: SCOPE_GLOBAL },
        },
        { parent },
    );
}
