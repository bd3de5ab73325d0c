import { peerMetricId } from "../../../components/regional-service/alarms";
import {
    alarmTopicArn,
    child,
    component,
    deploy,
    Deployed,
    GIVEN_TOPICS_TWO_REGIONS,
    JWT_WITH_CANARY,
    REGIONS,
    TABLE,
} from "../../fixtures/regional-service";

test.each([
    ["us-east-1", "to_us_east_1"],
    ["ap-southeast-2", "to_ap_southeast_2"],
])("peerMetricId(%s) is %s: a metric-math id", (peer, id) => {
    expect(peerMetricId(peer)).toBe(id);
});

describe("lambda mode, a topic created here", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy();
    });

    test.each(REGIONS)("%s: replication watched the way it fails: the age of each peer's newest heartbeat, silence breaching", (region) => {
        const alarm = child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, "replication-heartbeat");
        const peers = REGIONS.filter((r) => r !== region);
        const topic = child(d.kit, "aws:sns/topic:Topic", region, "alarms").outputs.arn;
        const fn = child(d.kit, "aws:lambda/function:Function", region, "fn").outputs.name;
        expect(alarm.inputs).toEqual({
            name: `${fn}-replication-heartbeat`,
            alarmDescription: `orders in ${region}: the newest heartbeat seen here from a peer (${peers.join(", ")}) is older than 6000 ms (heartbeat interval + RPO) for 120 s: replication into this region has stalled`,
            comparisonOperator: "GreaterThanThreshold",
            // 5000 ms heartbeat interval + the modeled 1 s RPO; ReplicationLatency's alarm waits for 30000 ms.
            threshold: 6000,
            evaluationPeriods: 2,
            datapointsToAlarm: 2,
            treatMissingData: "breaching",
            metricQueries: [
                ...peers.map((peer) => ({
                    id: peerMetricId(peer),
                    returnData: false,
                    metric: { namespace: "ActiveActive", metricName: "PeerHeartbeatAgeMs", dimensions: { Service: "orders", Peer: peer }, period: 60, stat: "Minimum" },
                })),
                { id: "stalest", expression: `MAX([${peers.map(peerMetricId).join(", ")}])`, label: "Age of the stalest peer's newest heartbeat (ms)", returnData: true },
            ],
            alarmActions: [topic],
            okActions: [topic],
            tags: { env: "test" },
        });
    });

    test.each(REGIONS)("%s: one replication alarm: the worst lag to exactly the peers", (region) => {
        const alarm = child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, "replication-latency");
        const peers = REGIONS.filter((r) => r !== region);
        const ids = peers.map((p) => `to_${p.replace(/-/g, "_")}`);
        expect(alarm.inputs.metricQueries).toEqual([
            ...peers.map((peer, i) => ({
                id: ids[i],
                returnData: false,
                metric: {
                    namespace: "AWS/DynamoDB",
                    metricName: "ReplicationLatency",
                    dimensions: { TableName: TABLE, ReceivingRegion: peer },
                    period: 60,
                    stat: "Maximum",
                },
            })),
            { id: "worst", expression: `MAX([${ids.join(", ")}])`, label: "Worst replication latency to a peer (ms)", returnData: true },
        ]);
        expect(alarm.inputs.threshold).toBe(30000);
        expect(d.kit.resourcesOfType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.name.endsWith("-replication-latency"))).toHaveLength(REGIONS.length);
    });

    test.each(REGIONS)("%s: alarms act on this region's own topic", (region) => {
        const topic = child(d.kit, "aws:sns/topic:Topic", region, "alarms");
        expect(topic.inputs.kmsMasterKeyId).toBe(child(d.kit, "aws:kms/key:Key", region, "ops-key").outputs.arn);
        expect(topic.outputs.arn.split(":")[3]).toBe(region);
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        const alarms = d.kit.childrenOf(component(d.kit, region)).filter((c) => c.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
        for (const a of alarms) {
            expect([a.name, a.inputs.alarmActions, a.inputs.okActions]).toEqual([a.name, [topic.outputs.arn], [topic.outputs.arn]]);
        }
        expect(child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, "5xx-rate").inputs.metricQueries).toEqual([
            { id: "errors", returnData: false, metric: { namespace: "AWS/ApiGateway", metricName: "5xx", dimensions: { ApiId: api.id }, period: 60, stat: "Sum" } },
            { id: "requests", returnData: false, metric: { namespace: "AWS/ApiGateway", metricName: "Count", dimensions: { ApiId: api.id }, period: 60, stat: "Sum" } },
            { id: "rate", expression: "100 * errors / requests", label: "5xx rate (%)", returnData: true },
        ]);
        const p99 = child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, "p99-latency").inputs;
        expect([p99.namespace, p99.metricName, p99.dimensions, p99.extendedStatistic, p99.threshold]).toEqual(["AWS/ApiGateway", "Latency", { ApiId: api.id }, "p99", 2000]);
        const throttles = child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, "throttles").inputs;
        expect([throttles.namespace, throttles.metricName, throttles.dimensions, throttles.statistic, throttles.threshold]).toEqual([
            "AWS/Lambda",
            "Throttles",
            { FunctionName: child(d.kit, "aws:lambda/function:Function", region, "fn").outputs.name },
            "Sum",
            0,
        ]);
    });
});

describe("with an alarm email", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy(JWT_WITH_CANARY);
    });

    test.each(REGIONS)("%s: the email subscription is on the region's topic", (region) => {
        expect(child(d.kit, "aws:sns/topicSubscription:TopicSubscription", region, "alarms-email").inputs).toEqual({
            topic: child(d.kit, "aws:sns/topic:Topic", region, "alarms").outputs.arn,
            protocol: "email",
            endpoint: "oncall@example.com",
        });
    });
});

describe("given alarm topics", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy(GIVEN_TOPICS_TWO_REGIONS);
    });

    test("the given topic replaces the created topic and its subscription", () => {
        expect(d.kit.resourcesOfType("aws:sns/topic:Topic")).toEqual([]);
        expect(d.kit.resourcesOfType("aws:sns/topicSubscription:TopicSubscription")).toEqual([]);
        for (const r of REGIONS) {
            for (const a of d.kit.childrenOf(component(d.kit, r)).filter((c) => c.type === "aws:cloudwatch/metricAlarm:MetricAlarm")) {
                expect([a.name, a.inputs.alarmActions]).toEqual([a.name, [alarmTopicArn(r)]]);
            }
        }
    });
});
