/**
 * Strict mocks, Route 53: the health checks and latency records LatencyRouting sends (the canonical fixtures) pass;
 * each constraint rejects one mutation with the API's message. Cross-resource rules (one record set per name, type
 * and set identifier; names inside the zone) run against one validator that has seen the earlier registrations.
 */
import { unknown } from "@pulumi/pulumi/output";
import { computeOutputs } from "../../../mock-kit/outputs";
import { createStrictValidator, StrictValidator } from "../../../mock-kit/strict";
import { ZONE_ID } from "../../fixtures/common";
import { gateCheck, HEALTH_CHECK, regionalCheck } from "../../fixtures/route53/health-check";
import { latencyRecord, RECORD } from "../../fixtures/route53/record";
import { check as checkIn, Mutation, mutated, schema } from "./support";

const CHECK = HEALTH_CHECK;
/** LatencyRouting's regional HTTPS check, its drain gate, and its alias record, for us-east-1. */
const REGIONAL_CHECK = regionalCheck("us-east-1");
const GATE = gateCheck("us-east-1", "405934e1-9412-9baf-40d4-f2719b905ec5");
const LATENCY_RECORD = latencyRecord("us-east-1", "e8be3749-a8e8-fed5-329e-af53fda172ec");

const validator = () => createStrictValidator({ zones: { [ZONE_ID]: "example.com" } });
const check = (type: string, inputs: Record<string, any>, v: StrictValidator = validator()) => checkIn(type, inputs, v);

const invalidInput = (...violations: string[]) => schema("InvalidInput", ...violations);
const parameter = (m: string) => `InvalidInput: Invalid parameter : ${m}`;
const CHECKERS = "us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1";

describe("aws:route53/healthCheck:HealthCheck", () => {
    test("the program's regional check and gate pass", () => {
        expect(check(CHECK, REGIONAL_CHECK)).toEqual([]);
        expect(check(CHECK, GATE)).toEqual([]);
    });

    test.each<Mutation>([
        ["request interval 20", (t) => (t.requestInterval = 20), [parameter("RequestInterval must be 10 or 30, got 20")]],
        ["failure threshold 0", (t) => (t.failureThreshold = 0), [invalidInput("Value '0' at 'healthCheckConfig.failureThreshold' failed to satisfy constraint: Member must have value greater than or equal to 1")]],
        ["failure threshold 11", (t) => (t.failureThreshold = 11), [invalidInput("Value '11' at 'healthCheckConfig.failureThreshold' failed to satisfy constraint: Member must have value less than or equal to 10")]],
        [
            "two checker regions",
            (t) => (t.regions = ["us-east-1", "eu-west-1"]),
            [invalidInput("Value '[us-east-1, eu-west-1]' at 'healthCheckConfig.regions' failed to satisfy constraint: Member must have length greater than or equal to 3")],
        ],
        [
            "a checker region Route 53 has no checkers in",
            (t) => (t.regions[2] = "eu-central-1"),
            [invalidInput(`Value 'eu-central-1' at 'healthCheckConfig.regions.3.member' failed to satisfy constraint: Member must satisfy enum value set: [${CHECKERS}]`)],
        ],
        [
            "HTTPS by IP address only",
            (t) => {
                delete t.fqdn;
                t.ipAddress = "192.0.2.10";
            },
            [parameter("A health check of type HTTPS needs FullyQualifiedDomainName: it is the SNI name and the Host header the endpoint's certificate is checked against")],
        ],
        [
            "HTTP without address or name",
            (t) => {
                t.type = "HTTP";
                delete t.fqdn;
            },
            [parameter("A health check of type HTTP needs an IPAddress or a FullyQualifiedDomainName")],
        ],
        [
            "a host name with a 64-character label",
            (t) => (t.fqdn = `${"a".repeat(64)}.example.com`),
            [parameter(`FullyQualifiedDomainName ${"a".repeat(64)}.example.com has a label of 64 characters; at most 63 are allowed`)],
        ],
        ["type HTTP2", (t) => (t.type = "HTTP2"), [invalidInput(`Value 'HTTP2' at 'healthCheckConfig.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP, CALCULATED, CLOUDWATCH_METRIC, RECOVERY_CONTROL]`)]],
        ["port 70000", (t) => (t.port = 70000), [invalidInput("Value '70000' at 'healthCheckConfig.port' failed to satisfy constraint: Member must have value less than or equal to 65535")]],
        ["a search string on an HTTPS check", (t) => (t.searchString = "ok"), [parameter("SearchString is only allowed with HTTP_STR_MATCH and HTTPS_STR_MATCH, not HTTPS")]],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(CHECK, mutated(REGIONAL_CHECK, mutate))).toEqual(expected);
    });

    test.each<Mutation>([
        ["a gate threshold of 257", (t) => (t.childHealthThreshold = 257), [invalidInput("Value '257' at 'healthCheckConfig.healthThreshold' failed to satisfy constraint: Member must have value less than or equal to 256")]],
        ["a calculated check with a request interval", (t) => (t.requestInterval = 30), [parameter("Calculated health checks must not have a request interval specified.")]],
        ["a calculated check with checker regions", (t) => (t.regions = ["us-east-1", "eu-west-1", "ap-southeast-1"]), [parameter("Calculated health checks must not have checker regions specified.")]],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(CHECK, mutated(GATE, mutate))).toEqual(expected);
    });

    test("a drain gate whose threshold exceeds its children is accepted (Route 53 keeps it unhealthy)", () => {
        expect(check(CHECK, { ...GATE, childHealthThreshold: 2 })).toEqual([]);
    });

    test("a calculated check whose child is a calculated check is rejected; endpoint children are fine", () => {
        const v = validator();
        const idOf = (name: string, inputs: Record<string, any>) => computeOutputs({ type: CHECK, name, inputs, region: "us-east-1" }).id;
        v.validate({ type: CHECK, name: "check", inputs: REGIONAL_CHECK, region: "us-east-1" });
        const gate = { ...GATE, childHealthchecks: [idOf("check", REGIONAL_CHECK)] };
        expect(v.validate({ type: CHECK, name: "gate", inputs: gate, region: "us-east-1" })).toEqual([]);
        const gateId = idOf("gate", gate);
        const anyRegion = { type: "CALCULATED", childHealthchecks: [gateId], childHealthThreshold: 1 };
        expect(v.validate({ type: CHECK, name: "any-region", inputs: anyRegion, region: "us-east-1" })).toEqual([
            `InvalidInput: Invalid parameter : A calculated health check can't monitor other calculated health checks; child ${gateId} is CALCULATED`,
        ]);
    });
});

describe("aws:route53/record:Record", () => {
    const change = (name: string, type: string, sid: string) => `Change with [Action=CREATE, Name=${name}, Type=${type}, SetIdentifier=${sid}]`;
    const exactlyOne = "Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId]";

    test("the program's latency records pass, one per region", () => {
        const v = validator();
        for (const region of ["us-east-1", "us-west-2", "eu-west-1"]) {
            expect(check(RECORD, { ...LATENCY_RECORD, setIdentifier: region, latencyRoutingPolicies: [{ region }] }, v)).toEqual([]);
        }
    });

    test.each<Mutation>([
        ["an alias record with a TTL", (t) => (t.ttl = 60), [`InvalidInput: Invalid request: ${exactlyOne}, but found more than one in ${change("api.example.com", "A", "us-east-1")}`]],
        ["a record with neither alias nor TTL and records", (t) => delete t.aliases, [`InvalidInput: Invalid request: ${exactlyOne}, but found none in ${change("api.example.com", "A", "us-east-1")}`]],
        [
            "a CNAME with records but no TTL",
            (t) => {
                delete t.aliases;
                Object.assign(t, { type: "CNAME", records: ["d-1.example.net"] });
            },
            [`InvalidInput: Invalid request: ${exactlyOne}, but found none in ${change("api.example.com", "CNAME", "us-east-1")}`],
        ],
        ["a latency record without set identifier", (t) => delete t.setIdentifier, [`InvalidInput: Invalid request: Missing field 'SetIdentifier' in ${change("api.example.com", "A", "null")}`]],
        [
            "a set identifier without routing policy",
            (t) => delete t.latencyRoutingPolicies,
            [`InvalidInput: Invalid request: A SetIdentifier needs a routing policy (weighted, latency, failover, geolocation, geoproximity, CIDR or multivalue answer) in ${change("api.example.com", "A", "us-east-1")}`],
        ],
        [
            "a latency region that does not exist",
            (t) => (t.latencyRoutingPolicies[0].region = "us-west-9"),
            [
                invalidInput(
                    "Value 'us-west-9' at 'changeBatch.changes.1.member.resourceRecordSet.region' failed to satisfy constraint: Member must satisfy enum value set: [us-east-1, us-east-2, us-west-1, us-west-2, af-south-1, ap-east-1, ap-east-2, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-7, ap-northeast-1, ap-northeast-2, ap-northeast-3, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-west-1, eu-west-2, eu-west-3, eu-south-1, eu-south-2, eu-north-1, il-central-1, me-south-1, me-central-1, mx-central-1, sa-east-1]",
                ),
            ],
        ],
        ["type ALIAS", (t) => (t.type = "ALIAS"), [invalidInput("Value 'ALIAS' at 'changeBatch.changes.1.member.resourceRecordSet.type' failed to satisfy constraint: Member must satisfy enum value set: [A, AAAA, CAA, CNAME, DS, HTTPS, MX, NAPTR, NS, PTR, SOA, SPF, SRV, SSHFP, SVCB, TLSA, TXT]")]],
        ["a name outside the zone", (t) => (t.name = "api.example.org"), ["InvalidChangeBatch: [RRSet with DNS name api.example.org. is not permitted in zone example.com.]"]],
        ["a name with an empty label", (t) => (t.name = "api..example.com"), ["InvalidInput: Invalid request: DNS name api..example.com. has an empty label"]],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(RECORD, mutated(LATENCY_RECORD, mutate))).toEqual(expected);
    });

    test("a CNAME at the zone apex is rejected", () => {
        const apex = { zoneId: ZONE_ID, name: "example.com", type: "CNAME", ttl: 60, records: ["d-1.example.net"] };
        expect(check(RECORD, apex)).toEqual(["InvalidChangeBatch: [RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.]"]);
    });

    test("a zone id with the /hostedzone/ prefix is the same zone", () => {
        expect(check(RECORD, { ...LATENCY_RECORD, zoneId: `/hostedzone/${ZONE_ID}`, name: "api.example.org" })).toEqual([
            "InvalidChangeBatch: [RRSet with DNS name api.example.org. is not permitted in zone example.com.]",
        ]);
    });

    test("records in a zone the validator was not told about are only checked as DNS names", () => {
        expect(check(RECORD, { ...LATENCY_RECORD, zoneId: "ZOTHERZONE", name: "api.example.org" })).toEqual([]);
    });

    test("a zone the program creates is learnt from its registration", () => {
        const v = createStrictValidator();
        const zone = { name: "example.net" };
        expect(check("aws:route53/zone:Zone", zone, v)).toEqual([]);
        const zoneId = computeOutputs({ type: "aws:route53/zone:Zone", name: "r", inputs: zone, region: "us-east-1" }).id;
        expect(check(RECORD, { ...LATENCY_RECORD, zoneId, name: "api.example.com" }, v)).toEqual([
            "InvalidChangeBatch: [RRSet with DNS name api.example.com. is not permitted in zone example.net.]",
        ]);
    });

    test("two records with one name, type and set identifier are rejected", () => {
        const v = validator();
        expect(check(RECORD, LATENCY_RECORD, v)).toEqual([]);
        expect(check(RECORD, { ...LATENCY_RECORD, name: "API.example.com." }, v)).toEqual([
            "InvalidChangeBatch: [Tried to create resource record set [name='api.example.com.', type='A', set-identifier='us-east-1'] but it already exists]",
        ]);
    });

    test("the same record with allowOverwrite is an UPSERT Route 53 accepts", () => {
        const v = validator();
        expect(check(RECORD, LATENCY_RECORD, v)).toEqual([]);
        expect(check(RECORD, { ...LATENCY_RECORD, allowOverwrite: true }, v)).toEqual([]);
    });

    test("a simple record beside a latency set of the same name and type is rejected", () => {
        const v = validator();
        expect(check(RECORD, LATENCY_RECORD, v)).toEqual([]);
        const simple = { ...LATENCY_RECORD };
        delete simple.setIdentifier;
        delete simple.latencyRoutingPolicies;
        expect(check(RECORD, simple, v)).toEqual([
            "InvalidChangeBatch: [RRSet with DNS name api.example.com., type A cannot be created as RRSets with a routing policy exist with the same name and type.]",
        ]);
    });

    test("a CNAME beside an A record of the same name is rejected", () => {
        const v = validator();
        expect(check(RECORD, LATENCY_RECORD, v)).toEqual([]);
        const cname = mutated(LATENCY_RECORD, (t) => {
            delete t.aliases;
            Object.assign(t, { type: "CNAME", ttl: 60, records: ["d-7a6dc96740.execute-api.us-east-1.amazonaws.com"] });
        });
        expect(check(RECORD, cname, v)).toEqual([
            "InvalidChangeBatch: [RRSet of type CNAME with DNS name api.example.com. is not permitted because a conflicting RRSet of type A with the same DNS name already exists in zone example.com.]",
        ]);
    });

    test.each<[string, (t: Record<string, any>) => void]>([
        ["an empty hosted zone id", (t) => (t.aliases[0].zoneId = "")],
        ["no hosted zone id", (t) => delete t.aliases[0].zoneId],
    ])("an alias with %s (a target outside AWS) is rejected", (_, mutate) => {
        const target = LATENCY_RECORD.aliases[0].name;
        expect(check(RECORD, mutated(LATENCY_RECORD, mutate))).toEqual([
            `InvalidInput: Invalid request: Missing field 'HostedZoneId' in AliasTarget (to ${target}) of ${change("api.example.com", "A", "us-east-1")}`,
        ]);
    });

    test("an alias zone id unknown during preview is not judged", () => {
        expect(check(RECORD, mutated(LATENCY_RECORD, (t) => (t.aliases[0].zoneId = unknown)))).toEqual([]);
    });

    test("records and aliases unknown during preview are not judged", () => {
        expect(check(RECORD, { ...LATENCY_RECORD, aliases: unknown })).toEqual([]);
        const cname = { zoneId: ZONE_ID, name: "www.example.com", type: "CNAME", ttl: 60, records: unknown };
        expect(check(RECORD, cname)).toEqual([]);
    });
});
