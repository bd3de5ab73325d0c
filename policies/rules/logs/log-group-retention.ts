/**
 * aws-cloudwatch-log-group-retention
 *
 * Requires: log groups set `retentionInDays` (0, the API's "never expire", does not count) of at least the
 * configured minimum (`minRetentionDays`, default 1).
 * Why: log groups without retention keep every line forever and cost grows with traffic in every region; too
 * short a retention loses the evidence of an incident before it is reviewed.
 * Severity: low.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, num, setting } from "../../lib/values";

export interface RetentionConfig {
    minRetentionDays: number;
}

export const logGroupRetention = resourceRule<RetentionConfig>({
    name: "aws-cloudwatch-log-group-retention",
    description: "CloudWatch log groups expire their logs after a set retention.",
    severity: "low",
    url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention",
    remediationSteps: "Set retentionInDays (e.g. 30 or 90).",
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    configSchema: {
        properties: {
            minRetentionDays: { type: "integer", minimum: 1, default: 1, description: "Shortest retention allowed, in days." },
        },
    },
    validate: ({ props, config }, report) => {
        const v = props.retentionInDays;
        if (isUnknown(v)) return;
        const days = num(v);
        if (days === undefined || days === 0) report(`retentionInDays is ${setting(v)} (logs never expire); allowed: at least ${config.minRetentionDays}`);
        else if (days < config.minRetentionDays) report(`retentionInDays is ${days}; allowed: at least ${config.minRetentionDays}`);
    },
});
