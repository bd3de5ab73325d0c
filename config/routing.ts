/**
 * `active-active:routing` -> `policy` and the keys that refine it: one choice for both traffic layers (Route 53
 * records, or the Cloudflare load balancer's steering through one mapping: packages/failover-model
 * `cloudflareSteeringFor`). A mode a layer lacks, or a refinement that does not apply, is a config error naming the
 * layer; `cloudflare.steering` beside `routing.policy` is one too (one home per rule). docs/traffic.md, "Routing modes".
 */
import { missing, Problem, problem } from "../packages/aws-facts";
import {
    CLOUDFLARE_ONLY_POLICIES,
    cloudflarePolicyOf,
    NEAREST,
    resolveRouting,
    ResolvedRouting,
    RoutingPolicyName,
} from "../packages/failover-model";
import { keyPath } from "./issues";
import type { Complete, Parsed } from "./schema";
import { ConfigSource, decode } from "./source";

const ROUTING = (field: string, ...rest: string[]) => keyPath("routing", [field, ...rest]);

/** The mode the stack deploys: `routing.policy`, else the layer's own default (latency; Cloudflare's steering). */
export function routingPolicyOf(p: Pick<Complete, "traffic" | "routing" | "cloudflare">): RoutingPolicyName {
    if (p.routing.policy) return p.routing.policy;
    return p.traffic === "cloudflare" && p.cloudflare ? cloudflarePolicyOf(p.cloudflare.steering) : "latency";
}

export function resolvedRouting(p: Pick<Complete, "traffic" | "routing" | "cloudflare" | "regions" | "homeRegion">): ResolvedRouting {
    const r = p.routing;
    return resolveRouting({ policy: routingPolicyOf(p), weights: r.weights, biases: r.biases, geolocation: r.geolocation }, p.regions, p.homeRegion);
}

/** Every problem of the routing mode against the regions and the traffic layer. */
export function routingModeProblems(p: Parsed, source: ConfigSource): Problem[] {
    const r = p.routing;
    if (!r) return [];
    const policy = r.policy ?? (p.traffic === "cloudflare" ? undefined : "latency");
    return [...layerProblems(p, source, r.policy), ...refinementProblems(p, policy), ...regionNameProblems(p)];
}

/** What the traffic layer cannot do, and a second home for the Cloudflare steering. */
function layerProblems(p: Parsed, source: ConfigSource, policy: RoutingPolicyName | undefined): Problem[] {
    const out: Problem[] = [];
    const cloudflareOnly = (CLOUDFLARE_ONLY_POLICIES as readonly string[]).includes(policy ?? "");
    if (policy && cloudflareOnly && p.traffic !== "cloudflare") {
        out.push(problem(ROUTING("policy"), policy, "is a Cloudflare steering policy that Route 53 lacks (it counts requests at a proxy)", 'latency, weighted, geoproximity, geolocation or failover with traffic "route53"', "policy-layer"));
    }
    if (p.traffic !== "cloudflare") return out;
    if (policy && cloudflareOnly && p.cloudflare?.proxied === false) {
        out.push(problem(ROUTING("policy"), policy, "needs a proxied Cloudflare load balancer (DNS-only load balancers count no requests or connections)", `${keyPath("cloudflare", ["proxied"])} true, or another policy`, "policy-proxied"));
    }
    const raw = decode(source.values.cloudflare ?? "");
    if (policy && raw && typeof raw === "object" && "steering" in raw) {
        out.push(problem(keyPath("cloudflare", ["steering"]), (raw as Record<string, unknown>).steering, `is set beside ${ROUTING("policy")}, which chooses the Cloudflare steering too`, `one of the two (${ROUTING("policy")} ${JSON.stringify(policy)} steers Cloudflare by docs/traffic.md's mapping)`, "steering-twice"));
    }
    return out;
}

/** weights, biases and geolocation refine one mode each; Cloudflare has no bias and no geolocation map. */
function refinementProblems(p: Parsed, policy: RoutingPolicyName | undefined): Problem[] {
    const r = p.routing!;
    const out: Problem[] = [];
    const weighted = policy === "weighted" || (CLOUDFLARE_ONLY_POLICIES as readonly string[]).includes(policy ?? "");
    if (r.weights && !weighted) out.push(problem(ROUTING("weights"), r.weights, `applies only to policy "weighted" (or a Cloudflare least_* policy), not ${JSON.stringify(policy ?? "the steering default")}`, "unset, or set policy to weighted", "weights-policy"));
    if (r.biases && policy !== "geoproximity") out.push(problem(ROUTING("biases"), r.biases, `applies only to policy "geoproximity", not ${JSON.stringify(policy ?? "the steering default")}`, "unset, or set policy to geoproximity", "biases-policy"));
    if (r.geolocation && policy !== "geolocation") out.push(problem(ROUTING("geolocation"), r.geolocation, `applies only to policy "geolocation", not ${JSON.stringify(policy ?? "the steering default")}`, "unset, or set policy to geolocation", "geolocation-policy"));
    if (r.standbyWarmPercent > 0 && policy !== "failover") {
        out.push(problem(ROUTING("standbyWarmPercent"), r.standbyWarmPercent, `applies only to policy "failover", not ${JSON.stringify(policy ?? "the steering default")}`, "0, or set policy to failover", "standby-policy"));
    } else if (r.standbyWarmPercent > 0 && (p.service?.safeDeployment ?? p.protect) === false) {
        out.push(problem(ROUTING("standbyWarmPercent"), r.standbyWarmPercent, "needs safe deployments (provisioned concurrency is set on the live alias they publish)", `0, or ${keyPath("service", ["safeDeployment"])} true`, "standby-alias"));
    }
    if (p.traffic === "cloudflare" && r.biases) {
        out.push(problem(ROUTING("biases"), r.biases, "has no Cloudflare counterpart (proximity steering uses each pool's coordinates as they are)", 'unset with traffic "cloudflare"', "biases-cloudflare"));
    }
    if (p.traffic === "cloudflare" && r.geolocation) {
        out.push(problem(ROUTING("geolocation"), r.geolocation, "has no Cloudflare counterpart here (geo steering maps each Cloudflare region to its own pools first)", 'unset with traffic "cloudflare"', "geolocation-cloudflare"));
    }
    return out;
}

/** Every region named in weights, biases and the geolocation map is one of the regions. */
function regionNameProblems(p: Parsed): Problem[] {
    const regions: readonly string[] = p.regions ?? [];
    if (!p.regions) return [];
    const r = p.routing!;
    const allowed = regions.join(", ");
    const out: Problem[] = [];
    const keys = (field: string, map: Record<string, unknown> | undefined) => {
        for (const k of Object.keys(map ?? {})) if (!regions.includes(k)) out.push(missing(ROUTING(field, k), "is not one of the regions", allowed, "routing-unknown-region"));
    };
    keys("weights", r.weights);
    keys("biases", r.biases);
    const g = r.geolocation;
    for (const [field, map] of [["continents", g?.continents], ["countries", g?.countries]] as const) {
        for (const [loc, region] of Object.entries(map ?? {})) {
            if (!regions.includes(region as string)) out.push(problem(ROUTING("geolocation", field, loc), region, "is not one of the regions", allowed, "routing-unknown-region"));
        }
    }
    const d = g?.default;
    if (typeof d === "string" && d !== NEAREST && !regions.includes(d)) {
        out.push(problem(ROUTING("geolocation", "default"), d, "is not one of the regions", `${allowed}, "${NEAREST}" (latency over every region) or null (no default record)`, "routing-unknown-region"));
    }
    return out;
}
