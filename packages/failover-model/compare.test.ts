/**
 * The cost of a routing mode (`modeCost`): Lambda duration served by provisioned concurrency is billed at the
 * provisioned duration rate, and only the rest at the on-demand rate (AWS Price List, Arm, us-east-1:
 * `Lambda-Provisioned-GB-Second-ARM` $0.0000077778, `Lambda-GB-Second-ARM` $0.0000133334 per GB-s; prices.ts).
 * The figures below are worked by hand: 100 million requests of 100 ms at 1024 MB are 10,000,000 GB-s a month, and
 * one provisioned environment of 1 GB can serve at most 730 h * 3600 s = 2,628,000 GB-s of it.
 */
import { modeCost, ModeInput, RegionCapacity, ResolvedRouting } from "./index";

function region(name: string, sharePercent: number, provisionedConcurrency: number): RegionCapacity {
    return {
        region: name,
        sharePercent,
        ownConcurrency: sharePercent,
        absorbs: null,
        absorbedConcurrency: 0,
        reservedConcurrency: 300,
        throttle: { rateLimit: 1000, burstLimit: 2000 },
        healthConcurrency: 5,
        concurrencyQuota: 1000,
        provisionedConcurrency,
        unreserved: 695,
        fits: true,
    };
}

function input(routing: ResolvedRouting, capacity: RegionCapacity[]): ModeInput {
    return {
        routing,
        regions: capacity.map((c) => c.region),
        homeRegion: "us-east-1",
        rto: { rtoSeconds: 116, breakdown: [] },
        rpoSeconds: 1,
        capacity,
        memoryMb: 1024,
        requestsPerMonth: 100_000_000,
        writePercent: 10,
        healthChecks: { endpoint: 0, featuresEach: 0, calculated: 0 },
    };
}

const lambdaParts = (parts: Record<string, number>) => ({
    lambdaRequests: parts.lambdaRequests,
    lambdaDuration: parts.lambdaDuration,
    lambdaProvisionedDuration: parts.lambdaProvisionedDuration,
    provisionedConcurrency: parts.provisionedConcurrency,
});

describe("modeCost: duration up to the provisioned level at the provisioned duration rate, the rest on demand", () => {
    test("one region, 2 warm environments: 5,256,000 GB-s at $0.0000077778, 4,744,000 GB-s at $0.0000133334", () => {
        // Before: all 10,000,000 GB-s at the on-demand rate, $133.33.
        expect(modeCost(input({ policy: "latency" }, [region("us-east-1", 100, 2)]))).toEqual({
            lambdaRequests: 20,
            lambdaDuration: 63.25,
            lambdaProvisionedDuration: 40.88,
            provisionedConcurrency: 17.52,
            apiGateway: 100,
            dynamoDbWrites: 6.25,
            dynamoDbReplicatedWrites: 0,
            dynamoDbReads: 5.63,
            route53HealthChecks: 0,
        });
    });

    test("warm capacity above the duration served: every GB-s at the provisioned duration rate, none on demand", () => {
        // 10 environments could serve 26,280,000 GB-s; the 10,000,000 used cost $77.78, the capacity kept $87.60.
        expect(lambdaParts(modeCost(input({ policy: "latency" }, [region("us-east-1", 100, 10)])))).toEqual({
            lambdaRequests: 20,
            lambdaDuration: 0,
            lambdaProvisionedDuration: 77.78,
            provisionedConcurrency: 87.6,
        });
    });

    test("per region: only the region with warm environments serves part of its own duration on them", () => {
        // us-east-1 serves 5,000,000 GB-s, 2,628,000 of them warm; us-west-2 serves 5,000,000 GB-s on demand.
        const parts = modeCost(input({ policy: "weighted", weights: { "us-east-1": 1, "us-west-2": 1 } }, [region("us-east-1", 50, 1), region("us-west-2", 50, 0)]));
        expect(lambdaParts(parts)).toEqual({ lambdaRequests: 20, lambdaDuration: 98.29, lambdaProvisionedDuration: 20.44, provisionedConcurrency: 8.76 });
    });

    test("a failover standby kept warm serves no one in steady state: all duration on demand at the primary", () => {
        const routing: ResolvedRouting = { policy: "failover", primary: "us-east-1", standbys: ["us-west-2", "eu-west-1"] };
        const parts = modeCost(input(routing, [region("us-east-1", 100, 0), region("us-west-2", 0, 150), region("eu-west-1", 0, 150)]));
        // 300 environments of 1 GB for 730 hours at $0.0000033334 per GB-s.
        expect(lambdaParts(parts)).toEqual({ lambdaRequests: 20, lambdaDuration: 133.33, lambdaProvisionedDuration: 0, provisionedConcurrency: 2628.05 });
    });

    test("no provisioned concurrency: the on-demand figure of before, and a provisioned duration of 0", () => {
        expect(lambdaParts(modeCost(input({ policy: "latency" }, [region("us-east-1", 100, 0)])))).toEqual({
            lambdaRequests: 20,
            lambdaDuration: 133.33,
            lambdaProvisionedDuration: 0,
            provisionedConcurrency: 0,
        });
    });
});
