/**
 * API Gateway v2: CreateDomainName for `aws.apigatewayv2.DomainName` (the regional custom domain of an HTTP API).
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/domainnames.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html
 */
import { certificateCovers } from "./acm";
import { Problems, ResourceRule, dnsNameProblem, parseArn } from "./common";

function badRequest(message: string): string {
    return `BadRequestException: ${message}`;
}

const domainName: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const p = new Problems("BadRequestException");
        const domain = i.domainName;
        const bad = typeof domain === "string" ? dnsNameProblem(domain) : undefined;
        if (bad) p.add(badRequest(`Invalid domain name ${domain}: it ${bad}`));

        const cfg = i.domainNameConfiguration ?? {};
        if (cfg.endpointType !== undefined && cfg.endpointType !== "REGIONAL") {
            p.add(badRequest(`Endpoint type ${cfg.endpointType} is not supported for this API's domain names; use REGIONAL`));
        }
        // HTTP APIs only speak TLS 1.2; TLS_1_0 is accepted for REST APIs only.
        if (cfg.securityPolicy !== undefined && cfg.securityPolicy !== "TLS_1_2") {
            p.add(badRequest(`Security policy ${cfg.securityPolicy} is not supported for HTTP APIs; use TLS_1_2`));
        }
        const certArn = cfg.certificateArn;
        const arn = parseArn(certArn);
        if (typeof certArn === "string" && arn?.service !== "acm") {
            p.add(badRequest(`Invalid certificate ARN: ${certArn}; a domain name needs an ACM certificate`));
        } else if (arn && r.region && arn.region !== r.region) {
            p.add(badRequest(`Certificate ${certArn} is in ${arn.region}; a REGIONAL domain name in ${r.region} needs an ACM certificate in ${r.region}`));
        }
        const cert = typeof certArn === "string" ? s.certificates.get(certArn) : undefined;
        if (cert && typeof domain === "string" && !certificateCovers(cert.names, domain)) {
            p.add(badRequest("The domain name to be created is not covered by the provided certificate."));
        }
        return p.list();
    },
};

export const APIGATEWAY_RULES: Record<string, ResourceRule> = {
    "aws:apigatewayv2/domainName:DomainName": domainName,
};
