/**
 * The strict mocks refuse what Route 53 refuses in a record set of a routing policy (issue 18): sources in
 * aws-facts routing.ts. Each rule: the accepted case, then the mutation Route 53 rejects, with the exact message.
 */
import { createStrictValidator } from "../../mock-kit/strict";

const ZONE = "Z0123456789PRDEXAMPLE";
const RECORD = "aws:route53/record:Record";
const alias = (region: string) => [{ name: `d-abc.execute-api.${region}.amazonaws.com`, zoneId: "Z1UJRXOUMOOFQ8", evaluateTargetHealth: true }];

function rec(setIdentifier: string, policy: Record<string, unknown>, change: Record<string, unknown> = {}) {
    return { type: RECORD, name: `r-${setIdentifier}`, region: "us-east-1", inputs: { zoneId: ZONE, name: "api.example.com", type: "A", setIdentifier, aliases: alias("us-east-1"), healthCheckId: "hc", ...policy, ...change } };
}

function validator() {
    return createStrictValidator({ zones: { [ZONE]: "example.com" } });
}

describe("weighted", () => {
    test("weights 0 and 255 are accepted", () => {
        const v = validator();
        expect(v.validate(rec("a", { weightedRoutingPolicies: [{ weight: 0 }] }))).toEqual([]);
        expect(v.validate(rec("b", { weightedRoutingPolicies: [{ weight: 255 }] }))).toEqual([]);
    });
    test("a weight of 256 is refused", () => {
        expect(validator().validate(rec("a", { weightedRoutingPolicies: [{ weight: 256 }] }))).toEqual([
            "InvalidInput: 1 validation error detected: Value '256' at 'changeBatch.changes.1.member.resourceRecordSet.weight' failed to satisfy constraint: Member must have value less than or equal to 255",
        ]);
    });
    test("a weighted record beside latency records of the same name and type is refused", () => {
        const v = validator();
        expect(v.validate(rec("us-east-1", { latencyRoutingPolicies: [{ region: "us-east-1" }] }))).toEqual([]);
        expect(v.validate(rec("us-west-2", { weightedRoutingPolicies: [{ weight: 1 }] }))).toEqual([
            "InvalidChangeBatch: [RRSet with DNS name api.example.com., type A, SetIdentifier us-west-2 cannot be created as a non-weighted set exists with the same name and type.]",
        ]);
    });
});

test("geoproximity: a bias of 100 is refused, 99 accepted", () => {
    const v = validator();
    expect(v.validate(rec("a", { geoproximityRoutingPolicy: { awsRegion: "us-east-1", bias: 99 } }))).toEqual([]);
    expect(v.validate(rec("b", { geoproximityRoutingPolicy: { awsRegion: "us-west-2", bias: 100 } }))).toEqual([
        "InvalidInput: 1 validation error detected: Value '100' at 'changeBatch.changes.1.member.resourceRecordSet.geoProximityLocation.bias' failed to satisfy constraint: Member must have value less than or equal to 99",
    ]);
});

describe("geolocation", () => {
    test("a second record for one location is refused; another location and the default are accepted", () => {
        const v = validator();
        expect(v.validate(rec("a", { geolocationRoutingPolicies: [{ continent: "EU" }] }))).toEqual([]);
        expect(v.validate(rec("b", { geolocationRoutingPolicies: [{ country: "DE" }] }))).toEqual([]);
        expect(v.validate(rec("default", { geolocationRoutingPolicies: [{ country: "*" }] }))).toEqual([]);
        expect(v.validate(rec("c", { geolocationRoutingPolicies: [{ continent: "EU" }] }))).toEqual([
            "InvalidChangeBatch: [RRSet with DNS name api.example.com., type A, SetIdentifier c cannot be created: a geolocation record for the same location exists with the same name and type]",
        ]);
    });
    test("a continent code Route 53 does not have is refused", () => {
        expect(validator().validate(rec("a", { geolocationRoutingPolicies: [{ continent: "EA" }] }))).toEqual([
            "InvalidInput: 1 validation error detected: Value 'EA' at 'changeBatch.changes.1.member.resourceRecordSet.geoLocation.continentCode' failed to satisfy constraint: Member must satisfy enum value set: [AF, AN, AS, EU, NA, OC, SA]",
        ]);
    });
});

describe("failover", () => {
    test("one PRIMARY and one SECONDARY are accepted and finish clean", () => {
        const v = validator();
        expect(v.validate(rec("p", { failoverRoutingPolicies: [{ type: "PRIMARY" }] }))).toEqual([]);
        expect(v.validate(rec("s", { failoverRoutingPolicies: [{ type: "SECONDARY" }] }))).toEqual([]);
        expect(v.finish()).toEqual([]);
    });
    test("a second PRIMARY is refused", () => {
        const v = validator();
        v.validate(rec("p", { failoverRoutingPolicies: [{ type: "PRIMARY" }] }));
        expect(v.validate(rec("p2", { failoverRoutingPolicies: [{ type: "PRIMARY" }] }))).toEqual([
            "InvalidChangeBatch: [RRSet with DNS name api.example.com., type A, SetIdentifier p2 cannot be created: a PRIMARY failover record exists with the same name and type (one PRIMARY and one SECONDARY per name and type)]",
        ]);
    });
    test("a PRIMARY without its SECONDARY is reported once the program has registered", () => {
        const v = validator();
        expect(v.validate(rec("p", { failoverRoutingPolicies: [{ type: "PRIMARY" }] }))).toEqual([]);
        expect(v.finish()).toEqual(["Route 53: the failover record set api.example.com. A has PRIMARY only; allowed: one PRIMARY and one SECONDARY record"]);
    });
});
