import { healthBudget, maxCapacityPerRegion, planCapacity, replicationWatch } from "./index";

const THROTTLE = { rateLimit: 500, burstLimit: 1000 };
const PROD = ["us-east-1", "us-west-2", "eu-west-1"];

describe("planCapacity: every region takes its own load plus the largest other region's", () => {
    test("prod at an even share: 100 reserved where capacity * N / (N-1) gave 75, and the stage throttle doubles", () => {
        const plan = planCapacity({ regions: PROD, capacityPerRegion: 50, throttle: THROTTLE, concurrencyQuota: 1000, healthConcurrency: 5 });
        expect(plan.map((r) => [r.region, r.absorbs, r.reservedConcurrency, r.throttle, r.unreserved, r.fits])).toEqual([
            ["us-east-1", "us-west-2", 100, { rateLimit: 1000, burstLimit: 2000 }, 895, true],
            ["us-west-2", "us-east-1", 100, { rateLimit: 1000, burstLimit: 2000 }, 895, true],
            ["eu-west-1", "us-east-1", 100, { rateLimit: 1000, burstLimit: 2000 }, 895, true],
        ]);
    });

    test("measured shares: a small region absorbing the largest needs the most headroom", () => {
        const plan = planCapacity({ regions: PROD, capacityPerRegion: 50, throttle: THROTTLE, trafficShare: { "us-east-1": 60, "us-west-2": 30, "eu-west-1": 10 }, concurrencyQuota: 1000, healthConcurrency: 5 });
        expect(plan.map((r) => [r.region, r.ownConcurrency, r.absorbs, r.absorbedConcurrency, r.reservedConcurrency])).toEqual([
            ["us-east-1", 90, "us-west-2", 45, 135],
            ["us-west-2", 45, "us-east-1", 90, 135],
            ["eu-west-1", 15, "us-east-1", 90, 105],
        ]);
    });

    test("the quota: Lambda keeps 100 unreserved, the health function counts", () => {
        const input = { regions: ["us-east-1", "us-west-2"], throttle: THROTTLE, concurrencyQuota: 1000, healthConcurrency: 5 };
        expect(maxCapacityPerRegion(input)).toBe(447);
        expect(planCapacity({ ...input, capacityPerRegion: 447 }).every((r) => r.fits)).toBe(true);
        expect(planCapacity({ ...input, capacityPerRegion: 448 })[0]).toMatchObject({ reservedConcurrency: 896, unreserved: 99, fits: false });
    });
});

test("healthBudget: the default 1000 ms fits Route 53's 2 s window with a cold start; 1500 ms does not", () => {
    expect([healthBudget(1000).totalMs, healthBudget(1000).fits, healthBudget(1500).fits]).toEqual([2000, true, false]);
});

test("replicationWatch: heartbeat interval + RPO, and the evaluation window as the detection delay", () => {
    expect(replicationWatch(5000, 1)).toEqual({ thresholdMs: 6000, periodSeconds: 60, evaluationPeriods: 2, detectionDelaySeconds: 120 });
    expect(replicationWatch(5000, 0).thresholdMs).toBe(5000);
});
