/**
 * LatencyRouting's alarms: one per regional check and one over every gate, in us-east-1 where Route 53 publishes
 * its health metrics, notifying the given topic or one this component creates.
 */
import { SCOPE_GLOBAL } from "../../packages/aws-facts";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedLatencyRoutingArgs, TAG_SCOPE } from "./args";

/** The given topic, else a topic of this component's own. */
export function alarmTopicArn(name: string, args: ResolvedLatencyRoutingArgs, parent: pulumi.Resource): pulumi.Output<string> {
    if (args.alarmTopicArn) return pulumi.output(args.alarmTopicArn);
    return new aws.sns.Topic(`${name}-alarms`, { tags: { ...args.tags, [TAG_SCOPE]: SCOPE_GLOBAL } }, { parent }).arn;
}

/** What one alarm watches: a regional check (`<name>-<region>-alarm`) or the check over every gate. */
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
