import { check, Case, UNKNOWN_NUMBER, UNKNOWN_STRING, withProps } from "../../testing/fixtures";
import { healthCheckCheckerRegions } from "./health-check-checker-regions";
import { healthCheckEnabled } from "./health-check-enabled";
import { healthCheckFailoverBudget } from "./health-check-failover-budget";
import { healthCheckHttpsSni } from "./health-check-https-sni";
import { healthCheckNotInverted } from "./health-check-not-inverted";
import { latencyRecordHealthChecked } from "./latency-record-health-checked";
import { latencyRecordIdentified } from "./latency-record-identified";
import { gateCheck, HEALTH_CHECK, regionalCheck } from "../../../tests/fixtures/route53/health-check";
import { latencyRecord, RECORD } from "../../../tests/fixtures/route53/record";

const check_ = { type: HEALTH_CHECK, name: "app-traffic-eu-west-1-check", props: regionalCheck("eu-west-1") };

const gate = { type: HEALTH_CHECK, name: "app-traffic-eu-west-1-gate", props: gateCheck("eu-west-1", "check-eu-west-1") };

const record = { type: RECORD, name: "app-traffic-eu-west-1-record", props: latencyRecord("eu-west-1", "gate-eu-west-1") };

describe("aws-route53-health-check-https-sni", () => {
    test("passes an HTTPS check with SNI", async () => {
        expect(await check(healthCheckHttpsSni, check_)).toEqual([]);
    });
    test.each<Case>([
        ["HTTP", (p) => (p.type = "HTTP"), ['type is "HTTP"; allowed: "HTTPS" or "HTTPS_STR_MATCH"']],
        ["TCP", (p) => (p.type = "TCP"), ['type is "TCP"; allowed: "HTTPS" or "HTTPS_STR_MATCH"']],
        ["SNI off", (p) => (p.enableSni = false), ["enableSni is false; allowed: true (API Gateway picks the certificate by SNI)"]],
        ["SNI unset (Route 53 turns it on for HTTPS)", (p) => delete p.enableSni, []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(healthCheckHttpsSni, withProps(check_, change))).toEqual(expected);
    });
    test("calculated checks are not endpoint checks", async () => {
        expect(await check(healthCheckHttpsSni, gate)).toEqual([]);
    });
});

describe("aws-route53-health-check-failover-budget", () => {
    test("passes interval 30 s x threshold 1 against the default 180 s target", async () => {
        expect(await check(healthCheckFailoverBudget, check_)).toEqual([]);
    });
    test.each<Case>([
        [
            "AWS's defaults (30 s x 3) against 120 s",
            (p) => (delete p.requestInterval, delete p.failureThreshold),
            [
                "requestInterval 30 s x failureThreshold 3 cannot meet the RTO target of 120 s (pack config rtoTargetSeconds): even with a 30 s DNS cache the modeled RTO is 158 s; allowed: e.g. interval 30 s, threshold 1, TTL 60 s (116 s)",
            ],
        ],
        ["interval 20", (p) => (p.requestInterval = 20), ["requestInterval is 20; allowed: 10 or 30"]],
        ["threshold 11", (p) => (p.failureThreshold = 11), ["failureThreshold is 11; allowed: 1 to 10"]],
        ["threshold unknown during preview", (p) => (p.failureThreshold = UNKNOWN_NUMBER), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(healthCheckFailoverBudget, withProps(check_, change), { rtoTargetSeconds: 120 })).toEqual(expected);
    });
    test("a tighter target declared by tag wins over the pack config", async () => {
        const declared = withProps(check_, (p) => (p.tags["activeactive:rto-target-seconds"] = "60"));
        expect(await check(healthCheckFailoverBudget, declared, { rtoTargetSeconds: 300 })).toEqual([
            "requestInterval 30 s x failureThreshold 1 cannot meet the RTO target of 60 s (tag activeactive:rto-target-seconds): even with a 30 s DNS cache the modeled RTO is 86 s; allowed: a target of at least 66 s",
        ]);
    });
});

describe("aws-route53-health-check-checker-regions", () => {
    test("passes three checker regions", async () => {
        expect(await check(healthCheckCheckerRegions, check_)).toEqual([]);
    });
    test.each<Case>([
        ["two regions", (p) => (p.regions = ["us-east-1", "eu-west-1"]), ['regions: ["us-east-1","eu-west-1"] has 2; allowed: at least 3 checker regions']],
        [
            "a region without checkers",
            (p) => (p.regions = ["us-east-1", "eu-west-1", "eu-central-1"]),
            ['regions[2]: "eu-central-1" is not a Route 53 checker region; allowed: us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1'],
        ],
        ["unset (every checker region)", (p) => delete p.regions, []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(healthCheckCheckerRegions, withProps(check_, change))).toEqual(expected);
    });
});

describe("aws-route53-health-check-enabled", () => {
    test("passes an enabled check", async () => {
        expect(await check(healthCheckEnabled, check_)).toEqual([]);
    });
    test.each<Case>([
        ["disabled endpoint check", (p) => (p.disabled = true), ["disabled is true, and Route 53 treats a disabled check as healthy; allowed: false or unset"]],
    ])("%s", async (_title, change, expected) => {
        expect(await check(healthCheckEnabled, withProps(check_, change))).toEqual(expected);
    });
    test("disabled gate check", async () => {
        expect(await check(healthCheckEnabled, withProps(gate, (p) => (p.disabled = true)))).toEqual([
            "disabled is true, and Route 53 treats a disabled check as healthy; allowed: false or unset",
        ]);
    });
});

describe("aws-route53-health-check-not-inverted", () => {
    test("passes a check that is not inverted", async () => {
        expect(await check(healthCheckNotInverted, gate)).toEqual([]);
    });
    test.each<Case>([
        ["inverted", (p) => (p.invertHealthcheck = true), ["invertHealthcheck is true, which reports a failed endpoint as healthy; allowed: false or unset"]],
    ])("%s", async (_title, change, expected) => {
        expect(await check(healthCheckNotInverted, withProps(check_, change))).toEqual(expected);
    });
    test("passes an inverted routing control check: a drain switch, Off (ARC's initial state) serving", async () => {
        const control = { ...gate, props: { type: "RECOVERY_CONTROL", routingControlArn: "arn:aws:route53-recovery-control::123456789012:controlpanel/p/routingcontrol/c", invertHealthcheck: true } };
        expect(await check(healthCheckNotInverted, control)).toEqual([]);
    });
});

describe("aws-route53-latency-record-identified", () => {
    test("passes a latency record with identifier and region", async () => {
        expect(await check(latencyRecordIdentified, record)).toEqual([]);
    });
    test.each<Case>([
        ["no set identifier", (p) => delete p.setIdentifier, ["setIdentifier is unset; allowed: a unique identifier per latency record, e.g. the region"]],
        ["no region", (p) => (p.latencyRoutingPolicies = [{}]), ["latencyRoutingPolicies[0].region is unset; allowed: the AWS region of the record's target"]],
        ["not a region", (p) => (p.latencyRoutingPolicies = [{ region: "europe" }]), ['latencyRoutingPolicies[0].region is "europe"; allowed: the AWS region of the record\'s target']],
        [
            "set identifier without a routing policy",
            (p) => delete p.latencyRoutingPolicies,
            ['setIdentifier is "eu-west-1" but the record has no routing policy; allowed: latencyRoutingPolicies = [{ region }]'],
        ],
        ["a plain record is not a latency record", (p) => (delete p.latencyRoutingPolicies, delete p.setIdentifier), []],
        ["a weighted record is not a latency record", (p) => (delete p.latencyRoutingPolicies, (p.weightedRoutingPolicies = [{ weight: 10 }])), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(latencyRecordIdentified, withProps(record, change))).toEqual(expected);
    });
});

describe("aws-route53-latency-record-health-checked", () => {
    test("passes a latency record with a health check", async () => {
        expect(await check(latencyRecordHealthChecked, record)).toEqual([]);
    });
    test.each<Case>([
        ["no health check", (p) => delete p.healthCheckId, ["healthCheckId is unset on the latency record for eu-west-1; allowed: the id of the region's health check"]],
        ["health check id unknown during preview", (p) => (p.healthCheckId = UNKNOWN_STRING), []],
        ["a plain record needs none", (p) => (delete p.latencyRoutingPolicies, delete p.healthCheckId), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(latencyRecordHealthChecked, withProps(record, change))).toEqual(expected);
    });
});
