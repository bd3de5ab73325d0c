/**
 * Two things the failover depends on besides the traffic layer: that a region's `/health` answers inside Route 53's
 * response window even on a cold start, and how long a stalled replication goes unnoticed. Pure; the assumed
 * figures say so.
 */
import { ROUTE53_RESPONSE_WINDOW_MS } from "../aws-facts/limits";
import { DOCS } from "./constants";

/**
 * ASSUMED: the init of a cold Lambda instance of the health function (Node.js 22 on arm64, the app's esbuild
 * bundle of about 1.6 MB with the AWS SDK and Powertools). AWS documents no figure; provisioned concurrency
 * removes the term. (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html)
 */
export const LAMBDA_COLD_START_MS = 800;
/** ASSUMED: API Gateway's own time (TLS, routing, the Lambda proxy integration) around the function's answer. */
export const API_GATEWAY_OVERHEAD_MS = 200;

export interface HealthBudget {
    healthTimeoutMs: number;
    coldStartMs: number;
    gatewayMs: number;
    totalMs: number;
    windowMs: number;
    fits: boolean;
    assumption: string;
}

/** The worst answer time of `/health` (a cold start, the app's whole budget, API Gateway) against Route 53's window. */
export function healthBudget(healthTimeoutMs: number): HealthBudget {
    const totalMs = healthTimeoutMs + LAMBDA_COLD_START_MS + API_GATEWAY_OVERHEAD_MS;
    return {
        healthTimeoutMs,
        coldStartMs: LAMBDA_COLD_START_MS,
        gatewayMs: API_GATEWAY_OVERHEAD_MS,
        totalMs,
        windowMs: ROUTE53_RESPONSE_WINDOW_MS,
        fits: totalMs <= ROUTE53_RESPONSE_WINDOW_MS,
        assumption:
            `a cold start of ${LAMBDA_COLD_START_MS} ms and ${API_GATEWAY_OVERHEAD_MS} ms of API Gateway (both assumed) ` +
            `plus the ${healthTimeoutMs} ms health budget fit Route 53's ${ROUTE53_RESPONSE_WINDOW_MS} ms response window (${DOCS.route53HealthStatus})`,
    };
}

/** The largest health budget that fits the window with the assumed cold start. */
export const MAX_HEALTH_TIMEOUT_MS = ROUTE53_RESPONSE_WINDOW_MS - LAMBDA_COLD_START_MS - API_GATEWAY_OVERHEAD_MS;

/** Our choice: the period and count of the replication alarm's evaluation (one datapoint a minute, two in a row). */
export const REPLICATION_ALARM_PERIOD_SECONDS = 60;
export const REPLICATION_ALARM_EVALUATION_PERIODS = 2;

export interface ReplicationWatch {
    /** Age of the newest heartbeat seen from a peer beyond which replication from it counts as stalled. */
    thresholdMs: number;
    periodSeconds: number;
    evaluationPeriods: number;
    /** How long a stalled replication goes unnoticed: the alarm's evaluation window. */
    detectionDelaySeconds: number;
}

/**
 * A peer writes its heartbeat every `heartbeatIntervalMs`; replicated within the RPO target, the newest one seen
 * here is never older than interval + RPO. Older for a whole evaluation window means replication from that peer
 * (or the peer's writes) stopped.
 */
export function replicationWatch(heartbeatIntervalMs: number, rpoSeconds: number): ReplicationWatch {
    return {
        thresholdMs: heartbeatIntervalMs + rpoSeconds * 1000,
        periodSeconds: REPLICATION_ALARM_PERIOD_SECONDS,
        evaluationPeriods: REPLICATION_ALARM_EVALUATION_PERIODS,
        detectionDelaySeconds: REPLICATION_ALARM_PERIOD_SECONDS * REPLICATION_ALARM_EVALUATION_PERIODS,
    };
}
