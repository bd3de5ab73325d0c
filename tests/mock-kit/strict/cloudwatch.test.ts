/**
 * Strict mocks, CloudWatch: LatencyRouting's health check alarm and RegionalService's log group (the canonical
 * fixtures) pass; each constraint of PutMetricAlarm and PutRetentionPolicy rejects one mutation with the API's message.
 */
import { ACCOUNT } from "../../fixtures/common";
import { functionLogGroup, LOG_GROUP } from "../../fixtures/cloudwatch/log-group";
import { healthCheckAlarm, METRIC_ALARM } from "../../fixtures/cloudwatch/metric-alarm";
import { check, Mutation, mutated, schema } from "./support";

const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:app-traffic-alarms`;
const ALARM = healthCheckAlarm("api.example.com: region us-east-1 is unhealthy", "405934e1-9412-9baf-40d4-f2719b905ec5", TOPIC, { "activeactive:region": "us-east-1" });
const LOG_GROUP_INPUTS = functionLogGroup("us-east-1");

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

    test("a log retention of 2 days is rejected", () => {
        expect(check(LOG_GROUP, { ...LOG_GROUP_INPUTS, retentionInDays: 2 })).toEqual([
            schema(
                "InvalidParameterException",
                "Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
            ),
        ]);
    });
});
