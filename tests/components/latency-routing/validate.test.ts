/** validateLatencyRoutingArgs: one mutation of valid args per case, with the exact problems it renders. */
import { renderProblem } from "../../../packages/aws-facts";
import { DEFAULT_ROUTE53_SETTINGS } from "../../../packages/failover-model";
import { LatencyRoutingArgs, validateLatencyRoutingArgs } from "../../../components/latency-routing";
import { argsFor, REGION_SETS } from "./support";

const CHECKERS = "us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1";
const problems = (args: LatencyRoutingArgs) => validateLatencyRoutingArgs(args).map(renderProblem);

describe("validateLatencyRoutingArgs", () => {
    const base = argsFor(REGION_SETS[2]!);
    test.each<[string, Partial<LatencyRoutingArgs>, string[]]>([
        ["valid", {}, []],
        ["unknown drained region", { drain: ["ap-south-1"] }, ['drain[0]: "ap-south-1" is not one of the regions; allowed: us-east-1, eu-west-1']],
        ["two checker regions", { checkerRegions: ["us-east-1", "eu-west-1"] }, ['checkerRegions: ["us-east-1","eu-west-1"] has 2; allowed: at least 3 checker regions']],
        [
            "not a checker region",
            { checkerRegions: ["us-east-1", "eu-west-1", "eu-central-1"] },
            [`checkerRegions[2]: "eu-central-1" is not a Route 53 checker region; allowed: ${CHECKERS}`],
        ],
        [
            "bad interval",
            { settings: { ...DEFAULT_ROUTE53_SETTINGS, requestIntervalSeconds: 20 } },
            ["settings: request interval must be 10 or 30 s, got 20; allowed: settings the failover model accepts (see resolveRoute53)"],
        ],
        [
            "dual-stack CNAME",
            { dualStack: true, settings: { ...DEFAULT_ROUTE53_SETTINGS, recordKind: "cname", cnameTtlSeconds: 30 } },
            ["dualStack: a CNAME answers for both address families; allowed: dualStack with alias records only"],
        ],
        [
            "topic outside us-east-1",
            { alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:oncall" },
            ['alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:oncall" is not in us-east-1; allowed: a topic in us-east-1, where Route 53 metrics are'],
        ],
    ])("%s", (_, change, expected) => {
        expect(problems({ ...base, ...change })).toEqual(expected);
    });

    test("duplicate regions", () => {
        expect(problems(argsFor(["us-east-1", "us-east-1"]))).toEqual(['regions[1]: "us-east-1" is listed twice; allowed: each region once']);
    });

    test("every problem carries a stable code", () => {
        const args = { ...argsFor(["us-east-1", "us-east-1"]), drain: ["us-east-1"], checkerRegions: ["eu-central-1"], alarmTopicArn: "oncall" };
        expect(validateLatencyRoutingArgs(args).map((p) => p.code)).toEqual([
            "duplicate",
            "drain-everything",
            "checker-region-count",
            "checker-region-unknown",
            "alarm-topic-region",
        ]);
    });
});
