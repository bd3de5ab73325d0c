/**
 * `npm run plan -- --stack prod --compare` (issue 18): the columns, every mode's RTO from the failover model with
 * the stack's settings, capacity from the capacity model, and the cost from the price table.
 */
import { compareModes, COMPARE_COLUMNS, configWith, renderComparison } from "../../plan/compare";
import { LAMBDA_PRICES, ROUTE53_HEALTH_CHECK_PRICES } from "../../packages/aws-facts";
import { cloudflareRto, route53Rto } from "../../packages/failover-model";

const prod = compareModes("prod");

test("the columns of the table, in order", () => {
    expect(COMPARE_COLUMNS).toEqual(["MODE", "RTO", "RPO", "RESERVED", "WARM", "USED", "UTIL", "USD/MONTH", "IF THE BUSIEST REGION IS LOST"]);
    const text = renderComparison(prod);
    expect(text.split("\n")[2]!.split(/\s{2,}/)).toEqual([...COMPARE_COLUMNS]);
});

test("prod on Route 53: the configured mode first, then every other Route 53 mode and the warm standby", () => {
    expect(prod.rows.map((r) => [r.label, r.current])).toEqual([
        ["latency", true],
        ["weighted", false],
        ["geoproximity", false],
        ["geolocation", false],
        ["failover, warm 0 %", false],
        ["failover, warm 100 %", false],
    ]);
    expect(prod.refused).toEqual([]);
});

test("each mode's RTO is the failover model's for the stack's Route 53 settings (116 s on prod)", () => {
    const settings = configWith("prod", {}).failover.route53!;
    const rto = route53Rto(settings).rtoSeconds;
    expect(rto).toBe(116);
    expect(prod.rows.map((r) => [r.label, r.rtoSeconds])).toEqual(prod.rows.map((r) => [r.label, rto]));
});

test("behind Cloudflare the RTO is Cloudflare's model, and the least_* policies join", () => {
    const cf = compareModes("prod", { "active-active:traffic": "cloudflare" });
    const rto = cloudflareRto(configWith("prod", { "active-active:traffic": "cloudflare" }).failover.cloudflare!).rtoSeconds;
    expect(cf.rows.map((r) => [r.label, r.rtoSeconds])).toEqual(
        ["latency", "weighted", "geoproximity", "geolocation", "failover, warm 0 %", "failover, warm 100 %", "least_outstanding_requests", "least_connections"].map((l) => [l, rto]),
    );
});

test("capacity: latency reserves twice what it uses, weighted 1.5 times, failover three times (every standby takes all)", () => {
    const byLabel = Object.fromEntries(prod.rows.map((r) => [r.label, [r.reservedConcurrency, r.provisionedConcurrency, r.usedConcurrency, r.utilizationPercent]]));
    expect(byLabel).toEqual({
        latency: [300, 0, 150, 50],
        weighted: [225, 0, 150, 67],
        geoproximity: [300, 0, 150, 50],
        geolocation: [300, 0, 150, 50],
        "failover, warm 0 %": [450, 0, 150, 33],
        "failover, warm 100 %": [450, 300, 150, 33],
    });
});

test("cost: the same requests in every mode; a warm standby adds its provisioned concurrency at the listed rate", () => {
    const cold = prod.rows.find((r) => r.label === "failover, warm 0 %")!;
    const warm = prod.rows.find((r) => r.label === "failover, warm 100 %")!;
    // 300 warm environments of 1024 MB for 730 hours.
    expect(warm.costParts.provisionedConcurrency).toBe(Math.round(300 * 1 * 730 * 3600 * LAMBDA_PRICES.byRegion["us-east-1"]!.provisionedGbSecond * 100) / 100);
    expect({ ...warm.costParts, provisionedConcurrency: 0 }).toEqual(cold.costParts);
    // The warm standbys serve no one in steady state: the primary's 10,000,000 GB-s (100 million requests of 100 ms at
    // 1 GB) are all on demand at $0.0000133334; none at the provisioned duration rate.
    expect([warm.costParts.lambdaDuration, warm.costParts.lambdaProvisionedDuration]).toEqual([133.33, 0]);
    // Three HTTPS checks with latency measurement, three gates and the any-region check.
    expect(cold.costParts.route53HealthChecks).toBe(3 * (ROUTE53_HEALTH_CHECK_PRICES.basicAwsEndpoint + 2 * ROUTE53_HEALTH_CHECK_PRICES.optionalFeatureAwsEndpoint) + 4 * ROUTE53_HEALTH_CHECK_PRICES.basicAwsEndpoint);
    expect(cold.costParts.lambdaRequests).toBe(20);
    expect(cold.costParts.apiGateway).toBe(100);
});

test("what losing the busiest region does, per mode", () => {
    expect(Object.fromEntries(prod.rows.map((r) => [r.label, r.ifLost]))).toEqual({
        latency: "us-east-1: its users move to the next-nearest region (us-west-2 assumed)",
        weighted: "us-east-1: its 33.33 % of requests spread over us-west-2, eu-west-1 by weight",
        geoproximity: "us-east-1: its users move to the next-nearest region (us-west-2 assumed)",
        geolocation: "us-east-1: users in NA fall back to the default record (nearest healthy region, us-west-2 assumed)",
        "failover, warm 0 %": "us-east-1: every user moves to the standby set (latency among us-west-2, eu-west-1; us-west-2 assumed nearest); 150 of 150 concurrent requests start cold (0 warm)",
        "failover, warm 100 %": "us-east-1: every user moves to the standby set (latency among us-west-2, eu-west-1; us-west-2 assumed nearest); the standby is warm for the whole peak",
    });
});

test("geolocation without a default: RTO none for the users it leaves without an answer", () => {
    const c = compareModes("prod", { "active-active:routing": { policy: "geolocation", geolocation: { default: null } } });
    expect([c.rows[0]!.label, c.rows[0]!.rtoSeconds, c.rows[0]!.ifLost]).toEqual(["geolocation", null, "us-east-1: users in NA get no healthy answer (no default record)"]);
});
