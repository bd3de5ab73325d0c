/**
 * Strict mocks, CloudWatch: LatencyRouting's health check alarm and RegionalService's log group (the canonical
 * fixtures) pass; each constraint of PutMetricAlarm and PutRetentionPolicy rejects one mutation with the API's message.
 */
import { ACCOUNT } from "../../fixtures/common";
import { functionLogGroup, LOG_GROUP } from "../../fixtures/cloudwatch/log-group";
import { failOpenAlarm, healthCheckAlarm, METRIC_ALARM } from "../../fixtures/cloudwatch/metric-alarm";
import { check, Mutation, mutated, schema } from "./support";

const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:app-traffic-alarms`;
const ALARM = healthCheckAlarm("api.example.com: region us-east-1 is unhealthy", "405934e1-9412-9baf-40d4-f2719b905ec5", TOPIC, { "activeactive:region": "us-east-1" });
const LOG_GROUP_INPUTS = functionLogGroup("us-east-1");
const FAIL_OPEN = failOpenAlarm({ "us-east-1": "gate-1", "us-west-2": "gate-2" }, TOPIC, { "activeactive:scope": "global" });

describe("CloudWatch", () => {
    test("the program's alarm and log group pass", () => {
        expect(check(METRIC_ALARM, ALARM)).toEqual([]);
        expect(check(LOG_GROUP, LOG_GROUP_INPUTS)).toEqual([]);
    });

    test.each<Mutation>([
        [
            "a topic in another region",
            (t) => (t.alarmActions = [TOPIC.replace("us-east-1", "eu-west-1")]),
            ["ValidationError: Invalid region eu-west-1 specified. Only us-east-1 is supported."],
        ],
        ["a period of 45 s", (t) => (t.period = 45), ["ValidationError: Period 45 is not valid; valid values are 10, 20, 30 and any multiple of 60"]],
        ["0 evaluation periods", (t) => (t.evaluationPeriods = 0), [schema("ValidationError", "Value '0' at 'evaluationPeriods' failed to satisfy constraint: Member must have value greater than or equal to 1")]],
    ])("an alarm with %s is rejected", (_, mutate, expected) => {
        expect(check(METRIC_ALARM, mutated(ALARM, mutate))).toEqual(expected);
    });

    test("the fail-open alarm (metric math over the gates) passes", () => {
        expect(check(METRIC_ALARM, FAIL_OPEN)).toEqual([]);
    });

    test.each<Mutation>([
        [
            "no query returning data",
            (t) => (t.metricQueries.at(-1).returnData = false),
            ["ValidationError: Exactly one element of the metrics list should return data (ReturnData true), found 0"],
        ],
        ["a metric name beside the queries", (t) => (t.metricName = "HealthCheckStatus"), ["ValidationError: Metrics list must not be set together with MetricName"]],
        [
            "a one-minute period over more than a day",
            (t) => (t.evaluationPeriods = 1441),
            ["ValidationError: The evaluation period of 86460 seconds (Period 60 x EvaluationPeriods 1441) exceeds the maximum of 86400 seconds"],
        ],
    ])("a metric-math alarm with %s is rejected", (_, mutate, expected) => {
        expect(check(METRIC_ALARM, mutated(FAIL_OPEN, mutate))).toEqual(expected);
    });

    test("daily periods may span up to 7 days, not 8", () => {
        const daily = { ...ALARM, period: 86400, evaluationPeriods: 7 };
        expect(check(METRIC_ALARM, daily)).toEqual([]);
        expect(check(METRIC_ALARM, { ...daily, evaluationPeriods: 8 })).toEqual([
            "ValidationError: The evaluation period of 691200 seconds (Period 86400 x EvaluationPeriods 8) exceeds the maximum of 604800 seconds",
        ]);
    });

    test("a log retention of 2 days is rejected", () => {
        expect(check(LOG_GROUP, { ...LOG_GROUP_INPUTS, retentionInDays: 2 })).toEqual([
            schema(
                "InvalidParameterException",
                "Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
            ),
        ]);
    });
});
