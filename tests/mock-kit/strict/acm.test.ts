/**
 * Strict mocks, ACM: the certificates RegionalService requests in every region and the one DNS validation record
 * they share pass; each constraint rejects one mutation with the API's message. What ACM expects in its validation
 * record is checked with Route 53's records, by one validator that has seen the certificates.
 */
import { computeOutputs } from "../../../mock-kit/outputs";
import { createStrictValidator, StrictValidator } from "../../../mock-kit/strict";
import { REGIONS, SERVICE_NAME, ZONE_ID } from "../../fixtures/common";
import { RECORD } from "../../fixtures/route53/record";
import { check as checkIn, Mutation, mutated } from "./support";

/** RegionalService's certificate. */
const CERTIFICATE = { domainName: SERVICE_NAME, validationMethod: "DNS", tags: {} } as Record<string, any>;

const validator = () => createStrictValidator({ zones: { [ZONE_ID]: "example.com" } });
const check = (type: string, inputs: Record<string, any>, v: StrictValidator = validator()) => checkIn(type, inputs, v);

describe("ACM certificates and their DNS validation", () => {
    const validation = (region: string) => {
        const out = computeOutputs({ type: "aws:acm/certificate:Certificate", name: `cert-${region}`, inputs: CERTIFICATE, region }).state;
        return { arn: out.arn as string, option: out.domainValidationOptions[0] as Record<string, string> };
    };
    const strip = (s: string) => s.replace(/\.$/, "");
    const validationRecord = (o: Record<string, string>) => ({ zoneId: ZONE_ID, name: strip(o.resourceRecordName!), type: "CNAME", records: [strip(o.resourceRecordValue!)], ttl: 60 });

    /** Registers the certificates of three regions and the one shared validation record, as the program does. */
    function program(): StrictValidator {
        const v = validator();
        for (const region of REGIONS) {
            expect(v.validate({ type: "aws:acm/certificate:Certificate", name: `cert-${region}`, inputs: CERTIFICATE, region })).toEqual([]);
        }
        expect(check(RECORD, validationRecord(validation("us-east-1").option), v)).toEqual([]);
        return v;
    }

    test("the program's certificates, shared validation record and validations pass", () => {
        const v = program();
        for (const region of REGIONS) {
            const { arn, option } = validation(region);
            const inputs = { certificateArn: arn, validationRecordFqdns: [strip(option.resourceRecordName!)] };
            expect(v.validate({ type: "aws:acm/certificateValidation:CertificateValidation", name: `v-${region}`, inputs, region })).toEqual([]);
        }
    });

    test.each<Mutation>([
        [
            "a first name of 65 characters",
            (t) => (t.domainName = `${"a".repeat(53)}.example.com`),
            [`ValidationException: 1 validation error detected: Value '${"a".repeat(53)}.example.com' at 'domainName' failed to satisfy constraint: Member must have length less than or equal to 64`],
        ],
        [
            "a name with an underscore",
            (t) => (t.domainName = "api_v1.example.com"),
            [
                "ValidationException: 1 validation error detected: Value 'api_v1.example.com' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])",
            ],
        ],
        ["validation method HTTP", (t) => (t.validationMethod = "HTTP"), ["ValidationException: 1 validation error detected: Value 'HTTP' at 'validationMethod' failed to satisfy constraint: Member must satisfy enum value set: [DNS, EMAIL]"]],
        ["key algorithm RSA_8192", (t) => (t.keyAlgorithm = "RSA_8192"), ["ValidationException: 1 validation error detected: Value 'RSA_8192' at 'keyAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, EC_prime256v1, EC_secp384r1]"]],
    ])("a certificate with %s is rejected", (_, mutate, expected) => {
        expect(check("aws:acm/certificate:Certificate", mutated(CERTIFICATE, mutate))).toEqual(expected);
    });

    test("a validation record per region (the same record three times) is rejected", () => {
        const v = program();
        expect(check(RECORD, validationRecord(validation("us-west-2").option), v)).toEqual([
            `InvalidChangeBatch: [Tried to create resource record set [name='${validation("us-west-2").option.resourceRecordName}', type='CNAME'] but it already exists]`,
        ]);
    });

    test("a validation record with the wrong value is rejected", () => {
        const v = validator();
        expect(v.validate({ type: "aws:acm/certificate:Certificate", name: "cert-us-east-1", inputs: CERTIFICATE, region: "us-east-1" })).toEqual([]);
        const { arn, option } = validation("us-east-1");
        const record = { ...validationRecord(option), records: ["_wrong.acm-validations.aws"] };
        expect(check(RECORD, record, v)).toEqual([
            `ACM: certificate ${arn} stays PENDING_VALIDATION: its DNS validation record ${option.resourceRecordName} must be CNAME ${option.resourceRecordValue}, got CNAME _wrong.acm-validations.aws`,
        ]);
    });

    test("a certificate validation that does not list the certificate's record is rejected", () => {
        const v = program();
        const { arn, option } = validation("us-west-2");
        const inputs = { certificateArn: arn, validationRecordFqdns: ["_other.api.example.com"] };
        expect(v.validate({ type: "aws:acm/certificateValidation:CertificateValidation", name: "v", inputs, region: "us-west-2" })).toEqual([
            `missing api.example.com DNS validation record: ${option.resourceRecordName}`,
        ]);
    });
});
