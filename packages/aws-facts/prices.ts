/**
 * Prices the plan multiplies by, dated and sourced: pure data, one entry per service and region. A region missing
 * here is priced at `PRICE_FALLBACK_REGION`'s rates, and whoever prints the figure says so. Prices change: update
 * `asOf` and the rates together, from the page in `source`.
 *
 * Issue 18 (the `--compare` table) adds Lambda, API Gateway, provisioned concurrency and Route 53 here.
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
