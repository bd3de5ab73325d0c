/**
 * The health checks of LatencyRouting: each region's HTTPS check, its drain gate, and one check over every region's
 * endpoint check. Why a gate rather than inverting or disabling the regional check: docs/traffic.md (`-gate`). The
 * fail-open signal over the gates is an alarm (alarms.ts), not a calculated check: Route 53 refuses calculated checks
 * of calculated checks.
 */
import { SCOPE_GLOBAL } from "../../packages/aws-facts";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LatencyRoutingRegion, ResolvedLatencyRoutingArgs, TAG_REGION, TAG_RTO_TARGET, TAG_SCOPE } from "./args";

/**
 * The region's HTTPS check of its region-pinned name: the custom domain, certificate and mapping users go through,
 * in that region only. The region's real health, never inverted or disabled.
 */
export function createRegionalCheck(
    name: string,
    args: ResolvedLatencyRoutingArgs,
    r: LatencyRoutingRegion,
    parent: pulumi.Resource,
): aws.route53.HealthCheck {
    return new aws.route53.HealthCheck(
        `${name}-${r.region}-check`,
        {
            type: "HTTPS",
            fqdn: r.healthCheckHostname,
            port: 443,
            enableSni: true,
            resourcePath: args.healthPath,
            requestInterval: args.settings.requestIntervalSeconds,
            failureThreshold: args.settings.failureThreshold,
            regions: args.checkerRegions,
            measureLatency: true,
            tags: {
                ...args.tags,
                Name: `${name}-${r.region}`,
                [TAG_REGION]: r.region,
                ...(args.rtoTargetSeconds !== undefined ? { [TAG_RTO_TARGET]: String(args.rtoTargetSeconds) } : {}),
            },
        },
        { parent },
    );
}

/**
 * The calculated check the region's record answers to: the config drain, and (with routing controls) the
 * data-plane drain as its second child. Healthy when every child is; a drained region's threshold is above its
 * child count, so it is never healthy. A RECOVERY_CONTROL check may be a child: the only kind a calculated check
 * cannot monitor is another calculated check (Route 53 Developer Guide, "Monitoring other health checks
 * (calculated health checks)": https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html#health-checks-creating-values-calculated).
 */
export function createGate(
    name: string,
    args: ResolvedLatencyRoutingArgs,
    r: LatencyRoutingRegion,
    children: readonly aws.route53.HealthCheck[],
    parent: pulumi.Resource,
): aws.route53.HealthCheck {
    return new aws.route53.HealthCheck(
        `${name}-${r.region}-gate`,
        {
            type: "CALCULATED",
            childHealthchecks: children.map((c) => c.id),
            childHealthThreshold: args.drain.includes(r.region) ? children.length + 1 : children.length,
            tags: { ...args.tags, Name: `${name}-${r.region}-gate`, [TAG_REGION]: r.region },
        },
        { parent },
    );
}

/**
 * Healthy while any region's endpoint check is: the service's real health somewhere, drains aside, as one Route 53
 * check (dashboards; a failover record to a maintenance page). Its children are the endpoint checks, never the gates:
 * Route 53 refuses a calculated check over calculated checks, which is also why the fail-open signal over the gates is
 * an alarm (alarms.ts). The logical name is the one the old check over the gates had; Route 53 never accepted that one.
 */
export function createAnyRegionCheck(
    name: string,
    args: ResolvedLatencyRoutingArgs,
    checks: readonly aws.route53.HealthCheck[],
    parent: pulumi.Resource,
): aws.route53.HealthCheck {
    return new aws.route53.HealthCheck(
        `${name}-any-region`,
        {
            type: "CALCULATED",
            childHealthchecks: checks.map((c) => c.id),
            childHealthThreshold: 1,
            tags: { ...args.tags, Name: `${name}-any-region`, [TAG_SCOPE]: SCOPE_GLOBAL },
        },
        { parent },
    );
}
