/**
 * The service name's records for every routing mode but latency (records.ts keeps latency's, whose URNs are the
 * API). Each record answers to its region's gate, so a drain stays on the gate in every mode; when every weight is 0
 * Route 53 shares equally, so weights never drain. Sets a record aliases to live in the same zone under a name of
 * their own: `standby.<service name>` (failover with several standbys) and `nearest.<service name>` (geolocation's
 * default). What each mode does when a region fails: docs/traffic.md, "Routing modes".
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NEAREST, ResolvedRouting, ROUTE53_CNAME_TTL_SECONDS } from "../../packages/failover-model";
import { LatencyRoutingRegion, ResolvedLatencyRoutingArgs } from "./args";

type Gates = Record<string, aws.route53.HealthCheck>;

/** Where a record sends users: one region's custom domain, or a record set of this zone. */
type Target = { region: string } | { set: string };

interface RecordSpec {
    logical: string;
    name: string;
    setIdentifier: string;
    policy: Record<string, unknown>;
    target: Target;
    /** The gate the record answers to; none for an alias to a set (its own records' health counts). */
    gate?: aws.route53.HealthCheck;
}

export const STANDBY_LABEL = "standby";
export const NEAREST_LABEL = "nearest";

/** Every record of the service name (and of the sets it aliases to) for a non-latency mode. */
export function createPolicyRecords(name: string, args: ResolvedLatencyRoutingArgs, policy: ResolvedRouting, gates: Gates, parent: pulumi.Resource): aws.route53.Record[] {
    const byRegion = Object.fromEntries(args.regions.map((r) => [r.region, r]));
    return specsFor(name, args, policy, gates).flatMap((spec) => createRecords(args, spec, byRegion, parent));
}

function specsFor(name: string, args: ResolvedLatencyRoutingArgs, policy: ResolvedRouting, gates: Gates): RecordSpec[] {
    const svc = args.serviceName;
    const each = (f: (region: string) => Record<string, unknown>): RecordSpec[] =>
        args.regions.map(({ region }) => ({ logical: `${name}-${region}-record`, name: svc, setIdentifier: region, policy: f(region), target: { region }, gate: gates[region] }));
    switch (policy.policy) {
        case "weighted":
            return each((region) => ({ weightedRoutingPolicies: [{ weight: policy.weights[region] }] }));
        case "geoproximity":
            return each((region) => ({ geoproximityRoutingPolicy: { awsRegion: region, bias: policy.biases[region] } }));
        case "failover":
            return failoverSpecs(name, svc, policy, gates);
        case "geolocation":
            return geolocationSpecs(name, svc, policy, gates);
        default:
            return [];
    }
}

/** A latency set of `regions` on `setName` (each record on its region's gate). */
function latencySet(name: string, suffix: string, setName: string, regions: string[], gates: Gates): RecordSpec[] {
    return regions.map((region) => ({
        logical: `${name}-${region}-${suffix}`,
        name: setName,
        setIdentifier: region,
        policy: { latencyRoutingPolicies: [{ region }] },
        target: { region },
        gate: gates[region],
    }));
}

/**
 * The home region PRIMARY; one SECONDARY: the standby itself, or with several standbys an alias to a latency set of
 * them (`standby.<service name>`), so a primary failure sends each user to the nearest standby.
 */
function failoverSpecs(name: string, svc: string, p: Extract<ResolvedRouting, { policy: "failover" }>, gates: Gates): RecordSpec[] {
    const primary: RecordSpec = { logical: `${name}-${p.primary}-record`, name: svc, setIdentifier: p.primary, policy: { failoverRoutingPolicies: [{ type: "PRIMARY" }] }, target: { region: p.primary }, gate: gates[p.primary] };
    const secondary = { failoverRoutingPolicies: [{ type: "SECONDARY" }] };
    if (p.standbys.length === 1) {
        const s = p.standbys[0]!;
        return [primary, { logical: `${name}-${s}-record`, name: svc, setIdentifier: s, policy: secondary, target: { region: s }, gate: gates[s] }];
    }
    const set = `${STANDBY_LABEL}.${svc}`;
    return [primary, { logical: `${name}-standby`, name: svc, setIdentifier: STANDBY_LABEL, policy: secondary, target: { set } }, ...latencySet(name, "record", set, p.standbys, gates)];
}

/**
 * One record per location (a region's first keeps `-record`, the others `-record-<code>`), and the default (`*`):
 * to one region, or to `nearest.<service name>`, a latency set of every region.
 */
function geolocationSpecs(name: string, svc: string, p: Extract<ResolvedRouting, { policy: "geolocation" }>, gates: Gates): RecordSpec[] {
    const seen = new Set<string>();
    const specs: RecordSpec[] = p.locations.map((loc) => {
        const code = loc.continent ?? loc.country!;
        const first = !seen.has(loc.region);
        seen.add(loc.region);
        const geo = loc.continent ? { continent: loc.continent } : { country: loc.country };
        return {
            logical: first ? `${name}-${loc.region}-record` : `${name}-${loc.region}-record-${code.toLowerCase()}`,
            name: svc,
            setIdentifier: first ? loc.region : `${loc.region}-${code}`,
            policy: { geolocationRoutingPolicies: [geo] },
            target: { region: loc.region },
            gate: gates[loc.region],
        };
    });
    if (p.defaultTarget === null) return specs;
    const policy = { geolocationRoutingPolicies: [{ country: "*" }] };
    if (p.defaultTarget !== NEAREST) {
        return [...specs, { logical: `${name}-default`, name: svc, setIdentifier: "default", policy, target: { region: p.defaultTarget }, gate: gates[p.defaultTarget] }];
    }
    const set = `${NEAREST_LABEL}.${svc}`;
    return [...specs, { logical: `${name}-default`, name: svc, setIdentifier: "default", policy, target: { set } }, ...latencySet(name, "nearest", set, Object.keys(gates), gates)];
}

/** The A record (and AAAA with dual stack) of a spec, or its CNAME when the model chose CNAME records. */
function createRecords(args: ResolvedLatencyRoutingArgs, spec: RecordSpec, byRegion: Record<string, LatencyRoutingRegion>, parent: pulumi.Resource): aws.route53.Record[] {
    const common = { zoneId: args.zoneId, name: spec.name, setIdentifier: spec.setIdentifier, ...spec.policy, ...(spec.gate ? { healthCheckId: spec.gate.id } : {}) };
    const opts = { parent, deleteBeforeReplace: true };
    const regional = "region" in spec.target ? pulumi.output(byRegion[spec.target.region]!.target) : undefined;
    const setName = "set" in spec.target ? spec.target.set : undefined;
    if (args.settings.recordKind === "cname") {
        const ttl = args.settings.cnameTtlSeconds ?? ROUTE53_CNAME_TTL_SECONDS.default;
        return [new aws.route53.Record(spec.logical, { ...common, type: "CNAME", ttl, records: [regional ? regional.name : setName!] }, opts)];
    }
    // An alias to a set of this zone evaluates the set's own records' health (at least one healthy).
    const aliases = regional
        ? [{ name: regional.name, zoneId: regional.apply((t) => t.zoneId ?? ""), evaluateTargetHealth: true }]
        : [{ name: setName!, zoneId: args.zoneId, evaluateTargetHealth: true }];
    const records = [new aws.route53.Record(spec.logical, { ...common, type: "A", aliases }, opts)];
    if (args.dualStack) records.push(new aws.route53.Record(aaaaName(spec.logical), { ...common, type: "AAAA", aliases }, opts));
    return records;
}

/** `-record` pairs with `-aaaa` (latency's naming); any other name gains `-aaaa`. */
function aaaaName(logical: string): string {
    return logical.endsWith("-record") ? `${logical.slice(0, -"-record".length)}-aaaa` : `${logical}-aaaa`;
}
