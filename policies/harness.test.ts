import * as fs from "fs";
import * as path from "path";
import type { Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
    configEnvironments,
    evaluateResourcePolicy,
    HarnessResource,
    loadPolicyPackConfig,
    mandatoryViolations,
    policyPackConfigProblems,
    resolvePolicyConfig,
    runPolicyPack,
} from "./harness";
import { policies } from "./rules";
import { resourceRule, StackResource, stackRule } from "./lib/policy";
import { activeActiveStack, mutate, provider, resource, ROOT_URN, UNKNOWN_STRING, urnOf } from "./testing/fixtures";

const CRITICAL_OR_HIGH = policies.filter((p) => p.severity === "critical" || p.severity === "high").map((p) => p.name);

describe("the pack", () => {
    test("has 50 distinct rules, each with a severity, a description and a motivating link", () => {
        expect(new Set(policies.map((p) => p.name)).size).toBe(50);
        for (const p of policies) {
            expect(p.name).toMatch(/^(aws|cloudflare|active-active)-[a-z0-9-]+$/);
            expect(["low", "medium", "high", "critical"]).toContain(p.severity);
            expect(p.description.length).toBeGreaterThan(10);
            // A rule about the engine (protect) cites Pulumi's own docs.
            expect(p.url).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|developers\.cloudflare\.com|www\.pulumi\.com\/docs)\//);
        }
    });
    test("every rule lives in its own file under rules/<service>/ with a doc comment naming it, its severity and its link", () => {
        const dir = path.join(__dirname, "rules");
        const files = fs.readdirSync(dir).flatMap((svc) =>
            fs.statSync(path.join(dir, svc)).isDirectory()
                ? fs.readdirSync(path.join(dir, svc)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f) => path.join(dir, svc, f))
                : [],
        );
        expect(files).toHaveLength(policies.length);
        for (const p of policies) {
            const file = files.find((f) => fs.readFileSync(f, "utf8").includes(`name: "${p.name}"`));
            expect(file).toBeDefined();
            const header = fs.readFileSync(file!, "utf8").split("*/")[0]!;
            expect(header).toContain(` * ${p.name}\n`);
            expect(header).toContain(`Severity: ${p.severity}.`);
            expect(header).toContain(p.url!);
        }
    });
    test("imports only its own files and its declared dependencies (pulumi policy publish ships nothing else)", () => {
        const deps = Object.keys(JSON.parse(fs.readFileSync(path.join(__dirname, "package.json"), "utf8")).dependencies);
        const walk = (d: string): string[] =>
            fs.readdirSync(d).flatMap((f) => {
                const full = path.join(d, f);
                if (fs.statSync(full).isDirectory()) return f === "node_modules" || f === "testing" ? [] : walk(full);
                return f.endsWith(".ts") && !f.endsWith(".test.ts") ? [full] : [];
            });
        for (const file of walk(__dirname)) {
            for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)) {
                const ok = spec!.startsWith(".")
                    ? path.resolve(path.dirname(file), spec!).startsWith(__dirname + path.sep)
                    : deps.some((d) => spec === d || spec!.startsWith(`${d}/`)) || ["fs", "path"].includes(spec!);
                expect(`${path.relative(__dirname, file)}: ${spec}`).toBe(ok ? `${path.relative(__dirname, file)}: ${spec}` : "an import outside the pack");
            }
            if (path.basename(file) !== "index.ts" || path.dirname(file) !== __dirname) {
                expect(fs.readFileSync(file, "utf8")).not.toMatch(/from "\.\.?\/(index)?"/);
            }
        }
    });
});

describe("policy pack config files", () => {
    test("exist for dev, staging and prod and fit the pack's schemas", () => {
        expect(configEnvironments()).toEqual(["dev", "prod", "staging"]);
        for (const env of configEnvironments()) expect(policyPackConfigProblems(loadPolicyPackConfig(env))).toEqual([]);
    });
    test("dev is advisory throughout; staging makes critical rules mandatory; prod critical and high ones", async () => {
        const levels = async (env: string) => (await runPolicyPack([], { env })).policies.filter((p) => p.enforcementLevel === "mandatory").map((p) => p.name);
        expect(await levels("dev")).toEqual([]);
        expect(await levels("staging")).toEqual(policies.filter((p) => p.severity === "critical").map((p) => p.name));
        expect(await levels("prod")).toEqual(CRITICAL_OR_HIGH);
    });
    test("carry the per-environment settings", () => {
        const props = (env: string, name: string) => resolvePolicyConfig(policies, loadPolicyPackConfig(env)).get(name)!.properties;
        expect(props("dev", "active-active-min-regions")).toEqual({ minRegions: 2 });
        expect(props("prod", "active-active-min-regions")).toEqual({ minRegions: 3 });
        expect(props("prod", "active-active-modeled-rto")).toEqual({ rtoTargetSeconds: 120 });
        expect(props("staging", "aws-route53-health-check-failover-budget")).toEqual({ rtoTargetSeconds: 180 });
        expect(props("prod", "aws-resource-required-tags")).toEqual({ requiredTags: ["app:name", "app:stack", "env", "owner", "cost-center"] });
        expect(props("prod", "aws-iam-policy-no-wildcard-resources")).toEqual({ allowedActions: [] });
    });
    test("an unknown environment names the ones that exist", () => {
        expect(() => loadPolicyPackConfig("qa")).toThrow(/no policies\/config\/qa\.json; environments: dev, prod, staging/);
    });
    test("problems: unknown policy, bad level, properties that break the schema, properties under all", () => {
        expect(
            policyPackConfigProblems({
                all: { enforcementLevel: "mandatory", minRegions: 3 },
                "no-such-policy": "mandatory",
                "active-active-min-regions": { enforcementLevel: "blocking" as any, minRegions: 0 },
                "aws-resource-required-tags": { requiredTags: ["env", "env"], colour: "red" },
                "aws-lambda-function-runtime-supported": { minNodejsMajor: "22" },
            }),
        ).toEqual([
            "all: only an enforcement level applies to every policy; found minRegions",
            "no-such-policy: no such policy in the pack",
            'active-active-min-regions: enforcementLevel "blocking" is not one of advisory, mandatory, remediate, disabled',
            "active-active-min-regions.minRegions: 0 is below the minimum 1",
            "aws-resource-required-tags.requiredTags: has duplicate items",
            "aws-resource-required-tags.colour: not in the policy's config schema (requiredTags)",
            'aws-lambda-function-runtime-supported.minNodejsMajor: "22" is not of type integer',
        ]);
    });
});

describe("enforcement levels are resolved as the engine does", () => {
    const fake = (name: string, level?: "mandatory"): ResourceValidationPolicy => ({
        name,
        description: name,
        ...(level ? { enforcementLevel: level } : {}),
        configSchema: { properties: { limit: { type: "integer", default: 5 } } },
        validateResource: () => undefined,
    });
    const pack: Policies = [fake("a"), fake("b", "mandatory"), fake("c")];
    const levels = (config: Parameters<typeof resolvePolicyConfig>[1], packLevel?: "advisory" | "mandatory") =>
        [...resolvePolicyConfig(pack, config, packLevel)].map(([n, c]) => `${n}=${c.enforcementLevel}`);
    test.each<[string, Parameters<typeof resolvePolicyConfig>[1], "advisory" | "mandatory" | undefined, string[]]>([
        ["the pack's default, the policy's own level over it", {}, undefined, ["a=advisory", "b=mandatory", "c=advisory"]],
        ["a pack default of mandatory", {}, "mandatory", ["a=mandatory", "b=mandatory", "c=mandatory"]],
        ["all overrides every policy, its own level included", { all: "disabled" }, undefined, ["a=disabled", "b=disabled", "c=disabled"]],
        ["a policy's entry overrides all", { all: "disabled", c: "mandatory" }, undefined, ["a=disabled", "b=disabled", "c=mandatory"]],
        ["object entries", { all: { enforcementLevel: "advisory" }, a: { enforcementLevel: "mandatory" } }, undefined, ["a=mandatory", "b=advisory", "c=advisory"]],
        ["an entry with properties only keeps the level", { b: { limit: 2 } }, undefined, ["a=advisory", "b=mandatory", "c=advisory"]],
    ])("%s", (_title, config, packLevel, expected) => {
        expect(levels(config, packLevel)).toEqual(expected);
    });
    test("properties: the schema's defaults, overlaid by the policy's entry", () => {
        const resolved = resolvePolicyConfig(pack, { a: { limit: 9 } });
        expect(resolved.get("a")!.properties).toEqual({ limit: 9 });
        expect(resolved.get("b")!.properties).toEqual({ limit: 5 });
    });
    test("a disabled policy is listed and not run; a remediating one reports as mandatory", async () => {
        let calls = 0;
        const counting: ResourceValidationPolicy = { name: "counting", description: "d", validateResource: (_a, report) => (calls++, report("seen")) };
        const stackWide: StackValidationPolicy = { name: "stack-wide", description: "s", severity: "low", validateStack: (_a, report) => report("whole stack") };
        const resources = [{ type: "pulumi:pulumi:Stack", name: "s", urn: ROOT_URN, custom: false, inputs: {} }, resource("aws:s3/bucket:Bucket", "b", {}, { region: "us-east-1" })];
        expect(await runPolicyPack(resources, { policies: [counting, stackWide], config: { counting: "disabled" } })).toEqual({
            policies: [
                { name: "counting", description: "d", enforcementLevel: "disabled" },
                { name: "stack-wide", description: "s", severity: "low", enforcementLevel: "advisory" },
            ],
            violations: [{ policy: "stack-wide", resource: ROOT_URN, name: "s", type: "pulumi:pulumi:Stack", message: "whole stack", enforcementLevel: "advisory", severity: "low" }],
        });
        expect(calls).toBe(0);
        const remediating = await runPolicyPack(resources, { policies: [counting], config: { counting: "remediate" } });
        expect(remediating.violations.map((v) => [v.name, v.enforcementLevel])).toEqual([["b", "mandatory"]]);
    });
});

describe("engine-shaped args", () => {
    test("a resource policy sees type, props, urn, name, opts, provider, config and the type helpers", async () => {
        const seen: unknown[] = [];
        const probe: ResourceValidationPolicy = {
            name: "probe",
            description: "p",
            configSchema: { properties: { x: { type: "integer", default: 1 } } },
            validateResource: (args) => {
                if (args.type !== "aws:kms/key:Key") args.notApplicable("keys only");
                seen.push({
                    type: args.type,
                    props: args.props,
                    urn: args.urn,
                    name: args.name,
                    opts: args.opts,
                    provider: args.provider,
                    config: args.getConfig(),
                    isKey: args.isType({ __pulumiType: "aws:kms/key:Key" } as any),
                    asBucket: args.asType({ __pulumiType: "aws:s3/bucket:Bucket" } as any),
                });
            },
        };
        const key: HarnessResource = { ...resource("aws:kms/key:Key", "k", { enableKeyRotation: true }, { region: "eu-west-1" }), protect: true };
        const outcome = await evaluateResourcePolicy(probe, [provider("eu-west-1"), key], { x: 7 });
        expect(outcome.notApplicable).toEqual([{ urn: urnOf("pulumi:providers:aws", "aws-eu-west-1"), reason: "keys only" }]);
        expect(seen).toEqual([
            {
                type: "aws:kms/key:Key",
                props: { enableKeyRotation: true },
                urn: key.urn,
                name: "k",
                opts: { protect: true, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], parent: ROOT_URN },
                provider: { type: "pulumi:providers:aws", props: { region: "eu-west-1" }, urn: urnOf("pulumi:providers:aws", "aws-eu-west-1"), name: "aws-eu-west-1" },
                config: { x: 7 },
                isKey: true,
                asBucket: undefined,
            },
        ]);
    });
    test("a policy that throws fails the run with its name", async () => {
        const broken: ResourceValidationPolicy = { name: "broken", description: "b", validateResource: () => { throw new Error("boom"); } };
        await expect(runPolicyPack([resource("aws:s3/bucket:Bucket", "b", {})], { policies: [broken] })).rejects.toThrow(
            `policy broken failed on ${urnOf("aws:s3/bucket:Bucket", "b")}: boom`,
        );
    });
});

describe("whole resource sets", () => {
    const stack = activeActiveStack();
    test.each(["dev", "staging", "prod"])("the compliant stack has no violation at the %s levels", async (env) => {
        expect((await runPolicyPack(stack, { env })).violations).toEqual([]);
    });
    test("the compliant Cloudflare stack has no violation at the prod levels", async () => {
        expect((await runPolicyPack(activeActiveStack({ traffic: "cloudflare" }), { env: "prod" })).violations).toEqual([]);
    });
    test("a missing replica: exactly the parity violation, mandatory in prod", async () => {
        const broken = mutate(stack, "app-table", (i) => (i.replicas = i.replicas.filter((r: any) => r.regionName !== "us-west-2")));
        expect((await runPolicyPack(broken, { env: "prod" })).violations).toEqual([
            {
                policy: "active-active-region-parity",
                resource: urnOf("aws:dynamodb/table:Table", "app-table"),
                name: "app-table",
                type: "aws:dynamodb/table:Table",
                message:
                    'region us-west-2 has no replica of table "app-table" (home us-east-1, replicas: eu-west-1); allowed: the home table or exactly one replica in every region of the stack (eu-west-1, us-east-1, us-west-2)',
                enforcementLevel: "mandatory",
                severity: "critical",
            },
        ]);
    });
    test("a latency record without a health check: exactly that violation, mandatory in prod", async () => {
        const broken = mutate(stack, "app-traffic-eu-west-1-record", (i) => delete i.healthCheckId);
        expect((await runPolicyPack(broken, { env: "prod" })).violations).toEqual([
            {
                policy: "aws-route53-latency-record-health-checked",
                resource: urnOf("aws:route53/record:Record", "app-traffic-eu-west-1-record"),
                name: "app-traffic-eu-west-1-record",
                type: "aws:route53/record:Record",
                message: "healthCheckId is unset on the latency record for eu-west-1; allowed: the id of the region's health check",
                enforcementLevel: "mandatory",
                severity: "critical",
            },
        ]);
    });
    test("a drain that leaves one region serving: exactly that violation, against the stack", async () => {
        const drained = activeActiveStack({ drain: ["us-east-1", "eu-west-1"] });
        expect((await runPolicyPack(drained, { env: "prod" })).violations).toEqual([
            {
                policy: "active-active-drain-keeps-serving-regions",
                resource: ROOT_URN,
                name: "active-active-prod",
                type: "pulumi:pulumi:Stack",
                message: "1 region would serve (us-west-2) with eu-west-1, us-east-1 drained; allowed: at least 2 serving regions (pack config minServingRegions)",
                enforcementLevel: "mandatory",
                severity: "critical",
            },
        ]);
        // dev allows draining down to one region, and reports nothing.
        expect((await runPolicyPack(activeActiveStack({ regions: ["us-east-1", "us-west-2"], drain: ["us-west-2"] }), { env: "dev" })).violations).toEqual([]);
    });
    test("a two-region stack at the prod levels: too few regions", async () => {
        const report = await runPolicyPack(activeActiveStack({ regions: ["us-east-1", "us-west-2"] }), { env: "prod" });
        expect(mandatoryViolations(report).map((v) => [v.policy, v.message])).toEqual([
            ["active-active-min-regions", "the stack spans 2 regions (us-east-1, us-west-2); allowed: at least 3 (pack config minRegions)"],
        ]);
    });
    test("values unknown during preview are never violations", async () => {
        let preview = activeActiveStack();
        const unknownIds = (i: Record<string, any>) => {
            if ("healthCheckId" in i) i.healthCheckId = UNKNOWN_STRING;
            if ("childHealthchecks" in i) i.childHealthchecks = i.childHealthchecks.map(() => UNKNOWN_STRING);
            if (i.serverSideEncryption) i.serverSideEncryption.kmsKeyArn = UNKNOWN_STRING;
            for (const r of i.replicas ?? []) r.kmsKeyArn = UNKNOWN_STRING;
            if (i.dimensions) i.dimensions.HealthCheckId = UNKNOWN_STRING;
            if (i.accessLogSettings) i.accessLogSettings.destinationArn = UNKNOWN_STRING;
            if ("kmsKeyId" in i) i.kmsKeyId = { __pulumiUnknown: true };
        };
        for (const r of preview) preview = mutate(preview, r.name, unknownIds);
        preview = preview.map((r) => (r.id && r.type.startsWith("aws:route53/") ? { ...r, id: UNKNOWN_STRING } : r));
        expect((await runPolicyPack(preview, { env: "prod" })).violations).toEqual([]);
    });
});

describe("one run's view of the resources", () => {
    const bucket = () => resource("aws:s3/bucket:Bucket", "b", { tags: { env: "dev" } }, { region: "us-east-1" });

    test("the stack rules of one run read one frozen view; another run makes its own", async () => {
        const seen: StackResource[][] = [];
        const rule = (name: string) =>
            stackRule({ name, description: name, severity: "low", url: "https://example.com", validate: ({ resources }) => void seen.push(resources) });
        const resources = [bucket()];
        await runPolicyPack(resources, { policies: [rule("first"), rule("second")] });
        expect(seen[1]).toBe(seen[0]);
        expect(Object.isFrozen(seen[0]![0]!.props.tags)).toBe(true);
        expect(() => ((seen[0]![0]!.props.tags as Record<string, string>).env = "prod")).toThrow(TypeError);
        await runPolicyPack(resources, { policies: [rule("third")] });
        expect(seen[2]).not.toBe(seen[0]);
        expect(seen[2]![0]!.props).toEqual({ id: "b-id", tags: { env: "dev" } });
        // The recorded resource itself is never frozen: the view is a copy.
        expect(Object.isFrozen(resources[0]!.inputs.tags)).toBe(false);
    });

    test("a rule over several types records another type's resource as not applicable, with its reason", async () => {
        const multi = resourceRule({ name: "multi", description: "m", severity: "low", url: "https://example.com", types: ["aws:kms/key:Key", "aws:sns/topic:Topic"], validate: () => undefined });
        const outcome = await evaluateResourcePolicy(multi as ResourceValidationPolicy, [bucket()]);
        expect(outcome).toEqual({ violations: [], notApplicable: [{ urn: bucket().urn, reason: "applies to aws:kms/key:Key, aws:sns/topic:Topic" }] });
    });
});
