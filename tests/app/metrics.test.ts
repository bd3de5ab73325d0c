import { heartbeatMetricLines, HEARTBEAT_METRIC } from "../../app/metrics";
import type { HealthyBody } from "../../app/health";

const body: HealthyBody = {
    region: "us-east-1",
    status: "ok",
    consistency: "eventual",
    checks: { read: { status: "ok", lastHeartbeatAt: null }, write: { status: "ok", performed: true } },
    peers: {
        "us-west-2": { lastHeartbeatAt: "2026-12-01T00:00:00.000Z", ageMs: 2300, replicationLagMs: 400, status: "ok" },
        "eu-west-1": { lastHeartbeatAt: null, ageMs: null, replicationLagMs: null, status: "missing" },
    },
};

test("one EMF line per peer seen, none for a peer never seen (the alarm reads that silence as breaching)", () => {
    const lines = heartbeatMetricLines("orders", body, 1764547200000).map((l) => JSON.parse(l));
    expect(lines).toEqual([
        {
            _aws: {
                Timestamp: 1764547200000,
                CloudWatchMetrics: [{ Namespace: "ActiveActive", Dimensions: [["Service", "Peer"]], Metrics: [{ Name: "PeerHeartbeatAgeMs", Unit: "Milliseconds" }] }],
            },
            Service: "orders",
            Peer: "us-west-2",
            PeerHeartbeatAgeMs: 2300,
        },
    ]);
    expect(HEARTBEAT_METRIC.name).toBe("PeerHeartbeatAgeMs");
});
