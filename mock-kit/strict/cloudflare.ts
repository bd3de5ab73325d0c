/**
 * Cloudflare Load Balancing: monitors, pools and load balancers, with errors as the v4 API returns them
 * (`400 Bad Request {"success":false,"errors":[{"code":1002,"message":"...: validation failed"}]}`).
 * https://developers.cloudflare.com/api/resources/load_balancers/
 * https://developers.cloudflare.com/load-balancing/monitors/
 * https://developers.cloudflare.com/load-balancing/understand-basics/traffic-steering/steering-policies/
 */
import { CLOUDFLARE_MIN_INTERVAL_SECONDS, CLOUDFLARE_REGION_CODES } from "../../packages/failover-model";
import { computeOutputs } from "../outputs";
import { Resource, ResourceRule, StrictState, dnsNameProblem, list } from "./common";

/** Limits only the API checks (the smallest monitor interval per plan is the failover model's). */
export const CLOUDFLARE_LIMITS = {
    maxIntervalSeconds: 3600,
    retries: { min: 0, max: 5 },
    timeoutSeconds: { min: 1, max: 10 },
} as const;

const MONITOR_TYPES = ["http", "https", "tcp", "udp_icmp", "icmp_ping", "smtp"];
const REGIONS: readonly string[] = CLOUDFLARE_REGION_CODES;
const STEERING_POLICIES = ["off", "geo", "random", "dynamic_latency", "proximity", "least_outstanding_requests", "least_connections", ""];
const SESSION_AFFINITIES = ["none", "cookie", "ip_cookie", "header", ""];

export function cloudflareError(message: string, code = 1002): string {
    return `400 Bad Request ${JSON.stringify({ success: false, errors: [{ code, message }] })}`;
}

/** The load balancing API's wording: `interval is not in range [60, 3600]: validation failed` (code 1002). */
function validationFailed(message: string): string {
    return cloudflareError(`${message}: validation failed`);
}

/** An account or zone id that is not 32 hex characters never reaches a handler: the router rejects the path. */
function identifier(out: string[], value: unknown, path: string): void {
    if (typeof value === "string" && !/^[0-9a-f]{32}$/.test(value)) {
        out.push(`404 Not Found ${JSON.stringify({ success: false, errors: [{ code: 7003, message: `Could not route to ${path.replace("{id}", value)}, perhaps your object identifier is invalid?` }] })}`);
    }
}

function range(out: string[], field: string, value: unknown, min: number, max: number): void {
    if (typeof value === "number" && (value < min || value > max)) out.push(validationFailed(`${field} is not in range [${min}, ${max}]`));
}

function mustExist(out: string[], s: StrictState, ids: unknown[], field: string, kind: "pool" | "monitor"): void {
    const known: { has(k: string): boolean; size: number } = kind === "pool" ? s.cloudflarePools : s.cloudflareMonitors;
    // Only when this kit registered some: otherwise they were made elsewhere and we cannot tell.
    if (known.size === 0) return;
    for (const id of ids) {
        if (typeof id === "string" && !known.has(id)) out.push(validationFailed(`${field}: ${kind} ${id} does not exist`));
    }
}

function idOf(r: Resource): string {
    return computeOutputs({ type: r.type, name: r.name, inputs: r.inputs, region: r.region }).id;
}

const monitor: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const out: string[] = [];
        identifier(out, i.accountId, "/accounts/{id}/load_balancers/monitors");
        if (i.type !== undefined && !MONITOR_TYPES.includes(i.type)) out.push(validationFailed(`type ${i.type} is not one of ${MONITOR_TYPES.join(", ")}`));
        // The smallest interval depends on the account's plan.
        range(out, "interval", i.interval, CLOUDFLARE_MIN_INTERVAL_SECONDS[s.options.cloudflarePlan], CLOUDFLARE_LIMITS.maxIntervalSeconds);
        range(out, "retries", i.retries, CLOUDFLARE_LIMITS.retries.min, CLOUDFLARE_LIMITS.retries.max);
        range(out, "timeout", i.timeout, CLOUDFLARE_LIMITS.timeoutSeconds.min, CLOUDFLARE_LIMITS.timeoutSeconds.max);
        const http = i.type === undefined || i.type === "http" || i.type === "https";
        if (http && r.absent("expectedCodes")) out.push(validationFailed("expected_codes is required for HTTP and HTTPS monitors"));
        if (typeof i.path === "string" && !i.path.startsWith("/")) out.push(validationFailed(`path ${i.path} does not start with /`));
        return out;
    },
    remember(r, s) {
        s.cloudflareMonitors.add(idOf(r));
    },
};

const pool: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const out: string[] = [];
        identifier(out, i.accountId, "/accounts/{id}/load_balancers/pools");
        if (typeof i.name === "string" && !/^[A-Za-z0-9_-]+$/.test(i.name)) {
            out.push(validationFailed(`name ${i.name} may only contain letters, digits, hyphens and underscores`));
        }
        if (Array.isArray(i.origins)) {
            if (i.origins.length === 0) out.push(validationFailed("the origin list length must be at least 1"));
            i.origins.forEach((o: any, n: number) => {
                if (o && r.absent(`origins.${n}.address`)) out.push(validationFailed(`origins[${n}].address is required`));
            });
            const names = list(i.origins).map((o: any) => o.name).filter((x) => x !== undefined);
            for (const dup of new Set(names.filter((x, k) => names.indexOf(x) !== k))) out.push(validationFailed(`origin name ${dup} is used more than once`));
            if (typeof i.minimumOrigins === "number" && i.origins.length > 0 && i.minimumOrigins > i.origins.length) {
                out.push(validationFailed(`minimum_origins ${i.minimumOrigins} is more than the pool's ${i.origins.length} origins`));
            }
        }
        for (const c of list(i.checkRegions)) {
            if (c !== "ALL_REGIONS" && !REGIONS.includes(c)) out.push(validationFailed(`check_regions ${c} is not one of ${REGIONS.join(", ")}, ALL_REGIONS`));
        }
        range(out, "latitude", i.latitude, -90, 90);
        range(out, "longitude", i.longitude, -180, 180);
        if (r.absent("latitude") !== r.absent("longitude")) out.push(validationFailed("latitude and longitude must be set together"));
        mustExist(out, s, [i.monitor], "monitor", "monitor");
        return out;
    },
    remember(r, s) {
        s.cloudflarePools.set(idOf(r), { hasMonitor: !r.absent("monitor"), hasCoordinates: !r.absent("latitude") && !r.absent("longitude") });
    },
};

const loadBalancer: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const out: string[] = [];
        identifier(out, i.zoneId, "/zones/{id}/load_balancers");
        const bad = typeof i.name === "string" ? dnsNameProblem(i.name) : undefined;
        if (bad) out.push(validationFailed(`name ${i.name} is not a valid hostname: it ${bad}`));
        if (i.steeringPolicy !== undefined && !STEERING_POLICIES.includes(i.steeringPolicy)) {
            out.push(validationFailed(`steering_policy ${i.steeringPolicy} is not one of ${STEERING_POLICIES.filter((x) => x).join(", ")}`));
        }
        if (i.sessionAffinity !== undefined && !SESSION_AFFINITIES.includes(i.sessionAffinity)) {
            out.push(validationFailed(`session_affinity ${i.sessionAffinity} is not one of ${SESSION_AFFINITIES.filter((x) => x).join(", ")}`));
        }
        if (Array.isArray(i.defaultPools) && i.defaultPools.length === 0) out.push(validationFailed("the default_pools list length must be at least 1"));
        const regionPools: Record<string, unknown[]> = i.regionPools ?? {};
        for (const code of Object.keys(regionPools)) {
            if (!REGIONS.includes(code)) out.push(validationFailed(`region_pools ${code} is not one of ${REGIONS.join(", ")}`));
        }
        mustExist(out, s, list(i.defaultPools), "default_pools", "pool");
        mustExist(out, s, [i.fallbackPool], "fallback_pool", "pool");
        mustExist(out, s, Object.values(regionPools).flatMap((ids) => list(ids)), "region_pools", "pool");

        const pools = [...new Set([...list(i.defaultPools), i.fallbackPool, ...Object.values(regionPools).flatMap((ids) => list(ids))])]
            .map((id) => (typeof id === "string" ? s.cloudflarePools.get(id) : undefined))
            .filter((p): p is { hasMonitor: boolean; hasCoordinates: boolean } => p !== undefined);
        if (i.steeringPolicy === "proximity" && pools.some((p) => !p.hasCoordinates)) {
            out.push(validationFailed("proximity steering needs latitude and longitude on every pool"));
        }
        if (i.steeringPolicy === "dynamic_latency" && pools.some((p) => !p.hasMonitor)) {
            out.push(validationFailed("dynamic_latency steering needs a monitor on every pool"));
        }
        return out;
    },
};

const dnsRecord: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const out: string[] = [];
        identifier(out, i.zoneId, "/zones/{id}/dns_records");
        const bad = typeof i.name === "string" ? dnsNameProblem(i.name) : undefined;
        if (bad) out.push(cloudflareError(`DNS Validation Error: name ${i.name} ${bad}`, 1004));
        // Enterprise zones may go down to 30 s; everyone else to 60 s; 1 means automatic.
        const min = s.options.cloudflarePlan === "enterprise" ? 30 : 60;
        if (typeof i.ttl === "number" && i.ttl !== 1 && (i.ttl < min || i.ttl > 86400)) {
            out.push(cloudflareError(`DNS Validation Error: ttl must be 1 (automatic) or between ${min} and 86400, got ${i.ttl}`, 1004));
        }
        if (i.proxied === true && typeof i.type === "string" && !["A", "AAAA", "CNAME"].includes(i.type)) {
            out.push(cloudflareError("This record type cannot be proxied.", 9004));
        }
        return out;
    },
};

const RULESET_KINDS = ["managed", "custom", "root", "zone"];
const SSL_MODES = ["off", "flexible", "full", "strict", "originPull"];

/**
 * Rulesets: a zone holds one entry-point ruleset per phase, so a second `kind: "zone"` ruleset of a phase is refused
 * ("a similar configuration with rules already exists"; cloudflare/terraform-provider-cloudflare#2090, #2566).
 * https://developers.cloudflare.com/ruleset-engine/about/phases/
 */
const ruleset: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const out: string[] = [];
        identifier(out, i.zoneId, "/zones/{id}/rulesets");
        if (typeof i.kind === "string" && !RULESET_KINDS.includes(i.kind)) out.push(validationFailed(`kind ${i.kind} is not one of ${RULESET_KINDS.join(", ")}`));
        if (i.kind === "zone" && r.absent("zoneId")) out.push(validationFailed("a zone ruleset needs zone_id"));
        if (i.kind === "zone" && typeof i.zoneId === "string" && typeof i.phase === "string" && s.cloudflareZoneRulesets.has(`${i.zoneId}|${i.phase}`)) {
            out.push(cloudflareError(`A similar configuration with rules already exists: the zone's ${i.phase} entry point ruleset`, 20217));
        }
        list(i.rules).forEach((rule: any, n: number) => {
            const ssl = rule?.actionParameters?.ssl;
            if (ssl !== undefined && !SSL_MODES.includes(ssl)) out.push(validationFailed(`rules[${n}].action_parameters.ssl ${ssl} is not one of ${SSL_MODES.join(", ")}`));
            if (ssl !== undefined && i.phase !== "http_config_settings") out.push(validationFailed(`rules[${n}]: ssl is a setting of the http_config_settings phase, not ${i.phase}`));
        });
        return out;
    },
    remember(r, s) {
        if (r.inputs.kind === "zone" && typeof r.inputs.zoneId === "string") s.cloudflareZoneRulesets.add(`${r.inputs.zoneId}|${r.inputs.phase}`);
    },
};

export const CLOUDFLARE_RULES: Record<string, ResourceRule> = {
    "cloudflare:index/ruleset:Ruleset": ruleset,
    "cloudflare:index/dnsRecord:DnsRecord": dnsRecord,
    "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor": monitor,
    "cloudflare:index/loadBalancerPool:LoadBalancerPool": pool,
    "cloudflare:index/loadBalancer:LoadBalancer": loadBalancer,
};
