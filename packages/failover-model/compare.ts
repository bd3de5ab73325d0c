/**
 * One routing mode's figures for the `--compare` table: RTO and RPO, capacity provisioned vs used, the monthly cost at
 * a request volume, and what losing the most loaded region does to users. Pure; prices from aws-facts prices.ts.
 * docs/traffic.md, "Choosing a routing mode".
 */
import { API_GATEWAY_HTTP_PRICES, DYNAMODB_ON_DEMAND_PRICES, HOURS_PER_MONTH, LAMBDA_PRICES, ratesIn, ROUTE53_HEALTH_CHECK_PRICES } from "../aws-facts";
import type { RegionCapacity } from "./capacity";
import { regionLoss, ResolvedRouting } from "./modes";
import type { Rto } from "./types";

/** Average billed duration of one request (assumed: the app's reads and writes are one DynamoDB call each). */
export const ASSUMED_REQUEST_DURATION_MS = 100;
/** The request size the DynamoDB units assume: at most 1 KB written (1 WRU), at most 4 KB read eventually consistent (0.5 RRU). */
export const READ_UNITS_PER_READ = 0.5;
/** What a client that fails over itself (active-active/client) waits at most before trying the next region. */
export const CLIENT_DEFAULT_ATTEMPT_TIMEOUT_MS = 2000;

export interface ModeInput {
    routing: ResolvedRouting;
    regions: string[];
    homeRegion: string;
    /** The traffic layer's modeled RTO with the stack's settings. */
    rto: Rto;
    rpoSeconds: number;
    capacity: RegionCapacity[];
    memoryMb: number;
    requestsPerMonth: number;
    writePercent: number;
    /** Route 53 health checks billed per month: endpoint checks with their optional features, and calculated checks. */
    healthChecks: { endpoint: number; featuresEach: number; calculated: number };
}

export interface ModeFigures {
    policy: string;
    /** Worst time until users leave a failed region; null when some users get no healthy answer at all. */
    rtoSeconds: number | null;
    rpoSeconds: number;
    /** Reserved concurrency over every region (what each region is allowed to scale to), and provisioned (warm). */
    reservedConcurrency: number;
    provisionedConcurrency: number;
    /** Steady-state concurrency actually used over every region. */
    usedConcurrency: number;
    utilizationPercent: number;
    monthlyUsd: number;
    costParts: Record<string, number>;
    /** The most loaded region's loss, in words. */
    ifLost: string;
}

const PER_MILLION = 1e-6;
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
const cents = (x: number) => Math.round(x * 100) / 100;

/**
 * Monthly Lambda duration in GB-seconds: all of it, and the part served by provisioned concurrency. Each region serves
 * its steady share of the requests; its provisioned environments serve at most provisioned * GB * seconds in a month
 * of that, billed at the provisioned duration rate, and the rest is on demand (AWS Lambda pricing, "Provisioned
 * Concurrency Pricing"; prices.ts). Assumed: load spread evenly over the month (a peak above the provisioned level
 * would put more on demand). A failover standby serves no one in steady state, so its warm pool serves nothing here.
 */
export function durationGbSeconds(input: Pick<ModeInput, "capacity" | "memoryMb" | "requestsPerMonth">): { total: number; provisioned: number } {
    const gb = input.memoryMb / 1024;
    const served = (requests: number) => requests * (ASSUMED_REQUEST_DURATION_MS / 1000) * gb;
    const provisioned = input.capacity.reduce(
        (sum, c) => sum + Math.min(served((input.requestsPerMonth * c.sharePercent) / 100), c.provisionedConcurrency * gb * SECONDS_PER_MONTH),
        0,
    );
    return { total: served(input.requestsPerMonth), provisioned };
}

export function modeCost(input: ModeInput): Record<string, number> {
    const region = input.homeRegion;
    const lambda = ratesIn(LAMBDA_PRICES, region).rates;
    const api = ratesIn(API_GATEWAY_HTTP_PRICES, region).rates;
    const ddb = ratesIn(DYNAMODB_ON_DEMAND_PRICES, region).rates;
    const r = input.requestsPerMonth;
    const gb = input.memoryMb / 1024;
    const writes = (r * input.writePercent) / 100;
    const warm = input.capacity.reduce((s, c) => s + c.provisionedConcurrency, 0);
    const duration = durationGbSeconds(input);
    const hc = input.healthChecks;
    return {
        lambdaRequests: cents(r * PER_MILLION * lambda.request),
        lambdaDuration: cents((duration.total - duration.provisioned) * lambda.durationGbSecond),
        lambdaProvisionedDuration: cents(duration.provisioned * lambda.provisionedDurationGbSecond),
        provisionedConcurrency: cents(warm * gb * SECONDS_PER_MONTH * lambda.provisionedGbSecond),
        apiGateway: cents(r * PER_MILLION * api.request),
        dynamoDbWrites: cents(writes * PER_MILLION * ddb.writeRequestUnit),
        dynamoDbReplicatedWrites: cents(writes * (input.regions.length - 1) * PER_MILLION * ddb.replicatedWriteRequestUnit),
        dynamoDbReads: cents((r - writes) * READ_UNITS_PER_READ * PER_MILLION * ddb.readRequestUnit),
        route53HealthChecks: cents(
            hc.endpoint * (ROUTE53_HEALTH_CHECK_PRICES.basicAwsEndpoint + hc.featuresEach * ROUTE53_HEALTH_CHECK_PRICES.optionalFeatureAwsEndpoint) +
                hc.calculated * ROUTE53_HEALTH_CHECK_PRICES.basicAwsEndpoint,
        ),
    };
}

/** The region whose loss moves the most users: the most loaded, the home region on a tie. */
function mostLoaded(input: ModeInput): string {
    const own = (r: string) => input.capacity.find((c) => c.region === r)?.ownConcurrency ?? 0;
    return [input.homeRegion, ...input.regions.filter((r) => r !== input.homeRegion)].reduce((best, r) => (own(r) > own(best) ? r : best));
}

export function modeFigures(input: ModeInput): ModeFigures {
    const shares = Object.fromEntries(input.capacity.map((c) => [c.region, c.sharePercent]));
    const losses = input.regions.map((r) => regionLoss(input.routing, input.regions, shares, r));
    const lost = mostLoaded(input);
    const loss = losses.find((l) => l.failed === lost)!;
    const reserved = input.capacity.reduce((s, c) => s + c.reservedConcurrency, 0);
    const used = input.capacity.reduce((s, c) => s + c.ownConcurrency, 0);
    const costParts = modeCost(input);
    return {
        policy: input.routing.policy,
        rtoSeconds: losses.some((l) => l.unserved.length > 0) ? null : input.rto.rtoSeconds,
        rpoSeconds: input.rpoSeconds,
        reservedConcurrency: reserved,
        provisionedConcurrency: input.capacity.reduce((s, c) => s + c.provisionedConcurrency, 0),
        usedConcurrency: Math.round(used * 100) / 100,
        utilizationPercent: reserved === 0 ? 0 : Math.round((100 * used) / reserved),
        monthlyUsd: cents(Object.values(costParts).reduce((a, b) => a + b, 0)),
        costParts,
        ifLost: `${lost}: ${loss.consequence}${standbyState(input, lost)}`,
    };
}

/**
 * A failover standby taking the primary's users: reserved concurrency sized for all of them (no throttling), warm
 * only as far as its provisioned concurrency; the rest start cold, and Lambda adds at most 1,000 execution
 * environments per function every 10 seconds (AWS Lambda Developer Guide, "Lambda scaling behavior").
 */
export function standbyState(input: Pick<ModeInput, "routing" | "capacity">, lost: string): string {
    const r = input.routing;
    if (r.policy !== "failover" || lost !== r.primary) return "";
    const peak = input.capacity.find((c) => c.region === r.primary)?.ownConcurrency ?? 0;
    const warm = Math.min(...input.capacity.filter((c) => c.region !== r.primary).map((c) => c.provisionedConcurrency));
    return warm >= peak ? "; the standby is warm for the whole peak" : `; ${Math.ceil(peak - warm)} of ${Math.ceil(peak)} concurrent requests start cold (${warm} warm)`;
}

/** A client that retries on the next region after one attempt timeout (active-active/client): its worst case. */
export function clientFailoverRto(attemptTimeoutMs = CLIENT_DEFAULT_ATTEMPT_TIMEOUT_MS): Rto {
    return {
        rtoSeconds: attemptTimeoutMs / 1000,
        breakdown: [{ part: `one attempt timeout (${attemptTimeoutMs} ms), then the same request on the next region`, seconds: attemptTimeoutMs / 1000, source: "client/README.md", assumed: true }],
    };
}
