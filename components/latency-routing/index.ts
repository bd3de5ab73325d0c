/**
 * LatencyRouting (`activeactive:route53:LatencyRouting`): Route 53 routing over the regional services, by latency
 * (default) or by the mode in `policy` (weighted, geoproximity, geolocation, failover: policy-records.ts). Per
 * region a health check of its pinned name, its drain gate, latency records, the pinned name's simple record and an
 * alarm; globally the fail-open alarm over every gate and the alarm topic. Route 53 is global: the caller passes the
 * us-east-1 provider and every child inherits it.
 * What it creates, drains, and replaces: docs/traffic.md (`LatencyRouting`).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Rpo, Rto, route53Rto, rpo } from "../../packages/failover-model";
import { withDefaults } from "../defaults";
import { throwIfProblems } from "../problems";
import { alarmTopicArn, createFailOpenAlarm, createUnhealthyAlarm } from "./alarms";
import { LATENCY_ROUTING_DEFAULTS, LatencyRoutingArgs, LatencyRoutingRegion, ResolvedLatencyRoutingArgs, TAG_REGION } from "./args";
import { createAnyRegionCheck, createGate, createRegionalCheck } from "./health-checks";
import { createPinnedRecords, createRegionRecords } from "./records";
import { createPolicyRecords } from "./policy-records";
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
    /** The calculated check over every region's endpoint check: healthy while any region is, drains aside. */
    readonly anyRegionCheckId: pulumi.Output<string>;
    /** The alarm that pages when every gate is unhealthy (Route 53 then fails open). */
    readonly failOpenAlarm: aws.cloudwatch.MetricAlarm;
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
        if (resolved.policy.policy !== "latency") this.records.push(...createPolicyRecords(name, resolved, resolved.policy, this.gates, this));

        this.anyRegionCheckId = createAnyRegionCheck(name, resolved, Object.values(this.healthChecks), this).id;
        // Logical name kept from when it watched a calculated check over the gates (which Route 53 refuses).
        this.failOpenAlarm = createFailOpenAlarm(`${name}-any-region-alarm`, resolved, this.gates, this.alarmTopicArn, this);
        this.alarms.push(this.failOpenAlarm);
        this.healthCheckIds = idsByRegion(this.healthChecks);
        this.gateCheckIds = idsByRegion(this.gates);

        this.registerOutputs({
            endpoint: this.endpoint,
            healthCheckIds: this.healthCheckIds,
            gateCheckIds: this.gateCheckIds,
            anyRegionCheckId: this.anyRegionCheckId,
            failOpenAlarmArn: this.failOpenAlarm.arn,
            alarmTopicArn: this.alarmTopicArn,
            recoveryControlArns: this.recoveryControls ? pulumi.output(this.recoveryControls.controlArns) : undefined,
            rto: this.rto,
            rpo: this.rpo,
        });
    }

    /** One region's check, gate, records (latency and pinned) and alarm, in that order. */
    private addRegion(name: string, args: ResolvedLatencyRoutingArgs, r: LatencyRoutingRegion): void {
        const check = createRegionalCheck(name, args, r, this);
        const control = this.recoveryControls?.checks[r.region];
        const gate = createGate(name, args, r, control ? [check, control] : [check], this);
        this.healthChecks[r.region] = check;
        this.gates[r.region] = gate;
        // Latency's records keep their place and names; every other mode's are made once all gates exist.
        if (args.policy.policy === "latency") this.records.push(...createRegionRecords(name, args, r, gate, this));
        this.records.push(...createPinnedRecords(name, args, r, this));
        const tags = { ...args.tags, [TAG_REGION]: r.region };
        const watched = { logicalName: `${name}-${r.region}-alarm`, check, description: `${args.serviceName}: region ${r.region} is unhealthy`, tags };
        this.alarms.push(createUnhealthyAlarm(watched, this.alarmTopicArn, this));
    }
}

function idsByRegion(checks: Record<string, aws.route53.HealthCheck>): pulumi.Output<Record<string, string>> {
    const regions = Object.keys(checks);
    return pulumi.all(regions.map((r) => checks[r]!.id)).apply((ids) => Object.fromEntries(regions.map((r, i) => [r, ids[i]!])));
}
