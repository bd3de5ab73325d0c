/**
 * config/failover.ts: the traffic settings and the RTO target become the settings the traffic layer deploys, or
 * Problems on `active-active:rtoTargetSeconds` that keep the model's words and say which target is reachable.
 * The model's own figures are pinned in packages/failover-model.
 */
import { FailoverInput, planFailover } from "../../config/failover";
import { renderProblem } from "../../packages/aws-facts";
import { CLOUDFLARE_REGION_CODES, cloudflareSteering } from "../../packages/failover-model";

const HEALTH = { path: "/health", checkerRegions: ["us-east-1", "eu-west-1", "ap-southeast-1"] };
const ROUTING = { recordType: "auto", dualStack: false } as const;
const ROUTE53: FailoverInput = { traffic: "route53", consistency: "eventual", rtoTargetSeconds: 180, health: HEALTH, routing: ROUTING, serviceMode: "lambda" };
const CF = { proxied: true, plan: "pro", steering: "dynamic_latency", checkRegions: [...CLOUDFLARE_REGION_CODES] } as const;
const CLOUDFLARE: FailoverInput = { ...ROUTE53, traffic: "cloudflare", cloudflare: { ...CF, checkRegions: [...CF.checkRegions] } };

function problemsOf(input: FailoverInput) {
    const plan = planFailover(input);
    if (!("problems" in plan)) throw new Error("expected problems");
    return plan.problems;
}

describe("planFailover", () => {
    test("Route 53: settings that meet the target, with where and how the checks probe", () => {
        const plan = planFailover(ROUTE53);
        if ("problems" in plan) throw new Error(plan.problems.map(renderProblem).join("\n"));
        expect(plan.traffic).toBe("route53");
        expect(plan.route53).toMatchObject({ checkerRegions: HEALTH.checkerRegions, path: "/health" });
        expect(plan.cloudflare).toBeUndefined();
        expect(plan.rto.rtoSeconds).toBeLessThanOrEqual(180);
        expect(plan.rpo.rpoSeconds).toBeGreaterThan(0);
    });

    test("Cloudflare: monitor settings with the health path and the steering basis; strong consistency loses no data", () => {
        const plan = planFailover({ ...CLOUDFLARE, consistency: "strong" });
        if ("problems" in plan) throw new Error(plan.problems.map(renderProblem).join("\n"));
        expect([plan.traffic, plan.cloudflare?.path, plan.route53]).toEqual(["cloudflare", "/health", undefined]);
        expect(plan.cloudflare?.steering).toEqual(cloudflareSteering("dynamic_latency", [...CLOUDFLARE_REGION_CODES]));
        expect(plan.rto.rtoSeconds).toBeLessThanOrEqual(180);
        expect(plan.rpo.rpoSeconds).toBe(0);
    });

    test("external endpoints have no hosted zone: their records are CNAMEs, whose TTL the model counts", () => {
        const plan = planFailover({ ...ROUTE53, serviceMode: "external" });
        if ("problems" in plan) throw new Error(plan.problems.map(renderProblem).join("\n"));
        // The most tolerant checks (30 s x 3) leave 52 s of the 180 s target for the CNAME's TTL.
        expect(plan.route53).toMatchObject({ recordKind: "cname", cnameTtlSeconds: 52, requestIntervalSeconds: 30, failureThreshold: 3 });
        expect(plan.rto.breakdown.map((p) => [p.part, p.seconds])).toContainEqual(["DNS cache: CNAME TTL 52 s", 52]);
        expect(plan.rto.rtoSeconds).toBe(180);
    });

    test("clients that keep pooled connections past the TTL: the model counts the excess, and may miss the target", () => {
        const problems = problemsOf({ ...ROUTE53, rtoTargetSeconds: 120, clientMaxConnectionAgeSeconds: 300 });
        expect(problems.map((p) => [p.path, p.value, p.code])).toEqual([["active-active:rtoTargetSeconds", 120, "rto-target-unmet"]]);
    });

    test("a target no setting meets: the model's words, the key, the value and the best reachable target", () => {
        const [found, ...rest] = problemsOf({ ...ROUTE53, rtoTargetSeconds: 10 });
        expect(rest).toEqual([]);
        expect(found).toMatchObject({ path: "active-active:rtoTargetSeconds", value: 10, allowed: "a target of at least 66 s", code: "rto-target-unmet" });
        expect(renderProblem(found!)).toBe(
            "active-active:rtoTargetSeconds: 10 cannot be met with Route 53 CNAME records; the best achievable is 66 s (interval 10 s, threshold 1, TTL 30 s); allowed: a target of at least 66 s",
        );
    });

    test("explicit settings that miss the target: the target they do meet", () => {
        const problems = problemsOf({ ...CLOUDFLARE, rtoTargetSeconds: 120, cloudflare: { ...CF, checkRegions: [], consecutiveDown: 5 } });
        expect(problems.map((p) => [p.path, p.value, p.allowed])).toEqual([["active-active:rtoTargetSeconds", 120, "a target of at least 385 s"]]);
    });

    test("a range error of explicit settings keeps the model's words under the traffic layer's key", () => {
        const problems = problemsOf({ ...CLOUDFLARE, rtoTargetSeconds: 3600, cloudflare: { ...CF, checkRegions: [], monitorIntervalSeconds: 15 } });
        expect(problems.map(renderProblem)).toEqual([
            "active-active:cloudflare: monitor interval must be an integer of at least 60 s on the pro plan, got 15; allowed: the ranges in README.md, Configuration reference",
        ]);
    });
});
