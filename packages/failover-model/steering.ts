/**
 * The one mapping from `routing.policy` to a Cloudflare load balancer's `steering_policy` (Cloudflare API,
 * load-balancing_steering_policy: "off" uses default_pools in order, "random" picks by random_steering pool weights,
 * "geo" region_pools, "dynamic_latency" the monitors' RTT, "proximity" the pools' coordinates,
 * "least_outstanding_requests" / "least_connections" weights scaled by each pool's in-flight requests or open
 * connections). https://developers.cloudflare.com/load-balancing/understand-basics/traffic-steering/steering-policies/
 */
import type { RoutingPolicyName } from "./modes";

export const CLOUDFLARE_STEERING_BY_POLICY = {
    latency: "dynamic_latency",
    weighted: "random",
    geoproximity: "proximity",
    geolocation: "geo",
    failover: "off",
    least_outstanding_requests: "least_outstanding_requests",
    least_connections: "least_connections",
} as const satisfies Record<RoutingPolicyName, string>;

export type CloudflareSteeringValue = (typeof CLOUDFLARE_STEERING_BY_POLICY)[RoutingPolicyName];

export function cloudflareSteeringFor(policy: RoutingPolicyName): CloudflareSteeringValue {
    return CLOUDFLARE_STEERING_BY_POLICY[policy];
}

/** The routing mode a Cloudflare steering value stands for (the `cloudflare.steering` key predates `routing.policy`). */
export function cloudflarePolicyOf(steering: CloudflareSteeringValue): RoutingPolicyName {
    const entry = Object.entries(CLOUDFLARE_STEERING_BY_POLICY).find(([, s]) => s === steering);
    return entry![0] as RoutingPolicyName;
}

/**
 * Route 53 weights (0-255) as Cloudflare pool weights (0-1 in steps of 0.1, random_steering.pool_weights): relative
 * to the largest, so the shares stay close; all 0 is all 1 (Route 53 then shares equally too).
 */
export function cloudflarePoolWeights(weights: Record<string, number>): Record<string, number> {
    const max = Math.max(...Object.values(weights));
    return Object.fromEntries(Object.entries(weights).map(([r, w]) => [r, max === 0 ? 1 : Math.round((10 * w) / max) / 10]));
}
