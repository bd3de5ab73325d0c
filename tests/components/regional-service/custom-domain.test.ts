import { changeKind } from "../../../mock-kit";
import { ACM_DEFAULT_EXPIRY_EVENT_DAYS } from "../../../packages/aws-facts";
import { child, deploy, Deployed, DOMAIN, REGIONS } from "../../fixtures/regional-service";

describe("lambda mode", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy();
    });

    test.each(REGIONS)("%s: one validated certificate for the service name with the region-pinned name as its SAN", (region) => {
        expect(child(d.kit, "aws:acm/certificate:Certificate", region, "cert").inputs).toEqual({
            domainName: DOMAIN,
            subjectAlternativeNames: [`${region}.${DOMAIN}`],
            validationMethod: "DNS",
            tags: { env: "test" },
        });
    });

    test.each(REGIONS)("%s: two TLS 1.2 custom domains (service name, pinned name) on that certificate, each mapped to the API", (region) => {
        const validated = child(d.kit, "aws:acm/certificateValidation:CertificateValidation", region, "cert-validation");
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        const stage = child(d.kit, "aws:apigatewayv2/stage:Stage", region, "stage");
        for (const [role, domainName] of [["", DOMAIN], ["pinned-", `${region}.${DOMAIN}`]] as const) {
            const domain = child(d.kit, "aws:apigatewayv2/domainName:DomainName", region, `${role}domain`);
            expect(domain.inputs).toEqual({
                domainName,
                domainNameConfiguration: { certificateArn: validated.outputs.certificateArn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
                tags: { env: "test" },
            });
            expect(child(d.kit, "aws:apigatewayv2/apiMapping:ApiMapping", region, `${role}mapping`).inputs).toEqual({ apiId: api.id, domainName: domain.id, stage: stage.id });
        }
    });

    test.each(REGIONS)("%s: an alarm on the certificate's DaysToExpiry, ACM's own 45-day warning, on the region's topic", (region) => {
        const cert = child(d.kit, "aws:acm/certificate:Certificate", region, "cert");
        const topic = child(d.kit, "aws:sns/topic:Topic", region, "alarms");
        const fn = child(d.kit, "aws:lambda/function:Function", region, "fn");
        expect(child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, "cert-expiry").inputs).toEqual({
            name: `${fn.outputs.name}-cert-expiry`,
            alarmDescription: `orders in ${region}: its certificate expires in under ${ACM_DEFAULT_EXPIRY_EVENT_DAYS} days (ACM did not renew it)`,
            namespace: "AWS/CertificateManager",
            metricName: "DaysToExpiry",
            dimensions: { CertificateArn: cert.outputs.arn },
            statistic: "Minimum",
            period: 86400,
            comparisonOperator: "LessThanThreshold",
            threshold: 45,
            evaluationPeriods: 2,
            datapointsToAlarm: 2,
            treatMissingData: "breaching",
            alarmActions: [topic.outputs.arn],
            okActions: [topic.outputs.arn],
            tags: { env: "test" },
        });
    });

    test.each(REGIONS)("%s: upgrading a deployed stack replaces the certificate create-before-delete and updates the domain in place", (region) => {
        const cert = child(d.kit, "aws:acm/certificate:Certificate", region, "cert");
        const validation = child(d.kit, "aws:acm/certificateValidation:CertificateValidation", region, "cert-validation");
        const domain = child(d.kit, "aws:apigatewayv2/domainName:DomainName", region, "domain");
        const mapping = child(d.kit, "aws:apigatewayv2/apiMapping:ApiMapping", region, "mapping");
        // What the previous release registered: the service name alone, validated by the shared record only.
        const { subjectAlternativeNames: _san, ...before } = cert.inputs;
        expect(changeKind(cert.type, before, cert.inputs)).toBe("replace");
        expect(cert.deleteBeforeReplace).toBe(false);
        expect(changeKind(validation.type, { ...validation.inputs, validationRecordFqdns: validation.inputs.validationRecordFqdns.slice(0, 1) }, validation.inputs)).toBe("replace");
        const oldConfiguration = { ...domain.inputs.domainNameConfiguration, certificateArn: "arn:aws:acm:region:123456789012:certificate/previous" };
        expect(changeKind(domain.type, { ...domain.inputs, domainNameConfiguration: oldConfiguration }, domain.inputs)).toBe("update");
        expect(domain.deleteBeforeReplace).toBe(false);
        // The mapping names the domain by its name, which does not change: untouched.
        expect(changeKind(mapping.type, mapping.inputs, mapping.inputs)).toBe("none");
    });
});
