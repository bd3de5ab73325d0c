import {
    CLOUDFLARE_HEALTH_PROPAGATION_SECONDS,
    CLOUDFLARE_MIN_INTERVAL_SECONDS,
    CLOUDFLARE_MONITOR_DEFAULTS,
    CLOUDFLARE_REGION_CODES,
    CLOUDFLARE_UNPROXIED_TTL_SECONDS,
    CloudflarePlan,
    DEFAULT_CLOUDFLARE_PLAN,
    DOCS,
} from "./constants";
import { cachedAnswerPart, connectionReusePart } from "./dns";
import { Derivation, Resolved, Rto, RtoPart, sumParts } from "./types";
import type { CloudflareSteeringValue } from "./steering";

export interface CloudflareSettings {
    /** Seconds between monitor checks; at least the plan's minimum. */
    intervalSeconds: number;
    /** Failed checks in a row before an origin is marked unhealthy (Cloudflare's `consecutive_down`), at least 1. */
    consecutiveDown: number;
    /** Immediate retries after a timed-out check. */
    retries: number;
    /** Seconds before a check (or retry) counts as failed. */
    timeoutSeconds: number;
    /** Proxied (orange cloud): the edge picks the pool per request. Unproxied: answers are cached for `ttlSeconds`. */
    proxied: boolean;
    /** Unproxied only: the load balancer's DNS TTL. */
    ttlSeconds?: number;
    /** Unproxied only: the clients' longest pooled-connection age (see Route53Settings). Unset: within the TTL. */
    clientMaxConnectionAgeSeconds?: number;
}

export const DEFAULT_CLOUDFLARE_SETTINGS: CloudflareSettings = { ...CLOUDFLARE_MONITOR_DEFAULTS, proxied: true };

/** Modeled worst-case RTO of a Cloudflare load balancer whose pools are watched by a monitor with these settings. */
export function cloudflareRto(s: CloudflareSettings): Rto {
    const attempts = s.retries + 1;
    return sumParts([
        {
            part: `detection: interval ${s.intervalSeconds} s x consecutive down ${s.consecutiveDown}`,
            seconds: s.intervalSeconds * s.consecutiveDown,
            source: DOCS.cloudflareMonitorApi,
            assumed: false,
        },
        {
            // Cloudflare documents that retries follow a timeout immediately, not whether the interval includes them.
            part: `check timeouts of a hanging origin: ${s.timeoutSeconds} s x ${attempts} attempts x consecutive down ${s.consecutiveDown}`,
            seconds: s.timeoutSeconds * attempts * s.consecutiveDown,
            source: DOCS.cloudflareMonitorApi,
            assumed: true,
        },
        {
            part: "health propagation to the edge",
            seconds: CLOUDFLARE_HEALTH_PROPAGATION_SECONDS,
            source: DOCS.cloudflareMonitors,
            assumed: true,
        },
        ...cachingParts(s),
    ]);
}

/**
 * Proxied, users hold connections to Cloudflare's edge, which picks a pool per request: nothing is cached and no
 * client connection pins a region. Unproxied, clients cache the answer and reuse connections to the origin.
 */
function cachingParts(s: CloudflareSettings): RtoPart[] {
    if (s.proxied) {
        return [
            { part: "DNS cache: none (proxied)", seconds: 0, source: DOCS.cloudflareProxyModes, assumed: false },
            { part: "client connection reuse: none (proxied: the edge picks a pool per request)", seconds: 0, source: DOCS.cloudflareProxyModes, assumed: false },
        ];
    }
    const dns = cachedAnswerPart(s.ttlSeconds ?? CLOUDFLARE_UNPROXIED_TTL_SECONDS, "load balancer", DOCS.cloudflareLoadBalancerApi, s.ttlSeconds === undefined);
    return [dns, connectionReusePart(dns.seconds, s.clientMaxConnectionAgeSeconds)];
}

/** Errors in explicit settings (empty when valid). The caller prefixes its config key. */
export function cloudflareSettingsErrors(s: CloudflareSettings, plan: CloudflarePlan): string[] {
    const errors: string[] = [];
    const minimum = CLOUDFLARE_MIN_INTERVAL_SECONDS[plan];
    if (!Number.isInteger(s.intervalSeconds) || s.intervalSeconds < minimum) {
        errors.push(`monitor interval must be an integer of at least ${minimum} s on the ${plan} plan, got ${s.intervalSeconds}`);
    }
    if (!Number.isInteger(s.consecutiveDown) || s.consecutiveDown < 1) {
        errors.push(`consecutive down must be an integer of at least 1, got ${s.consecutiveDown}`);
    }
    if (!Number.isInteger(s.retries) || s.retries < 0) errors.push(`retries must be an integer of at least 0, got ${s.retries}`);
    if (!(s.timeoutSeconds > 0)) errors.push(`timeout must be positive, got ${s.timeoutSeconds}`);
    if (s.proxied && s.ttlSeconds !== undefined) errors.push(`a TTL (${s.ttlSeconds} s) applies only to unproxied load balancers`);
    return errors;
}

/** "interval 60 s, consecutive down 1, retries 2" (plus ", TTL 30 s" when unproxied) */
export function describeCloudflare(s: CloudflareSettings): string {
    const ttl = s.proxied ? "" : `, TTL ${s.ttlSeconds ?? CLOUDFLARE_UNPROXIED_TTL_SECONDS} s`;
    return `interval ${s.intervalSeconds} s, consecutive down ${s.consecutiveDown}, retries ${s.retries}${ttl}`;
}

/** Intervals tried, slowest first; derivation keeps Cloudflare's other defaults (retries absorb a lost probe). */
const INTERVAL_CANDIDATES = [60, 30, 15, 10];

export interface CloudflareOptions {
    plan?: CloudflarePlan;
    /** @default true */
    proxied?: boolean;
    /** Unproxied only. @default CLOUDFLARE_UNPROXIED_TTL_SECONDS */
    ttlSeconds?: number;
    /** The clients' longest pooled-connection age; counted only when unproxied. @default within the TTL */
    clientMaxConnectionAgeSeconds?: number;
}

/** The slowest monitor interval the plan allows that meets the target. */
export function deriveCloudflare(targetSeconds: number, options: CloudflareOptions = {}): Derivation<CloudflareSettings> {
    const plan = options.plan ?? DEFAULT_CLOUDFLARE_PLAN;
    const proxied = options.proxied ?? true;
    const minimum = CLOUDFLARE_MIN_INTERVAL_SECONDS[plan];
    const intervals = [...new Set([...INTERVAL_CANDIDATES.filter((i) => i >= minimum), minimum])].sort((a, b) => b - a);
    const settingsFor = (intervalSeconds: number): CloudflareSettings => ({
        ...DEFAULT_CLOUDFLARE_SETTINGS,
        intervalSeconds,
        proxied,
        ...(!proxied && options.ttlSeconds !== undefined ? { ttlSeconds: options.ttlSeconds } : {}),
        ...(options.clientMaxConnectionAgeSeconds !== undefined ? { clientMaxConnectionAgeSeconds: options.clientMaxConnectionAgeSeconds } : {}),
    });
    for (const interval of intervals) {
        const settings = settingsFor(interval);
        const rto = cloudflareRto(settings);
        if (rto.rtoSeconds <= targetSeconds) return { ok: true, settings, rto };
    }
    const best = settingsFor(minimum);
    const rto = cloudflareRto(best);
    return {
        ok: false,
        error:
            `active-active:rtoTargetSeconds: ${targetSeconds} cannot be met with a ${proxied ? "proxied" : "DNS-only"} ` +
            `Cloudflare load balancer on the ${plan} plan; the best achievable is ${rto.rtoSeconds} s (${describeCloudflare(best)})`,
        best: { settings: best, rto },
    };
}

export interface CloudflareRequest extends CloudflareOptions {
    rtoTargetSeconds?: number;
    /** Explicit monitor settings are taken as given (missing ones from Cloudflare's defaults) and evaluated. */
    intervalSeconds?: number;
    consecutiveDown?: number;
    retries?: number;
    timeoutSeconds?: number;
}

/** One call for the config layer: explicit settings, else settings derived from the target, else the defaults. */
export function resolveCloudflare(request: CloudflareRequest): Resolved<CloudflareSettings> {
    const plan = request.plan ?? DEFAULT_CLOUDFLARE_PLAN;
    const target = request.rtoTargetSeconds;
    const explicit = [request.intervalSeconds, request.consecutiveDown, request.retries, request.timeoutSeconds].some(
        (v) => v !== undefined,
    );
    if (!explicit && target !== undefined) {
        const derived = deriveCloudflare(target, request);
        return derived.ok
            ? { settings: derived.settings, rto: derived.rto, errors: [] }
            : { settings: derived.best.settings, rto: derived.best.rto, errors: [derived.error] };
    }
    const settings: CloudflareSettings = {
        intervalSeconds: request.intervalSeconds ?? DEFAULT_CLOUDFLARE_SETTINGS.intervalSeconds,
        consecutiveDown: request.consecutiveDown ?? DEFAULT_CLOUDFLARE_SETTINGS.consecutiveDown,
        retries: request.retries ?? DEFAULT_CLOUDFLARE_SETTINGS.retries,
        timeoutSeconds: request.timeoutSeconds ?? DEFAULT_CLOUDFLARE_SETTINGS.timeoutSeconds,
        proxied: request.proxied ?? true,
        ...(request.ttlSeconds !== undefined ? { ttlSeconds: request.ttlSeconds } : {}),
        ...(request.clientMaxConnectionAgeSeconds !== undefined ? { clientMaxConnectionAgeSeconds: request.clientMaxConnectionAgeSeconds } : {}),
    };
    const rto = cloudflareRto(settings);
    const errors = cloudflareSettingsErrors(settings, plan);
    if (target !== undefined && rto.rtoSeconds > target) {
        errors.push(
            `active-active:rtoTargetSeconds: ${target} is not met by the configured Cloudflare monitor ` +
                `(${describeCloudflare(settings)}): the modeled RTO is ${rto.rtoSeconds} s`,
        );
    }
    return { settings, rto, errors };
}

export type CloudflareSteeringPolicy = CloudflareSteeringValue;

/** How the load balancer picks a pool for a user, what it needs for that, and the page that says so. */
export interface CloudflareSteering {
    policy: CloudflareSteeringPolicy;
    /** The Cloudflare regions every pool is probed from. */
    checkRegions: string[];
    /** Users' Cloudflare regions whose pool choice falls back to failover order (dynamic_latency without probes there). */
    failoverOrderRegions: string[];
    basis: string;
    source: string;
}

/**
 * What the steering policy does with the probing regions. Dynamic steering ranks pools by the monitor's round-trip
 * times per Cloudflare region and, where no pool has RTT data, "directs traffic to the pools in failover order"
 * (cloudflareDynamicSteering): a region users come from must probe every pool. Proximity needs only the pools'
 * coordinates (cloudflareProximitySteering); geo needs its region map (cloudflareGeoSteering). Probing from several
 * regions also keeps one region's network trouble from marking a healthy pool down: a pool is healthy when the
 * majority of its probing regions say so (cloudflareMonitors).
 */
export function cloudflareSteering(policy: CloudflareSteeringPolicy, checkRegions: readonly string[]): CloudflareSteering {
    const probed = [...checkRegions];
    const unprobed = CLOUDFLARE_REGION_CODES.filter((r) => !probed.includes(r));
    const regions = `${probed.length} Cloudflare region${probed.length === 1 ? "" : "s"}`;
    if (policy === "dynamic_latency") {
        const rest = unprobed.length === 0 ? "every region has RTT data for every pool" : `users in ${unprobed.join(", ")} have no RTT data and get failover order (config order)`;
        return { policy, checkRegions: probed, failoverOrderRegions: unprobed, basis: `fastest pool by the monitor's RTT from ${regions}; ${rest}`, source: DOCS.cloudflareDynamicSteering };
    }
    if (policy === "proximity") {
        return { policy, checkRegions: probed, failoverOrderRegions: [], basis: `nearest pool by its coordinates; health from ${regions}`, source: DOCS.cloudflareProximitySteering };
    }
    if (policy === "geo") {
        return { policy, checkRegions: probed, failoverOrderRegions: [], basis: `each Cloudflare region's own pools first, then config order; health from ${regions}`, source: DOCS.cloudflareGeoSteering };
    }
    const basis: Record<typeof policy, string> = {
        off: "failover order: the primary's pool while it is healthy, then the next in order",
        random: "a random pool by pool weight",
        least_outstanding_requests: "the pool with the fewest requests in flight, scaled by pool weight",
        least_connections: "the pool with the fewest open connections, scaled by pool weight",
    };
    return { policy, checkRegions: probed, failoverOrderRegions: [], basis: `${basis[policy]}; health from ${regions}`, source: DOCS.cloudflareSteeringPolicies };
}
