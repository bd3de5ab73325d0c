/**
 * LatencyRouting (`activeactive:route53:LatencyRouting`): Route 53 latency routing over the regional services. Per
 * region a health check, its drain gate, latency records and an alarm; globally a check over every gate and its
 * alarm. Route 53 is global: the caller passes the us-east-1 provider and every child inherits it.
 * What it creates, drains, and replaces: docs/traffic.md (`LatencyRouting`).
 */
import { SCOPE_GLOBAL } from "../../packages/aws-facts";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Rpo, Rto, route53Rto, rpo } from "../../packages/failover-model";
import { withDefaults } from "../defaults";
import { throwIfProblems } from "../problems";
import { alarmTopicArn, createUnhealthyAlarm } from "./alarms";
import { LATENCY_ROUTING_DEFAULTS, LatencyRoutingArgs, LatencyRoutingRegion, ResolvedLatencyRoutingArgs, TAG_REGION, TAG_SCOPE } from "./args";
import { createAnyRegionCheck, createGate, createRegionalCheck } from "./health-checks";
import { createRegionRecords } from "./records";
import { createRecoveryControls, RecoveryControls } from "./recovery-control";
import { validateLatencyRoutingArgs } from "./validate";

export type { LatencyRoutingArgs, LatencyRoutingRegion } from "./args";
export { LATENCY_ROUTING_DEFAULTS } from "./args";
export { validateLatencyRoutingArgs } from "./validate";

export class LatencyRouting extends pulumi.ComponentResource {
    /** The global endpoint: the service name the latency records answer for. */
    readonly endpoint: string;
    /** Regional endpoint health check ids by region. */
    readonly healthCheckIds: pulumi.Output<Record<string, string>>;
    /** Gate (calculated) check ids by region: the check each region's record is wired to. */
    readonly gateCheckIds: pulumi.Output<Record<string, string>>;
    /** The calculated check that is healthy while any region is. */
    readonly anyRegionCheckId: pulumi.Output<string>;
    readonly alarmTopicArn: pulumi.Output<string>;
    /** The ARC cluster, routing controls and their checks, with `recoveryControl`. */
    readonly recoveryControls?: RecoveryControls;
    /** Modeled worst-case time until users are moved off a failed region. */
    readonly rto: Rto;
    /** Modeled data-loss window of the global table. */
    readonly rpo: Rpo;

    readonly healthChecks: Record<string, aws.route53.HealthCheck> = {};
    readonly gates: Record<string, aws.route53.HealthCheck> = {};
    readonly records: aws.route53.Record[] = [];
    readonly alarms: aws.cloudwatch.MetricAlarm[] = [];

    constructor(name: string, args: LatencyRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("activeactive:route53:LatencyRouting", name, {}, opts);
        throwIfProblems("LatencyRouting", name, validateLatencyRoutingArgs(args));
        const resolved = withDefaults(args, LATENCY_ROUTING_DEFAULTS);
        this.endpoint = args.serviceName;
        this.rto = route53Rto(resolved.settings);
        this.rpo = rpo(resolved.consistency);
        this.alarmTopicArn = alarmTopicArn(name, resolved, this);
        const regions = args.regions.map((r) => r.region);
        this.recoveryControls = args.recoveryControl ? createRecoveryControls(name, resolved, args.recoveryControl, regions, this) : undefined;

        for (const r of args.regions) this.addRegion(name, resolved, r);

        this.anyRegionCheckId = this.addAnyRegion(name, resolved);
        this.healthCheckIds = idsByRegion(this.healthChecks);
        this.gateCheckIds = idsByRegion(this.gates);

        this.registerOutputs({
            endpoint: this.endpoint,
            healthCheckIds: this.healthCheckIds,
            gateCheckIds: this.gateCheckIds,
            anyRegionCheckId: this.anyRegionCheckId,
            alarmTopicArn: this.alarmTopicArn,
            recoveryControlArns: this.recoveryControls ? pulumi.output(this.recoveryControls.controlArns) : undefined,
            rto: this.rto,
            rpo: this.rpo,
        });
    }

    /** One region's check, gate, records and alarm, in that order. */
    private addRegion(name: string, args: ResolvedLatencyRoutingArgs, r: LatencyRoutingRegion): void {
        const check = createRegionalCheck(name, args, r, this);
        const control = this.recoveryControls?.checks[r.region];
        const gate = createGate(name, args, r, control ? [check, control] : [check], this);
        this.healthChecks[r.region] = check;
        this.gates[r.region] = gate;
        this.records.push(...createRegionRecords(name, args, r, gate, this));
        const tags = { ...args.tags, [TAG_REGION]: r.region };
        const watched = { logicalName: `${name}-${r.region}-alarm`, check, description: `${args.serviceName}: region ${r.region} is unhealthy`, tags };
        this.alarms.push(createUnhealthyAlarm(watched, this.alarmTopicArn, this));
    }

    /** The check over every gate and its alarm: Route 53 fails open when every record is unhealthy, so page then. */
    private addAnyRegion(name: string, args: ResolvedLatencyRoutingArgs): pulumi.Output<string> {
        const anyRegion = createAnyRegionCheck(name, args, Object.values(this.gates), this);
        const tags = { ...args.tags, [TAG_SCOPE]: SCOPE_GLOBAL };
        const watched = { logicalName: `${name}-any-region-alarm`, check: anyRegion, description: `${args.serviceName}: no region is healthy`, tags };
        this.alarms.push(createUnhealthyAlarm(watched, this.alarmTopicArn, this));
        return anyRegion.id;
    }
}

function idsByRegion(checks: Record<string, aws.route53.HealthCheck>): pulumi.Output<Record<string, string>> {
    const regions = Object.keys(checks);
    return pulumi.all(regions.map((r) => checks[r]!.id)).apply((ids) => Object.fromEntries(regions.map((r, i) => [r, ids[i]!])));
}
