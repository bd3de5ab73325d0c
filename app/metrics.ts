/**
 * The replication heartbeat as a CloudWatch metric, in the embedded metric format (EMF): one JSON log line per
 * health check with the age of the newest heartbeat seen here from each peer. CloudWatch Logs turns the line into
 * `ActiveActive/PeerHeartbeatAgeMs` (dimensions Service, Peer); each region's alarm watches its peers' series, and a
 * missing series counts as stalled (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 */
import type { HealthyBody } from "./health";

/** The metric's namespace and name: the infrastructure's alarm reads the same constants. */
export const HEARTBEAT_METRIC = { namespace: "ActiveActive", name: "PeerHeartbeatAgeMs", dimensions: ["Service", "Peer"] } as const;

/**
 * The EMF lines for the peers whose heartbeat was seen (a peer never seen gives no datapoint, which the alarm
 * treats as breaching). Written straight to stdout: with Lambda's JSON log format, `console` output is wrapped in a
 * log record of Lambda's, which CloudWatch does not read as EMF.
 */
export function heartbeatMetricLines(service: string, body: HealthyBody, timestamp: number): string[] {
    return Object.entries(body.peers)
        .filter(([, peer]) => peer.ageMs !== null)
        .map(([peer, status]) =>
            JSON.stringify({
                _aws: {
                    Timestamp: timestamp,
                    CloudWatchMetrics: [
                        { Namespace: HEARTBEAT_METRIC.namespace, Dimensions: [[...HEARTBEAT_METRIC.dimensions]], Metrics: [{ Name: HEARTBEAT_METRIC.name, Unit: "Milliseconds" }] },
                    ],
                },
                Service: service,
                Peer: peer,
                [HEARTBEAT_METRIC.name]: status.ageMs,
            }),
        );
}
