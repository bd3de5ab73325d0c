/**
 * aws-route53-latency-record-health-checked
 *
 * Requires: every latency record has a `healthCheckId`.
 * Why: without a health check Route 53 keeps answering with a failed region's record; latency routing then sends
 * that region's nearest users to an outage forever. There is no failover without it.
 * Severity: critical.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-complex-configs.html
 */
import { resourceRule } from "../../lib/policy";
import { asList, isUnknown, str } from "../../lib/values";

export const latencyRecordHealthChecked = resourceRule({
    name: "aws-route53-latency-record-health-checked",
    description: "Route 53 latency records are wired to a health check.",
    severity: "critical",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-complex-configs.html",
    remediationSteps: "Set healthCheckId to the region's gate (or endpoint) health check.",
    types: ["aws:route53/record:Record"],
    validate: ({ props }, report) => {
        if (isUnknown(props.latencyRoutingPolicies) || asList(props.latencyRoutingPolicies as unknown[]).length === 0) return;
        if (isUnknown(props.healthCheckId)) return;
        if (!str(props.healthCheckId)) {
            const region = str(asList(props.latencyRoutingPolicies as Record<string, unknown>[])[0]?.region);
            report(`healthCheckId is unset on the latency record for ${region ?? "its region"}; allowed: the id of the region's health check`);
        }
    },
});
