/**
 * Strict mocks, API Gateway v2: the regional custom domain RegionalService registers (the canonical fixture) passes;
 * each constraint rejects one mutation with the API's message, including a certificate that does not cover the name.
 */
import { computeOutputs } from "../../../mock-kit/outputs";
import { createStrictValidator, StrictValidator } from "../../../mock-kit/strict";
import { ACCOUNT } from "../../fixtures/common";
import { certificateArn, customDomain, DOMAIN_NAME } from "../../fixtures/apigateway/domain-name";
import { check, Mutation, mutated } from "./support";

const DOMAIN_INPUTS = customDomain("us-east-1");

describe("aws:apigatewayv2/domainName:DomainName", () => {
    const DN = DOMAIN_NAME;

    test("the program's regional custom domain passes", () => {
        expect(check(DN, DOMAIN_INPUTS)).toEqual([]);
    });

    test.each<Mutation>([
        ["security policy TLS_1_0", (t) => (t.domainNameConfiguration.securityPolicy = "TLS_1_0"), ["BadRequestException: Security policy TLS_1_0 is not supported for HTTP APIs; use TLS_1_2"]],
        ["endpoint type EDGE", (t) => (t.domainNameConfiguration.endpointType = "EDGE"), ["BadRequestException: Endpoint type EDGE is not supported for this API's domain names; use REGIONAL"]],
        [
            "a certificate from another region",
            (t) => (t.domainNameConfiguration.certificateArn = certificateArn("us-west-2")),
            [`BadRequestException: Certificate ${certificateArn("us-west-2")} is in us-west-2; a REGIONAL domain name in us-east-1 needs an ACM certificate in us-east-1`],
        ],
        [
            "an IAM server certificate",
            (t) => (t.domainNameConfiguration.certificateArn = `arn:aws:iam::${ACCOUNT}:server-certificate/api`),
            [`BadRequestException: Invalid certificate ARN: arn:aws:iam::${ACCOUNT}:server-certificate/api; a domain name needs an ACM certificate`],
        ],
        ["an invalid domain name", (t) => (t.domainName = "api..example.com"), ["BadRequestException: Invalid domain name api..example.com: it has an empty label"]],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(DN, mutated(DOMAIN_INPUTS, mutate))).toEqual(expected);
    });

    function withCertificate(domainName: string): { v: StrictValidator; arn: string } {
        const v = createStrictValidator();
        const cert = { domainName, validationMethod: "DNS" };
        expect(check("aws:acm/certificate:Certificate", cert, v)).toEqual([]);
        const arn = computeOutputs({ type: "aws:acm/certificate:Certificate", name: "r", inputs: cert, region: "us-east-1" }).state.arn as string;
        return { v, arn };
    }

    test("a domain its certificate does not cover is rejected", () => {
        const { v, arn } = withCertificate("api.example.com");
        const domain = mutated(DOMAIN_INPUTS, (t) => Object.assign(t, { domainName: "www.example.com", domainNameConfiguration: { ...t.domainNameConfiguration, certificateArn: arn } }));
        expect(check(DN, domain, v)).toEqual(["BadRequestException: The domain name to be created is not covered by the provided certificate."]);
    });

    test("a wildcard certificate covers one level below it", () => {
        const { v, arn } = withCertificate("*.example.com");
        const domain = mutated(DOMAIN_INPUTS, (t) => (t.domainNameConfiguration.certificateArn = arn));
        expect(check(DN, domain, v)).toEqual([]);
    });
});
