/**
 * LatencyRouting (`activeactive:route53:LatencyRouting`): Route 53 latency routing over the regional services.
 *
 * Per region: an HTTPS health check of the region's own execute-api hostname, a calculated "gate" check over it
 * (the drain switch), and a latency record on the service name wired to the gate. Globally: a calculated check over
 * every regional check and CloudWatch alarms (us-east-1, where Route 53 publishes its metrics) that page when a
 * region, or every region, is unhealthy.
 *
 * Route 53 is global: the caller passes the us-east-1 aws.Provider as `provider` (or in `providers`); every child
 * inherits it, alarms and the SNS topic included.
 *
 * Why a gate instead of inverting or disabling the regional check: a drained region's gate needs more healthy
 * children (2) than it has (1), so Route 53 always sees it unhealthy and stops answering with its record. The
 * regional check keeps reporting the region's real health (alarms stay truthful), and undraining only lowers the
 * gate's threshold. Inverting the regional check would bring a drained region back as soon as it really failed;
 * a disabled check counts as healthy.
 *
 * Replacements: changing `settings.requestIntervalSeconds` replaces the regional checks (Route 53 cannot change a
 * check's interval); the gates follow the new ids. Changing the record kind replaces each region's record
 * (`deleteBeforeReplace`: DNS forbids a CNAME beside an A record of the same name); with `dualStack` on, turn it off
 * in an update of its own first, so that the AAAA records are gone before the CNAMEs are created.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    Consistency,
    DEFAULT_ROUTE53_SETTINGS,
    ROUTE53_CHECKER_REGIONS,
    ROUTE53_CNAME_TTL_SECONDS,
    ROUTE53_MIN_CHECKER_REGIONS,
    Route53Settings,
    Rpo,
    Rto,
    route53Rto,
    route53SettingsErrors,
    rpo,
} from "../packages/failover-model";

export interface LatencyRoutingRegion {
    /** The AWS region of the regional service: the latency region and the record's set identifier. */
    region: string;
    /**
     * The API's own execute-api hostname in that region (e.g. `abc123.execute-api.eu-west-1.amazonaws.com`), which
     * the health check probes. Not the service name: that resolves to whichever region is nearest the checker.
     */
    healthCheckHostname: pulumi.Input<string>;
    /** The regional custom domain's API Gateway target (`regionalDomainName`, `regionalZoneId`) the record points at. */
    target: pulumi.Input<{ name: string; zoneId: string }>;
}

export interface LatencyRoutingArgs {
    /** The public hosted zone that holds `serviceName`. */
    zoneId: pulumi.Input<string>;
    /** The global name clients call, e.g. `api.example.com`. */
    serviceName: string;
    /** One entry per region, in the config's order. */
    regions: LatencyRoutingRegion[];
    /** Regions taken out of rotation; their checks and records stay. At least one region must keep serving. @default [] */
    drain?: string[];
    /** Route 53 checker regions, at least 3 of ROUTE53_CHECKER_REGIONS. */
    checkerRegions: string[];
    /** Path the health checks request. @default "/health" */
    healthPath?: string;
    /** Health check and record settings from the failover model (resolveRoute53). @default DEFAULT_ROUTE53_SETTINGS */
    settings?: Route53Settings;
    /** Also publish AAAA alias records, for dual-stack regional endpoints. Alias records only. @default false */
    dualStack?: boolean;
    /** The global table's consistency mode, for the modeled RPO output. @default "eventual" */
    consistency?: Consistency;
    /** An existing SNS topic in us-east-1 for the alarms. @default a topic created by this component */
    alarmTopicArn?: pulumi.Input<string>;
    /** The stack's RTO target, declared on each regional check (tag `activeactive:rto-target-seconds`) so the policy pack checks the modeled RTO against it. @default undefined (the pack's own ceiling applies) */
    rtoTargetSeconds?: number;
    /** Tags for every taggable child. @default {} */
    tags?: Record<string, string>;
}

/**
 * Tags that say what a check or alarm watches, read by the policy pack's region-parity and RTO rules
 * (policies/lib/conventions.ts) so that they do not depend on logical names.
 */
export const TAG_REGION = "activeactive:region";
export const TAG_SCOPE = "activeactive:scope";
export const TAG_RTO_TARGET = "activeactive:rto-target-seconds";

/** The message for a drain that leaves nothing serving (the config layer reports the same). */
export function drainEverythingError(drain: readonly string[]): string {
    return `active-active:drain: ${JSON.stringify(drain)} drains every region; allowed: leave at least one region serving`;
}

/** The checks both traffic layers make of their region list and drain: regions once each, a drain that leaves one serving. */
export function regionsAndDrainErrors(regions: readonly string[], drain: readonly string[]): string[] {
    const problems: string[] = [];
    if (regions.length === 0) problems.push("regions: none given; allowed: at least one region");
    const duplicates = regions.filter((r, i) => regions.indexOf(r) !== i);
    if (duplicates.length > 0) problems.push(`regions: ${JSON.stringify(duplicates)} given more than once`);
    for (const r of drain) {
        if (!regions.includes(r)) problems.push(`active-active:drain: "${r}" is not one of the regions; allowed: ${regions.join(", ")}`);
    }
    if (regions.length > 0 && regions.every((r) => drain.includes(r))) problems.push(drainEverythingError(drain));
    return problems;
}

/** Every problem with the args, worded with the offending value; empty when fine. */
export function latencyRoutingArgsErrors(args: LatencyRoutingArgs): string[] {
    const problems: string[] = [];
    const regions = args.regions.map((r) => r.region);
    problems.push(...regionsAndDrainErrors(regions, args.drain ?? []));
    if (args.checkerRegions.length < ROUTE53_MIN_CHECKER_REGIONS) {
        problems.push(
            `checkerRegions: ${JSON.stringify(args.checkerRegions)} has ${args.checkerRegions.length}; allowed: at least ${ROUTE53_MIN_CHECKER_REGIONS}`,
        );
    }
    for (const r of args.checkerRegions) {
        if (!ROUTE53_CHECKER_REGIONS.includes(r)) {
            problems.push(`checkerRegions: "${r}" is not a Route 53 checker region; allowed: ${ROUTE53_CHECKER_REGIONS.join(", ")}`);
        }
    }
    const settings = args.settings ?? DEFAULT_ROUTE53_SETTINGS;
    problems.push(...route53SettingsErrors(settings).map((e) => `settings: ${e}`));
    if (args.dualStack && settings.recordKind === "cname") {
        problems.push("dualStack: a CNAME answers for both address families; allowed: dualStack with alias records only");
    }
    if (typeof args.alarmTopicArn === "string" && !/^arn:aws[a-z-]*:sns:us-east-1:/.test(args.alarmTopicArn)) {
        problems.push(`alarmTopicArn: "${args.alarmTopicArn}" is not in us-east-1; allowed: a topic in us-east-1, where Route 53 metrics are`);
    }
    return problems;
}

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

        const problems = latencyRoutingArgsErrors(args);
        if (problems.length > 0) throw new Error(`LatencyRouting ${name}: ${problems.join("; ")}`);

        const settings = args.settings ?? DEFAULT_ROUTE53_SETTINGS;
        const drain = args.drain ?? [];
        const tags = args.tags ?? {};
        this.endpoint = args.serviceName;
        this.rto = route53Rto(settings);
        this.rpo = rpo(args.consistency ?? "eventual");

        const topicArn = args.alarmTopicArn
            ? pulumi.output(args.alarmTopicArn)
            : new aws.sns.Topic(`${name}-alarms`, { tags: { ...tags, [TAG_SCOPE]: "global" } }, { parent: this }).arn;
        this.alarmTopicArn = topicArn;

        for (const r of args.regions) {
            const check = new aws.route53.HealthCheck(
                `${name}-${r.region}-check`,
                {
                    type: "HTTPS",
                    fqdn: r.healthCheckHostname,
                    port: 443,
                    enableSni: true,
                    resourcePath: args.healthPath ?? "/health",
                    requestInterval: settings.requestIntervalSeconds,
                    failureThreshold: settings.failureThreshold,
                    regions: args.checkerRegions,
                    measureLatency: true,
                    tags: {
                        ...tags,
                        Name: `${name}-${r.region}`,
                        [TAG_REGION]: r.region,
                        ...(args.rtoTargetSeconds !== undefined ? { [TAG_RTO_TARGET]: String(args.rtoTargetSeconds) } : {}),
                    },
                },
                { parent: this },
            );
            const gate = new aws.route53.HealthCheck(
                `${name}-${r.region}-gate`,
                {
                    type: "CALCULATED",
                    childHealthchecks: [check.id],
                    // Above the child count, a drained region's gate can never be healthy.
                    childHealthThreshold: drain.includes(r.region) ? 2 : 1,
                    tags: { ...tags, Name: `${name}-${r.region}-gate`, [TAG_REGION]: r.region },
                },
                { parent: this },
            );
            this.healthChecks[r.region] = check;
            this.gates[r.region] = gate;
            this.records.push(...this.regionRecords(name, args, settings, r, gate));
            this.alarms.push(
                this.unhealthyAlarm(`${name}-${r.region}-alarm`, check, topicArn, `${args.serviceName}: region ${r.region} is unhealthy`, { ...tags, [TAG_REGION]: r.region }),
            );
        }

        const anyRegion = new aws.route53.HealthCheck(
            `${name}-any-region`,
            {
                type: "CALCULATED",
                // Over the gates, which are what the records answer to: Route 53 fails open exactly when every gate is
                // unhealthy, and a drained region that is still up must not hide that from this alarm.
                childHealthchecks: Object.values(this.gates).map((c) => c.id),
                childHealthThreshold: 1,
                tags: { ...tags, Name: `${name}-any-region`, [TAG_SCOPE]: "global" },
            },
            { parent: this },
        );
        this.anyRegionCheckId = anyRegion.id;
        // When every record is unhealthy Route 53 fails open and answers with all of them: page before users notice.
        this.alarms.push(
            this.unhealthyAlarm(`${name}-any-region-alarm`, anyRegion, topicArn, `${args.serviceName}: no region is healthy`, { ...tags, [TAG_SCOPE]: "global" }),
        );

        this.healthCheckIds = idsByRegion(this.healthChecks);
        this.gateCheckIds = idsByRegion(this.gates);

        this.registerOutputs({
            endpoint: this.endpoint,
            healthCheckIds: this.healthCheckIds,
            gateCheckIds: this.gateCheckIds,
            anyRegionCheckId: this.anyRegionCheckId,
            alarmTopicArn: this.alarmTopicArn,
            rto: this.rto,
            rpo: this.rpo,
        });
    }

    private regionRecords(
        name: string,
        args: LatencyRoutingArgs,
        settings: Route53Settings,
        r: LatencyRoutingRegion,
        gate: aws.route53.HealthCheck,
    ): aws.route53.Record[] {
        const target = pulumi.output(r.target);
        const common = {
            zoneId: args.zoneId,
            name: args.serviceName,
            setIdentifier: r.region,
            latencyRoutingPolicies: [{ region: r.region }],
            healthCheckId: gate.id,
        };
        // One logical name for the A alias and the CNAME: switching kinds is a replacement, done delete-first.
        const recordOpts = { parent: this, deleteBeforeReplace: true };
        if (settings.recordKind === "cname") {
            return [
                new aws.route53.Record(
                    `${name}-${r.region}-record`,
                    { ...common, type: "CNAME", ttl: settings.cnameTtlSeconds ?? ROUTE53_CNAME_TTL_SECONDS.default, records: [target.name] },
                    recordOpts,
                ),
            ];
        }
        const aliases = [{ name: target.name, zoneId: target.zoneId, evaluateTargetHealth: true }];
        const records = [new aws.route53.Record(`${name}-${r.region}-record`, { ...common, type: "A", aliases }, recordOpts)];
        if (args.dualStack) {
            records.push(new aws.route53.Record(`${name}-${r.region}-aaaa`, { ...common, type: "AAAA", aliases }, recordOpts));
        }
        return records;
    }

    private unhealthyAlarm(
        logicalName: string,
        check: aws.route53.HealthCheck,
        topicArn: pulumi.Output<string>,
        description: string,
        tags: Record<string, string>,
    ): aws.cloudwatch.MetricAlarm {
        return new aws.cloudwatch.MetricAlarm(
            logicalName,
            {
                alarmDescription: description,
                namespace: "AWS/Route53",
                metricName: "HealthCheckStatus",
                dimensions: { HealthCheckId: check.id },
                statistic: "Minimum",
                period: 60,
                evaluationPeriods: 1,
                comparisonOperator: "LessThanThreshold",
                threshold: 1,
                // Route 53 reports every minute; silence means the check is gone, which is as bad as unhealthy.
                treatMissingData: "breaching",
                alarmActions: [topicArn],
                okActions: [topicArn],
                tags,
            },
            { parent: this },
        );
    }
}

function idsByRegion(checks: Record<string, aws.route53.HealthCheck>): pulumi.Output<Record<string, string>> {
    const regions = Object.keys(checks);
    return pulumi.all(regions.map((r) => checks[r]!.id)).apply((ids) => Object.fromEntries(regions.map((r, i) => [r, ids[i]!])));
}
