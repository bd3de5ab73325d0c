/**
 * Switching `active-active:traffic` between Route 53 and Cloudflare changes only the traffic layer (and where the
 * ACM validation record lives); the table, the keys and every regional service keep their names and inputs.
 */
import { MockKit, RecordedResource } from "../../mock-kit";
import { main } from "../../program";
import { engineConfig } from "../helpers/config-source";

async function plan(traffic: "route53" | "cloudflare"): Promise<RecordedResource[]> {
    const { config, secretKeys } = engineConfig("prod", { set: { "active-active:traffic": traffic } });
    const kit = MockKit.install({ config, secretKeys, stack: "prod" });
    await kit.runProgram(() => main());
    return kit.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:pulumi:"));
}

const TRAFFIC_COMPONENTS = ["activeactive:route53:LatencyRouting", "activeactive:cloudflare:LoadBalancer"];
const isTraffic = (r: RecordedResource) => TRAFFIC_COMPONENTS.some((t) => r.urn.includes(`${t}$`));
/** The shared record of the service name and each region-pinned name's own. */
const isValidationRecord = (r: RecordedResource) => /^active-active(-[a-z0-9-]+-pinned)?-(cert-)?validation$/.test(r.name) && r.type !== "aws:acm/certificateValidation:CertificateValidation";
const key = (r: RecordedResource) => `${r.type}::${r.name}`;

let route53: RecordedResource[];
let cloudflare: RecordedResource[];

beforeAll(async () => {
    route53 = await plan("route53");
    cloudflare = await plan("cloudflare");
});

test("everything but the traffic layer, the validation record and the Cloudflare provider is the same, input for input", () => {
    const rest = (rs: RecordedResource[]) =>
        rs
            .filter((r) => !isTraffic(r) && !isValidationRecord(r) && r.type !== "pulumi:providers:cloudflare")
            // Through JSON: the runtime leaves absent optional inputs as undefined on one side only.
            .map((r) => ({ key: key(r), inputs: JSON.parse(JSON.stringify(r.inputs)) }))
            .sort((a, b) => a.key.localeCompare(b.key));
    const a = rest(route53);
    expect(a.length).toBeGreaterThan(60);
    expect(rest(cloudflare)).toEqual(a);
});

test("the traffic layers themselves are disjoint: Route 53 checks and records, or a Cloudflare monitor, pools and load balancer", () => {
    const types = (rs: RecordedResource[]) => [...new Set(rs.filter(isTraffic).map((r) => r.type))].sort();
    expect(types(route53)).toEqual([
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        "aws:kms/key:Key",
        "aws:route53/healthCheck:HealthCheck",
        "aws:route53/record:Record",
        "aws:sns/topic:Topic",
        "aws:sns/topicSubscription:TopicSubscription",
    ]);
    expect(types(cloudflare)).toEqual([
        "cloudflare:index/dnsRecord:DnsRecord",
        "cloudflare:index/loadBalancer:LoadBalancer",
        "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor",
        "cloudflare:index/loadBalancerPool:LoadBalancerPool",
        "cloudflare:index/ruleset:Ruleset",
    ]);
});

test("the ACM validation records move from the Route 53 zone to Cloudflare DNS, under the same logical names", () => {
    const names = ["active-active-cert-validation", ...["us-east-1", "us-west-2", "eu-west-1"].map((r) => `active-active-${r}-pinned-validation`)].sort();
    const byType = (rs: RecordedResource[]) => rs.filter(isValidationRecord).map((r) => `${r.type} ${r.name}`).sort();
    expect(byType(route53)).toEqual(names.map((n) => `aws:route53/record:Record ${n}`));
    expect(byType(cloudflare)).toEqual(names.map((n) => `cloudflare:index/dnsRecord:DnsRecord ${n}`));
});
