/**
 * Inputs for the plan's pure steps: a two-region config read by the resilience report, and recorded resources
 * built from a type, a name and inputs.
 */
import { DEFAULT_ROUTE53_SETTINGS, planCapacity, rpo } from "../../packages/failover-model";
import { REGIONAL_SERVICE_DEFAULTS } from "../../components/regional-service/args";
import type { ResilienceConfig } from "../../plan/resilience";
import type { PlanResource } from "../../plan/types";

/** us-east-1 and us-west-2 on Route 53, us-west-2 drained, a modeled RTO of `rtoSeconds` against a 300 s target. */
export function drainedConfig(rtoSeconds = 100): ResilienceConfig {
    return {
        regions: ["us-east-1", "us-west-2"],
        servingRegions: ["us-east-1"],
        drain: ["us-west-2"],
        traffic: "route53",
        consistency: "eventual",
        failover: {
            traffic: "route53",
            route53: { ...DEFAULT_ROUTE53_SETTINGS, checkerRegions: ["us-east-1", "eu-west-1", "ap-southeast-1"], path: "/health" },
            rtoTargetSeconds: 300,
            rto: { rtoSeconds, breakdown: [] },
            rpo: rpo("eventual"),
        },
        capacity: planCapacity({ regions: ["us-east-1", "us-west-2"], capacityPerRegion: 20, throttle: { rateLimit: 500, burstLimit: 1000 }, concurrencyQuota: 1000, healthConcurrency: 5 }),
        service: { ...REGIONAL_SERVICE_DEFAULTS, mode: "lambda", endpoints: {}, trafficShare: undefined, concurrencyQuota: 1000, auth: { type: "iam" } },
        routing: { recordType: "auto", dualStack: false, recoveryControl: false, standbyWarmPercent: 0, requestsPerMonth: 100_000_000, writePercent: 10 },
        protect: false,
    };
}

export function resource(name: string, type: string, inputs: Record<string, unknown>): PlanResource {
    return { type, name, id: name, urn: `urn:${name}`, region: "global", protect: false, retainOnDelete: false, inputs, secretInputs: [] };
}

/** us-west-2's gate check (open: threshold 1 of 1 child) and its latency record. */
export function usWest2Routing(): PlanResource[] {
    return [
        resource("r-us-west-2-gate", "aws:route53/healthCheck:HealthCheck", { type: "CALCULATED", childHealthchecks: ["c"], childHealthThreshold: 1 }),
        resource("r-us-west-2-record", "aws:route53/record:Record", { setIdentifier: "us-west-2", latencyRoutingPolicies: [{ region: "us-west-2" }] }),
    ];
}
