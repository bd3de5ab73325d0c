/**
 * aws-route53-health-check-enabled
 *
 * Requires: no health check has `disabled: true`.
 * Why: Route 53 considers a disabled health check healthy. A disabled check keeps a failed region's record in
 * every answer, so failover silently stops. Drain a region with its gate check (a calculated check whose
 * threshold exceeds its children), never by disabling.
 * Severity: critical.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_UpdateHealthCheck.html
 */
import { resourceRule } from "../../lib/policy";

export const healthCheckEnabled = resourceRule({
    name: "aws-route53-health-check-enabled",
    description: "Route 53 health checks are not disabled (a disabled check counts as healthy).",
    severity: "critical",
    url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_UpdateHealthCheck.html",
    remediationSteps: "Remove disabled: true; to take a region out of rotation raise its gate check's childHealthThreshold.",
    types: ["aws:route53/healthCheck:HealthCheck"],
    validate: ({ props }, report) => {
        if (props.disabled === true) report("disabled is true, and Route 53 treats a disabled check as healthy; allowed: false or unset");
    },
});
