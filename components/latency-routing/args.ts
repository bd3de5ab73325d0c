/**
 * LatencyRouting's arguments, their defaults, and the tags that tell the policy pack what a check or alarm watches.
 * What each child is and why: docs/traffic.md (`LatencyRouting`).
 */
import * as pulumi from "@pulumi/pulumi";
import { Consistency } from "../../packages/aws-facts";
import { DEFAULT_ROUTE53_SETTINGS, ResolvedRouting, Route53Settings } from "../../packages/failover-model";
import { WithDefaults } from "../defaults";
import type { RecoveryControlArgs } from "./recovery-control";
import type { DomainTarget } from "../regional-service/args";

export interface LatencyRoutingRegion {
    /** The AWS region of the regional service: the latency region and the record's set identifier. */
    region: string;
    /**
     * The name the region's health check probes (FQDN and SNI): the region-pinned name (`<region>.<service name>`,
     * RegionalService's `healthCheckHostname`), or an external endpoint. Never the service name (that resolves to
     * whichever region is nearest the checker) and never the API's default `<api-id>.execute-api` endpoint (it
     * bypasses the custom domain, certificate and mapping users go through).
     */
    healthCheckHostname: pulumi.Input<string>;
    /**
     * What the region's latency record points at: a RegionalService's `domainTarget` as it is (the regional custom
     * domain's API Gateway target name and hosted zone) as an alias, or, without a zone (an external endpoint), a host
     * name for a CNAME (`settings.recordKind` "cname"; an alias needs a zone).
     */
    target: pulumi.Input<DomainTarget>;
    /**
     * The region-pinned name and its own custom domain's target: a simple (non-latency) alias record is made for it,
     * so that checks and region-aware clients resolve it. @default none (an external endpoint is its own pinned name)
     */
    pinned?: { name: string; target: pulumi.Input<Required<DomainTarget>> };
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
    /** Route 53 checker regions: at least 3 of the regions Route 53 checks from (aws-facts ROUTE53_CHECKER_REGIONS). */
    checkerRegions: string[];
    /** Path the health checks request. @default "/health" */
    healthPath?: string;
    /**
     * Health check and record settings from the failover model (resolveRoute53).
     * @default { requestIntervalSeconds: 30, failureThreshold: 3, recordKind: "alias" } (DEFAULT_ROUTE53_SETTINGS)
     */
    settings?: Route53Settings;
    /** Also publish AAAA alias records, for dual-stack regional endpoints. Alias records only. @default false */
    dualStack?: boolean;
    /** The global table's consistency mode, for the modeled RPO output. @default "eventual" */
    consistency?: Consistency;
    /** An existing SNS topic in us-east-1 for the alarms. @default a topic created by this component */
    alarmTopicArn?: pulumi.Input<string>;
    /** Subscribed to the topic this component creates (not to `alarmTopicArn`). @default no subscription */
    alarmEmail?: string;
    /**
     * The account (and partition) the created topic's KMS key belongs to: its key policy lets only this account's
     * CloudWatch alarms publish. Required unless `alarmTopicArn` is given.
     */
    account?: { id: pulumi.Input<string>; partition?: pulumi.Input<string> };
    /** The stack's RTO target, declared on each regional check (tag `activeactive:rto-target-seconds`) so the policy pack checks the modeled RTO against it. @default undefined (the pack's own ceiling applies) */
    rtoTargetSeconds?: number;
    /**
     * ARC routing controls as drain switches in every gate (recovery-control.ts), with the us-west-2 provider ARC's
     * configuration API needs. @default undefined (no ARC resources)
     */
    recoveryControl?: RecoveryControlArgs;
    /**
     * How the service name spreads users (failover-model `resolveRouting`): latency, weighted, geoproximity,
     * geolocation or failover records, each on its region's gate. The component keeps its historical name (its URNs
     * are the API) whatever the mode. @default { policy: "latency" }
     */
    policy?: ResolvedRouting;
    /** Tags for every taggable child. @default {} */
    tags?: Record<string, string>;
}

/** Every optional arg with a default, as a value. */
export const LATENCY_ROUTING_DEFAULTS = {
    drain: [] as string[],
    healthPath: "/health",
    settings: DEFAULT_ROUTE53_SETTINGS,
    dualStack: false,
    consistency: "eventual" as Consistency,
    tags: {} as Record<string, string>,
    policy: { policy: "latency" } as ResolvedRouting,
} as const;

/** The args with every default filled in: what the builders read. */
export type ResolvedLatencyRoutingArgs = WithDefaults<LatencyRoutingArgs, typeof LATENCY_ROUTING_DEFAULTS>;

/**
 * Tags that say what a check or alarm watches, read by the policy pack's region-parity and RTO rules
 * (policies/lib/conventions.ts) so that they do not depend on logical names.
 */
export { TAG_REGION, TAG_RTO_TARGET, TAG_SCOPE } from "../../packages/aws-facts";
