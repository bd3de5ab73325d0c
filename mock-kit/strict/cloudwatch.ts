/**
 * CloudWatch: PutMetricAlarm and CloudWatch Logs' CreateLogGroup / PutRetentionPolicy.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
import { LOG_RETENTION_DAYS } from "../../packages/aws-facts";
import { Problems, ResourceRule, list, parseArn } from "./common";

const metricAlarm: ResourceRule = {
    check(r) {
        const i = r.inputs;
        const p = new Problems("ValidationError");
        p.between("evaluationPeriods", i.evaluationPeriods, 1, Number.MAX_SAFE_INTEGER);
        if (typeof i.period === "number" && ![10, 20, 30].includes(i.period) && i.period % 60 !== 0) {
            p.add(`ValidationError: Period ${i.period} is not valid; valid values are 10, 20, 30 and any multiple of 60`);
        }
        // An alarm can only notify an SNS topic of its own region.
        const actions = [...list(i.alarmActions), ...list(i.okActions), ...list(i.insufficientDataActions)];
        for (const a of actions) {
            const arn = parseArn(a);
            if (arn?.service === "sns" && r.region && arn.region !== r.region) {
                p.add(`ValidationError: Invalid region ${arn.region} specified. Only ${r.region} is supported.`);
            }
        }
        return p.list();
    },
};

const logGroup: ResourceRule = {
    check(r) {
        const i = r.inputs;
        const p = new Problems("InvalidParameterException");
        p.oneOf("retentionInDays", i.retentionInDays, LOG_RETENTION_DAYS);
        p.length("logGroupName", i.name, 1, 512);
        p.pattern("logGroupName", i.name, /^[.\-_/#A-Za-z0-9]+$/, "[\\.\\-_/#A-Za-z0-9]+");
        return p.list();
    },
};

export const CLOUDWATCH_RULES: Record<string, ResourceRule> = {
    "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
    "aws:cloudwatch/logGroup:LogGroup": logGroup,
};
