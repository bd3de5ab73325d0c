/**
 * Capacity for the worst single-region failure. Latency routing sends a failed region's users to their
 * next-closest healthy region, not evenly to the others, so every region is sized for its own load plus the whole
 * load of the largest other region (any region may be a failed region's next-closest). Reserved concurrency is a
 * hard cap and the stage throttle a hard limit, so both get that size. The result is checked against the account's
 * regional concurrency quota, of which Lambda keeps 100 unreserved. Pure; docs/capacity.md.
 */
import { LAMBDA_MIN_UNRESERVED_CONCURRENCY } from "../aws-facts/limits";

export interface CapacityInput {
    /** Every region of the deployment (a drain spends headroom, it never resizes a function). */
    regions: readonly string[];
    /** Concurrent executions one region serves at an even share of the traffic. */
    capacityPerRegion: number;
    /** Stage throttle one region needs at an even share of the traffic. */
    throttle: { rateLimit: number; burstLimit: number };
    /** Measured share of the traffic per region, percent (summing to 100). @default an even share */
    trafficShare?: Readonly<Record<string, number>>;
    /** The account's concurrency quota in each region. */
    concurrencyQuota: number;
    /** Reserved concurrency of the separate health function in each region. */
    healthConcurrency: number;
}

export interface RegionCapacity {
    region: string;
    /** This region's share of the traffic, percent. */
    sharePercent: number;
    /** Concurrency of its own users. */
    ownConcurrency: number;
    /** The largest other region, whose users it takes when that region fails; null with one region. */
    absorbs: string | null;
    absorbedConcurrency: number;
    /** Reserved concurrency of the app function: own + absorbed, rounded up. */
    reservedConcurrency: number;
    /** The stage's default throttle, scaled by the same worst case. */
    throttle: { rateLimit: number; burstLimit: number };
    healthConcurrency: number;
    concurrencyQuota: number;
    /** Concurrency left unreserved after both functions; Lambda needs at least 100. */
    unreserved: number;
    fits: boolean;
}

/** Each region's share, percent: the measured one, else an even one. */
export function sharesOf(regions: readonly string[], trafficShare?: Readonly<Record<string, number>>): Record<string, number> {
    return Object.fromEntries(regions.map((r) => [r, trafficShare?.[r] ?? 100 / Math.max(1, regions.length)]));
}

/** Rounds up, ignoring floating-point noise below a millionth (50 * 3 * 33.33.../100 is 50, not 50.0000001). */
function ceil(value: number): number {
    return Math.ceil(Math.round(value * 1e6) / 1e6);
}

/** Every region's worst-case size and what it leaves of the account's quota, in the order of `regions`. */
export function planCapacity(input: CapacityInput): RegionCapacity[] {
    const { regions, capacityPerRegion, throttle, concurrencyQuota, healthConcurrency } = input;
    const shares = sharesOf(regions, input.trafficShare);
    const total = capacityPerRegion * regions.length;
    const own = (r: string) => (total * shares[r]!) / 100;
    return regions.map((region) => {
        const others = regions.filter((r) => r !== region);
        const absorbs = others.reduce<string | null>((best, r) => (best === null || own(r) > own(best) ? r : best), null);
        const absorbed = absorbs === null ? 0 : own(absorbs);
        const worst = own(region) + absorbed;
        const factor = worst / capacityPerRegion;
        const reservedConcurrency = Math.max(1, ceil(worst));
        const unreserved = concurrencyQuota - reservedConcurrency - healthConcurrency;
        return {
            region,
            sharePercent: Math.round(shares[region]! * 100) / 100,
            ownConcurrency: Math.round(own(region) * 100) / 100,
            absorbs,
            absorbedConcurrency: Math.round(absorbed * 100) / 100,
            reservedConcurrency,
            throttle: { rateLimit: ceil(throttle.rateLimit * factor), burstLimit: ceil(throttle.burstLimit * factor) },
            healthConcurrency,
            concurrencyQuota,
            unreserved,
            fits: unreserved >= LAMBDA_MIN_UNRESERVED_CONCURRENCY,
        };
    });
}

/** The largest capacityPerRegion whose worst case still fits every region's quota (0 when none does). */
export function maxCapacityPerRegion(input: Omit<CapacityInput, "capacityPerRegion">): number {
    let low = 0;
    let high = input.concurrencyQuota;
    while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (planCapacity({ ...input, capacityPerRegion: mid }).every((r) => r.fits)) low = mid;
        else high = mid - 1;
    }
    return low;
}
