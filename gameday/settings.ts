/**
 * The game day's settings, read from the stack's own plan: the program runs in-process under the mock kit exactly as
 * `npm run plan` runs it, and every figure the simulator uses (health-check interval, failure threshold, checker
 * regions, record TTL, gates and drains, consistency, regions, Cloudflare monitor and pools, the app's environment,
 * the JWT authorizer) comes from the inputs of the resources it registered. The model's own figures (`resilience`)
 * are kept apart, for the report only: the simulator never reads them.
 */
import { runPlan } from "../plan/run";
import type { PlanJson, PlanResource } from "../plan/types";

export interface Route53Check {
    id: string;
    region: string;
    fqdn: string;
    path: string;
    intervalSeconds: number;
    failureThreshold: number;
    checkerRegions: string[];
}

export interface Route53Gate {
    id: string;
    region: string;
    childHealthThreshold: number;
    children: string[];
}

export interface Route53Record {
    region: string;
    healthCheckId: string | null;
    evaluateTargetHealth: boolean;
    ttlSeconds: number;
}

export interface Route53Settings {
    kind: "route53";
    checks: Route53Check[];
    gates: Route53Gate[];
    records: Route53Record[];
}

export interface CloudflarePool {
    id: string;
    region: string;
    enabled: boolean;
    minimumOrigins: number;
    checkRegions: string[];
}

export interface CloudflareSettings {
    kind: "cloudflare";
    monitor: { intervalSeconds: number; retries: number; timeoutSeconds: number; consecutiveDown: number; consecutiveUp: number; path: string };
    pools: CloudflarePool[];
    steeringPolicy: string;
    fallbackPool: string;
    proxied: boolean;
    ttlSeconds: number;
}

export interface AuthSettings {
    issuer: string;
    audiences: string[];
    /** Scopes each route needs, by route key (`PUT /items/{id}`); an empty list: no authorization. */
    routeScopes: Record<string, string[]>;
}

export interface GamedaySettings {
    stack: string;
    regions: string[];
    homeRegion: string;
    consistency: "eventual" | "strong";
    witnessRegion: string | null;
    tableName: string;
    /** The items function's environment per region (the health function's is the same app). */
    appEnv: Record<string, Record<string, string>>;
    traffic: Route53Settings | CloudflareSettings;
    auth: AuthSettings | null;
    drained: string[];
    /** The model's figures, for the report's side-by-side table only. */
    model: PlanJson["resilience"];
}

/** TTL of an alias record: the alias target's, and API Gateway's regional domain names answer with 60 s
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html). */
export const ALIAS_TARGET_TTL_SECONDS = 60;

export async function planSettings(stack: string, config: Record<string, unknown> = {}): Promise<GamedaySettings> {
    const result = await runPlan({ stack, config, policyPack: null });
    if (result.json === undefined) {
        throw new Error(`gameday: the plan of stack ${stack} failed (exit ${result.exitCode}):\n${result.errorText}`);
    }
    return settingsOf(stack, result.json);
}

function byType(json: PlanJson, type: string): PlanResource[] {
    return json.resources.filter((r) => r.type === type);
}

function str(v: unknown): string {
    return typeof v === "string" ? v : "";
}

function num(v: unknown, fallback: number): number {
    return typeof v === "number" ? v : fallback;
}

export function settingsOf(stack: string, json: PlanJson): GamedaySettings {
    const table = byType(json, "aws:dynamodb/table:Table")[0];
    if (table === undefined) throw new Error("gameday: the plan has no DynamoDB table");
    const appEnv: Record<string, Record<string, string>> = {};
    for (const fn of byType(json, "aws:lambda/function:Function")) {
        if (fn.name.endsWith("-health-fn")) continue;
        const vars = (fn.inputs.environment as { variables?: Record<string, string> } | undefined)?.variables;
        if (vars?.REGION !== undefined) appEnv[vars.REGION] = vars;
    }
    const consistency = json.consistency === "strong" ? "strong" : "eventual";
    const witness = table.inputs.globalTableWitness as { regionName?: string } | undefined;
    return {
        stack,
        regions: [...json.regions],
        homeRegion: json.homeRegion,
        consistency,
        witnessRegion: witness?.regionName ?? null,
        tableName: str(table.inputs.name),
        appEnv,
        traffic: json.traffic === "cloudflare" ? cloudflareOf(json) : route53Of(json),
        auth: authOf(json),
        drained: [...json.drain],
        model: json.resilience,
    };
}

function regionTag(r: PlanResource): string {
    return str((r.inputs.tags as Record<string, string> | undefined)?.["activeactive:region"]);
}

function route53Of(json: PlanJson): Route53Settings {
    const healthChecks = byType(json, "aws:route53/healthCheck:HealthCheck");
    const checks = healthChecks
        .filter((h) => h.inputs.type === "HTTPS" || h.inputs.type === "HTTP")
        .map((h) => ({
            id: h.id,
            region: regionTag(h),
            fqdn: str(h.inputs.fqdn),
            path: str(h.inputs.resourcePath) || "/",
            intervalSeconds: num(h.inputs.requestInterval, 30),
            failureThreshold: num(h.inputs.failureThreshold, 3),
            checkerRegions: (h.inputs.regions as string[] | undefined) ?? [],
        }));
    const gates = healthChecks
        .filter((h) => h.inputs.type === "CALCULATED" && regionTag(h) !== "")
        .map((h) => ({ id: h.id, region: regionTag(h), childHealthThreshold: num(h.inputs.childHealthThreshold, 1), children: (h.inputs.childHealthchecks as string[]) ?? [] }));
    const records = byType(json, "aws:route53/record:Record")
        .filter((r) => Array.isArray(r.inputs.latencyRoutingPolicies))
        .map((r) => {
            const alias = (r.inputs.aliases as { evaluateTargetHealth?: boolean }[] | undefined)?.[0];
            return {
                region: str((r.inputs.latencyRoutingPolicies as { region: string }[])[0]?.region),
                healthCheckId: typeof r.inputs.healthCheckId === "string" ? r.inputs.healthCheckId : null,
                evaluateTargetHealth: alias?.evaluateTargetHealth === true,
                ttlSeconds: alias !== undefined ? ALIAS_TARGET_TTL_SECONDS : num(r.inputs.ttl, 300),
            };
        });
    if (records.length === 0) throw new Error("gameday: the plan has no latency records (routing policies other than latency are not simulated yet)");
    return { kind: "route53", checks, gates, records };
}

function cloudflareOf(json: PlanJson): CloudflareSettings {
    const monitor = byType(json, "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor")[0];
    const lb = byType(json, "cloudflare:index/loadBalancer:LoadBalancer")[0];
    if (monitor === undefined || lb === undefined) throw new Error("gameday: the Cloudflare plan has no monitor or load balancer");
    const pools = byType(json, "cloudflare:index/loadBalancerPool:LoadBalancerPool").map((p) => ({
        id: p.id,
        region: str((p.inputs.origins as { name: string }[])[0]?.name),
        enabled: p.inputs.enabled !== false,
        minimumOrigins: num(p.inputs.minimumOrigins, 1),
        checkRegions: (p.inputs.checkRegions as string[] | undefined) ?? [],
    }));
    const m = monitor.inputs;
    return {
        kind: "cloudflare",
        // Cloudflare's documented defaults where the plan leaves a field unset (Monitors API: interval 60, retries 2,
        // timeout 5, consecutive_down/up 0 meaning 1).
        monitor: {
            intervalSeconds: num(m.interval, 60),
            retries: num(m.retries, 2),
            timeoutSeconds: num(m.timeout, 5),
            consecutiveDown: Math.max(1, num(m.consecutiveDown, 1)),
            consecutiveUp: Math.max(1, num(m.consecutiveUp, 1)),
            path: str(m.path) || "/",
        },
        pools,
        steeringPolicy: str(lb.inputs.steeringPolicy) || "off",
        fallbackPool: str(lb.inputs.fallbackPool),
        proxied: lb.inputs.proxied === true,
        ttlSeconds: num(lb.inputs.ttl, 30),
    };
}

function authOf(json: PlanJson): AuthSettings | null {
    const authorizer = byType(json, "aws:apigatewayv2/authorizer:Authorizer").find((a) => a.inputs.authorizerType === "JWT");
    if (authorizer === undefined) return null;
    const jwt = authorizer.inputs.jwtConfiguration as { issuer: string; audiences: string[] };
    const routeScopes: Record<string, string[]> = {};
    for (const route of byType(json, "aws:apigatewayv2/route:Route")) {
        if (route.region !== authorizer.region) continue;
        routeScopes[str(route.inputs.routeKey)] = route.inputs.authorizationType === "JWT" ? ((route.inputs.authorizationScopes as string[]) ?? []) : [];
    }
    return { issuer: jwt.issuer, audiences: jwt.audiences, routeScopes };
}
