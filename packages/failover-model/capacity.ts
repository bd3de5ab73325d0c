/**
 * Capacity for the worst single-region failure. Latency routing sends a failed region's users to their
 * next-closest healthy region, not evenly to the others, so every region is sized for its own load plus the whole
 * load of the largest other region (any region may be a failed region's next-closest). Reserved concurrency is a
 * hard cap and the stage throttle a hard limit, so both get that size. The result is checked against the account's
 * regional concurrency quota, of which Lambda keeps 100 unreserved. Pure; docs/capacity.md.
 */
import { LAMBDA_MIN_UNRESERVED_CONCURRENCY } from "../aws-facts/limits";
import { regionLoss, ResolvedRouting, steadyShares } from "./modes";

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
    /**
     * The routing mode, when it is not latency-like: weighted modes spread a failed region's share by weight;
     * failover sizes every standby for the primary's whole load. @default latency (any region may be next-closest)
     */
    routing?: ResolvedRouting;
    /** Failover only: percent of the primary's peak each standby keeps warm (provisioned concurrency). @default 0 */
    standbyWarmPercent?: number;
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
    /** Warm (provisioned) concurrency: a failover standby's share of the primary's peak; 0 elsewhere. */
    provisionedConcurrency: number;
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
    const total = capacityPerRegion * regions.length;
    const worstCases = input.routing && ("weights" in input.routing || input.routing.policy === "failover") ? byLoss(input, total) : nextClosest(input, total);
    return regions.map((region) => {
        const w = worstCases[region]!;
        const worst = w.own + w.absorbed;
        const factor = worst / capacityPerRegion;
        const reservedConcurrency = Math.max(1, ceil(worst));
        const unreserved = concurrencyQuota - reservedConcurrency - healthConcurrency;
        const standby = input.routing?.policy === "failover" && input.routing.primary !== region;
        return {
            region,
            sharePercent: Math.round(w.share * 100) / 100,
            ownConcurrency: Math.round(w.own * 100) / 100,
            absorbs: w.absorbs,
            absorbedConcurrency: Math.round(w.absorbed * 100) / 100,
            reservedConcurrency,
            throttle: { rateLimit: ceil(throttle.rateLimit * factor), burstLimit: ceil(throttle.burstLimit * factor) },
            healthConcurrency,
            concurrencyQuota,
            provisionedConcurrency: standby ? ceil((total * (input.standbyWarmPercent ?? 0)) / 100) : 0,
            unreserved,
            fits: unreserved >= LAMBDA_MIN_UNRESERVED_CONCURRENCY,
        };
    });
}

interface WorstCase {
    share: number;
    own: number;
    absorbs: string | null;
    absorbed: number;
}

/** Latency-like modes: a failed region's users all go to one next-closest region, which may be any other. */
function nextClosest(input: CapacityInput, total: number): Record<string, WorstCase> {
    const shares = sharesOf(input.regions, input.trafficShare);
    const own = (r: string) => (total * shares[r]!) / 100;
    return Object.fromEntries(
        input.regions.map((region) => {
            const others = input.regions.filter((r) => r !== region);
            const absorbs = others.reduce<string | null>((best, r) => (best === null || own(r) > own(best) ? r : best), null);
            return [region, { share: shares[region]!, own: own(region), absorbs, absorbed: absorbs === null ? 0 : own(absorbs) }];
        }),
    );
}

/** Weighted and failover modes: each region's load while each other region is down (regionLoss), the worst kept. */
function byLoss(input: CapacityInput, total: number): Record<string, WorstCase> {
    const { regions } = input;
    const steady = steadyShares(input.routing!, regions, sharesOf(regions, input.trafficShare));
    const out: Record<string, WorstCase> = {};
    for (const region of regions) {
        const own = (total * steady[region]!) / 100;
        let worst: WorstCase = { share: steady[region]!, own, absorbs: null, absorbed: 0 };
        const routing = input.routing!;
        // Latency among several standbys may send every user to any one of them: each is sized for all of it.
        if (routing.policy === "failover" && region !== routing.primary) {
            out[region] = { ...worst, absorbs: routing.primary, absorbed: total - own };
            continue;
        }
        for (const failed of regions.filter((r) => r !== region)) {
            const absorbed = (total * regionLoss(input.routing!, regions, steady, failed).shares[region]!) / 100 - own;
            if (absorbed > worst.absorbed + 1e-9) worst = { ...worst, absorbs: failed, absorbed };
        }
        out[region] = worst;
    }
    return out;
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
