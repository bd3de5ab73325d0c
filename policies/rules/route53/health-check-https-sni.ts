/**
 * aws-route53-health-check-https-sni
 *
 * Requires: endpoint health checks (not calculated or CloudWatch-metric checks) are `HTTPS` (or
 * `HTTPS_STR_MATCH`) and do not turn SNI off (`enableSni` true, or unset: Route 53 turns it on for HTTPS).
 * Why: API Gateway serves many hostnames per address and picks the certificate by SNI; a check without SNI fails
 * the TLS handshake and marks a healthy region down. An HTTP or TCP check does not test what clients use.
 * Severity: high.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
 */
import { healthCheckKind } from "../../lib/conventions";
import { resourceRule } from "../../lib/policy";
import { isUnknown, setting, str } from "../../lib/values";

export const healthCheckHttpsSni = resourceRule({
    name: "aws-route53-health-check-https-sni",
    description: "Route 53 endpoint health checks use HTTPS with SNI.",
    severity: "high",
    url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html",
    remediationSteps: 'Set type = "HTTPS", port = 443 and enableSni = true.',
    types: ["aws:route53/healthCheck:HealthCheck"],
    validate: ({ name, props }, report) => {
        if (isUnknown(props.type) || healthCheckKind({ name, props }) !== "endpoint") return;
        const type = str(props.type)!.toUpperCase();
        if (type !== "HTTPS" && type !== "HTTPS_STR_MATCH") {
            report(`type is ${setting(props.type)}; allowed: "HTTPS" or "HTTPS_STR_MATCH"`);
        } else if (props.enableSni === false) {
            report(`enableSni is false; allowed: true (API Gateway picks the certificate by SNI)`);
        }
    },
});
