/**
 * `npm run plan -- --stack <s> --compare`: the stack as configured beside every other routing mode of its traffic
 * layer on the same regions, each planned by the config layer (the same parse the program gets: capacity plan,
 * failover settings) and priced by the failover model (`modeFigures`). The active-active vs active-passive comparison,
 * computed for this stack. docs/traffic.md, "Choosing a routing mode".
 */
import { ConfigError, parseConfig, StackConfig } from "../config";
import { loadStackConfig } from "../mock-kit";
import { NAMESPACE } from "../config";
import { LAMBDA_PRICES, ROUTE53_ROUTING_POLICIES } from "../packages/aws-facts";
import { clientFailoverRto, CLOUDFLARE_ONLY_POLICIES, ModeFigures, modeFigures } from "../packages/failover-model";

export interface CompareRow extends ModeFigures {
    current: boolean;
    /** The mode with its variant: `failover, warm 100 %` is active-passive with a standby kept warm at the primary's peak. */
    label: string;
}

export interface Comparison {
    stack: string;
    regions: string[];
    homeRegion: string;
    traffic: string;
    requestsPerMonth: number;
    writePercent: number;
    rows: CompareRow[];
    /** Modes the stack's config refuses, with the first reason. */
    refused: { policy: string; reason: string }[];
    clientRtoSeconds: number;
    pricesAsOf: string;
}

/** The stack's config with overrides, parsed as the program would get it (throws ConfigError). */
export function configWith(stack: string, overrides: Record<string, unknown>, root?: string): StackConfig {
    const loaded = loadStackConfig(stack, overrides, root);
    if (loaded.problems.length > 0) throw new ConfigError(loaded.problems);
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(loaded.config)) if (k.startsWith(`${NAMESPACE}:`)) values[k.slice(NAMESPACE.length + 1)] = v;
    return parseConfig({ project: "active-active", stack, values, allKeys: Object.keys(loaded.config), isSecret: (k) => loaded.secretKeys.includes(k), isUpdate: false, env: {} });
}

/** The routing key for another mode: the stack's own settings (record type, ARC, volume) without the mode's refinements. */
function routingFor(config: StackConfig, policy: string): Record<string, unknown> {
    const { policy: _p, weights: _w, biases: _b, geolocation: _g, ...rest } = config.routing;
    return { ...JSON.parse(JSON.stringify(rest)), policy };
}

function labelOf(config: StackConfig): string {
    const warm = config.routing.standbyWarmPercent;
    return config.routingMode.policy === "failover" ? `failover, warm ${warm} %` : config.routingMode.policy;
}

function figuresOf(config: StackConfig): ModeFigures {
    const route53 = config.traffic === "route53";
    const fast = config.failover.route53?.requestIntervalSeconds === 10 ? 1 : 0;
    return modeFigures({
        routing: config.routingMode,
        regions: config.regions,
        homeRegion: config.homeRegion,
        rto: config.failover.rto,
        rpoSeconds: config.failover.rpo.rpoSeconds,
        capacity: config.capacity,
        memoryMb: config.service.memoryMb,
        requestsPerMonth: config.routing.requestsPerMonth,
        writePercent: config.routing.writePercent,
        // Per region an HTTPS endpoint check with latency measurement (and fast interval at 10 s), a calculated gate;
        // one calculated any-region check.
        healthChecks: route53 ? { endpoint: config.regions.length, featuresEach: 2 + fast, calculated: config.regions.length + 1 } : { endpoint: 0, featuresEach: 0, calculated: 0 },
    });
}

export function compareModes(stack: string, overrides: Record<string, unknown> = {}, root?: string): Comparison {
    const current = configWith(stack, overrides, root);
    const policies: string[] = current.traffic === "route53" ? [...ROUTE53_ROUTING_POLICIES] : [...ROUTE53_ROUTING_POLICIES, ...CLOUDFLARE_ONLY_POLICIES];
    const rows: CompareRow[] = [{ ...figuresOf(current), current: true, label: labelOf(current) }];
    const refused: Comparison["refused"] = [];
    const variants = policies.flatMap((policy) => (policy === "failover" ? [{ policy }, { policy, standbyWarmPercent: 100 }] : [{ policy }]));
    for (const variant of variants) {
        const routing = { ...routingFor(current, variant.policy), ...variant };
        if (variant.policy === current.routingMode.policy && routing.standbyWarmPercent === current.routing.standbyWarmPercent) continue;
        try {
            const config = configWith(stack, { ...overrides, [`${NAMESPACE}:routing`]: routing }, root);
            rows.push({ ...figuresOf(config), current: false, label: labelOf(config) });
        } catch (e) {
            if (!(e instanceof ConfigError)) throw e;
            refused.push({ policy: variant.policy, reason: e.problems[0] ?? e.message });
        }
    }
    return {
        stack,
        regions: current.regions,
        homeRegion: current.homeRegion,
        traffic: current.traffic,
        requestsPerMonth: current.routing.requestsPerMonth,
        writePercent: current.routing.writePercent,
        rows,
        refused,
        clientRtoSeconds: clientFailoverRto().rtoSeconds,
        pricesAsOf: LAMBDA_PRICES.asOf,
    };
}

export const COMPARE_COLUMNS = ["MODE", "RTO", "RPO", "RESERVED", "WARM", "USED", "UTIL", "USD/MONTH", "IF THE BUSIEST REGION IS LOST"] as const;

export function renderComparison(c: Comparison): string {
    const head = `Routing modes for stack ${c.stack}: ${c.regions.map((r) => (r === c.homeRegion ? `${r} (home)` : r)).join(", ")} | traffic ${c.traffic} | ` +
        `${c.requestsPerMonth.toLocaleString("en-US")} requests/month, ${c.writePercent} % writes | prices us-east-1 list, as of ${c.pricesAsOf}`;
    const cells = c.rows.map((r) => [
        `${r.current ? "*" : " "} ${r.label}`,
        r.rtoSeconds === null ? "none*" : `${r.rtoSeconds} s`,
        `${r.rpoSeconds} s`,
        String(r.reservedConcurrency),
        String(r.provisionedConcurrency),
        String(r.usedConcurrency),
        `${r.utilizationPercent} %`,
        r.monthlyUsd.toFixed(2),
        r.ifLost,
    ]);
    const widths = COMPARE_COLUMNS.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
    const line = (row: readonly string[]) => row.map((v, i) => (i === row.length - 1 ? v : v.padEnd(widths[i]!))).join("  ").trimEnd();
    return [
        head,
        "",
        line(COMPARE_COLUMNS),
        ...cells.map(line),
        "",
        "* the stack as configured. RTO: modeled worst case until users leave a failed region (none*: some users get no answer).",
        "RESERVED: reserved concurrency over all regions (each sized for its worst single-region failure); WARM: provisioned",
        "concurrency (failover standbys, routing.standbyWarmPercent); USED: steady-state concurrency; UTIL = USED / RESERVED.",
        "USD/MONTH: Lambda requests and duration (100 ms assumed), provisioned concurrency, HTTP API, DynamoDB writes, replicated",
        "writes and reads, Route 53 health checks (active-active:routing.requestsPerMonth and writePercent).",
        `Clients using active-active/client fail over in about one attempt timeout (${c.clientRtoSeconds} s) in every mode.`,
        ...c.refused.map((r) => `not possible here: ${r.policy}: ${r.reason}`),
        "",
    ].join("\n");
}
