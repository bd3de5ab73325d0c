/**
 * The health checks of LatencyRouting: each region's HTTPS check, its drain gate, and the calculated check over
 * every gate. Why a gate rather than inverting or disabling the regional check: docs/traffic.md (`-gate`).
 */
import { SCOPE_GLOBAL } from "../../packages/aws-facts";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LatencyRoutingRegion, ResolvedLatencyRoutingArgs, TAG_REGION, TAG_RTO_TARGET, TAG_SCOPE } from "./args";

/** The region's HTTPS check of its own execute-api hostname: the region's real health, never inverted or disabled. */
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

/** Healthy while any gate is: what the alarm for "no region is serving" watches. */
export function createAnyRegionCheck(
    name: string,
    args: ResolvedLatencyRoutingArgs,
    gates: readonly aws.route53.HealthCheck[],
    parent: pulumi.Resource,
): aws.route53.HealthCheck {
    return new aws.route53.HealthCheck(
        `${name}-any-region`,
        {
            type: "CALCULATED",
            // Over the gates, which are what the records answer to: Route 53 fails open exactly when every gate is
            // unhealthy, and a drained region that is still up must not hide that from this alarm.
            childHealthchecks: gates.map((c) => c.id),
            childHealthThreshold: 1,
            tags: { ...args.tags, Name: `${name}-any-region`, [TAG_SCOPE]: SCOPE_GLOBAL },
        },
        { parent },
    );
}
