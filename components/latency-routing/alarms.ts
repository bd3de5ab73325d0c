/**
 * LatencyRouting's alarms: one per regional check and one over every gate, in us-east-1 where Route 53 publishes
 * its health metrics, notifying the given topic or one this component creates.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LatencyRoutingRegion, ResolvedLatencyRoutingArgs, TAG_REGION, TAG_SCOPE } from "./args";

/** The given topic, else a topic of this component's own. */
export function alarmTopicArn(name: string, args: ResolvedLatencyRoutingArgs, parent: pulumi.Resource): pulumi.Output<string> {
    if (args.alarmTopicArn) return pulumi.output(args.alarmTopicArn);
    return new aws.sns.Topic(`${name}-alarms`, { tags: { ...args.tags, [TAG_SCOPE]: "global" } }, { parent }).arn;
}

export function createRegionAlarm(
    name: string,
    args: ResolvedLatencyRoutingArgs,
    r: LatencyRoutingRegion,
    check: aws.route53.HealthCheck,
    topicArn: pulumi.Output<string>,
    parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
    const description = `${args.serviceName}: region ${r.region} is unhealthy`;
    return unhealthyAlarm(`${name}-${r.region}-alarm`, check, topicArn, description, { ...args.tags, [TAG_REGION]: r.region }, parent);
}

/** When every record is unhealthy Route 53 fails open and answers with all of them: page before users notice. */
export function createAnyRegionAlarm(
    name: string,
    args: ResolvedLatencyRoutingArgs,
    anyRegion: aws.route53.HealthCheck,
    topicArn: pulumi.Output<string>,
    parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
    const description = `${args.serviceName}: no region is healthy`;
    return unhealthyAlarm(`${name}-any-region-alarm`, anyRegion, topicArn, description, { ...args.tags, [TAG_SCOPE]: "global" }, parent);
}

function unhealthyAlarm(
    logicalName: string,
    check: aws.route53.HealthCheck,
    topicArn: pulumi.Output<string>,
    description: string,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(
        logicalName,
        {
            alarmDescription: description,
            namespace: "AWS/Route53",
            metricName: "HealthCheckStatus",
            dimensions: { HealthCheckId: check.id },
            statistic: "Minimum",
            period: 60,
            evaluationPeriods: 1,
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            // Route 53 reports every minute; silence means the check is gone, which is as bad as unhealthy.
            treatMissingData: "breaching",
            alarmActions: [topicArn],
            okActions: [topicArn],
            tags,
        },
        { parent },
    );
}
