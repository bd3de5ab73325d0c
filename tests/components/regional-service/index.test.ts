import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn } from "child_process";
import * as aws from "@pulumi/aws";
import { MockKit } from "../../../mock-kit";
import { rememberProviderRegion } from "../../../components/provider-region";
import { RegionalService } from "../../../components/regional-service";
import { ValidationRecords } from "../../../components/certificate-validation";
import {
    argsFor,
    child,
    childSet,
    component,
    deploy,
    Deployed,
    DOMAIN,
    EXTERNAL_ENDPOINTS,
    JWT_WITH_CANARY,
    lambdaChildren,
    REGIONS,
    ZONE,
} from "../../fixtures/regional-service";

const REPO = path.resolve(__dirname, "..", "..", "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "regional-service-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("lambda mode, IAM auth, no safe deployments", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy();
    });

    test.each(REGIONS)("%s: exact child set", (region) => {
        expect(childSet(d.kit, region)).toEqual(lambdaChildren(region));
    });

    test.each(REGIONS)("%s: every child uses the region's provider and waits on the region check", (region) => {
        const provider = d.kit.get("pulumi:providers:aws", `aws-${region}`);
        for (const c of d.kit.childrenOf(component(d.kit, region))) {
            expect([c.name, d.kit.providerRegion(c)]).toEqual([c.name, region]);
            // The check is an Output of the provider's region; dependsOn on it records the provider.
            expect([c.name, c.dependsOn.includes(provider.urn)]).toEqual([c.name, true]);
        }
    });

    test.each(REGIONS)("%s: outputs: health target is the region-pinned name, records target the custom domains", async (region) => {
        const svc = d.services[region]!;
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        const domain = child(d.kit, "aws:apigatewayv2/domainName:DomainName", region, "domain");
        const pinned = child(d.kit, "aws:apigatewayv2/domainName:DomainName", region, "pinned-domain");
        const health = await d.kit.unwrap(svc.healthCheckHostname);
        expect(health).toBe(`${region}.${DOMAIN}`);
        expect(health).not.toContain("execute-api");
        const target = (dn: typeof domain) => ({
            name: dn.outputs.domainNameConfiguration.targetDomainName,
            zoneId: dn.outputs.domainNameConfiguration.hostedZoneId,
        });
        expect(await d.kit.unwrap(svc.domainTarget)).toEqual(target(domain));
        expect(svc.pinned!.name).toBe(`${region}.${DOMAIN}`);
        expect(await d.kit.unwrap(svc.pinned!.target)).toEqual(target(pinned));
        expect(await d.kit.unwrap(svc.apiId)).toBe(api.id);
        expect(await d.kit.unwrap(svc.functionName)).toBe(child(d.kit, "aws:lambda/function:Function", region, "fn").outputs.name);
        expect(svc.region).toBe(region);
        expect(await d.kit.unwrap(svc.canary)).toBeUndefined();
    });
});

describe("lambda mode, JWT auth, safe deployments", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy(JWT_WITH_CANARY);
    });

    test.each(REGIONS)("%s: exact child set", (region) => {
        expect(childSet(d.kit, region)).toEqual(
            lambdaChildren(region, [
                "aws:apigatewayv2/authorizer:Authorizer {n}-jwt",
                "aws:codedeploy/application:Application {n}-deploy",
                "aws:codedeploy/deploymentGroup:DeploymentGroup {n}-deploy-group",
                "aws:cloudwatch/metricAlarm:MetricAlarm {n}-live-errors",
                "aws:iam/role:Role {n}-deploy-role",
                "aws:iam/rolePolicy:RolePolicy {n}-deploy-role-policy",
                "aws:lambda/alias:Alias {n}-live",
                "aws:sns/topicSubscription:TopicSubscription {n}-alarms-email",
            ]),
        );
        for (const c of d.kit.childrenOf(component(d.kit, region))) expect([c.name, d.kit.providerRegion(c)]).toEqual([c.name, region]);
    });
});

describe("external mode", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy({ args: (r) => ({ mode: { kind: "external", hostname: EXTERNAL_ENDPOINTS[r]! } }) });
    });

    test.each(REGIONS)("%s: creates nothing", (region) => {
        expect(childSet(d.kit, region)).toEqual([]);
    });

    test("no resource but the providers and the components", () => {
        expect(d.kit.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))).toEqual([]);
    });

    test.each(REGIONS)("%s: the given hostname is both the health target and the record target", async (region) => {
        const svc = d.services[region]!;
        expect(await d.kit.unwrap(svc.healthCheckHostname)).toBe(EXTERNAL_ENDPOINTS[region]);
        expect(await d.kit.unwrap(svc.domainTarget)).toEqual({ name: EXTERNAL_ENDPOINTS[region] });
        // The endpoint is its own region-pinned name: no custom domain, no simple record of ours.
        expect(svc.pinned).toBeUndefined();
        expect(await d.kit.unwrap(svc.functionName)).toBeUndefined();
        expect(await d.kit.unwrap(svc.apiId)).toBeUndefined();
        expect(await d.kit.unwrap(svc.canary)).toBeUndefined();
        expect(svc.region).toBe(region);
    });
});

describe("construction errors", () => {
    test("no provider", async () => {
        const kit = MockKit.install({ stack: "test" });
        await expect(kit.runProgram(() => new RegionalService("orders-us-east-1", argsFor("us-east-1")))).rejects.toThrow(
            'RegionalService "orders-us-east-1" (1 problem):\n' +
                '  - opts.provider: is missing or not an aws.Provider; allowed: the aws.Provider of region "us-east-1"',
        );
    });

    test("every invalid argument at once", async () => {
        const kit = MockKit.install({ stack: "test" });
        await expect(
            kit.runProgram(() => {
                const provider = new aws.Provider("aws-us-east-1", { region: "us-east-1" });
                return new RegionalService("orders-us-east-1", argsFor("us-east-1", { sizedForRegionCount: 0, sortKey: "pk" }), { provider });
            }),
        ).rejects.toThrow(
            'RegionalService "orders-us-east-1" (3 problems):\n' +
                "  - sizedForRegionCount: 0 is not a count of regions; allowed: an integer from 1 to 3\n" +
                "  - mode.validation: is missing; allowed: the stack's ValidationRecords with mode.kind \"lambda\"\n" +
                '  - sortKey: "pk" equals partitionKey; allowed: a different attribute name',
        );
    });
});

describe("a provider whose region its creator recorded", () => {
    const validationWith = (provider: aws.Provider) => new ValidationRecords("orders", { kind: "route53", zoneId: ZONE, provider });

    test("a mismatch fails at construction, before any child is registered", async () => {
        const kit = MockKit.install({ stack: "test" });
        await expect(
            kit.runProgram(() => {
                const west = rememberProviderRegion(new aws.Provider("aws-us-west-2", { region: "us-west-2" }), "us-west-2");
                return new RegionalService("orders-us-east-1", argsFor("us-east-1", {}, validationWith(west)), { provider: west });
            }),
        ).rejects.toThrow('RegionalService "orders-us-east-1": region "us-east-1" does not match the region of its provider ("us-west-2"); allowed: opts.provider of region "us-east-1"');
        expect(kit.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"))).toEqual([]);
    });

    test("a match needs no Output gate: children depend on plain resource lists", async () => {
        const kit = MockKit.install({ stack: "test" });
        await kit.runProgram(() => {
            const east = rememberProviderRegion(new aws.Provider("aws-us-east-1", { region: "us-east-1" }), "us-east-1");
            return new RegionalService("orders-us-east-1", argsFor("us-east-1", {}, validationWith(east)), { provider: east });
        });
        const fn = kit.get("aws:lambda/function:Function", "orders-us-east-1-fn");
        expect(fn.dependsOn).toContain(kit.get("aws:iam/rolePolicy:RolePolicy", "orders-us-east-1-fn-policy").urn);
    });
});

// ---- provider/region mismatch --------------------------------------------------------------------------------
// The provider's region is known only asynchronously, so a mismatch fails the program the way the Pulumi
// language host sees it: every child waiting on the check rejects with one error. Jest turns unhandled
// rejections into test failures, so each scenario runs as a program in its own Node process, like `pulumi up`.

interface ProgramResult {
    errors: string[];
    registered: string[];
}

function runMismatch(kind: "lambda" | "external"): Promise<ProgramResult> {
    const external = { kind: "external", hostname: "east.origin.example.net" };
    const program = `
const aws = require(${JSON.stringify(require.resolve("@pulumi/aws"))});
const { MockKit } = require(${JSON.stringify(path.join(REPO, "mock-kit"))});
const { RegionalService } = require(${JSON.stringify(path.join(REPO, "components", "regional-service"))});
const { ValidationRecords } = require(${JSON.stringify(path.join(REPO, "components", "certificate-validation"))});
const errors = new Set();
process.on("unhandledRejection", (e) => errors.add(e && e.message));
const kit = MockKit.install({ stack: "test" });
process.on("exit", () => {
    const registered = kit.resources.filter((r) => r.custom).map((r) => r.type + " " + r.name);
    process.stdout.write(JSON.stringify({ errors: [...errors], registered }));
});
kit.runProgram(() => {
    const east = new aws.Provider("aws-us-east-1", { region: "us-east-1" });
    const west = new aws.Provider("aws-us-west-2", { region: "us-west-2" });
    const validation = new ValidationRecords("orders", { kind: "route53", zoneId: ${JSON.stringify(ZONE)}, provider: east });
    const args = ${JSON.stringify(argsFor("us-east-1", kind === "external" ? { mode: external as { kind: "external"; hostname: string } } : {}))};
    const mode = args.mode.kind === "lambda" ? { ...args.mode, validation } : args.mode;
    new RegionalService("orders-us-east-1", { ...args, mode }, { provider: west });
}).catch((e) => errors.add(e.message));
`;
    const file = path.join(scratch, `mismatch-${kind}.js`);
    fs.writeFileSync(file, program);
    return new Promise((resolve, reject) => {
        // scripts/run-ts.js compiles the repository's .ts modules on require, as `npm run plan` does.
        const child = spawn(process.execPath, [path.join(REPO, "scripts", "run-ts.js"), file], { cwd: REPO, stdio: ["ignore", "pipe", "ignore"] });
        let out = "";
        child.stdout.on("data", (b) => (out += b));
        child.on("error", reject);
        child.on("close", () => {
            try {
                resolve(JSON.parse(out) as ProgramResult);
            } catch {
                reject(new Error(`program printed no result: ${out}`));
            }
        });
    });
}

describe("region/provider mismatch", () => {
    const message = 'RegionalService "orders-us-east-1": region "us-east-1" does not match the region of its provider ("us-west-2"); allowed: opts.provider of region "us-east-1"';
    const providers = ["pulumi:providers:aws aws-us-east-1", "pulumi:providers:aws aws-us-west-2"];

    const results: Partial<Record<"lambda" | "external", ProgramResult>> = {};
    beforeAll(async () => {
        [results.lambda, results.external] = await Promise.all([runMismatch("lambda"), runMismatch("external")]);
    });

    test.each(["lambda", "external"] as const)("%s mode: the program fails with the exact message and creates nothing", (mode) => {
        expect(results[mode]).toEqual({ errors: [message], registered: providers });
    });
});
