/**
 * active-active-region-parity
 *
 * Requires: every region of the stack has exactly one of each layer per service (a fleet has one table per service): the home table or one replica of each
 * table; one regional service (a Lambda function; with external endpoints, the endpoint behind the region's check
 * or pool); with Route 53, one endpoint health check, one gate check (when gates are used) and one latency record
 * per record type; with Cloudflare, one pool. No regional AWS resource may sit in a region outside the stack, except
 * global monitoring (lib/conventions.ts: tag `activeactive:scope=global`, Route 53 metric alarms, their topic).
 * The stack's regions are the union of the regions of those layers (lib/topology.ts), so a layer missing from one
 * region is reported against that region.
 * Why: active-active only holds if every region can take any user: a region routed to without a replica writes
 * across the ocean, a replica nobody routes to is dead weight, a region without a health check never fails over.
 * Severity: critical.
 * https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html
 */
import { SCOPE_GLOBAL, TAG_REGION, TAG_SCOPE } from "../../lib/conventions";
import { stackRule, StackResource } from "../../lib/policy";
import { isActiveActive, topology } from "../../lib/topology";
import { str } from "../../lib/values";

function names(rs: StackResource[]): string {
    return rs.map((r) => `"${r.name}"`).join(", ");
}

export const regionParity = stackRule({
    name: "active-active-region-parity",
    description: "Every region has exactly one replica, regional service, health check and routing record or pool; nothing runs outside the regions.",
    severity: "critical",
    url: "https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html",
    remediationSteps: "Drive every layer from the one list of regions (active-active:regions); remove strays.",
    validate: ({ resources }, report, notApplicable) => {
        const t = topology(resources);
        if (!isActiveActive(t)) notApplicable("no active-active resources (table, function, health check, record or pool)");
        const regions = t.regions;
        const all = regions.join(", ");

        for (const table of t.tables) {
            if (table.unknownReplicas || !table.home) continue;
            const replicaRegions = table.replicas.map((r) => r.region);
            for (const r of regions) {
                const replicas = replicaRegions.filter((x) => x === r).length;
                const home = table.home === r;
                if (!home && replicas === 0) {
                    report(
                        `region ${r} has no replica of table "${table.resource.name}" (home ${table.home}, replicas: ${replicaRegions.join(", ") || "none"}); ` +
                            `allowed: the home table or exactly one replica in every region of the stack (${all})`,
                        table.resource.urn,
                    );
                } else if (home && replicas > 0) {
                    report(`table "${table.resource.name}" has a replica in its home region ${r}; allowed: replicas in the other regions only`, table.resource.urn);
                } else if (replicas > 1) {
                    report(`table "${table.resource.name}" has ${replicas} replicas in ${r}; allowed: exactly one per region`, table.resource.urn);
                }
            }
        }

        // A fleet (active-active:services) has one table per service, and each layer once per service in every region.
        const perRegion = Math.max(1, t.tables.length);
        const exactly = perRegion === 1 ? "exactly one" : `exactly ${perRegion} (one per table's service)`;
        const layer = (label: string, byRegion: Map<string, StackResource[]>, allowed: string) => {
            for (const r of regions) {
                const found = byRegion.get(r) ?? [];
                if (found.length === 0) report(`region ${r} has no ${label}; allowed: ${allowed} in every region of the stack (${all})`);
                else if (found.length !== perRegion) report(`region ${r} has ${found.length} ${label}s (${names(found)}); allowed: ${exactly}`, found[Math.min(perRegion, found.length - 1)]!.urn);
            }
        };

        if (!t.external) layer("regional service (Lambda function)", t.functions, "exactly one");

        if (t.traffic === "route53") {
            layer("endpoint health check", t.endpointChecks, `exactly one HTTPS health check (tag ${TAG_REGION}=<region>)`);
            if (t.gates.size > 0) layer("gate health check", t.gates, "exactly one calculated gate check");
            if (t.routed.size > 0) {
                // Another mode than latency: every region answers on the service name (or its standby or default set).
                for (const r of regions) if (!t.records.get(r)?.length && !t.routed.get(r)?.length) report(`region ${r} has no routing record; allowed: at least one record of the routing mode per region (${all})`);
            }
            const recordTypes = t.routed.size > 0 ? [] : [...new Set([...t.records.values()].flat().map((r) => str(r.props.type)).filter((x): x is string => !!x))];
            for (const type of recordTypes) {
                const byRegion = new Map([...t.records].map(([r, recs]) => [r, recs.filter((rec) => str(rec.props.type) === type)]));
                layer(`latency record of type ${type}`, byRegion, "exactly one");
            }
            if (t.records.size === 0 && t.routed.size === 0) report(`no latency records route to the stack's regions (${all}); allowed: one latency record per region`);
            for (const c of t.unplacedChecks) {
                report(`health check "${c.name}" belongs to no known region; allowed: tag ${TAG_REGION}=<region>, or ${TAG_SCOPE}=${SCOPE_GLOBAL} for global monitoring`, c.urn);
            }
        } else if (t.traffic === "cloudflare") {
            layer("load balancer pool", t.pools, "exactly one");
            for (const p of t.unplacedPools) {
                report(`pool "${p.name}" belongs to no known region; allowed: an origin or pool name that contains the region`, p.urn);
            }
        } else {
            report(`the stack has no traffic layer (no latency records or Cloudflare pools); allowed: one routing record or pool per region (${all})`);
        }

        for (const { resource, region } of t.regional) {
            if (regions.includes(region)) continue;
            report(
                `"${resource.name}" (${resource.type}) is in ${region}, which is not a region of the stack (${all}); ` +
                    `allowed: resources in the stack's regions, or global monitoring tagged ${TAG_SCOPE}=${SCOPE_GLOBAL}`,
                resource.urn,
            );
        }
    },
});
