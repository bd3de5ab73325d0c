/**
 * aws-route53-health-check-failover-budget
 *
 * Requires: an endpoint health check's `requestInterval` (10 or 30, default 30) and `failureThreshold` (1 to 10,
 * default 3) are valid and could meet the RTO target even with the shortest DNS cache the failover model allows.
 * The target is the pack config's `rtoTargetSeconds`, or the check's `activeactive:rto-target-seconds` tag when
 * that is tighter.
 * Why: detection time (interval x threshold plus timeouts) is most of a failover; a check that alone overruns the
 * budget cannot be rescued by records. The stack rule active-active-modeled-rto checks the exact sum per region.
 * Severity: high.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
 */
import {
    deriveRoute53,
    describeRoute53,
    RESOLVER_MINIMUM_TTL_SECONDS,
    route53Rto,
} from "@active-active/failover-model";
import {
    ROUTE53_DEFAULT_FAILURE_THRESHOLD,
    ROUTE53_DEFAULT_REQUEST_INTERVAL_SECONDS,
    ROUTE53_FAILURE_THRESHOLD,
    ROUTE53_REQUEST_INTERVALS,
} from "@active-active/aws-facts";
import { declaredRtoTarget, healthCheckKind, TAG_RTO_TARGET } from "../../lib/conventions";
import { resourceRule } from "../../lib/policy";
import { isUnknown, num } from "../../lib/values";

export interface BudgetConfig {
    rtoTargetSeconds: number;
}

export const healthCheckFailoverBudget = resourceRule<BudgetConfig>({
    name: "aws-route53-health-check-failover-budget",
    description: "Route 53 endpoint health check interval and threshold fit the failover (RTO) budget.",
    severity: "high",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html",
    remediationSteps: "Lower failureThreshold or use requestInterval 10 (see the failover model's deriveRoute53).",
    types: ["aws:route53/healthCheck:HealthCheck"],
    configSchema: {
        properties: {
            rtoTargetSeconds: { type: "integer", minimum: 1, maximum: 3600, default: 180, description: "Longest modeled failover time allowed, in seconds." },
        },
    },
    validate: ({ name, props, config }, report) => {
        if (isUnknown(props.type) || healthCheckKind({ name, props }) !== "endpoint") return;
        if (isUnknown(props.requestInterval) || isUnknown(props.failureThreshold)) return;
        const settings = {
            requestIntervalSeconds: num(props.requestInterval) ?? ROUTE53_DEFAULT_REQUEST_INTERVAL_SECONDS,
            failureThreshold: num(props.failureThreshold) ?? ROUTE53_DEFAULT_FAILURE_THRESHOLD,
            recordKind: "cname" as const,
            cnameTtlSeconds: RESOLVER_MINIMUM_TTL_SECONDS,
        };
        const { min, max } = ROUTE53_FAILURE_THRESHOLD;
        const badInterval = !ROUTE53_REQUEST_INTERVALS.includes(settings.requestIntervalSeconds);
        const badThreshold = !Number.isInteger(settings.failureThreshold) || settings.failureThreshold < min || settings.failureThreshold > max;
        if (badInterval) report(`requestInterval is ${settings.requestIntervalSeconds}; allowed: ${ROUTE53_REQUEST_INTERVALS.join(" or ")}`);
        if (badThreshold) report(`failureThreshold is ${settings.failureThreshold}; allowed: ${min} to ${max}`);
        if (badInterval || badThreshold) return;
        const declared = declaredRtoTarget({ name, props });
        const target = Math.min(config.rtoTargetSeconds, declared ?? Infinity);
        const source = declared !== undefined && declared < config.rtoTargetSeconds ? `tag ${TAG_RTO_TARGET}` : "pack config rtoTargetSeconds";
        const best = route53Rto(settings).rtoSeconds;
        if (best > target) {
            const fit = deriveRoute53(target);
            report(
                `requestInterval ${settings.requestIntervalSeconds} s x failureThreshold ${settings.failureThreshold} cannot meet the RTO target ` +
                    `of ${target} s (${source}): even with a ${RESOLVER_MINIMUM_TTL_SECONDS} s DNS cache the modeled RTO is ${best} s; allowed: ` +
                    (fit.ok ? `e.g. ${describeRoute53(fit.settings)} (${fit.rto.rtoSeconds} s)` : `a target of at least ${fit.best.rto.rtoSeconds} s`),
            );
        }
    },
});
