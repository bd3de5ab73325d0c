/** validateLatencyRoutingArgs: one mutation of valid args per case, with the exact problems it renders. */
import * as pulumi from "@pulumi/pulumi";
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

    test("duplicate regions (and so their pinned names)", () => {
        expect(problems(argsFor(["us-east-1", "us-east-1"]))).toEqual([
            'regions[1]: "us-east-1" is listed twice; allowed: each region once',
            'regions[1].pinned.name: "us-east-1.api.example.com" is another region\'s pinned name; allowed: one pinned name per region',
        ]);
    });

    test.each<[string, (a: LatencyRoutingArgs) => void, string[]]>([
        [
            "a check of the service name",
            (a) => (a.regions[0]!.healthCheckHostname = "api.example.com"),
            ['regions[0].healthCheckHostname: "api.example.com" is the service name, which answers from whichever region is nearest the checker; allowed: the region-pinned name us-east-1.api.example.com'],
        ],
        [
            "a check of the API's default endpoint",
            (a) => (a.regions[1]!.healthCheckHostname = "abc123defg.execute-api.eu-west-1.amazonaws.com"),
            ['regions[1].healthCheckHostname: "abc123defg.execute-api.eu-west-1.amazonaws.com" is the API\'s default execute-api endpoint, which bypasses the custom domain users take; allowed: the region-pinned name eu-west-1.api.example.com'],
        ],
        [
            "a pinned name that is the service name",
            (a) => (a.regions[0]!.pinned!.name = "api.example.com"),
            ['regions[0].pinned.name: "api.example.com" is the service name; allowed: a name of this region only, e.g. us-east-1.api.example.com'],
        ],
        [
            "an alias to a target without a hosted zone",
            (a) => (a.regions[1]!.target = { name: "eu.origin.example.net" }),
            ['regions[1].target: {"name":"eu.origin.example.net"} has no hosted zone, and Route 53 aliases only to AWS resources; allowed: an AWS target with its zoneId, or settings.recordKind "cname" (one CNAME per region)'],
        ],
        ["a created topic without an account for its key", (a) => delete a.account, ["account: is missing; allowed: the account id the alarm topic's key belongs to, or alarmTopicArn"]],
    ])("%s", (_, change, expected) => {
        const args = { ...base, regions: base.regions.map((r) => ({ ...r, pinned: r.pinned && { ...r.pinned } })) };
        change(args);
        expect(problems(args)).toEqual(expected);
    });

    test("a zoneless target is fine for a CNAME, and a target still unknown is the strict mocks' to judge", () => {
        const cname = { ...DEFAULT_ROUTE53_SETTINGS, recordKind: "cname" as const, cnameTtlSeconds: 60 };
        const regions = base.regions.map((r) => ({ ...r, target: { name: `${r.region}.origin.example.net` } }));
        expect(problems({ ...base, regions, settings: cname })).toEqual([]);
        expect(problems({ ...base, regions: base.regions.map((r) => ({ ...r, target: pulumi.output({ name: "x.example.net" }) })) })).toEqual([]);
    });

    test("every problem carries a stable code", () => {
        const args = { ...argsFor(["us-east-1", "us-east-1"]), drain: ["us-east-1"], checkerRegions: ["eu-central-1"], alarmTopicArn: "oncall" };
        expect(validateLatencyRoutingArgs(args).map((p) => p.code)).toEqual([
            "duplicate",
            "drain-everything",
            "checker-region-count",
            "checker-region-unknown",
            "alarm-topic-region",
            "duplicate",
        ]);
    });
});

describe("policy (issue 18)", () => {
    const regions = REGION_SETS[3]!;
    test("every Route 53 mode within its limits is accepted", () => {
        for (const policy of [
            { policy: "weighted", weights: { "us-east-1": 0, "us-west-2": 255, "eu-west-1": 1 } },
            { policy: "geoproximity", biases: { "us-east-1": -99, "us-west-2": 99, "eu-west-1": 0 } },
            { policy: "failover", primary: "us-east-1", standbys: ["us-west-2", "eu-west-1"] },
            { policy: "geolocation", locations: [{ region: "us-east-1", continent: "NA" }], defaultTarget: null },
        ] as const) {
            expect(validateLatencyRoutingArgs(argsFor(regions, { policy: policy as any }))).toEqual([]);
        }
    });
    test("a weight out of range, a location mapped twice, an unknown primary and a Cloudflare-only policy", () => {
        const lines = (policy: unknown) => validateLatencyRoutingArgs(argsFor(regions, { policy: policy as any })).map(renderProblem);
        expect(lines({ policy: "weighted", weights: { "us-east-1": 256, "us-west-2": 1, "eu-west-1": 1 } })).toEqual(["policy.weights.us-east-1: 256 is out of range; allowed: an integer from 0 to 255"]);
        expect(lines({ policy: "geolocation", locations: [{ region: "us-east-1", continent: "EU" }, { region: "eu-west-1", continent: "EU" }], defaultTarget: "nearest" })).toEqual([
            'policy.locations[1]: "EU" is mapped twice; allowed: each location once (Route 53 refuses two records for one location)',
        ]);
        expect(lines({ policy: "failover", primary: "ap-south-1", standbys: regions })).toEqual(['policy.primary: "ap-south-1" is not one of the regions; allowed: us-east-1, us-west-2, eu-west-1']);
        expect(lines({ policy: "least_connections", weights: {} })).toEqual(['policy.policy: "least_connections" is not a Route 53 routing policy; allowed: latency, weighted, geoproximity, geolocation, failover']);
    });
});
