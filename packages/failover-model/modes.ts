/**
 * Routing modes: the one choice (`active-active:routing` -> `policy`) of how users are spread over the regions, its
 * defaults, and what losing one region does to each mode's users. Pure; docs/traffic.md, "Routing modes".
 *
 * Route 53 behaviour relied on (aws-facts routing.ts cites the API reference): a geolocation record that is
 * unhealthy hands its users to the next larger location and then to the default (`*`) record ("If the geolocation
 * record for the DNS query's region is unhealthy, the default record will be returned (if it is healthy)",
 * Route 53 Developer Guide, routing-policy-geo-phz; the public-zone order is documented on "How Amazon Route 53
 * chooses records when health checking is configured"); without a default, unmapped users get "no answer". A
 * failover record set answers with PRIMARY while it is healthy, else with SECONDARY (API ResourceRecordSet,
 * `Failover`). Weighted records share by weight among the healthy ones.
 */
import { continentOf, ROUTE53_ROUTING_POLICIES, Route53RoutingPolicy } from "../aws-facts/routing";

/** Cloudflare steering policies with no Route 53 counterpart (proxied load balancers only). */
export const CLOUDFLARE_ONLY_POLICIES = ["least_outstanding_requests", "least_connections"] as const;
export type CloudflareOnlyPolicy = (typeof CLOUDFLARE_ONLY_POLICIES)[number];
export const ROUTING_POLICIES = [...ROUTE53_ROUTING_POLICIES, ...CLOUDFLARE_ONLY_POLICIES] as const;
export type RoutingPolicyName = Route53RoutingPolicy | CloudflareOnlyPolicy;

/** The default geolocation target: a latency set over every region, so a failed region's users go to the nearest healthy one. */
export const NEAREST = "nearest";

/** What the config says (every field optional but the policy). */
export interface RoutingSpec {
    policy: RoutingPolicyName;
    /** Weighted: region -> 0-255. @default 1 for every region */
    weights?: Record<string, number>;
    /** Geoproximity: region -> -99..99. @default 0 for every region */
    biases?: Record<string, number>;
    /** Geolocation: continent and country codes -> region, and the default record's target. */
    geolocation?: { continents?: Record<string, string>; countries?: Record<string, string>; default?: string | null };
}

/** One geolocation record: a continent or a country, and the region it answers with. */
export interface GeoEntry {
    region: string;
    continent?: string;
    country?: string;
}

export type ResolvedRouting =
    | { policy: "latency" }
    | { policy: "weighted"; weights: Record<string, number> }
    | { policy: "geoproximity"; biases: Record<string, number> }
    /** `defaultTarget`: a region, NEAREST (a latency set over every region) or null (no default record). */
    | { policy: "geolocation"; locations: GeoEntry[]; defaultTarget: string | null }
    /** The home region PRIMARY; the standbys behind one SECONDARY (itself when there is one, else a latency set). */
    | { policy: "failover"; primary: string; standbys: string[] }
    | { policy: CloudflareOnlyPolicy; weights: Record<string, number> };

/** Home region first, then the config's order: who gets a continent both want. */
function homeFirst(regions: readonly string[], home: string): string[] {
    return [home, ...regions.filter((r) => r !== home)];
}

/** Each continent the regions sit on, answered by its first region (home first). */
export function defaultContinents(regions: readonly string[], home: string): Record<string, string> {
    const map: Record<string, string> = {};
    for (const region of homeFirst(regions, home)) {
        const continent = continentOf(region);
        if (continent && map[continent] === undefined) map[continent] = region;
    }
    return map;
}

/** The spec with every default filled in for these regions. */
export function resolveRouting(spec: RoutingSpec, regions: readonly string[], home: string): ResolvedRouting {
    const each = (given: Record<string, number> | undefined, fallback: number) => Object.fromEntries(regions.map((r) => [r, given?.[r] ?? fallback]));
    switch (spec.policy) {
        case "latency":
            return { policy: "latency" };
        case "weighted":
            return { policy: "weighted", weights: each(spec.weights, 1) };
        case "geoproximity":
            return { policy: "geoproximity", biases: each(spec.biases, 0) };
        case "failover":
            return { policy: "failover", primary: home, standbys: regions.filter((r) => r !== home) };
        case "geolocation": {
            const g = spec.geolocation ?? {};
            const continents = g.continents ?? (g.countries ? {} : defaultContinents(regions, home));
            const locations: GeoEntry[] = [
                ...Object.entries(continents).map(([continent, region]) => ({ region, continent })),
                ...Object.entries(g.countries ?? {}).map(([country, region]) => ({ region, country })),
            ];
            return { policy: "geolocation", locations, defaultTarget: g.default === undefined ? NEAREST : g.default };
        }
        default:
            return { policy: spec.policy, weights: each(spec.weights, 1) };
    }
}

/** Where each region's users go while `failed` is down, and who is left without an answer. */
export interface RegionLoss {
    failed: string;
    /** Share of all traffic (percent, unrounded) each surviving region takes while `failed` is down. */
    shares: Record<string, number>;
    /** Users with no healthy answer, in words; empty when everyone is served. */
    unserved: string[];
    /** The user-visible consequence, one sentence. */
    consequence: string;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The steady-state share of traffic per region (percent): by weight for weighted modes, all on the primary for
 * failover, the measured (or even) shares otherwise.
 */
export function steadyShares(r: ResolvedRouting, regions: readonly string[], measured: Record<string, number>): Record<string, number> {
    if (r.policy === "failover") return Object.fromEntries(regions.map((x) => [x, x === r.primary ? 100 : 0]));
    if ("weights" in r) {
        const total = regions.reduce((s, x) => s + r.weights[x]!, 0);
        // Route 53: weight 0 everywhere shares equally.
        return Object.fromEntries(regions.map((x) => [x, total === 0 ? 100 / regions.length : (100 * r.weights[x]!) / total]));
    }
    return { ...measured };
}

/** The nearest other region: the same continent first (config order), else the first other region. */
function nearestTo(region: string, candidates: readonly string[]): string | undefined {
    return candidates.find((c) => continentOf(c) === continentOf(region)) ?? candidates[0];
}

export function regionLoss(r: ResolvedRouting, regions: readonly string[], measured: Record<string, number>, failed: string): RegionLoss {
    const steady = steadyShares(r, regions, measured);
    const survivors = regions.filter((x) => x !== failed);
    const shares: Record<string, number> = Object.fromEntries(survivors.map((x) => [x, steady[x]!]));
    const lost = steady[failed]!;
    const unserved: string[] = [];
    let consequence: string;
    if ("weights" in r) {
        const rest = survivors.reduce((s, x) => s + r.weights[x]!, 0);
        for (const x of survivors) shares[x] = shares[x]! + (rest === 0 ? lost / survivors.length : (lost * r.weights[x]!) / rest);
        consequence = `its ${round(lost)} % of requests spread over ${survivors.join(", ")} by weight`;
    } else if (r.policy === "failover") {
        const to = nearestTo(failed, r.standbys.filter((x) => x !== failed)) ?? survivors[0]!;
        if (failed === r.primary) shares[to] = 100;
        consequence = failed === r.primary
            ? `every user moves to the standby ${r.standbys.length > 1 ? `set (latency among ${r.standbys.join(", ")}; ${to} assumed nearest)` : to}`
            : "no user notices: a standby serves no one";
    } else if (r.policy === "geolocation") {
        consequence = geolocationLoss(r, survivors, failed, lost, shares, unserved);
    } else {
        const to = nearestTo(failed, survivors)!;
        shares[to] = shares[to]! + lost;
        consequence = `its users move to the next-nearest region (${to} assumed)`;
    }
    return { failed, shares, unserved, consequence };
}

function geolocationLoss(r: Extract<ResolvedRouting, { policy: "geolocation" }>, survivors: string[], failed: string, lost: number, shares: Record<string, number>, unserved: string[]): string {
    const mine = r.locations.filter((l) => l.region === failed).map((l) => l.continent ?? l.country!);
    const isDefault = r.defaultTarget === failed;
    if (r.defaultTarget === null || isDefault) {
        const who = [...mine, ...(isDefault ? ["unmapped locations"] : [])];
        if (who.length > 0) unserved.push(`users in ${who.join(", ")}`);
        return who.length === 0 ? "no user notices: no location maps to it" : `users in ${who.join(", ")} get no healthy answer (${isDefault ? "the default record is this region" : "no default record"})`;
    }
    const to = r.defaultTarget === NEAREST ? nearestTo(failed, survivors)! : r.defaultTarget;
    shares[to] = (shares[to] ?? 0) + lost;
    return mine.length === 0 ? "no user notices: no location maps to it" : `users in ${mine.join(", ")} fall back to the default record (${r.defaultTarget === NEAREST ? `nearest healthy region, ${to} assumed` : to})`;
}
