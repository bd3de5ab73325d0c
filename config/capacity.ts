/**
 * The stack's capacity plan: every region sized for the worst single-region failure (failover-model
 * `planCapacity`), from the service settings and the measured traffic shares, and the problems when a region's
 * size does not fit the account's concurrency quota. docs/capacity.md.
 */
import { LAMBDA_MIN_UNRESERVED_CONCURRENCY, missing, Problem, problem } from "../packages/aws-facts";
import { maxCapacityPerRegion, planCapacity, RegionCapacity, ResolvedRouting } from "../packages/failover-model";
import { resolvedRouting } from "./routing";
import { keyPath } from "./issues";
import type { Complete, Parsed } from "./schema";

type CapacityKeys = Pick<Complete, "regions" | "service"> & Partial<Pick<Complete, "traffic" | "routing" | "cloudflare" | "homeRegion">>;

/** The routing mode, when the keys that choose it parsed (else latency's sizing, the most even). */
function routingOf(p: CapacityKeys): ResolvedRouting | undefined {
    if (!p.routing || !p.traffic || !p.homeRegion || !p.regions.includes(p.homeRegion)) return undefined;
    return resolvedRouting({ traffic: p.traffic, routing: p.routing, cloudflare: p.cloudflare, regions: p.regions, homeRegion: p.homeRegion });
}

export function capacityPlan(p: CapacityKeys): RegionCapacity[] {
    const s = p.service;
    return planCapacity({
        routing: routingOf(p),
        standbyWarmPercent: p.routing?.standbyWarmPercent,
        regions: p.regions,
        capacityPerRegion: s.capacityPerRegion,
        throttle: s.throttle,
        trafficShare: s.trafficShare,
        concurrencyQuota: s.concurrencyQuota,
        healthConcurrency: s.healthConcurrency,
    });
}

/** Shares name each region once and add up to 100. */
export function trafficShareProblems(p: Parsed): Problem[] {
    const shares = p.service?.trafficShare;
    if (!shares || !p.regions) return [];
    const path = keyPath("service", ["trafficShare"]);
    const regions: readonly string[] = p.regions;
    const problems = Object.keys(shares)
        .filter((r) => !regions.includes(r))
        .map((r) => missing(`${path}.${r}`, "is not one of the regions", regions.join(", "), "share-unknown-region"));
    const lacking = regions.filter((r) => shares[r] === undefined);
    if (lacking.length > 0) problems.push(problem(path, shares, `lacks ${lacking.join(", ")}`, "a share for every region", "share-missing"));
    const sum = Object.values(shares).reduce((a, b) => a + b, 0);
    if (lacking.length === 0 && problems.length === 0 && Math.abs(sum - 100) > 0.01) {
        problems.push(problem(path, shares, `adds up to ${Math.round(sum * 100) / 100}`, "shares that add up to 100 (percent of the traffic)", "share-sum"));
    }
    return problems;
}

/** Every region's worst case, plus the health function, leaves Lambda its 100 unreserved. */
export function capacityProblems(p: Parsed): Problem[] {
    if (!p.service || !p.regions || trafficShareProblems(p).length > 0) return [];
    const plan = capacityPlan({ ...p, regions: p.regions, service: p.service });
    const short = plan.filter((r) => !r.fits);
    if (short.length === 0) return [];
    const s = p.service;
    const most = maxCapacityPerRegion({
        regions: p.regions,
        throttle: s.throttle,
        trafficShare: s.trafficShare,
        concurrencyQuota: s.concurrencyQuota,
        healthConcurrency: s.healthConcurrency,
    });
    const worst = short[0]!;
    const reason =
        `needs ${worst.reservedConcurrency} reserved concurrency in ${worst.region} (its own ${worst.ownConcurrency} plus ${worst.absorbedConcurrency} ` +
        `of ${worst.absorbs} when that region fails) and ${worst.healthConcurrency} for /health, leaving ${worst.unreserved} of the ` +
        `quota of ${worst.concurrencyQuota} unreserved`;
    const allowed =
        `at most ${most}, so that Lambda keeps ${LAMBDA_MIN_UNRESERVED_CONCURRENCY} unreserved; after a quota increase set ` +
        `${keyPath("service", ["concurrencyQuota"])}`;
    return [problem(keyPath("service", ["capacityPerRegion"]), s.capacityPerRegion, reason, allowed, "capacity-quota")];
}
