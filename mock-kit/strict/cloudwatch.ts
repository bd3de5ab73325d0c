/**
 * CloudWatch: PutMetricAlarm and CloudWatch Logs' CreateLogGroup / PutRetentionPolicy.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
import { CLOUDWATCH_MAX_EVALUATION_SECONDS, LOG_RETENTION_DAYS } from "../../packages/aws-facts";
import { Problems, Resource, ResourceRule, list, parseArn } from "./common";

/** The alarm's period: its own, or (metric math) the period of its metric queries. */
function alarmPeriod(r: Resource): number | undefined {
    if (typeof r.inputs.period === "number") return r.inputs.period;
    const periods = list(r.inputs.metricQueries).map((q: any) => q?.metric?.period).filter((x): x is number => typeof x === "number");
    return periods.length > 0 ? Math.max(...periods) : undefined;
}

/** PutMetricAlarm: Period x EvaluationPeriods within 7 days (1 day for periods under an hour). */
function evaluationRange(r: Resource, p: Problems): void {
    const period = alarmPeriod(r);
    const n = r.inputs.evaluationPeriods;
    if (typeof period !== "number" || typeof n !== "number") return;
    const { total, shortPeriods, shortPeriodBelow } = CLOUDWATCH_MAX_EVALUATION_SECONDS;
    const max = period < shortPeriodBelow ? shortPeriods : total;
    if (period * n > max) {
        p.add(`ValidationError: The evaluation period of ${period * n} seconds (Period ${period} x EvaluationPeriods ${n}) exceeds the maximum of ${max} seconds`);
    }
}

/** A metric-math alarm: no metric of its own, and exactly one query whose value the alarm compares (ReturnData). */
function metricMath(r: Resource, p: Problems): void {
    const queries = r.inputs.metricQueries;
    if (!Array.isArray(queries) || queries.length === 0) return;
    if (!r.absent("metricName")) p.add("ValidationError: Metrics list must not be set together with MetricName");
    if (queries.some((q) => q === undefined || q.returnData === undefined)) return;
    const returned = queries.filter((q: any) => q.returnData === true).length;
    if (returned !== 1) p.add(`ValidationError: Exactly one element of the metrics list should return data (ReturnData true), found ${returned}`);
}

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
        evaluationRange(r, p);
        metricMath(r, p);
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
