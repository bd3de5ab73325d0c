/**
 * active-active-modeled-rto
 *
 * Requires: the modeled failover time of every region, computed by @active-active/failover-model from what is
 * deployed (Route 53: the region's endpoint check interval and threshold and its latency record's alias or CNAME
 * TTL; Cloudflare: the monitor's interval, retries, timeout and consecutive-down and the load balancer's proxying and
 * TTL), is within the target. The target is the pack config's `rtoTargetSeconds`, or, when tighter, the value a
 * stack declares with the tag `activeactive:rto-target-seconds` on its endpoint health checks: a stack may promise
 * more than the organisation's floor, never less.
 * Why: the RTO a stack reports is only true if the resources that implement it match; this re-derives it from the
 * resources themselves, so a hand-edited interval or TTL cannot drift from the promise.
 * Severity: high.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
 */
import {
    CLOUDFLARE_MONITOR_DEFAULTS,
    CloudflareSettings,
    cloudflareRto,
    deriveRoute53,
    describeCloudflare,
    describeRoute53,
    ROUTE53_CNAME_TTL_SECONDS,
    Route53Settings,
    route53Rto,
} from "@active-active/failover-model";
import { ROUTE53_DEFAULT_FAILURE_THRESHOLD, ROUTE53_DEFAULT_REQUEST_INTERVAL_SECONDS } from "@active-active/aws-facts";
import { declaredRtoTarget, TAG_RTO_TARGET } from "../../lib/conventions";
import { stackRule } from "../../lib/policy";
import { topology } from "../../lib/topology";
import { asList, hasUnknown, isUnknown, num } from "../../lib/values";

export interface RtoConfig {
    rtoTargetSeconds: number;
}

function recordSettings(record: Record<string, any>): Pick<Route53Settings, "recordKind" | "cnameTtlSeconds"> | undefined {
    // An alias's target name is unknown in preview; that it is an alias is not.
    if (isUnknown(record.aliases) || isUnknown(record.ttl)) return undefined;
    if (asList(record.aliases as unknown[]).length > 0) return { recordKind: "alias" };
    return { recordKind: "cname", cnameTtlSeconds: num(record.ttl) ?? ROUTE53_CNAME_TTL_SECONDS.default };
}

export const modeledRto = stackRule<RtoConfig>({
    name: "active-active-modeled-rto",
    description: "The failover time modeled from the deployed health checks and records is within the RTO target.",
    severity: "high",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html",
    remediationSteps: "Let the config derive the traffic settings from active-active:rtoTargetSeconds, or raise the target.",
    configSchema: {
        properties: {
            rtoTargetSeconds: { type: "integer", minimum: 1, maximum: 3600, default: 180, description: "Longest modeled failover time allowed, in seconds." },
        },
    },
    validate: ({ resources, config }, report, notApplicable) => {
        const t = topology(resources);
        if (!t.traffic) notApplicable("no traffic layer");
        if (t.traffic === "route53") {
            for (const [region, checks] of t.endpointChecks) {
                const check = checks[0]!;
                const record = t.records.get(region)?.[0];
                if (!record || hasUnknown(check.props.requestInterval) || hasUnknown(check.props.failureThreshold)) continue;
                const kind = recordSettings(record.props);
                if (!kind) continue;
                const settings: Route53Settings = {
                    requestIntervalSeconds: num(check.props.requestInterval) ?? ROUTE53_DEFAULT_REQUEST_INTERVAL_SECONDS,
                    failureThreshold: num(check.props.failureThreshold) ?? ROUTE53_DEFAULT_FAILURE_THRESHOLD,
                    ...kind,
                };
                const declared = declaredRtoTarget(check);
                const target = Math.min(config.rtoTargetSeconds, declared ?? Infinity);
                const source = declared !== undefined && declared < config.rtoTargetSeconds ? `tag ${TAG_RTO_TARGET}` : "pack config rtoTargetSeconds";
                const rto = route53Rto(settings).rtoSeconds;
                if (rto > target) {
                    const fit = deriveRoute53(target);
                    report(
                        `region ${region}: modeled RTO ${rto} s (${describeRoute53(settings)}) exceeds the target ${target} s (${source}); allowed: ` +
                            (fit.ok ? `at most ${target} s, e.g. ${describeRoute53(fit.settings)} (${fit.rto.rtoSeconds} s)` : `a target of at least ${fit.best.rto.rtoSeconds} s`),
                        check.urn,
                    );
                }
            }
            return;
        }
        for (const lb of t.loadBalancers) {
            if (hasUnknown(lb.props.proxied) || hasUnknown(lb.props.ttl)) continue;
            const proxied = lb.props.proxied === true;
            for (const monitor of t.monitors) {
                const p = monitor.props;
                if (hasUnknown([p.interval, p.consecutiveDown, p.retries, p.timeout])) continue;
                const settings: CloudflareSettings = {
                    intervalSeconds: num(p.interval) ?? CLOUDFLARE_MONITOR_DEFAULTS.intervalSeconds,
                    // The API's default of 0 behaves as 1.
                    consecutiveDown: Math.max(1, num(p.consecutiveDown) ?? CLOUDFLARE_MONITOR_DEFAULTS.consecutiveDown),
                    retries: num(p.retries) ?? CLOUDFLARE_MONITOR_DEFAULTS.retries,
                    timeoutSeconds: num(p.timeout) ?? CLOUDFLARE_MONITOR_DEFAULTS.timeoutSeconds,
                    proxied,
                    ...(!proxied && num(lb.props.ttl) !== undefined ? { ttlSeconds: num(lb.props.ttl) } : {}),
                };
                const rto = cloudflareRto(settings).rtoSeconds;
                if (rto > config.rtoTargetSeconds) {
                    report(
                        `monitor "${monitor.name}" behind load balancer "${lb.name}": modeled RTO ${rto} s (${describeCloudflare(settings)}) exceeds the target ` +
                            `${config.rtoTargetSeconds} s (pack config rtoTargetSeconds); allowed: at most ${config.rtoTargetSeconds} s (shorter interval, fewer consecutive-down)`,
                        monitor.urn,
                    );
                }
            }
        }
    },
});
