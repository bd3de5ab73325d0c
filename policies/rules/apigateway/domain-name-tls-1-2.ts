/**
 * aws-apigateway-domain-name-tls-1-2
 *
 * Requires: custom domain names negotiate TLS 1.2 or newer: `domainNameConfiguration.securityPolicy` (HTTP APIs)
 * or `securityPolicy` (REST APIs) is `TLS_1_2` or one of the enhanced `SecurityPolicy_TLS12_*` /
 * `SecurityPolicy_TLS13_*` policies.
 * Why: the regional custom domain is what every client connects to; TLS 1.0 and 1.1 are deprecated (RFC 8996).
 * Severity: high.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, setting, str } from "../../lib/values";

const ACCEPTED = /^(TLS_1_2|SecurityPolicy_TLS1[23]_.+)$/;

export const domainNameTls12 = resourceRule({
    name: "aws-apigateway-domain-name-tls-1-2",
    description: "API Gateway custom domains require TLS 1.2 or newer.",
    severity: "high",
    url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html",
    remediationSteps: 'Set domainNameConfiguration.securityPolicy = "TLS_1_2".',
    types: ["aws:apigatewayv2/domainName:DomainName", "aws:apigateway/domainName:DomainName"],
    validate: ({ type, props }, report) => {
        const v2 = type.startsWith("aws:apigatewayv2/");
        const config = props.domainNameConfiguration;
        if (v2 && isUnknown(config)) return;
        const policy = v2 ? config?.securityPolicy : props.securityPolicy;
        if (isUnknown(policy)) return;
        if (!ACCEPTED.test(str(policy) ?? "")) {
            const key = v2 ? "domainNameConfiguration.securityPolicy" : "securityPolicy";
            report(`${key} is ${setting(policy)}; allowed: "TLS_1_2" or a SecurityPolicy_TLS12_*/SecurityPolicy_TLS13_* policy`);
        }
    },
});
