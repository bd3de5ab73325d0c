/**
 * Prices the plan multiplies by, dated and sourced: pure data, one entry per service and region. A region missing
 * here is priced at `PRICE_FALLBACK_REGION`'s rates, and whoever prints the figure says so. Prices change: update
 * `asOf` and the rates together, from the page in `source`.
 *
 * The `--compare` table (issue 18) prices Lambda (requests, Arm duration, provisioned concurrency), HTTP API requests
 * and Route 53 health checks too. These rates are the published us-east-1 list prices as we read them on `asOf`
 * (first usage tier, no free tier, no Savings Plans); they were not re-read online when this table was written, so
 * check them against `source` before quoting a figure.
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
 * DynamoDB on-demand throughput, Standard table class. us-east-1 after the price cut of November 2024 (on-demand
 * throughput halved; replicated writes of on-demand global tables priced like single-region writes): $0.625 per
 * million WRU and rWRU, $0.125 per million RRU.
 */
export const DYNAMODB_ON_DEMAND_PRICES: PriceTable<DynamoDbOnDemandRates> = {
    asOf: "2024-11-01",
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/ (and the announcement https://aws.amazon.com/about-aws/whats-new/2024/11/amazon-dynamodb-reduces-prices-on-demand-throughput-global-tables/)",
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
}

export const LAMBDA_PRICES: PriceTable<LambdaRates> = {
    asOf: "2025-01-01",
    source: "https://aws.amazon.com/lambda/pricing/ (Arm price, US East (N. Virginia))",
    byRegion: { "us-east-1": { request: 0.2, durationGbSecond: 0.0000133334, provisionedGbSecond: 0.0000033334 } },
};

/** API Gateway HTTP APIs: USD per million requests (first 300 million a month), us-east-1. */
export const API_GATEWAY_HTTP_PRICES: PriceTable<{ request: number }> = {
    asOf: "2025-01-01",
    source: "https://aws.amazon.com/api-gateway/pricing/ (HTTP APIs)",
    byRegion: { "us-east-1": { request: 1.0 } },
};

/**
 * Route 53 health checks, USD per check per month: a basic check of an AWS endpoint, and each optional feature
 * (HTTPS, string matching, fast interval, latency measurement) on one. Calculated checks are priced as basic checks
 * here (assumed: the pricing page lists endpoint checks). Alias queries to API Gateway are free, so DNS queries of
 * the default alias records add nothing; CNAME records' queries are not priced here.
 */
export const ROUTE53_HEALTH_CHECK_PRICES = {
    asOf: "2025-01-01",
    source: "https://aws.amazon.com/route53/pricing/ (Health checks)",
    basicAwsEndpoint: 0.5,
    optionalFeatureAwsEndpoint: 1.0,
} as const;

/** A price table's rates for a region, and whether they are the fallback region's. */
export function ratesIn<R>(table: PriceTable<R>, region: string): { rates: R; fallback: boolean } {
    const own = table.byRegion[region];
    return own ? { rates: own, fallback: false } : { rates: table.byRegion[PRICE_FALLBACK_REGION]!, fallback: true };
}
