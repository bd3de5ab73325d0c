import { child, deploy, Deployed, DOMAIN, REGIONS } from "../../fixtures/regional-service";

describe("lambda mode", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy();
    });

    test.each(REGIONS)("%s: regional custom domain on TLS 1.2 with the validated certificate", (region) => {
        const cert = child(d.kit, "aws:acm/certificate:Certificate", region, "cert");
        expect(cert.inputs).toEqual({ domainName: DOMAIN, validationMethod: "DNS", tags: { env: "test" } });
        const domain = child(d.kit, "aws:apigatewayv2/domainName:DomainName", region, "domain");
        expect(domain.inputs).toEqual({
            domainName: DOMAIN,
            domainNameConfiguration: { certificateArn: cert.outputs.arn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
            tags: { env: "test" },
        });
        expect(child(d.kit, "aws:apigatewayv2/apiMapping:ApiMapping", region, "mapping").inputs).toEqual({
            apiId: child(d.kit, "aws:apigatewayv2/api:Api", region, "api").id,
            domainName: domain.id,
            stage: child(d.kit, "aws:apigatewayv2/stage:Stage", region, "stage").id,
        });
    });
});
