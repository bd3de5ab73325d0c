/**
 * Prices the plan multiplies by, dated and sourced: pure data, one entry per service and region. A region missing
 * here is priced at `PRICE_FALLBACK_REGION`'s rates, and whoever prints the figure says so. Prices change: update
 * `asOf` and the rates together, from the page in `source`.
 *
 * Every rate is the us-east-1 list price, first usage tier, no free tier, no Savings Plans or reserved capacity.
 *
 * How these were checked (2026-12-07). No live page was fetched: every rate was compared, with the `search` tool,
 * against stored copies of public material, and the evidence is named next to each rate. AWS's own pricing pages
 * render their rate tables in the browser, so their stored text carries few figures. The figures come from:
 * - the AWS Price List (the machine-readable offer files AWS publishes for every service), us-east-1, as
 *   transcribed on 2026-09-06 in github.com/ocelhq/ocel, docs/research/price-book.md at commit
 *   b3c9bd183e2819af60cff7865e8826228066fb89 (its section 2, "The SKUs ocel actually needs": usage type, unit, USD
 *   per unit; "All facts retrieved 2026-09-06. Prices are us-east-1 list");
 * - AWS documentation pages that state a figure or a pricing rule in prose;
 * - the pricing pages' own text as transcribed on 2026-09-20 by the api-evangelist repositories
 *   (raw.githubusercontent.com/api-evangelist/<service>/refs/heads/main/plans/<service>-plans-pricing.yml, each
 *   saying "every price_text was found verbatim in the fetched page text").
 * Third-party articles that agree are listed as support, never as the only evidence. `asOf` is the date on which
 * the newest dated source above read the live price (not the day of this check). Every rate in this file was
 * confirmed and none changed (Lambda's provisioned duration rate was added after, from the same Price List); one
 * assumption stays unverified (how a calculated health check is billed, below).
 */

export interface DynamoDbOnDemandRates {
    /** USD per million write request units. */
    writeRequestUnit: number;
    /** USD per million replicated write request units (a global table's write applied in another region). */
    replicatedWriteRequestUnit: number;
    /** USD per million read request units. */
    readRequestUnit: number;
}

export interface PriceTable<R> {
    /** The date the rates were read (YYYY-MM-DD). */
    asOf: string;
    /** Where they were read. */
    source: string;
    byRegion: Record<string, R>;
}

/** The region whose rates stand in for a region the table does not list. */
export const PRICE_FALLBACK_REGION = "us-east-1";

/**
 * DynamoDB on-demand throughput, Standard table class, us-east-1: $0.625 per million WRU and rWRU, $0.125 per million
 * RRU (the rates since the on-demand and global-table price cut of November 2024).
 * - writeRequestUnit 0.625, CONFIRMED: AWS Price List, usage type `WriteRequestUnits`, $0.000000625 per unit
 *   (ocel price-book.md, above). Support: https://airbyte.com/data-engineering-resources/dynamodb-pricing ("Write
 *   Request Units (WRU): $0.625 per million", US East, after the late-2024 reduction).
 * - replicatedWriteRequestUnit 0.625, CONFIRMED: AWS Price List, usage type `ReplWriteRequestUnits`, $0.000000625
 *   per unit (same source); and AWS's developer guide,
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/global-tables-billing.html: "Replicated write
 *   units (rWCUs and rWRUs) are priced the same as single-Region write units (WCUs and WRUs)". The prescriptive
 *   guide https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/faq.html (dated March
 *   2024, before the cut) still says rWRUs are "priced 50 percent higher"; it is out of date. Support:
 *   https://www.usage.ai/blogs/aws/reserved-instances/dynamodb/global-tables-cost/ ("On-demand rWRU costs $0.625
 *   per million in US East (N. Virginia)").
 * - readRequestUnit 0.125, CONFIRMED: AWS Price List, usage type `ReadRequestUnits`, $0.000000125 per unit (same
 *   source). Support: the airbyte page above ("$0.125 per million read request units").
 * The pricing page in `source` is the one to re-read; its stored copy shows the units, not the figures. The
 * November 2024 announcement (aws.amazon.com/about-aws/whats-new/2024/11/...) was not found in the stored copies and
 * is no longer cited. Regions other than us-east-1 were not checked (they fall back, and the plan says so).
 */
export const DYNAMODB_ON_DEMAND_PRICES: PriceTable<DynamoDbOnDemandRates> = {
    asOf: "2026-09-06",
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/ (figures checked against the AWS Price List for us-east-1, usage types WriteRequestUnits, ReplWriteRequestUnits, ReadRequestUnits)",
    byRegion: {
        "us-east-1": { writeRequestUnit: 0.625, replicatedWriteRequestUnit: 0.625, readRequestUnit: 0.125 },
    },
};

/** The rates of a region, and whether they are the fallback region's. */
export function dynamoDbOnDemandRates(region: string): { rates: DynamoDbOnDemandRates; fallback: boolean } {
    const own = DYNAMODB_ON_DEMAND_PRICES.byRegion[region];
    if (own) return { rates: own, fallback: false };
    return { rates: DYNAMODB_ON_DEMAND_PRICES.byRegion[PRICE_FALLBACK_REGION]!, fallback: true };
}

/** Lambda, Arm (the functions are arm64), first duration tier, us-east-1. */
export interface LambdaRates {
    /** USD per million requests. */
    request: number;
    /** USD per GB-second of on-demand duration. */
    durationGbSecond: number;
    /** USD per GB-second of provisioned concurrency kept (whether used or not). */
    provisionedGbSecond: number;
    /** USD per GB-second of duration served by provisioned concurrency (duration above it: `durationGbSecond`). */
    provisionedDurationGbSecond: number;
}

/**
 * Lambda, Arm, us-east-1. All four from the AWS Price List as transcribed in ocel price-book.md (above), whose table
 * lists Arm as usage types of their own:
 * - request 0.2, CONFIRMED: `Request-ARM`, $0.0000002 per request ($0.20 per million). Support: the pricing page's
 *   text as transcribed by api-evangelist (aws-lambda, 2026-09-20): "$0.20 per million requests".
 * - durationGbSecond 0.0000133334, CONFIRMED: `Lambda-GB-Second-ARM`, first tier (0 to 7.5 billion GB-s a month)
 *   $0.0000133334. Support: https://cloudchipr.com/blog/aws-lambda-pricing ("First 7.5 Billion GB-seconds per
 *   month: $0.0000133334 per GB-second", ARM, US East (N. Virginia)).
 * - provisionedGbSecond 0.0000033334, CONFIRMED: `Lambda-Provisioned-Concurrency-ARM`, $0.0000033334 per GB-s.
 * - provisionedDurationGbSecond 0.0000077778, CONFIRMED (2026-12-07): `Lambda-Provisioned-GB-Second-ARM`, 0 to Inf,
 *   $0.0000077778 per GB-s (x86 `Lambda-Provisioned-GB-Second` $0.0000097222). How it applies: the pricing page's
 *   "Provisioned Concurrency Pricing" section says that with provisioned concurrency enabled you also pay for requests
 *   and duration at the provisioned-concurrency prices, and that concurrency above the configured level is billed at
 *   the on-demand rates. That section was not found at an AWS address in the stored copies; it was read in a
 *   machine-reworded copy of the page (https://bestmarketstore.com/aws-lambda-pricing-now-per-ms/, its sentence
 *   beginning "If the concurrency in your function exceeds the configured concurrency"). Support: infracost prices
 *   a provisioned concurrency config's duration with the provisioned duration usage type, not the on-demand one
 *   (github.com/infracost/infracost, internal/resources/aws/lambda_provisioned_concurrency_config.go,
 *   "AWS-Lambda-Duration-Provisioned-ARM"); https://awsnegotiations.com/lambda-provisioned-concurrency-cost.html
 *   ("When a provisioned environment serves an invocation, duration bills at a discounted rate vs on-demand:
 *   ~$0.0000097222 per GB-second on x86").
 * The pricing page in `source` fills its rate tables in the browser; its stored text has no Arm figure.
 */
export const LAMBDA_PRICES: PriceTable<LambdaRates> = {
    asOf: "2026-09-06",
    source: "https://aws.amazon.com/lambda/pricing/ (Arm price, US East (N. Virginia); figures checked against the AWS Price List, usage types Request-ARM, Lambda-GB-Second-ARM, Lambda-Provisioned-Concurrency-ARM, Lambda-Provisioned-GB-Second-ARM)",
    byRegion: { "us-east-1": { request: 0.2, durationGbSecond: 0.0000133334, provisionedGbSecond: 0.0000033334, provisionedDurationGbSecond: 0.0000077778 } },
};

/**
 * API Gateway HTTP APIs: USD per million requests (first 300 million a month), us-east-1.
 * - request 1.0, CONFIRMED: AWS whitepaper "Best Practices for Designing Amazon API Gateway Private APIs and Private
 *   Integration", Cost optimization, Table 4 (stored at
 *   https://docs.aws.amazon.com/fr_fr/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html,
 *   English text): HTTP, "API calls (us-east-1); First 300 million requests (per month): $1.00 (per million);
 *   300+ million requests (per month): $0.90 (per million)", metered in 512 KB increments. Support: the pricing
 *   page's worked example as transcribed by api-evangelist (amazon-web-services, 2026-09-20): "$1.00/million".
 */
export const API_GATEWAY_HTTP_PRICES: PriceTable<{ request: number }> = {
    asOf: "2026-09-20",
    source: "https://aws.amazon.com/api-gateway/pricing/ (HTTP APIs; figure checked against AWS's API Gateway private APIs whitepaper, Cost optimization, Table 4)",
    byRegion: { "us-east-1": { request: 1.0 } },
};

/**
 * Route 53 health checks, USD per check per month: a basic check of an AWS endpoint, and each optional feature
 * (HTTPS, string matching, fast interval, latency measurement) on one. Calculated checks are priced as basic checks
 * here (assumed: the pricing page lists endpoint checks). Alias queries to API Gateway are free, so DNS queries of
 * the default alias records add nothing; CNAME records' queries are not priced here.
 * - basicAwsEndpoint 0.5, CONFIRMED: the pricing page's text as transcribed by api-evangelist
 *   (amazon-route53-resolver, 2026-09-20): "Basic health checks (AWS endpoints): $0.50 per health check per month",
 *   with "up to 50 health checks for AWS endpoints free". Those 50 free checks (per account) are a free tier, left
 *   out like the others: the figure here is the paid rate. infracost prices the same usage type from the AWS Price
 *   List starting at 50 checks (github.com/infracost/infracost, internal/resources/aws/route53_health_check.go).
 *   Non-AWS endpoints are $0.75 (not used here).
 * - optionalFeatureAwsEndpoint 1.0, CONFIRMED: same transcription, "Optional health check features (AWS): $1.00 per
 *   optional health check feature per month" ($2.00 for non-AWS endpoints). The four features are the ones
 *   infracost counts (an HTTPS type, a STR_MATCH type, a 10-second interval, latency measurement).
 * Not confirmed by any source: whether a calculated check is billed as a basic check (see the assumption above).
 */
export const ROUTE53_HEALTH_CHECK_PRICES = {
    asOf: "2026-09-20",
    source: "https://aws.amazon.com/route53/pricing/ (Health checks; figures as the page's text was transcribed on 2026-09-20)",
    basicAwsEndpoint: 0.5,
    optionalFeatureAwsEndpoint: 1.0,
} as const;

/** A price table's rates for a region, and whether they are the fallback region's. */
export function ratesIn<R>(table: PriceTable<R>, region: string): { rates: R; fallback: boolean } {
    const own = table.byRegion[region];
    return own ? { rates: own, fallback: false } : { rates: table.byRegion[PRICE_FALLBACK_REGION]!, fallback: true };
}
