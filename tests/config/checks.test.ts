/**
 * config/checks.ts: the checks across keys, on parsed keys. Rules with a home elsewhere (topology, key types,
 * regions and drain, duplicates) speak this stack's key names here; their own tables are in aws-facts and
 * components. Whole-config cases are in index.test.ts and bad-config-corpus.test.ts.
 */
import {
    alarmProblems, billingProblems, cloudflareProblems, consistencyProblems, crossKeyProblems, regionProblems, routingProblems,
    serviceProblems, tableKeyProblems, trafficProblems, zoneProblems,
} from "../../config/checks";
import { Parsed } from "../../config/schema";
import { ConfigSource, parseKeys } from "../../config/source";
import { Problem, renderProblem } from "../../packages/aws-facts";
import { configSource, ConfigSourceOptions, StackName } from "../helpers/config-source";

function parsed(stack: StackName, options: ConfigSourceOptions = {}): { p: Parsed; source: ConfigSource } {
    const source = configSource(stack, options);
    return { p: parseKeys(source).parsed, source };
}

const lines = (problems: Problem[]) => problems.map(renderProblem);

test.each(["dev", "staging", "prod"] as StackName[])("the %s stack has no cross-key problem", (stack) => {
    const { p, source } = parsed(stack);
    expect(crossKeyProblems(p, source)).toEqual([]);
});

describe("regionProblems", () => {
    test("regions, then the home region, then the drain: the order a reader meets the keys", () => {
        const { p } = parsed("prod", { set: { "active-active:regions": ["us-west-2", "eu-west-1", "us-west-2"], "active-active:drain": ["ap-south-1"] } });
        expect(lines(regionProblems(p))).toEqual([
            'active-active:regions[2]: "us-west-2" is listed twice; allowed: each region once',
            'active-active:homeRegion: "us-east-1" is not one of the regions; allowed: us-west-2, eu-west-1, us-west-2',
            'active-active:drain[0]: "ap-south-1" is not one of the regions; allowed: us-west-2, eu-west-1, us-west-2',
        ]);
    });

    test("nothing to say about regions that did not parse", () => {
        expect(regionProblems({ homeRegion: "us-east-1", drain: ["us-east-1"] })).toEqual([]);
    });
});

describe("consistencyProblems", () => {
    test("strong consistency: the topology rule in config key names, with the table's features", () => {
        const { p, source } = parsed("dev", { set: { "active-active:consistency": "strong", "active-active:table": { localSecondaryIndexes: [{ name: "by-date", sortKey: { name: "d", type: "S" } }] } } });
        expect(lines(consistencyProblems(p, source))).toEqual([
            'active-active:regions: ["us-east-1","us-west-2"] has 2 regions; allowed with consistency "strong": exactly 3 regions, or 2 regions plus active-active:witnessRegion',
            'active-active:table.localSecondaryIndexes: ["by-date"] are not supported with consistency "strong"; allowed: []',
        ]);
    });

    test("a witness that did not parse is not counted as missing", () => {
        const { p, source } = parsed("dev", { set: { "active-active:consistency": "strong", "active-active:witnessRegion": "us-east-7" } });
        expect(consistencyProblems(p, source)).toEqual([]);
    });
});

describe("zone and traffic", () => {
    test("the zone is required and never guessed; the example comes from the domain", () => {
        const { p, source } = parsed("dev", { set: { "active-active:zoneName": undefined } });
        expect(lines(zoneProblems(p, source))).toEqual([
            "active-active:zoneName: is required; allowed: the DNS zone that contains active-active:domain (e.g. dev.example.com)",
        ]);
    });

    test("Cloudflare during an update: its ids and its token", () => {
        const { p, source } = parsed("dev", { set: { "active-active:traffic": "cloudflare" }, isUpdate: true });
        expect(trafficProblems(p, source).map((x) => x.code)).toEqual(["cloudflare-required", "cloudflare-token"]);
    });
});

describe("table, alarms, routing, Cloudflare, service and billing", () => {
    test("index names once each, and one type per key attribute", () => {
        const gsi = (name: string, type: string) => ({ name, partitionKey: { name: "pk", type } });
        const { p } = parsed("dev", { set: { "active-active:table": { globalSecondaryIndexes: [gsi("by-pk", "S"), gsi("by-pk", "N")] } } });
        expect(lines(tableKeyProblems(p))).toEqual([
            'active-active:table.globalSecondaryIndexes[1].name: "by-pk" is listed twice; allowed: each index name once',
            'active-active:table.globalSecondaryIndexes[1].partitionKey.type: "N" conflicts with active-active:table.partitionKey for attribute "pk"; allowed: "S" (one type per attribute)',
        ]);
    });

    test("an alarm topic in another region", () => {
        const arn = "arn:aws:sns:us-east-1:123456789012:oncall";
        const { p } = parsed("dev", { set: { "active-active:alarms": { snsTopicArns: { "us-west-2": arn } } } });
        expect(lines(alarmProblems(p))).toEqual([
            `active-active:alarms.snsTopicArns.us-west-2: "${arn}" is a topic in us-east-1; allowed: a topic in us-west-2 (alarm actions must target a topic in the alarm's region)`,
        ]);
    });

    test("a TTL on alias records, a fast monitor on a slow plan, a TTL on a proxied load balancer", () => {
        const cf = { accountId: "0".repeat(32), zoneId: "f".repeat(32), monitorIntervalSeconds: 15, ttlSeconds: 60 };
        const { p } = parsed("dev", { set: { "active-active:routing": { recordType: "alias", cnameTtlSeconds: 60 }, "active-active:cloudflare": cf } });
        expect([...routingProblems(p), ...cloudflareProblems(p)].map((x) => x.code)).toEqual(["alias-ttl", "cloudflare-interval", "cloudflare-ttl"]);
    });

    test("external endpoints cover exactly the regions; the health check ends before the function does", () => {
        const service = { mode: "external", endpoints: { "us-east-1": "a.example.com", "eu-west-1": "b.example.com" }, timeoutSeconds: 1, healthTimeoutMs: 1000 };
        const { p } = parsed("dev", { set: { "active-active:service": service } });
        expect(serviceProblems(p).map((x) => [x.path, x.code])).toEqual([
            ["active-active:service.endpoints", "endpoints-missing"],
            ["active-active:service.endpoints.eu-west-1", "endpoint-unknown-region"],
            ["active-active:service.healthTimeoutMs", "health-timeout"],
        ]);
    });

    test("capacity written for on-demand billing, as written", () => {
        const { p, source } = parsed("dev", { set: { "active-active:table": { writeCapacity: 7 } } });
        expect(lines(billingProblems(p, source))).toEqual([
            'active-active:table.writeCapacity: 7 is set with billingMode "PAY_PER_REQUEST"; allowed: only with billingMode "PROVISIONED"',
        ]);
    });
});
