/**
 * The regional custom domain for the global service name: this region's certificate, validated through the stack's
 * shared validation record (certificate-validation.ts), a TLS 1.2 domain name, and the API mapped at its root.
 */
import * as aws from "@pulumi/aws";
import type { RegionGatedOptions } from "../provider-region";
import type { LambdaService } from "./args";
import type { HttpApiResources } from "./http-api";

export function createCustomDomain(s: LambdaService, o: RegionGatedOptions, { api, stage }: HttpApiResources): aws.apigatewayv2.DomainName {
    const domainName = s.args.domain;
    const cert = new aws.acm.Certificate(`${s.name}-cert`, { domainName, validationMethod: "DNS", tags: s.tags }, o.opts);
    const validated = new aws.acm.CertificateValidation(
        `${s.name}-cert-validation`,
        { certificateArn: cert.arn, validationRecordFqdns: s.validation.recordFqdns(cert) },
        o.opts,
    );
    const domain = new aws.apigatewayv2.DomainName(
        `${s.name}-domain`,
        {
            domainName,
            domainNameConfiguration: { certificateArn: validated.certificateArn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
            tags: s.tags,
        },
        o.opts,
    );
    new aws.apigatewayv2.ApiMapping(`${s.name}-mapping`, { apiId: api.id, domainName: domain.id, stage: stage.id }, o.opts);
    return domain;
}
