/**
 * The offline plan, in-process (`runPlan`): the real program under the mock kit for each stack, the JSON contract
 * the acceptance checks read, exit codes, and secrets. The CLI itself is exercised in cli.test.ts, the rendering in
 * render-text.test.ts and render-markdown.test.ts.
 *
 * Expectations are structural (every region present, per-region resources alike, sorted output), not copies of
 * today's output, so that the components can grow without these tests mirroring them.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import type { StackConfig } from "../../config";
import type { PackResult } from "../../plan/policies";
import { runPlan, PlanResult } from "../../plan/run";
import { cmp, isClosedGate } from "../../plan/topology";
import type { PlanJson, PlanResource } from "../../plan/types";
import { everything, keysSorted, mermaidOf, plan, regionMentioned, ROOT, STACK_TRACE, STACKS, stackRegions, stackValue } from "./support";

const CF_TOKEN = "cf-test-token-5d2f0a91c7e84b6aa1";
const cloudflareProgress: string[] = [];
let cloudflare: Promise<PlanResult> | undefined;
/** Prod on Cloudflare with a secret API token, planned once and shared by the tests that read it. */
function cloudflarePlan(): Promise<PlanResult> {
    cloudflare ??= runPlan({
        stack: "prod",
        config: { "active-active:traffic": "cloudflare" },
        secrets: { "cloudflare:apiToken": CF_TOKEN },
        onProgress: (l) => cloudflareProgress.push(l),
    });
    return cloudflare;
}

const plans = new Map<string, PlanResult>();
beforeAll(async () => {
    for (const stack of STACKS) plans.set(stack, await runPlan({ stack }));
});

describe.each(STACKS)("plan of the %s stack", (stack) => {
    const result = () => plans.get(stack)!;
    const json = () => plan(result());

    test("exits 0 with a plan, no problems and no violations", () => {
        expect(result().exitCode).toBe(0);
        expect(result().problems).toEqual([]);
        expect(json().exitCode).toBe(0);
        expect(json().violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
    });

    test("lists the stack file's regions, and every resource is in one of them or global", () => {
        const regions = stackRegions(stack);
        expect(json().regions).toEqual(regions);
        expect(json().stack).toBe(stack);
        expect(json().resources.length).toBeGreaterThan(0);
        for (const r of json().resources) expect([...regions, "global"]).toContain(r.region);
        for (const region of regions) expect(json().resources.some((r) => r.region === region)).toBe(true);
    });

    test("per-region resources are alike in every region and counted in the summary", () => {
        const regions = json().regions;
        const perRegion = regions.map((g) =>
            json()
                .resources.filter((r) => regionMentioned(r.name, regions) === g)
                .map((r) => `${r.type} ${r.name.replace(g, "<region>")}`)
                .sort(),
        );
        expect(perRegion[0]!.length).toBeGreaterThan(0);
        for (const set of perRegion.slice(1)) expect(set).toEqual(perRegion[0]);

        const counted: Record<string, number> = {};
        for (const r of json().resources) counted[r.region] = (counted[r.region] ?? 0) + 1;
        expect(json().summary.byRegion).toEqual(counted);
        expect(json().summary.resources).toBe(json().resources.length);
    });

    test("regional resources use their own region's provider", () => {
        const regional = ["aws:lambda/function:Function", "aws:apigatewayv2/api:Api", "aws:apigatewayv2/domainName:DomainName", "aws:kms/key:Key"];
        // The traffic layer's own key (its alarm topic's, in us-east-1) belongs to no stack region.
        const found = json().resources.filter((r) => regional.includes(r.type) && r.parent !== "active-active-routing");
        expect(found.length).toBeGreaterThanOrEqual(json().regions.length * 3);
        for (const r of found) {
            expect(r.region).toBe(regionMentioned(r.name, json().regions));
            expect(r.provider).toBe(`aws-${r.region}`);
        }
    });

    test("resources are sorted by region, type and name, with unique URNs and sorted keys", () => {
        const rs = json().resources;
        const key = (r: PlanResource) => [r.region, r.type, r.name, r.urn];
        for (let i = 1; i < rs.length; i++) {
            const [a, b] = [key(rs[i - 1]!), key(rs[i]!)];
            const order = a.map((x, j) => cmp(x, b[j]!)).find((c) => c !== 0) ?? 0;
            expect(order).toBeLessThan(0);
        }
        expect(new Set(rs.map((r) => r.urn)).size).toBe(rs.length);
        expect(keysSorted(json())).toBe(true);
    });

    test("every resource carries type, name, mock id, URN, parent and inputs; engine resources are listed apart", () => {
        for (const r of json().resources) {
            expect(r.type).toMatch(/^[a-z0-9-]+:[A-Za-z0-9/]+:[A-Za-z0-9]+$/);
            expect(r.id).not.toBe("");
            expect(r.urn).toMatch(new RegExp(`^urn:pulumi:${stack}::active-active::.*::${r.name}$`));
            expect(r.parent).toBeDefined();
            expect(r.parentUrn).toMatch(/^urn:pulumi:/);
            expect(typeof r.inputs).toBe("object");
        }
        expect(json().resources.filter((r) => r.type.startsWith("pulumi:"))).toEqual([]);
        expect(json().providers.map((p) => p.type)).toEqual(json().providers.map(() => "pulumi:providers:aws"));
        expect(json().providers.map((p) => p.region).sort()).toEqual([...new Set([...json().regions, "us-east-1"])].sort());
        const componentUrns = new Set(json().components.map((c) => c.urn));
        for (const r of json().resources) {
            if (r.parentType !== "pulumi:pulumi:Stack") expect(componentUrns.has(r.parentUrn!)).toBe(true);
        }
    });

    test("the Lambda code is a content hash, and references between resources can be followed by id", () => {
        const fns = json().resources.filter((r) => r.type === "aws:lambda/function:Function");
        // Per region the service function and its /health function.
        expect(fns.length).toBe(json().regions.length * 2);
        for (const f of fns) expect(f.inputs.code).toEqual({ hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
        const ids = new Set(json().resources.map((r) => r.id));
        const records = json().resources.filter((r) => r.type === "aws:route53/record:Record" && r.inputs.healthCheckId);
        expect(records.length).toBe(json().regions.length);
        for (const rec of records) expect(ids.has(String(rec.inputs.healthCheckId))).toBe(true);
    });

    test("evaluates policies at the stack's levels; the pack's rules once policies/harness.ts exists", () => {
        expect(json().policyEnv).toBe(stack);
        expect(json().policies.length).toBeGreaterThan(0);
        for (const p of json().policies) expect(["advisory", "mandatory", "remediate", "disabled"]).toContain(p.enforcementLevel);
        const pack = fs.existsSync(path.join(ROOT, "policies/harness.ts"));
        if (pack && json().policyPack.available) expect(json().policies.some((p) => p.source === "pack")).toBe(true);
        if (!json().policyPack.available) expect(json().policyPack.note).toMatch(/not evaluated/);
    });

    test("reports RTO and RPO per region failure against the stack's target", () => {
        const r = json().resilience;
        expect(r.rtoTargetSeconds).toBe(stackValue(stack, "rtoTargetSeconds"));
        expect(r.rtoSeconds).toBeGreaterThan(0);
        expect(r.rtoSeconds).toBeLessThanOrEqual(r.rtoTargetSeconds);
        expect(r.rpoSeconds).toBe(json().consistency === "strong" ? 0 : 1);
        expect(r.rpoSla).toBe(json().consistency === "strong");
        expect(r.perRegion.map((p) => p.region)).toEqual(json().regions);
        for (const p of r.perRegion) {
            expect(p).toMatchObject({ serving: true, rtoSeconds: r.rtoSeconds, meetsTarget: true });
            expect(p.failoverTo).toEqual(json().regions.filter((g) => g !== p.region));
        }
        expect(r.breakdown.reduce((t, b) => t + b.seconds, 0)).toBe(r.rtoSeconds);
        expect(r.drain.replicaRegions).toEqual([...json().regions].sort());
        expect(r.drain.ifDrained.map((e) => e.region)).toEqual(json().regions);
        for (const e of r.drain.ifDrained) {
            expect(e).toMatchObject({ inEffect: false, replicaStays: true });
            expect(e.gatedOff.length).toBeGreaterThan(0);
        }
    });
});

describe("the worst-case cost per hour at the configured limits (review F2)", () => {
    test("prod: three regions and the by-owner index at GlobalTable's default caps, priced from the dated table", () => {
        const prod = plan(plans.get("prod")!);
        const cost = (prod as PlanJson & { cost: any }).cost;
        expect([cost.bounded, cost.perHourUsd]).toEqual([true, 37.8]);
        expect(cost.tables.map((t: any) => [t.name, t.regions, t.writeUnitsPerSecond, t.replicatedWriteUnitsPerSecond, t.readUnitsPerSecond])).toEqual([
            ["active-active-table-table", ["us-east-1", "eu-west-1", "us-west-2"], 6000, 6000, 24000],
        ]);
        expect(plans.get("prod")!.text).toContain(
            "Cost: at most $37.80 per hour at the configured limits (DynamoDB on-demand caps; rates of 2026-09-06",
        );
    });
});

test("prod: the account quotas the plan needs, in the JSON and printed", () => {
    const prod = plan(plans.get("prod")!);
    const checks = prod.resources.filter((r) => r.type === "aws:route53/healthCheck:HealthCheck").length;
    const reserved = (region: string) =>
        prod.resources.filter((r) => r.type === "aws:lambda/function:Function" && r.region === region).reduce((n, r) => n + ((r.inputs.reservedConcurrentExecutions as number | undefined) ?? 0), 0);
    expect(prod.quotas).toEqual({
        healthChecks: { needed: checks, defaultQuota: 200, fits: true },
        reservedConcurrency: { defaultReservable: 900, regions: ["eu-west-1", "us-east-1", "us-west-2"].map((region) => ({ region, reserved: reserved(region), fits: true })) },
    });
    expect([checks, reserved("us-east-1")]).toEqual([7, 105]);
    expect(plans.get("prod")!.text).toContain("  Route 53 health checks: 7 of 200\n  Lambda concurrency reserved per region (of 900 reservable): eu-west-1 105, us-east-1 105, us-west-2 105\n");
});

describe("overrides", () => {
    test("the same stack plans to the same JSON twice in one process (mocks re-installed each run)", async () => {
        const again = await runPlan({ stack: "prod" });
        expect(again.json).toEqual(plans.get("prod")!.json);
        expect(again.text).toBe(plans.get("prod")!.text);
    });

    test("the program runs with the config the plan parsed, and the report reads the same value", async () => {
        const seen: StackConfig[] = [];
        const r = await runPlan({ stack: "staging", policyPack: null, program: (config) => (seen.push(config), {}) });
        expect(r.exitCode).toBe(0);
        expect(seen).toHaveLength(1);
        expect(seen[0]!.regions).toEqual(stackRegions("staging"));
        expect(plan(r).regions).toEqual(seen[0]!.regions);
        expect(plan(r).resilience.rtoSeconds).toBe(seen[0]!.failover.rto.rtoSeconds);
    });

    test("traffic cloudflare on prod plans without further keys: a pool per region, one load balancer, no Route 53 checks", async () => {
        const r = await cloudflarePlan();
        expect(r.exitCode).toBe(0);
        const p = plan(r);
        const count = (t: string) => p.resources.filter((x) => x.type === t).length;
        expect(count("cloudflare:index/loadBalancerPool:LoadBalancerPool")).toBe(p.regions.length);
        expect(count("cloudflare:index/loadBalancer:LoadBalancer")).toBe(1);
        expect(count("aws:route53/healthCheck:HealthCheck")).toBe(0);
        for (const x of p.resources.filter((y) => y.type.startsWith("cloudflare:"))) expect(x.region).toBe("global");
        expect(p.configOverrides).toEqual({ "active-active:traffic": "cloudflare", "cloudflare:apiToken": "[secret]" });
        expect(p.resilience.traffic).toBe("cloudflare");
        // The plan says how pools are chosen and why: every pool probed from every Cloudflare region.
        expect(r.text).toContain("  Steering: dynamic_latency: fastest pool by the monitor's RTT from 13 Cloudflare regions; every region has RTT data for every pool");
        for (const x of p.resources.filter((y) => y.type === "cloudflare:index/loadBalancerPool:LoadBalancerPool")) expect(x.inputs.checkRegions).toHaveLength(13);
        const { block } = mermaidOf(r.markdown!);
        expect(block).toMatch(/lb_active_active_lb_lb\["Cloudflare load balancer api\.example\.com"\]/);
        for (const region of p.regions) expect(block).toContain(`pool ${region}`);
    });

    test("a drain keeps every resource, closes the drained region's gate and says its replica stays", async () => {
        const r = await runPlan({ stack: "prod", config: { "active-active:drain": ["us-west-2"] } });
        expect(r.exitCode).toBe(0);
        const p = plan(r);
        const names = (x: PlanJson) => x.resources.map((y) => `${y.type}::${y.name}`);
        expect(names(p)).toEqual(names(plan(plans.get("prod")!)));
        const gates = p.resources.filter(isClosedGate);
        expect(gates.map((g) => g.name)).toEqual([expect.stringContaining("us-west-2")]);
        expect(p.servingRegions).toEqual(["us-east-1", "eu-west-1"]);
        const effect = p.resilience.drain.effects;
        expect(effect.map((e) => e.region)).toEqual(["us-west-2"]);
        expect(effect[0]!).toMatchObject({ replicaStays: true, inEffect: true });
        expect(effect[0]!.gatedOff.map((g) => g.type).sort()).toEqual(["aws:route53/healthCheck:HealthCheck", "aws:route53/record:Record"]);
        expect(p.resilience.perRegion.find((x) => x.region === "us-west-2")).toMatchObject({ serving: false, rtoSeconds: 0 });
        expect(r.text).toContain("Drained: us-west-2; serving: us-east-1, eu-west-1");
        const { block } = mermaidOf(r.markdown!);
        expect(block).toContain('-.->|"drained"| svc_us_west_2');
        expect(block).toMatch(/^  class .*svc_us_west_2.* drained$/m);
    });
});

describe("mandatory violations exit 1 and still write the plan", () => {
    test("a drain that leaves prod one serving region: the pack's rule is mandatory there, and no failover is left", async () => {
        const r = await runPlan({ stack: "prod", config: { "active-active:drain": ["us-west-2", "eu-west-1"] } });
        expect(r.exitCode).toBe(1);
        const p = plan(r);
        expect(p.exitCode).toBe(1);
        expect(p.policyPack.available).toBe(true);
        expect(p.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([
            expect.objectContaining({ policy: "active-active-drain-keeps-serving-regions", resource: "active-active-prod", type: "pulumi:pulumi:Stack" }),
        ]);
        expect(p.resilience.perRegion[0]).toMatchObject({ region: "us-east-1", rtoSeconds: null, meetsTarget: false, failoverTo: [] });
        expect(p.resilience.meetsTarget).toBe(false);
        expect(r.text).toContain("Result: 1 mandatory violation (exit 1)");
    });
    test("a mandatory violation from the policy pack exits 1; advisory ones do not", async () => {
        const pack = (level: string) => (): PackResult => ({
            policies: [{ name: "test-rule", severity: "high", enforcementLevel: level.toUpperCase() }],
            violations: [{ policy: "test-rule", name: "active-active-table-table", type: "aws:dynamodb/table:Table", message: "test", enforcementLevel: level }],
        });
        const mandatory = await runPlan({ stack: "dev", program: () => ({}), policyPack: pack("mandatory") });
        expect(mandatory.exitCode).toBe(1);
        expect(plan(mandatory).policies.find((p) => p.name === "test-rule")).toEqual({ name: "test-rule", severity: "high", enforcementLevel: "mandatory", source: "pack" });
        expect(plan(mandatory).violations).toEqual([
            { policy: "test-rule", resource: "active-active-table-table", type: "aws:dynamodb/table:Table", message: "test", enforcementLevel: "mandatory" },
        ]);
        expect(plan(mandatory).policyPack.available).toBe(true);
        const advisory = await runPlan({ stack: "dev", program: () => ({}), policyPack: pack("advisory") });
        expect(advisory.exitCode).toBe(0);
        expect(plan(advisory).summary).toMatchObject({ mandatoryViolations: 0, advisoryViolations: 1 });
    });
});

describe("bad config exits 2 with every problem and no stack trace", () => {
    async function bad(options: Parameters<typeof runPlan>[0]): Promise<PlanResult> {
        const r = await runPlan(options);
        expect(r.exitCode).toBe(2);
        expect(r.json).toBeUndefined();
        expect(r.markdown).toBeUndefined();
        expect(r.text).toBe("");
        expect(everything(r)).not.toMatch(STACK_TRACE);
        return r;
    }

    test("bad config: duplicate regions and an unknown consistency are both reported", async () => {
        const r = await bad({ stack: "prod", config: { "active-active:regions": ["us-east-1", "us-east-1"], "active-active:consistency": "bogus" } });
        expect(r.problems).toEqual([
            'active-active:consistency: "bogus" is not a consistency mode; allowed: "eventual", "strong"',
            'active-active:regions[1]: "us-east-1" is listed twice; allowed: each region once',
        ]);
        expect(r.errorText).toBe(`bad config:\n${r.problems.map((p) => `  - ${p}`).join("\n")}\n`);
    });

    test("bad config: an RTO target the traffic layer cannot meet", async () => {
        const r = await bad({ stack: "prod", config: { "active-active:rtoTargetSeconds": 30 } });
        expect(r.problems).toEqual([expect.stringMatching(/^active-active:rtoTargetSeconds: 30 cannot be met with Route 53/)]);
    });

    test("bad config: a drain of every region", async () => {
        const r = await bad({ stack: "dev", config: { "active-active:drain": ["us-east-1", "us-west-2"] } });
        expect(r.problems).toEqual(['active-active:drain: ["us-east-1","us-west-2"] drains every region; allowed: leave at least one region serving']);
    });

    test("bad config: an unknown stack lists the stacks there are", async () => {
        const r = await bad({ stack: "qa" });
        expect(r.problems).toEqual(['unknown stack "qa": no stacks/Pulumi.qa.yaml; stacks: dev, prod, staging']);
    });

    test("bad config: removing a deployed replica is refused by the program's data-loss guard", async () => {
        const deployed = {
            deployment: {
                replicaRegions: ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"],
                table: { name: null, homeRegion: "us-east-1", partitionKey: { name: "pk", type: "S" }, sortKey: { name: "sk", type: "S" }, consistency: "eventual" },
            },
        };
        const r = await bad({ stack: "prod", deployed });
        // The wording is the guard's own; what the plan owes is to pass it on whole, as a config problem.
        expect(r.problems).toEqual([expect.stringMatching(/eu-central-1.*replica|replica.*eu-central-1/)]);
        expect(r.errorText.startsWith("bad config:\n  - ")).toBe(true);
    });

    test("bad config: a ConfigError thrown inside an Output's apply is reported with its problems", async () => {
        const r = await bad({
            stack: "dev",
            program: () => {
                const provider = new aws.Provider("aws-us-east-1", { region: "us-east-1" });
                const name = pulumi.output("x").apply((): string => {
                    const e = new Error("two problems") as Error & { problems: string[] };
                    e.name = "ConfigError";
                    e.problems = ["active-active:a: first", "active-active:b: second"];
                    throw e;
                });
                new aws.sns.Topic("t", { name }, { provider });
                return {};
            },
        });
        expect(r.problems).toEqual(["active-active:a: first", "active-active:b: second"]);
        expect(r.errorText.startsWith("bad config:\n")).toBe(true);
    });

    test("a program bug exits 3 with its message only, and the next plan is unaffected", async () => {
        const r = await runPlan({
            stack: "dev",
            debug: true,
            program: () => {
                pulumi.output(1).apply(() => {
                    throw new TypeError("cannot read properties of undefined");
                });
                return {};
            },
        });
        expect(r.exitCode).toBe(3);
        expect(r.problems).toEqual(["cannot read properties of undefined"]);
        expect(everything(r)).not.toMatch(STACK_TRACE);
        expect(r.debug).toMatch(STACK_TRACE);
        const provider = () => new aws.Provider("aws-us-east-1", { region: "us-east-1" });
        const next = await runPlan({ stack: "dev", program: () => ({ topic: new aws.sns.Topic("next", {}, { provider: provider() }).arn }) });
        expect(next.exitCode).toBe(0);
        expect(plan(next).resources.map((x) => x.name)).toEqual(["next"]);
    });
});

describe("secrets never appear in any output", () => {
    const TOKEN = CF_TOKEN;
    const AWS_SECRET = "aws-test-secret-0b8c7d6e5f4a3b2c1d";

    test("a secret cloudflare:apiToken set as a stack override is absent from text, JSON, Markdown and progress", async () => {
        const r = await cloudflarePlan();
        expect(r.exitCode).toBe(0);
        expect(everything(r) + cloudflareProgress.join("\n")).not.toContain(CF_TOKEN);
        expect(plan(r).configOverrides["cloudflare:apiToken"]).toBe("[secret]");
    });

    test("secret inputs and provider credentials are redacted, and a secret read with a plain getter is scrubbed", async () => {
        const r = await runPlan({
            stack: "dev",
            secrets: { "cloudflare:apiToken": TOKEN },
            program: () => {
                const cfg = new pulumi.Config("cloudflare");
                const provider = new aws.Provider("leak-test", { region: "us-east-1", accessKey: "AKIATESTLEAK00000001", secretKey: AWS_SECRET });
                new aws.ssm.Parameter("leak-test-secret", { type: "SecureString", value: cfg.requireSecret("apiToken") }, { provider });
                // The mistake STYLE.md warns about: a plain getter strips the secretness.
                new aws.ssm.Parameter("leak-test-plain", { type: "String", value: cfg.require("apiToken") }, { provider });
                return { token: cfg.requireSecret("apiToken") };
            },
        });
        expect(r.exitCode).toBe(0);
        const text = everything(r);
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(AWS_SECRET);
        expect(text).not.toContain("AKIATESTLEAK00000001");
        const p = plan(r);
        const param = (n: string) => p.resources.find((x) => x.name === n)!;
        expect(param("leak-test-secret")).toMatchObject({ secretInputs: ["value"], inputs: { type: "SecureString", value: "[secret]" } });
        expect(param("leak-test-plain").inputs.value).toBe("[secret]");
        expect(p.providers.find((x) => x.name === "leak-test")!.inputs).toMatchObject({ accessKey: "[secret]", secretKey: "[secret]", region: "us-east-1" });
        expect(p.outputs).toEqual({ token: "[secret]" });
    });

    test("the program hands the secret cloudflare:apiToken to the Cloudflare provider, as a secret (review F7)", async () => {
        const p = plan(await cloudflarePlan());
        expect(p.providers.find((x) => x.type === "pulumi:providers:cloudflare")).toMatchObject({ name: "cloudflare", inputs: { apiToken: "[secret]" } });
    });

    test.each<[string, string, string]>([
        ["the Cloudflare Origin CA key", "cloudflare:apiUserServiceKey", "v1.0-ORIGINCAKEY-9999"],
        ["an AWS session token", "aws:token", "aws-session-token-77e1c0"],
    ])("%s in plain config exits 2 naming the key, and no output holds the value (review F7)", async (_title, key, value) => {
        const r = await runPlan({ stack: "prod", config: { "active-active:traffic": "cloudflare", [key]: value } });
        expect(r.exitCode).toBe(2);
        expect(r.problems).toEqual([`${key}: is stored in plain text; allowed: a secret (\`pulumi config set --secret ${key} ...\`) or the provider's environment variable`]);
        expect(everything(r) + (r.debug ?? "")).not.toContain(value);
    });
});
