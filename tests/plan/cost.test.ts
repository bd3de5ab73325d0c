/**
 * The worst-case cost per hour at the configured limits (review F2): every on-demand table's caps, in every region
 * it has, priced from the dated table in packages/aws-facts/prices.ts.
 */
import { DYNAMODB_ON_DEMAND_PRICES } from "../../packages/aws-facts";
import { worstCaseCost } from "../../plan/cost";
import { resource } from "./fixtures";

const TABLE = "aws:dynamodb/table:Table";

function table(inputs: Record<string, unknown>, region = "us-east-1") {
    return { ...resource("t", TABLE, { billingMode: "PAY_PER_REQUEST", ...inputs }), region };
}

describe("worstCaseCost", () => {
    test("one region, table cap only: units at the cap for an hour, priced per million", () => {
        const cost = worstCaseCost([table({ onDemandThroughput: { maxReadRequestUnits: 1000, maxWriteRequestUnits: 100 } })]);
        // 100 WRU/s * 3600 s * $0.625/M + 1000 RRU/s * 3600 s * $0.125/M = 0.225 + 0.45
        expect(cost).toEqual({
            bounded: true,
            perHourUsd: 0.68,
            prices: { asOf: DYNAMODB_ON_DEMAND_PRICES.asOf, source: DYNAMODB_ON_DEMAND_PRICES.source },
            tables: [
                {
                    name: "t",
                    regions: ["us-east-1"],
                    writeUnitsPerSecond: 100,
                    replicatedWriteUnitsPerSecond: 0,
                    readUnitsPerSecond: 1000,
                    perHourUsd: 0.68,
                    fallbackPriceRegions: [],
                },
            ],
            notes: [],
        });
    });

    test("three regions and an index: each region writes at the cap and every write is replicated to the two others", () => {
        const cap = { maxReadRequestUnits: 4000, maxWriteRequestUnits: 1000 };
        const t = table({
            onDemandThroughput: cap,
            globalSecondaryIndexes: [{ name: "by-owner", onDemandThroughput: cap }],
            replicas: [{ regionName: "us-west-2" }, { regionName: "eu-west-1" }],
        });
        const [row] = worstCaseCost([t]).tables;
        // Local writes 3 * 1000 (table) + 3 * 1000 (index); replicated 3 * 1000 * 2; reads 3 * (4000 + 4000).
        expect([row!.writeUnitsPerSecond, row!.replicatedWriteUnitsPerSecond, row!.readUnitsPerSecond]).toEqual([6000, 6000, 24000]);
        // (6000 + 6000) * 3600 * 0.625e-6 + 24000 * 3600 * 0.125e-6 = 27 + 10.8
        expect(row!.perHourUsd).toBe(37.8);
        expect(row!.fallbackPriceRegions).toEqual(["eu-west-1", "us-west-2"]);
    });

    test("an on-demand table without a cap has no worst case", () => {
        const cost = worstCaseCost([table({ onDemandThroughput: { maxReadRequestUnits: 10 } })]);
        expect([cost.bounded, cost.perHourUsd, cost.notes]).toEqual([
            false,
            null,
            ["t: on demand without maxWriteRequestUnits: no worst case (it scales to the account quota); cap it with active-active:table.onDemandThroughput"],
        ]);
    });

    test("a provisioned table is capped by its capacity and not priced here", () => {
        const cost = worstCaseCost([{ ...resource("p", TABLE, { billingMode: "PROVISIONED" }), region: "us-east-1" }]);
        expect([cost.bounded, cost.perHourUsd, cost.tables, cost.notes]).toEqual([
            true,
            0,
            [],
            ["p: provisioned capacity, bounded by its autoscaling maximum; not priced (no provisioned rates in packages/aws-facts/prices.ts)"],
        ]);
    });
});
