/**
 * The worst case the configured limits allow, per hour, read from the recorded tables: what a flood of requests (or
 * a bug) costs at most once DynamoDB throttles at the on-demand caps. Pure; rates from packages/aws-facts/prices.ts.
 *
 * The bound, per on-demand table of N regions (home and replicas), with its own and its indexes' caps:
 * - writes: each region's own writes at the table cap, plus each index's cap (index writes are billed as writes);
 * - replicated writes: each region's own writes applied in the N-1 others. Whether the cap also bounds the writes a
 *   replica receives is not documented, so they are counted on top: an upper bound;
 * - reads: each region's table and index caps.
 */
import { DYNAMODB_ON_DEMAND_PRICES, dynamoDbOnDemandRates } from "../packages/aws-facts";
import type { PlanResource } from "./types";

const TABLE = "aws:dynamodb/table:Table";
const SECONDS_PER_HOUR = 3600;
const PER_MILLION = 1e-6;

export interface TableCost {
    name: string;
    regions: string[];
    writeUnitsPerSecond: number;
    replicatedWriteUnitsPerSecond: number;
    readUnitsPerSecond: number;
    perHourUsd: number;
    /** Regions priced at the fallback region's rates (not in the price table). */
    fallbackPriceRegions: string[];
}

export interface WorstCaseCost {
    /** False when an on-demand table has no cap: then there is no worst case. */
    bounded: boolean;
    /** USD per hour, rounded to cents; null when unbounded. */
    perHourUsd: number | null;
    prices: { asOf: string; source: string };
    tables: TableCost[];
    notes: string[];
}

type Caps = { read?: number; write?: number };

function capsOf(value: unknown): Caps {
    const v = (value ?? {}) as Record<string, unknown>;
    const positive = (n: unknown) => (typeof n === "number" && n >= 1 ? n : undefined);
    return { read: positive(v.maxReadRequestUnits), write: positive(v.maxWriteRequestUnits) };
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

function regionsOf(t: PlanResource): string[] {
    const replicas = Array.isArray(t.inputs.replicas) ? (t.inputs.replicas as Record<string, unknown>[]) : [];
    return [t.region, ...replicas.map((r) => String(r.regionName))];
}

/** The bound of one capped on-demand table, or why there is none. */
function tableCost(t: PlanResource): TableCost | string {
    const table = capsOf(t.inputs.onDemandThroughput);
    const indexes = (Array.isArray(t.inputs.globalSecondaryIndexes) ? t.inputs.globalSecondaryIndexes : []) as Record<string, unknown>[];
    const indexCaps = indexes.map((g) => ({ name: String(g.name), ...capsOf(g.onDemandThroughput) }));
    const missing = [
        ...(table.write === undefined ? ["maxWriteRequestUnits"] : []),
        ...(table.read === undefined ? ["maxReadRequestUnits"] : []),
        ...indexCaps.filter((g) => g.write === undefined || g.read === undefined).map((g) => `the caps of index ${g.name}`),
    ];
    if (missing.length > 0) {
        return `${t.name}: on demand without ${missing.join(", ")}: no worst case (it scales to the account quota); cap it with active-active:table.onDemandThroughput`;
    }
    const regions = regionsOf(t);
    const n = regions.length;
    const perRegion = { write: table.write! + indexCaps.reduce((a, g) => a + g.write!, 0), read: table.read! + indexCaps.reduce((a, g) => a + g.read!, 0) };
    let usd = 0;
    for (const region of regions) {
        const { rates } = dynamoDbOnDemandRates(region);
        const units = perRegion.write * rates.writeRequestUnit + table.write! * (n - 1) * rates.replicatedWriteRequestUnit + perRegion.read * rates.readRequestUnit;
        usd += units * SECONDS_PER_HOUR * PER_MILLION;
    }
    return {
        name: t.name,
        regions,
        writeUnitsPerSecond: n * perRegion.write,
        replicatedWriteUnitsPerSecond: n * (n - 1) * table.write!,
        readUnitsPerSecond: n * perRegion.read,
        perHourUsd: cents(usd),
        fallbackPriceRegions: regions.filter((r) => dynamoDbOnDemandRates(r).fallback).sort(),
    };
}

export function worstCaseCost(resources: readonly PlanResource[]): WorstCaseCost {
    const tables: TableCost[] = [];
    const notes: string[] = [];
    let bounded = true;
    for (const t of resources.filter((r) => r.type === TABLE)) {
        if (t.inputs.billingMode !== "PAY_PER_REQUEST") {
            notes.push(`${t.name}: provisioned capacity, bounded by its autoscaling maximum; not priced (no provisioned rates in packages/aws-facts/prices.ts)`);
            continue;
        }
        const cost = tableCost(t);
        if (typeof cost === "string") {
            bounded = false;
            notes.push(cost);
        } else {
            tables.push(cost);
        }
    }
    return {
        bounded,
        perHourUsd: bounded ? cents(tables.reduce((a, t) => a + t.perHourUsd, 0)) : null,
        prices: { asOf: DYNAMODB_ON_DEMAND_PRICES.asOf, source: DYNAMODB_ON_DEMAND_PRICES.source },
        tables,
        notes,
    };
}
