/**
 * active-active-all-regions-unhealthy-alarm
 *
 * Requires, with Route 53 as the traffic layer: a CloudWatch alarm in us-east-1 over the `AWS/Route53`
 * `HealthCheckStatus` of every region's gate (the check its records answer to), with alarm actions enabled; and no
 * calculated health check whose children are calculated checks.
 * Why: when every record is unhealthy Route 53 fails open and answers with all of them, so users see errors while
 * DNS looks fine. Only an alarm over every gate pages for that (a drained region that is up must not hide it);
 * Route 53 metrics exist in us-east-1 only. A calculated check over the gates would be the obvious signal, but Route
 * 53 refuses it: "You can't configure a calculated health check to monitor the health of other calculated health
 * checks" (Developer Guide, values for creating health checks).
 * Severity: high.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-problems.html
 */
import { ROUTE53_METRICS_REGION } from "../../lib/aws-facts";
import { isDeclaredGlobal } from "../../lib/conventions";
import { Report, stackRule, StackResource } from "../../lib/policy";
import { topology, TYPES } from "../../lib/topology";
import { asList, isUnknown, str } from "../../lib/values";

/** The health check ids an alarm reads HealthCheckStatus of (its own metric, or its metric-math queries); null if unknown. */
function watchedCheckIds(alarm: StackResource): string[] | null {
    const p = alarm.props;
    const metrics: Record<string, any>[] = [];
    if (str(p.namespace) === "AWS/Route53" && str(p.metricName) === "HealthCheckStatus") metrics.push({ dimensions: p.dimensions });
    if (isUnknown(p.metricQueries)) return null;
    for (const q of asList(p.metricQueries as Record<string, any>[])) {
        const m = q?.metric;
        if (m && str(m.namespace) === "AWS/Route53" && str(m.metricName) === "HealthCheckStatus") metrics.push(m);
    }
    const ids: string[] = [];
    for (const m of metrics) {
        const id = isUnknown(m.dimensions) ? undefined : m.dimensions?.HealthCheckId;
        if (typeof id !== "string" || isUnknown(id)) return null;
        ids.push(id);
    }
    return ids;
}

/** A check's id, or undefined while it is unknown (preview). */
function knownId(check: StackResource): string | undefined {
    const id = check.props.id;
    return typeof id === "string" && !isUnknown(id) ? id : undefined;
}

function checkAlarm(alarm: StackResource, report: Report): void {
    if (typeof alarm.region === "string" && alarm.region !== ROUTE53_METRICS_REGION) {
        report(`alarm "${alarm.name}" is in ${alarm.region}; allowed: ${ROUTE53_METRICS_REGION}, the only region with Route 53 metrics`, alarm.urn);
    }
    const actions = alarm.props.alarmActions;
    if (!isUnknown(actions) && asList(actions as unknown[]).length === 0) {
        report(`alarm "${alarm.name}" has no alarmActions; allowed: an SNS topic in ${ROUTE53_METRICS_REGION}`, alarm.urn);
    }
    if (alarm.props.actionsEnabled === false) report(`alarm "${alarm.name}" has actionsEnabled false; allowed: true`, alarm.urn);
}

/** Calculated checks with a calculated child: Route 53 refuses them. */
function nestedCalculated(resources: StackResource[], report: Report): void {
    const checks = resources.filter((r) => r.type === TYPES.healthCheck);
    const calculated = new Set(checks.filter((c) => str(c.props.type) === "CALCULATED").map(knownId).filter((id): id is string => !!id));
    for (const c of checks) {
        if (str(c.props.type) !== "CALCULATED" || isUnknown(c.props.childHealthchecks)) continue;
        const nested = asList(c.props.childHealthchecks as unknown[]).filter((id) => typeof id === "string" && !isUnknown(id) && calculated.has(id));
        if (nested.length > 0) {
            report(`calculated check "${c.name}" monitors calculated checks (${nested.join(", ")}), which Route 53 refuses; allowed: endpoint, CloudWatch-alarm or routing-control children`, c.urn);
        }
    }
}

export const allRegionsUnhealthyAlarm = stackRule({
    name: "active-active-all-regions-unhealthy-alarm",
    description: "With Route 53, a us-east-1 alarm over every region's gate pages when none is healthy (Route 53 then fails open).",
    severity: "high",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-problems.html",
    remediationSteps: "Create a metric-math alarm in us-east-1 over the gates' HealthCheckStatus (MAX of them below 1), with an SNS action.",
    validate: ({ resources }, report, notApplicable) => {
        const t = topology(resources);
        if (t.traffic !== "route53") notApplicable("Route 53 is not the traffic layer");
        nestedCalculated(resources, report);
        const gates = [...t.gates.values()].flat();
        const gateIds = gates.map(knownId);
        const alarms = resources.filter((r) => r.type === TYPES.metricAlarm);
        const candidates = alarms.filter((a) => {
            const ids = watchedCheckIds(a);
            // Ids are unknown until the checks exist: fall back to the global-monitoring convention.
            if (ids === null || gateIds.some((id) => id === undefined)) return isDeclaredGlobal(a);
            return ids.length > 1 && ids.every((id) => gateIds.includes(id));
        });
        if (candidates.length === 0) {
            report(`no alarm watches the HealthCheckStatus of the ${gates.length} gates; allowed: an alarm in ${ROUTE53_METRICS_REGION} over every region's gate that notifies when none is healthy`);
            return;
        }
        for (const alarm of candidates) {
            const ids = watchedCheckIds(alarm);
            // A fleet has a routed name per service: an alarm watches the gates of its own routing component.
            const siblings = gates.filter((g) => g.parent !== undefined && g.parent === alarm.parent);
            const own = siblings.length > 0 ? siblings : gates;
            const missed = ids === null || gateIds.some((id) => id === undefined) ? [] : own.filter((g) => !ids.includes(knownId(g)!));
            if (missed.length > 0) {
                report(`alarm "${alarm.name}" watches ${own.length - missed.length} of the ${own.length} gates (not ${missed.map((g) => g.name).join(", ")}); allowed: every region's gate`, alarm.urn);
            }
            checkAlarm(alarm, report);
        }
    },
});
