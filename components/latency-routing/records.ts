/**
 * Each region's records. On the service name, latency records wired to the region's gate: an A alias (and an AAAA
 * alias for dual-stack endpoints), or a CNAME when the failover model chose one or the target is not an AWS
 * resource (an external endpoint has no hosted zone, and Route 53 only aliases to AWS resources). On the region's
 * pinned name, a simple alias to that region's own custom domain: no routing policy, no health check, one region.
 * Replacements: docs/traffic.md.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ROUTE53_CNAME_TTL_SECONDS } from "../../packages/failover-model";
import { LatencyRoutingRegion, ResolvedLatencyRoutingArgs } from "./args";

export function createRegionRecords(
    name: string,
    args: ResolvedLatencyRoutingArgs,
    r: LatencyRoutingRegion,
    gate: aws.route53.HealthCheck,
    parent: pulumi.Resource,
): aws.route53.Record[] {
    const target = pulumi.output(r.target);
    const common = {
        zoneId: args.zoneId,
        name: args.serviceName,
        setIdentifier: r.region,
        latencyRoutingPolicies: [{ region: r.region }],
        healthCheckId: gate.id,
    };
    // One logical name for the A alias and the CNAME: switching kinds is a replacement, done delete-first (DNS
    // forbids a CNAME beside an A record of the same name).
    const recordOpts = { parent, deleteBeforeReplace: true };
    const settings = args.settings;
    if (settings.recordKind === "cname") {
        const ttl = settings.cnameTtlSeconds ?? ROUTE53_CNAME_TTL_SECONDS.default;
        return [new aws.route53.Record(`${name}-${r.region}-record`, { ...common, type: "CNAME", ttl, records: [target.name] }, recordOpts)];
    }
    const aliases = [{ name: target.name, zoneId: target.apply((t) => t.zoneId ?? ""), evaluateTargetHealth: true }];
    const records = [new aws.route53.Record(`${name}-${r.region}-record`, { ...common, type: "A", aliases }, recordOpts)];
    if (args.dualStack) {
        records.push(new aws.route53.Record(`${name}-${r.region}-aaaa`, { ...common, type: "AAAA", aliases }, recordOpts));
    }
    return records;
}

/**
 * The region-pinned name's simple records (`<name>-<region>-pinned`, and `-pinned-aaaa` for dual-stack): an alias to
 * the region's own custom domain. No health check: a client that pins a region handles that region's failure itself.
 */
export function createPinnedRecords(name: string, args: ResolvedLatencyRoutingArgs, r: LatencyRoutingRegion, parent: pulumi.Resource): aws.route53.Record[] {
    if (!r.pinned) return [];
    const target = pulumi.output(r.pinned.target);
    const aliases = [{ name: target.name, zoneId: target.zoneId, evaluateTargetHealth: false }];
    const common = { zoneId: args.zoneId, name: r.pinned.name, aliases };
    const records = [new aws.route53.Record(`${name}-${r.region}-pinned`, { ...common, type: "A" }, { parent })];
    if (args.dualStack) records.push(new aws.route53.Record(`${name}-${r.region}-pinned-aaaa`, { ...common, type: "AAAA" }, { parent }));
    return records;
}
