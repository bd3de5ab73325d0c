import { activeActiveStack, ALARM_TOPIC_ARN, checkStack, mutate, provider, resource, TAGS, UNKNOWN_STRING, urnOf, without } from "../../testing/fixtures";
import { alarmActionsReachSubscriber } from "./alarm-actions-reach-subscriber";
import { allRegionsUnhealthyAlarm } from "./all-regions-unhealthy-alarm";
import { drainKeepsServingRegions } from "./drain-keeps-serving-regions";
import { iamAuthRegionPinned } from "./iam-auth-region-pinned";
import { jwtIssuerOutsideRegions } from "./jwt-issuer-outside-regions";
import { minRegions } from "./min-regions";
import { modeledRto } from "./modeled-rto";
import { regionParity } from "./region-parity";
import { strongConsistencyTopology } from "./strong-consistency-topology";
import { tableProtected } from "./table-protected";

const TABLE_URN = urnOf("aws:dynamodb/table:Table", "app-table");
const CHECK = "aws:route53/healthCheck:HealthCheck";
const ALL = "eu-west-1, us-east-1, us-west-2";
const stack = activeActiveStack();

describe("active-active-min-regions", () => {
    test("passes three regions against a minimum of 3", async () => {
        expect(await checkStack(minRegions, stack, { minRegions: 3 })).toEqual([]);
    });
    test("two regions against a minimum of 3", async () => {
        expect(await checkStack(minRegions, activeActiveStack({ regions: ["us-east-1", "us-west-2"] }), { minRegions: 3 })).toEqual([
            { message: "the stack spans 2 regions (us-east-1, us-west-2); allowed: at least 3 (pack config minRegions)" },
        ]);
    });
    test("the default minimum is 2", async () => {
        expect(await checkStack(minRegions, activeActiveStack({ regions: ["us-east-1", "us-west-2"] }))).toEqual([]);
    });
    test("does not apply to a stack without active-active resources", async () => {
        expect(await checkStack(minRegions, [resource("aws:s3/bucket:Bucket", "b", {}, { region: "us-east-1" })])).toBe("not applicable");
    });
});

describe("active-active-region-parity", () => {
    test("passes a stack with one of everything in every region (Route 53)", async () => {
        expect(await checkStack(regionParity, stack)).toEqual([]);
    });
    test("passes a stack with one of everything in every region (Cloudflare)", async () => {
        expect(await checkStack(regionParity, activeActiveStack({ traffic: "cloudflare" }))).toEqual([]);
    });
    test("passes external endpoints (no Lambda functions)", async () => {
        const external = stack.filter((r) => r.type !== "aws:lambda/function:Function");
        expect(await checkStack(regionParity, external)).toEqual([]);
    });
    test("passes without the region tags: regions come from logical names", async () => {
        let untagged = stack;
        for (const r of stack.filter((x) => x.type === CHECK)) untagged = mutate(untagged, r.name, (i) => (i.tags = TAGS));
        expect(await checkStack(regionParity, untagged)).toEqual([]);
    });
    test("global monitoring in us-east-1 is no stray on a stack outside us-east-1", async () => {
        expect(await checkStack(regionParity, activeActiveStack({ regions: ["eu-west-1", "eu-west-2", "eu-central-1"] }))).toEqual([]);
    });
    test("a missing replica", async () => {
        const broken = mutate(stack, "app-table", (i) => (i.replicas = i.replicas.filter((r: any) => r.regionName !== "eu-west-1")));
        expect(await checkStack(regionParity, broken)).toEqual([
            {
                message: `region eu-west-1 has no replica of table "app-table" (home us-east-1, replicas: us-west-2); allowed: the home table or exactly one replica in every region of the stack (${ALL})`,
                urn: TABLE_URN,
            },
        ]);
    });
    test("a replica in the home region", async () => {
        const broken = mutate(stack, "app-table", (i) => i.replicas.push({ ...i.replicas[0], regionName: "us-east-1" }));
        expect(await checkStack(regionParity, broken)).toEqual([
            { message: 'table "app-table" has a replica in its home region us-east-1; allowed: replicas in the other regions only', urn: TABLE_URN },
        ]);
    });
    test("two replicas in one region", async () => {
        const broken = mutate(stack, "app-table", (i) => i.replicas.push({ ...i.replicas[0] }));
        expect(await checkStack(regionParity, broken)).toEqual([{ message: 'table "app-table" has 2 replicas in us-west-2; allowed: exactly one per region', urn: TABLE_URN }]);
    });
    test("a region without its regional service", async () => {
        expect(await checkStack(regionParity, without(stack, "app-eu-west-1-fn"))).toEqual([
            { message: `region eu-west-1 has no regional service (Lambda function); allowed: exactly one in every region of the stack (${ALL})` },
        ]);
    });
    test("two functions in one region", async () => {
        const extra = resource("aws:lambda/function:Function", "app-us-west-2-extra", { runtime: "nodejs22.x", role: "r" }, { region: "us-west-2" });
        expect(await checkStack(regionParity, [...stack, extra])).toEqual([
            {
                message: 'region us-west-2 has 2 regional service (Lambda function)s ("app-us-west-2-fn", "app-us-west-2-extra"); allowed: exactly one',
                urn: extra.urn,
            },
        ]);
    });
    test("a region without its endpoint health check", async () => {
        expect(await checkStack(regionParity, without(stack, "app-traffic-eu-west-1-check"))).toEqual([
            { message: `region eu-west-1 has no endpoint health check; allowed: exactly one HTTPS health check (tag activeactive:region=<region>) in every region of the stack (${ALL})` },
        ]);
    });
    test("a region without its latency record", async () => {
        expect(await checkStack(regionParity, without(stack, "app-traffic-eu-west-1-record"))).toEqual([
            { message: `region eu-west-1 has no latency record of type A; allowed: exactly one in every region of the stack (${ALL})` },
        ]);
    });
    test("a health check that belongs to no region", async () => {
        const stray = resource(CHECK, "app-extra-check", { type: "HTTPS", fqdn: "api.example.com", tags: TAGS }, { region: "us-east-1" });
        expect(await checkStack(regionParity, [...stack, stray])).toEqual([
            { message: 'health check "app-extra-check" belongs to no known region; allowed: tag activeactive:region=<region>, or activeactive:scope=global for global monitoring', urn: stray.urn },
        ]);
    });
    test("a resource in a region outside the stack", async () => {
        const stray = resource("aws:kms/key:Key", "stray-key", { enableKeyRotation: true, tags: TAGS }, { region: "ap-south-1" });
        expect(await checkStack(regionParity, [...stack, provider("ap-south-1"), stray])).toEqual([
            {
                message: `"stray-key" (aws:kms/key:Key) is in ap-south-1, which is not a region of the stack (${ALL}); allowed: resources in the stack's regions, or global monitoring tagged activeactive:scope=global`,
                urn: stray.urn,
            },
        ]);
    });
    test("a Cloudflare region without its pool", async () => {
        expect(await checkStack(regionParity, without(activeActiveStack({ traffic: "cloudflare" }), "app-traffic-eu-west-1-pool"))).toEqual([
            { message: `region eu-west-1 has no load balancer pool; allowed: exactly one in every region of the stack (${ALL})` },
        ]);
    });
    test("no traffic layer at all", async () => {
        const bare = stack.filter((r) => !r.type.startsWith("aws:route53/") && !r.name.startsWith("app-traffic"));
        expect(await checkStack(regionParity, bare)).toEqual([
            { message: `the stack has no traffic layer (no latency records or Cloudflare pools); allowed: one routing record or pool per region (${ALL})` },
        ]);
    });
});

describe("active-active-strong-consistency-topology", () => {
    const US3 = ["us-east-1", "us-east-2", "us-west-2"];
    test("passes three strongly consistent replicas in the US set", async () => {
        expect(await checkStack(strongConsistencyTopology, activeActiveStack({ regions: US3, consistency: "strong" }))).toEqual([]);
    });
    test("passes two replicas and a witness", async () => {
        expect(await checkStack(strongConsistencyTopology, activeActiveStack({ regions: ["us-east-1", "us-east-2"], consistency: "strong", witness: "us-west-2" }))).toEqual([]);
    });
    test("does not apply to eventual consistency", async () => {
        expect(await checkStack(strongConsistencyTopology, stack)).toBe("not applicable");
    });
    test.each<[string, Parameters<typeof activeActiveStack>[0], string[]]>([
        [
            "two regions without a witness",
            { regions: ["us-east-1", "us-east-2"], consistency: "strong" },
            ['table "app-table": regions: ["us-east-1","us-east-2"] has 2 regions; allowed with consistency "strong": exactly 3 regions, or 2 regions plus globalTableWitness.regionName'],
        ],
        [
            "three regions and a witness",
            { regions: US3, consistency: "strong", witness: "us-east-2" },
            ['table "app-table": globalTableWitness.regionName: "us-east-2" is also a replica region; allowed: a third region of the same set that is not in regions'],
        ],
        [
            "regions across sets",
            { regions: ["us-east-1", "us-east-2", "eu-west-1"], consistency: "strong" },
            [
                'table "app-table": regions: ["us-east-1","us-east-2","eu-west-1"] are not all in one strong-consistency region set; allowed: all in one set (US: us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3)',
            ],
        ],
        [
            "a witness outside the replicas' region set",
            { regions: ["us-east-1", "us-east-2"], consistency: "strong", witness: "eu-west-1" },
            ['table "app-table": globalTableWitness.regionName: "eu-west-1" is not in the US strong-consistency region set of regions; allowed: us-west-2'],
        ],
        [
            "a witness on an eventually consistent table",
            { regions: ["us-east-1", "us-east-2"], witness: "us-west-2" },
            ['table "app-table" has globalTableWitness us-west-2 but its replicas are EVENTUAL; allowed: a witness only with consistencyMode "STRONG"'],
        ],
    ])("%s", async (_title, options, expected) => {
        expect(await checkStack(strongConsistencyTopology, activeActiveStack(options))).toEqual(expected.map((message) => ({ message, urn: TABLE_URN })));
    });
    test.each<[string, (i: Record<string, any>) => void, string]>([
        ["mixed modes", (i) => (i.replicas[1].consistencyMode = "EVENTUAL"), 'table "app-table" mixes consistency modes: us-west-2 EVENTUAL, us-east-2 STRONG; allowed: one consistencyMode for every replica'],
        ["TTL on", (i) => (i.ttl = { enabled: true, attributeName: "expiresAt" }), 'table "app-table": ttl.attributeName: "expiresAt" is not supported with consistency "strong"; allowed: null (the app enforces expiry itself)'],
        [
            "a local secondary index",
            (i) => (i.localSecondaryIndexes = [{ name: "by-date", rangeKey: "d", projectionType: "ALL" }]),
            'table "app-table": localSecondaryIndexes: ["by-date"] are not supported with consistency "strong"; allowed: []',
        ],
    ])("%s", async (_title, change, message) => {
        const broken = mutate(activeActiveStack({ regions: US3, consistency: "strong" }), "app-table", change);
        expect(await checkStack(strongConsistencyTopology, broken)).toEqual([{ message, urn: TABLE_URN }]);
    });
});

describe("active-active-modeled-rto", () => {
    const prod = { rtoTargetSeconds: 120 };
    const checkUrn = (r: string) => urnOf(CHECK, `app-traffic-${r}-check`);
    test("passes interval 30 s x threshold 1 with alias records (116 s) against 120 s", async () => {
        expect(await checkStack(modeledRto, stack, prod)).toEqual([]);
    });
    test("a region whose check went back to threshold 3", async () => {
        const broken = mutate(stack, "app-traffic-eu-west-1-check", (i) => (i.failureThreshold = 3));
        expect(await checkStack(modeledRto, broken, prod)).toEqual([
            {
                message: "region eu-west-1: modeled RTO 188 s (interval 30 s, threshold 3, TTL 60 s) exceeds the target 120 s (pack config rtoTargetSeconds); allowed: at most 120 s, e.g. interval 30 s, threshold 1, TTL 60 s (116 s)",
                urn: checkUrn("eu-west-1"),
            },
        ]);
    });
    test("a tighter target declared on the health checks wins", async () => {
        const declared = mutate(stack, "app-traffic-us-west-2-check", (i) => (i.tags["activeactive:rto-target-seconds"] = "100"));
        expect(await checkStack(modeledRto, declared, prod)).toEqual([
            {
                message: "region us-west-2: modeled RTO 116 s (interval 30 s, threshold 1, TTL 60 s) exceeds the target 100 s (tag activeactive:rto-target-seconds); allowed: at most 100 s, e.g. interval 10 s, threshold 1, TTL 60 s (96 s)",
                urn: checkUrn("us-west-2"),
            },
        ]);
    });
    test("a CNAME record with a long TTL", async () => {
        const cname = mutate(stack, "app-traffic-us-east-1-record", (i) => {
            delete i.aliases;
            i.type = "CNAME";
            i.ttl = 300;
            i.records = ["d-x.execute-api.us-east-1.amazonaws.com"];
        });
        expect(await checkStack(modeledRto, cname, prod)).toEqual([
            {
                message: "region us-east-1: modeled RTO 356 s (interval 30 s, threshold 1, TTL 300 s) exceeds the target 120 s (pack config rtoTargetSeconds); allowed: at most 120 s, e.g. interval 30 s, threshold 1, TTL 60 s (116 s)",
                urn: checkUrn("us-east-1"),
            },
        ]);
    });
    test("settings unknown during preview are skipped", async () => {
        const unknown = mutate(stack, "app-traffic-eu-west-1-check", (i) => (i.failureThreshold = "3eeb2bf0-c639-47a8-9e75-3b44932eb421"));
        expect(await checkStack(modeledRto, unknown, prod)).toEqual([]);
    });
    test("passes a proxied Cloudflare load balancer with a 15 s monitor (40 s)", async () => {
        expect(await checkStack(modeledRto, activeActiveStack({ traffic: "cloudflare" }), prod)).toEqual([]);
    });
    test("a slow Cloudflare monitor", async () => {
        const slow = mutate(activeActiveStack({ traffic: "cloudflare" }), "app-traffic-monitor", (i) => ((i.interval = 60), (i.consecutiveDown = 3)));
        expect(await checkStack(modeledRto, slow, prod)).toEqual([
            {
                message: 'monitor "app-traffic-monitor" behind load balancer "app-traffic-lb": modeled RTO 235 s (interval 60 s, consecutive down 3, retries 2) exceeds the target 120 s (pack config rtoTargetSeconds); allowed: at most 120 s (shorter interval, fewer consecutive-down)',
                urn: urnOf("cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor", "app-traffic-monitor"),
            },
        ]);
    });
    test("does not apply without a traffic layer", async () => {
        expect(await checkStack(modeledRto, [resource("aws:dynamodb/table:Table", "t", {}, { region: "us-east-1" })])).toBe("not applicable");
    });
});

describe("active-active-drain-keeps-serving-regions", () => {
    test("passes with nothing drained", async () => {
        expect(await checkStack(drainKeepsServingRegions, stack)).toEqual([]);
    });
    test("passes one region of three drained", async () => {
        expect(await checkStack(drainKeepsServingRegions, activeActiveStack({ drain: ["eu-west-1"] }))).toEqual([]);
    });
    test("two regions of three drained", async () => {
        expect(await checkStack(drainKeepsServingRegions, activeActiveStack({ drain: ["us-west-2", "eu-west-1"] }))).toEqual([
            { message: "1 region would serve (us-east-1) with eu-west-1, us-west-2 drained; allowed: at least 2 serving regions (pack config minServingRegions)" },
        ]);
    });
    test("two Cloudflare pools of three disabled", async () => {
        expect(await checkStack(drainKeepsServingRegions, activeActiveStack({ traffic: "cloudflare", drain: ["us-east-1", "eu-west-1"] }))).toEqual([
            { message: "1 region would serve (us-west-2) with eu-west-1, us-east-1 drained; allowed: at least 2 serving regions (pack config minServingRegions)" },
        ]);
    });
    test("one of two drained passes where the config allows one serving region (dev)", async () => {
        expect(await checkStack(drainKeepsServingRegions, activeActiveStack({ regions: ["us-east-1", "us-west-2"], drain: ["us-west-2"] }), { minServingRegions: 1 })).toEqual([]);
    });
    test("a gate whose threshold is unknown during preview counts as serving", async () => {
        let s = activeActiveStack({ drain: ["us-west-2", "eu-west-1"] });
        s = mutate(s, "app-traffic-eu-west-1-gate", (i) => (i.childHealthThreshold = "3eeb2bf0-c639-47a8-9e75-3b44932eb421"));
        expect(await checkStack(drainKeepsServingRegions, s)).toEqual([]);
    });
});

describe("active-active-all-regions-unhealthy-alarm", () => {
    const alarmUrn = urnOf("aws:cloudwatch/metricAlarm:MetricAlarm", "app-traffic-any-region-alarm");
    test("passes the metric-math alarm over every gate, in us-east-1", async () => {
        expect(await checkStack(allRegionsUnhealthyAlarm, stack)).toEqual([]);
    });
    test("no alarm over the gates", async () => {
        expect(await checkStack(allRegionsUnhealthyAlarm, without(stack, "app-traffic-any-region-alarm"))).toEqual([
            { message: "no alarm watches the HealthCheckStatus of the 3 gates; allowed: an alarm in us-east-1 over every region's gate that notifies when none is healthy" },
        ]);
    });
    test("an alarm that misses a region's gate", async () => {
        const partial = mutate(stack, "app-traffic-any-region-alarm", (i) => i.metricQueries.splice(1, 1));
        expect(await checkStack(allRegionsUnhealthyAlarm, partial)).toEqual([
            {
                message: 'alarm "app-traffic-any-region-alarm" watches 2 of the 3 gates (not app-traffic-us-west-2-gate); allowed: every region\'s gate',
                urn: alarmUrn,
            },
        ]);
    });
    test.each<[string, (i: Record<string, any>) => void, string]>([
        ["an alarm without actions", (i) => (i.alarmActions = []), 'alarm "app-traffic-any-region-alarm" has no alarmActions; allowed: an SNS topic in us-east-1'],
        ["an alarm with actions disabled", (i) => (i.actionsEnabled = false), 'alarm "app-traffic-any-region-alarm" has actionsEnabled false; allowed: true'],
    ])("%s", async (_title, change, message) => {
        expect(await checkStack(allRegionsUnhealthyAlarm, mutate(stack, "app-traffic-any-region-alarm", change))).toEqual([{ message, urn: alarmUrn }]);
    });
    test("an alarm outside us-east-1", async () => {
        const moved = stack.map((r) => (r.name === "app-traffic-any-region-alarm" ? { ...r, providerUrn: urnOf("pulumi:providers:aws", "aws-eu-west-1") } : r));
        expect(await checkStack(allRegionsUnhealthyAlarm, moved)).toEqual([
            { message: 'alarm "app-traffic-any-region-alarm" is in eu-west-1; allowed: us-east-1, the only region with Route 53 metrics', urn: alarmUrn },
        ]);
    });
    test("the old shape: a calculated check over the calculated gates, which Route 53 refuses", async () => {
        const anyRegion = { type: "CALCULATED", childHealthchecks: ["gate-us-east-1", "gate-us-west-2", "gate-eu-west-1"], childHealthThreshold: 1, tags: { ...TAGS, "activeactive:scope": "global" } };
        const nested = mutate(stack, "app-traffic-any-region", (i) => Object.assign(i, anyRegion));
        expect(await checkStack(allRegionsUnhealthyAlarm, nested)).toEqual([
            {
                message: 'calculated check "app-traffic-any-region" monitors calculated checks (gate-us-east-1, gate-us-west-2, gate-eu-west-1), which Route 53 refuses; allowed: endpoint, CloudWatch-alarm or routing-control children',
                urn: urnOf(CHECK, "app-traffic-any-region"),
            },
        ]);
    });
    test("ids unknown during preview: the alarm is found by its global-monitoring tag", async () => {
        let preview = mutate(stack, "app-traffic-any-region-alarm", (i) => i.metricQueries.forEach((q: any) => q.metric && (q.metric.dimensions = { HealthCheckId: UNKNOWN_STRING })));
        preview = preview.map((r) => (r.type === CHECK ? { ...r, id: UNKNOWN_STRING } : r));
        expect(await checkStack(allRegionsUnhealthyAlarm, preview)).toEqual([]);
    });
    test("does not apply to a Cloudflare stack", async () => {
        expect(await checkStack(allRegionsUnhealthyAlarm, activeActiveStack({ traffic: "cloudflare" }))).toBe("not applicable");
    });
});

describe("active-active-iam-auth-region-pinned", () => {
    const routeUrn = (region: string) => urnOf("aws:apigatewayv2/route:Route", `app-${region}-items-route`);
    const message = (region: string, name: string, layer: string) =>
        `routes GET /items/{id}, PUT /items/{id}, DELETE /items/{id} in ${region} use AWS_IAM while ${name} is routed across regions by ${layer}: ` +
        "a SigV4 signature names one region, so a request signed for one region fails in another after latency routing or a failover moves it; " +
        'allowed: JWT auth (service.auth {"type": "jwt", ...}), or IAM with clients that call and sign for the region-pinned names only';

    test("passes JWT routes behind latency records", async () => {
        expect(await checkStack(iamAuthRegionPinned, stack)).toEqual([]);
    });
    test("IAM routes behind Route 53 latency records, once per region", async () => {
        expect(await checkStack(iamAuthRegionPinned, activeActiveStack({ auth: "iam" }))).toEqual(
            ["eu-west-1", "us-east-1", "us-west-2"].map((r) => ({ message: message(r, "api.example.com", "Route 53 latency records"), urn: routeUrn(r) })),
        );
    });
    test("IAM routes behind a Cloudflare load balancer", async () => {
        const violations = await checkStack(iamAuthRegionPinned, activeActiveStack({ auth: "iam", traffic: "cloudflare" }));
        expect(violations).toEqual(["eu-west-1", "us-east-1", "us-west-2"].map((r) => ({ message: message(r, "api.example.com", "a Cloudflare load balancer"), urn: routeUrn(r) })));
    });
    test("IAM routes with no shared name routed across regions: not applicable", async () => {
        const noTraffic = activeActiveStack({ auth: "iam" }).filter((r) => !r.type.startsWith("aws:route53/") && r.type !== "aws:sns/topic:Topic" && r.type !== "aws:cloudwatch/metricAlarm:MetricAlarm");
        expect(await checkStack(iamAuthRegionPinned, noTraffic)).toBe("not applicable");
    });
});

describe("active-active-jwt-issuer-outside-regions", () => {
    const authorizerUrn = (region: string) => urnOf("aws:apigatewayv2/authorizer:Authorizer", `app-${region}-jwt`);

    test("passes an issuer that names no region", async () => {
        expect(await checkStack(jwtIssuerOutsideRegions, stack)).toEqual([]);
    });
    test("passes a Cognito issuer in a region the stack does not serve", async () => {
        expect(await checkStack(jwtIssuerOutsideRegions, activeActiveStack({ issuer: "https://cognito-idp.ap-south-1.amazonaws.com/ap-south-1_Abc123" }))).toEqual([]);
    });
    test("a Cognito issuer in one of the stack's regions, once for all its authorizers", async () => {
        const issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123";
        expect(await checkStack(jwtIssuerOutsideRegions, activeActiveStack({ issuer }))).toEqual([
            {
                message:
                    `JWT issuer ${issuer} is hosted in us-east-1, one of the stack's regions (${ALL}): every region's authorizer depends on it, ` +
                    "so an outage of us-east-1 can stop sign-in and authorization in every region; allowed: an issuer outside the stack's regions or one served from several",
                urn: authorizerUrn("us-east-1"),
            },
        ]);
    });
    test("no JWT authorizer: not applicable", async () => {
        expect(await checkStack(jwtIssuerOutsideRegions, activeActiveStack({ auth: "iam" }))).toBe("not applicable");
    });
});

describe("active-active-alarm-actions-reach-subscriber", () => {
    const alarmUrn = urnOf("aws:cloudwatch/metricAlarm:MetricAlarm", "app-traffic-any-region-alarm");
    test("passes a created topic with a subscription", async () => {
        expect(await checkStack(alarmActionsReachSubscriber, stack)).toEqual([]);
    });
    test("a created topic nobody subscribes to", async () => {
        expect(await checkStack(alarmActionsReachSubscriber, without(stack, "app-traffic-alarms-email"))).toEqual([
            {
                message: 'alarm "app-traffic-any-region-alarm" notifies topic "app-traffic-alarms", which has no subscription; allowed: a subscription on it (alarms.email) or an external topic (alarms.snsTopicArns)',
                urn: alarmUrn,
            },
        ]);
    });
    test("an external topic (not created by the stack) passes without a subscription of ours", async () => {
        const external = "arn:aws:sns:us-east-1:123456789012:pager";
        const s = mutate(without(stack, "app-traffic-alarms-email"), "app-traffic-any-region-alarm", (i) => {
            i.alarmActions = [external];
            i.okActions = [external];
        });
        expect(await checkStack(alarmActionsReachSubscriber, s)).toEqual([]);
    });
    test("a subscription whose topic is unknown during preview leaves nothing to judge", async () => {
        const s = mutate(stack, "app-traffic-alarms-email", (i) => (i.topic = UNKNOWN_STRING));
        expect(await checkStack(alarmActionsReachSubscriber, s)).toEqual([]);
        expect(ALARM_TOPIC_ARN).toMatch(/^arn:aws:sns:us-east-1:/);
    });
    test("does not apply to a stack without alarms", async () => {
        expect(await checkStack(alarmActionsReachSubscriber, [resource("aws:s3/bucket:Bucket", "b", {}, { region: "us-east-1" })])).toBe("not applicable");
    });
});

describe("active-active-table-protected", () => {
    test("passes a stack whose table carries Pulumi protect", async () => {
        expect(await checkStack(tableProtected, stack)).toEqual([]);
    });
    test("a table without protect (active-active:protect: false)", async () => {
        const unprotected = stack.map((r) => (r.type === "aws:dynamodb/table:Table" ? { ...r, protect: false } : r));
        expect(await checkStack(tableProtected, unprotected)).toEqual([
            { message: "app-table: Pulumi protect is off (active-active:protect is false); allowed: protect on (active-active:protect: true)", urn: TABLE_URN },
        ]);
    });
    test("does not apply to a stack without a table", async () => {
        expect(await checkStack(tableProtected, stack.filter((r) => r.type !== "aws:dynamodb/table:Table"))).toBe("not applicable");
    });
});
