/**
 * aws-route53-health-check-checker-regions
 *
 * Requires: an endpoint health check's `regions` (checker regions), when set, lists at least 3 Route 53 checker
 * regions, each one Route 53 offers. Unset means every checker region, which passes.
 * Why: Route 53 calls an endpoint healthy while more than 18 % of checkers say so; with few checker regions one
 * network problem near a checker flips a region's health, and AWS rejects fewer than 3.
 * Severity: high.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
 */
import { checkerRegionProblems, renderProblem } from "@active-active/aws-facts";
import { healthCheckKind } from "../../lib/conventions";
import { resourceRule } from "../../lib/policy";
import { asList, isUnknown } from "../../lib/values";

export const healthCheckCheckerRegions = resourceRule({
    name: "aws-route53-health-check-checker-regions",
    description: "Route 53 endpoint health checks run from at least three checker regions.",
    severity: "high",
    url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html",
    remediationSteps: 'Set regions to at least three of Route 53\'s checker regions, e.g. ["us-east-1", "eu-west-1", "ap-southeast-1"].',
    types: ["aws:route53/healthCheck:HealthCheck"],
    validate: ({ name, props }, report) => {
        if (isUnknown(props.type) || healthCheckKind({ name, props }) !== "endpoint") return;
        if (isUnknown(props.regions) || props.regions === undefined || props.regions === null) return;
        const regions = asList(props.regions as unknown[]);
        if (regions.some(isUnknown)) return;
        for (const p of checkerRegionProblems(regions, "regions")) report(renderProblem(p));
    },
});
