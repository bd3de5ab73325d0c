/**
 * active-active-all-regions-unhealthy-alarm
 *
 * Requires, with Route 53 as the traffic layer: a calculated health check over every region's endpoint check (the
 * all-regions check, tagged `activeactive:scope=global`) with a `childHealthThreshold` from 1 to its child count,
 * and a CloudWatch alarm in us-east-1 on its `AWS/Route53` `HealthCheckStatus` with alarm actions enabled.
 * Why: when every record is unhealthy Route 53 fails open and answers with all of them, so users see errors while
 * DNS looks fine. Only an alarm on the all-regions check pages for that; Route 53 metrics exist in us-east-1 only.
 * Severity: high.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-problems.html
 */
import { ROUTE53_METRICS_REGION } from "../../lib/aws-facts";
import { isDeclaredGlobal, SCOPE_GLOBAL, TAG_SCOPE } from "../../lib/conventions";
import { stackRule, StackResource } from "../../lib/policy";
import { topology, TYPES } from "../../lib/topology";
import { asList, isUnknown, num, str } from "../../lib/values";

function watches(alarm: StackResource, check: StackResource): boolean {
    const p = alarm.props;
    if (str(p.namespace) !== "AWS/Route53" || str(p.metricName) !== "HealthCheckStatus") return false;
    const dimension = isUnknown(p.dimensions) ? undefined : p.dimensions?.HealthCheckId;
    const id = check.props.id;
    if (typeof dimension === "string" && typeof id === "string") return dimension === id;
    // Ids are unknown until the check exists: fall back to the global-monitoring convention.
    return isDeclaredGlobal(alarm);
}

export const allRegionsUnhealthyAlarm = stackRule({
    name: "active-active-all-regions-unhealthy-alarm",
    description: "With Route 53, a calculated check covers every region and a us-east-1 alarm pages when none is healthy.",
    severity: "high",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-problems.html",
    remediationSteps: "Create a CALCULATED check over the regional checks (threshold 1) and a HealthCheckStatus alarm on it in us-east-1.",
    validate: ({ resources }, report, notApplicable) => {
        const t = topology(resources);
        if (t.traffic !== "route53") notApplicable("Route 53 is not the traffic layer");
        const regional = [...t.endpointChecks.values()].flat().length;
        if (t.allRegionChecks.length === 0) {
            report(`no calculated health check covers every region; allowed: a CALCULATED check over the ${regional} endpoint checks, tagged ${TAG_SCOPE}=${SCOPE_GLOBAL}, with an alarm in ${ROUTE53_METRICS_REGION}`);
            return;
        }
        const alarms = resources.filter((r) => r.type === TYPES.metricAlarm);
        for (const check of t.allRegionChecks) {
            const children = check.props.childHealthchecks;
            const threshold = check.props.childHealthThreshold;
            if (!isUnknown(children) && !isUnknown(threshold)) {
                const n = asList(children as unknown[]).length;
                if (n < regional) report(`calculated check "${check.name}" watches ${n} of the ${regional} endpoint checks; allowed: every region's endpoint check`, check.urn);
                const k = num(threshold) ?? 0;
                if (k < 1) report(`calculated check "${check.name}" has childHealthThreshold ${k}, so it is always healthy; allowed: 1 to ${n}`, check.urn);
                else if (k > n) report(`calculated check "${check.name}" has childHealthThreshold ${k} above its ${n} children, so it is never healthy; allowed: 1 to ${n}`, check.urn);
            }
            const found = alarms.filter((a) => watches(a, check));
            if (found.length === 0) {
                report(`no CloudWatch alarm watches HealthCheckStatus of "${check.name}"; allowed: an alarm in ${ROUTE53_METRICS_REGION} that notifies when no region is healthy`, check.urn);
                continue;
            }
            for (const alarm of found) {
                if (typeof alarm.region === "string" && alarm.region !== ROUTE53_METRICS_REGION) {
                    report(`alarm "${alarm.name}" is in ${alarm.region}; allowed: ${ROUTE53_METRICS_REGION}, the only region with Route 53 metrics`, alarm.urn);
                }
                const actions = alarm.props.alarmActions;
                if (!isUnknown(actions) && asList(actions as unknown[]).length === 0) {
                    report(`alarm "${alarm.name}" has no alarmActions; allowed: an SNS topic in ${ROUTE53_METRICS_REGION}`, alarm.urn);
                }
                if (alarm.props.actionsEnabled === false) report(`alarm "${alarm.name}" has actionsEnabled false; allowed: true`, alarm.urn);
            }
        }
    },
});
