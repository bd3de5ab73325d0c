/**
 * The region's certificate and its two custom domains on the same API, each a TLS 1.2 domain name with the API mapped
 * at its root:
 * - the global service name (`api.example.com`), which users reach through the traffic layer;
 * - the region-pinned name (`<region>.api.example.com`), which only this region serves: health checks probe it and
 *   region-aware clients call it.
 * One certificate covers both: the pinned name is a SAN of the service name's certificate, so the checks exercise the
 * very certificate users get (docs/regional-service.md, "Region-pinned names"). Adding the SAN replaces a deployed
 * certificate; Pulumi creates the new one first (no `deleteBeforeReplace`), updates each DomainName's certificate in
 * place (UpdateDomainName), then deletes the old one, retrying while API Gateway still holds it
 * (mock-kit/replacements.ts has the provider's facts).
 */
import * as aws from "@pulumi/aws";
import { regionPinnedName } from "../../packages/aws-facts";
import type { RegionGatedOptions } from "../provider-region";
import type { LambdaService } from "./args";
import type { HttpApiResources } from "./http-api";

export interface CustomDomains {
    /** The region's certificate: the service name, with the pinned name as its SAN. */
    certificate: aws.acm.Certificate;
    /** The global service name's domain in this region: what latency records and pool origins point at. */
    service: aws.apigatewayv2.DomainName;
    /** The region-pinned name's domain. */
    pinned: aws.apigatewayv2.DomainName;
    pinnedName: string;
}

export function createCustomDomains(s: LambdaService, o: RegionGatedOptions, http: HttpApiResources): CustomDomains {
    const pinnedName = regionPinnedName(s.args.domain, s.region);
    const certificate = new aws.acm.Certificate(
        `${s.name}-cert`,
        { domainName: s.args.domain, subjectAlternativeNames: [pinnedName], validationMethod: "DNS", tags: s.tags },
        o.opts,
    );
    const validated = new aws.acm.CertificateValidation(
        `${s.name}-cert-validation`,
        {
            certificateArn: certificate.arn,
            validationRecordFqdns: s.validation.recordFqdns(certificate, { domainName: pinnedName, logicalName: `${s.name}-pinned-validation` }),
        },
        o.opts,
    );
    const domain = (prefix: string, domainName: string) => {
        const d = new aws.apigatewayv2.DomainName(
            `${prefix}-domain`,
            {
                domainName,
                domainNameConfiguration: { certificateArn: validated.certificateArn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
                tags: s.tags,
            },
            o.opts,
        );
        new aws.apigatewayv2.ApiMapping(`${prefix}-mapping`, { apiId: http.api.id, domainName: d.id, stage: http.stage.id }, o.opts);
        return d;
    };
    return { certificate, service: domain(s.name, s.args.domain), pinned: domain(`${s.name}-pinned`, pinnedName), pinnedName };
}
