/**
 * A data-plane drain: one ARC routing control per region, a `RECOVERY_CONTROL` health check on it as the second
 * child of the region's gate, and a safety rule that keeps enough regions serving. Flipping a control goes through
 * the cluster's own endpoints in five regions, never through a deploy or a control plane (docs/recovery-control.md).
 *
 * The controls are drain switches: each check is inverted, so a control that is Off (the state ARC creates it in)
 * leaves its region serving and turning it On drains the region. Turning the option on therefore changes no
 * region's health. ARC's configuration API is in us-west-2: the cluster, panel, controls and rule take that
 * region's provider; the checks are Route 53's and take the component's.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ARC_NAME_MAX_LENGTH, ARC_SAFETY_RULE_WAIT_MS } from "../../packages/aws-facts";
import { ResolvedLatencyRoutingArgs, TAG_REGION } from "./args";

export interface RecoveryControlArgs {
    /** An aws.Provider of us-west-2, where ARC's configuration API is. */
    provider: aws.Provider;
    /** An existing cluster to put the controls on. @default a new cluster (billed by the hour) */
    clusterArn?: string;
    /** Regions the safety rule keeps serving: a drain that would leave fewer is refused. At least 1. */
    minimumServing: number;
}

export interface RecoveryControls {
    clusterArn: pulumi.Output<string>;
    /** The cluster's endpoints (a new cluster's; empty for a given one: read them with DescribeCluster). */
    clusterEndpoints: pulumi.Output<{ endpoint: string; region: string }[]>;
    controlArns: Record<string, pulumi.Output<string>>;
    /** The inverted RECOVERY_CONTROL check of each region, the second child of its gate. */
    checks: Record<string, aws.route53.HealthCheck>;
}

/** ARC names are 1-64 characters. */
export function arcName(...parts: string[]): string {
    return parts.join("-").slice(0, ARC_NAME_MAX_LENGTH);
}

/** Refuses a change that would leave fewer than `minimumServing` of `regions` serving (at most N - min drained). */
export function safetyRuleConfig(regions: number, minimumServing: number) {
    return { type: "ATLEAST", threshold: regions - minimumServing + 1, inverted: true };
}

export function createRecoveryControls(
    name: string,
    args: ResolvedLatencyRoutingArgs,
    rc: RecoveryControlArgs,
    regions: readonly string[],
    parent: pulumi.Resource,
): RecoveryControls {
    const arcOpts = { parent, provider: rc.provider };
    const cluster = rc.clusterArn === undefined ? new aws.route53recoverycontrol.Cluster(`${name}-arc-cluster`, { name: arcName(args.serviceName) }, arcOpts) : undefined;
    const clusterArn = cluster ? cluster.arn : pulumi.output(rc.clusterArn!);
    const panel = new aws.route53recoverycontrol.ControlPanel(`${name}-arc-panel`, { clusterArn, name: arcName(args.serviceName) }, arcOpts);
    const controls: Record<string, aws.route53recoverycontrol.RoutingControl> = {};
    const checks: Record<string, aws.route53.HealthCheck> = {};
    for (const region of regions) {
        controls[region] = new aws.route53recoverycontrol.RoutingControl(
            `${name}-${region}-control`,
            { clusterArn, controlPanelArn: panel.arn, name: arcName("drain", region, args.serviceName) },
            arcOpts,
        );
        checks[region] = new aws.route53.HealthCheck(
            `${name}-${region}-control-check`,
            {
                type: "RECOVERY_CONTROL",
                routingControlArn: controls[region]!.arn,
                // Off (ARC's initial state) is healthy: the control drains the region when turned On.
                invertHealthcheck: true,
                tags: { ...args.tags, Name: `${name}-${region}-control`, [TAG_REGION]: region },
            },
            { parent },
        );
    }
    new aws.route53recoverycontrol.SafetyRule(
        `${name}-arc-safety`,
        {
            controlPanelArn: panel.arn,
            name: arcName("keep-serving", args.serviceName),
            waitPeriodMs: ARC_SAFETY_RULE_WAIT_MS,
            assertedControls: regions.map((r) => controls[r]!.arn),
            ruleConfig: safetyRuleConfig(regions.length, rc.minimumServing),
        },
        arcOpts,
    );
    return {
        clusterArn,
        clusterEndpoints: cluster ? cluster.clusterEndpoints : pulumi.output([]),
        controlArns: Object.fromEntries(regions.map((r) => [r, controls[r]!.arn])),
        checks,
    };
}
