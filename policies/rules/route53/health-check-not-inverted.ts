/**
 * aws-route53-health-check-not-inverted
 *
 * Requires: no health check has `invertHealthcheck: true`, except an ARC routing control's (`RECOVERY_CONTROL`):
 * that one watches a switch, not an endpoint, and inverted it makes the switch a drain (Off, ARC's initial state,
 * is serving).
 * Why: an inverted check reports a failed endpoint as healthy: a region drained by inverting its check comes back
 * into rotation exactly when it really fails, and alarms on it read backwards.
 * Severity: critical.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
 */
import { resourceRule } from "../../lib/policy";

export const healthCheckNotInverted = resourceRule({
    name: "aws-route53-health-check-not-inverted",
    description: "Route 53 health checks are not inverted.",
    severity: "critical",
    url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html",
    remediationSteps: "Remove invertHealthcheck; drain a region through its gate check instead.",
    types: ["aws:route53/healthCheck:HealthCheck"],
    validate: ({ props }, report) => {
        if (props.invertHealthcheck === true && props.type !== "RECOVERY_CONTROL") report("invertHealthcheck is true, which reports a failed endpoint as healthy; allowed: false or unset");
    },
});
