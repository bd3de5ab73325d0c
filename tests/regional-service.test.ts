import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn } from "child_process";
import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import { MockKit, MOCK_ACCOUNT_ID } from "../mock-kit";
import type { ServiceSettings } from "../config";
import { DYNAMODB_ACTIONS } from "../app/permissions";
import { rememberProviderRegion } from "../components/provider-region";
import {
    DEFAULT_DEPLOYMENT_CONFIG,
    functionPolicyDocument,
    providerRegionProblem,
    RegionalService,
    RegionalServiceArgs,
    reservedConcurrency,
    validateRegionalServiceArgs,
} from "../components/regional-service";
import { ValidationRecords } from "../components/certificate-validation";
import { KMS_ADMIN_ACTIONS, opsKeyPolicyDocument } from "../components/kms";
import { appArchive, bundleCount, bundleSource, APP_ENTRY } from "../components/bundle";

// ---- fixtures ------------------------------------------------------------------------------------------------

const REPO = path.resolve(__dirname, "..");
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
const TABLE = "orders";
const ZONE = "Z0123456789EXAMPLE";
const DOMAIN = "api.example.com";

const fixtureDir = fs.mkdtempSync(path.join(os.tmpdir(), "regional-service-"));
/** A tiny app so the component tests do not depend on the state of app/; app/handler.ts has its own test. */
const ENTRY = path.join(fixtureDir, "handler.ts");
fs.writeFileSync(path.join(fixtureDir, "greeting.ts"), 'export const greeting = (who: string): string => `hello ${who}`;\n');
fs.writeFileSync(ENTRY, 'import { greeting } from "./greeting";\nexport const handler = async () => ({ statusCode: 200, body: greeting("world") });\n');
afterAll(() => fs.rmSync(fixtureDir, { recursive: true, force: true }));

const tableArn = (r: string) => `arn:aws:dynamodb:${r}:${MOCK_ACCOUNT_ID}:table/${TABLE}`;
const keyArn = (r: string) => `arn:aws:kms:${r}:${MOCK_ACCOUNT_ID}:key/table-key-${r}`;

function serviceSettings(overrides: Partial<ServiceSettings> = {}): ServiceSettings {
    return {
        mode: "lambda",
        name: "orders",
        memoryMb: 512,
        timeoutSeconds: 10,
        capacityPerRegion: 20,
        throttle: { rateLimit: 500, burstLimit: 1000 },
        logRetentionDays: 30,
        healthTimeoutMs: 1500,
        safeDeployment: false,
        auth: { type: "iam" },
        endpoints: {},
        ...overrides,
    };
}

function argsFor(region: string, extra: Partial<RegionalServiceArgs> = {}): RegionalServiceArgs {
    return {
        region,
        regions: REGIONS,
        servingRegionCount: REGIONS.length,
        service: serviceSettings(),
        domain: DOMAIN,
        tableName: TABLE,
        tableArn: tableArn(region),
        kmsKeyArn: keyArn(region),
        consistency: "eventual",
        ttlAttribute: "expiresAt",
        partitionKey: "pk",
        sortKey: "sk",
        entry: ENTRY,
        tags: { env: "test" },
        ...extra,
    };
}

interface Deployed {
    kit: MockKit;
    services: Record<string, RegionalService>;
}

/** The stack's wiring in small: a provider per region, one ValidationRecords, a RegionalService per region. */
async function deploy(
    extra: (region: string) => Partial<RegionalServiceArgs> = () => ({}),
    validationKind: "route53" | "cloudflare" = "route53",
    preview = true,
): Promise<Deployed> {
    const kit = MockKit.install({ stack: "test", preview });
    const services: Record<string, RegionalService> = {};
    await kit.runProgram(() => {
        const providers: Record<string, aws.Provider> = {};
        for (const r of REGIONS) providers[r] = new aws.Provider(`aws-${r}`, { region: r as aws.Region });
        const validation =
            validationKind === "route53"
                ? new ValidationRecords("orders", { kind: "route53", zoneId: ZONE, provider: providers["us-east-1"]! })
                : new ValidationRecords("orders", {
                      kind: "cloudflare",
                      zoneId: "fedcba9876543210fedcba9876543210",
                      provider: new cloudflare.Provider("cloudflare", {}),
                  });
        for (const r of REGIONS) {
            services[r] = new RegionalService(`orders-${r}`, { ...argsFor(r), validation, ...extra(r) }, { provider: providers[r] });
        }
        return {};
    });
    return { kit, services };
}

const component = (kit: MockKit, region: string) => kit.get("activeactive:app:RegionalService", `orders-${region}`);
const childSet = (kit: MockKit, region: string) =>
    kit
        .childrenOf(component(kit, region))
        .map((c) => `${c.type} ${c.name}`)
        .sort();
const child = (kit: MockKit, type: string, region: string, role: string) => kit.get(type, `orders-${region}-${role}`);

function lambdaChildren(region: string, extra: string[] = []): string[] {
    const n = `orders-${region}`;
    return [
        `aws:acm/certificate:Certificate ${n}-cert`,
        `aws:acm/certificateValidation:CertificateValidation ${n}-cert-validation`,
        `aws:apigatewayv2/api:Api ${n}-api`,
        `aws:apigatewayv2/apiMapping:ApiMapping ${n}-mapping`,
        `aws:apigatewayv2/domainName:DomainName ${n}-domain`,
        `aws:apigatewayv2/integration:Integration ${n}-integration`,
        `aws:apigatewayv2/route:Route ${n}-health-route`,
        `aws:apigatewayv2/route:Route ${n}-items-route`,
        `aws:apigatewayv2/stage:Stage ${n}-stage`,
        `aws:cloudwatch/logGroup:LogGroup ${n}-access-logs`,
        `aws:cloudwatch/logGroup:LogGroup ${n}-fn-logs`,
        `aws:cloudwatch/metricAlarm:MetricAlarm ${n}-5xx-rate`,
        `aws:cloudwatch/metricAlarm:MetricAlarm ${n}-p99-latency`,
        `aws:cloudwatch/metricAlarm:MetricAlarm ${n}-replication-latency`,
        `aws:cloudwatch/metricAlarm:MetricAlarm ${n}-throttles`,
        `aws:iam/role:Role ${n}-fn-role`,
        `aws:iam/rolePolicy:RolePolicy ${n}-fn-policy`,
        `aws:kms/key:Key ${n}-ops-key`,
        `aws:lambda/function:Function ${n}-fn`,
        `aws:lambda/permission:Permission ${n}-invoke`,
        `aws:sns/topic:Topic ${n}-alarms`,
        ...extra.map((e) => e.replace("{n}", n)),
    ].sort();
}

/** Statements that grant a wildcard action (`*`, `service:*`) or a resource of exactly `*`. */
function wildcardGrants(doc: any): unknown[] {
    const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
    return (doc.Statement as any[]).filter(
        (s) => list(s.Action).some((a) => a === "*" || /^[a-z0-9-]+:\*$/.test(String(a))) || list(s.Resource).some((r) => r === "*"),
    );
}

/** Every ARN a document names (resources and condition values). */
function arnsIn(doc: unknown): string[] {
    const out: string[] = [];
    const walk = (v: unknown) => {
        if (typeof v === "string" && v.startsWith("arn:")) out.push(v);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(doc);
    return out;
}

// ---- pure functions ------------------------------------------------------------------------------------------

describe("reservedConcurrency: N-1 headroom", () => {
    test.each([
        // capacity, serving regions, reserved
        [20, 1, 20],
        [20, 2, 40],
        [20, 3, 30],
        [50, 3, 75],
        [10, 4, 14],
        [1, 2, 2],
        [7, 3, 11],
        [100, 5, 125],
    ])("capacity %i with %i serving regions reserves %i", (capacity, serving, reserved) => {
        expect(reservedConcurrency(capacity, serving)).toBe(reserved);
    });
});

describe("providerRegionProblem", () => {
    test.each([
        ["us-east-1", "us-east-1", undefined],
        ["us-east-1", "us-west-2", 'RegionalService "svc": region "us-east-1" does not match the region of its provider ("us-west-2"); allowed: opts.provider of region "us-east-1"'],
        ["eu-west-1", undefined, 'RegionalService "svc": its provider has no region; allowed: an aws.Provider with region "eu-west-1"'],
        ["eu-west-1", "", 'RegionalService "svc": its provider has no region; allowed: an aws.Provider with region "eu-west-1"'],
    ])("region %s, provider %s", (region, providerRegion, message) => {
        expect(providerRegionProblem("svc", region, providerRegion)).toBe(message);
    });
});

describe("validateRegionalServiceArgs", () => {
    const validation = new ValidationRecords("v", { kind: "route53", zoneId: ZONE, provider: {} as aws.Provider });
    const valid = (): RegionalServiceArgs => ({ ...argsFor("us-east-1"), validation });

    test("a valid lambda service has no problems", () => {
        expect(validateRegionalServiceArgs(valid())).toEqual([]);
    });

    test.each<[string, (a: RegionalServiceArgs) => RegionalServiceArgs, string[]]>([
        ["region outside regions", (a) => ({ ...a, region: "ap-south-1" }), [
            'region: "ap-south-1" is not one of regions ["us-east-1","us-west-2","eu-west-1"]; allowed: one of them',
        ]],
        ["serving count 0", (a) => ({ ...a, servingRegionCount: 0 }), [
            "servingRegionCount: 0 is not a count of serving regions; allowed: an integer from 1 to 3",
        ]],
        ["serving count above the regions", (a) => ({ ...a, servingRegionCount: 4 }), [
            "servingRegionCount: 4 is not a count of serving regions; allowed: an integer from 1 to 3",
        ]],
        ["no validation records", (a) => ({ ...a, validation: undefined }), [
            'validation: is missing; allowed: the stack\'s ValidationRecords with service.mode "lambda"',
        ]],
        ["equal key names", (a) => ({ ...a, sortKey: "pk" }), ['sortKey: "pk" equals partitionKey; allowed: a different attribute name']],
        ["a table without a sort key", (a) => ({ ...a, sortKey: "" }), [
            'sortKey: "" is not an attribute name; allowed: the table\'s sort key name (the app needs both keys, type S)',
        ]],
        ["topic in another region", (a) => ({ ...a, alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:ops" }), [
            'alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:ops" is in eu-west-1; allowed: a topic in us-east-1 (alarm actions must target their own region)',
        ]],
        ["not a topic", (a) => ({ ...a, alarmTopicArn: "ops" }), [
            'alarmTopicArn: "ops" is not an SNS topic ARN; allowed: arn:aws:sns:us-east-1:<account>:<topic>',
        ]],
        ["negative threshold", (a) => ({ ...a, alarmThresholds: { latencyP99Ms: -1 } }), [
            "alarmThresholds.latencyP99Ms: -1 is not a threshold; allowed: a number of at least 0",
        ]],
        ["external without this region's endpoint", (a) => ({ ...a, service: serviceSettings({ mode: "external", endpoints: { "us-west-2": "w.example.net" } }) }), [
            'service.endpoints.us-east-1: is missing; allowed: the hostname of this region\'s service with service.mode "external"',
        ]],
        ["every problem at once", (a) => ({ ...a, region: "ap-south-1", servingRegionCount: 9, validation: undefined }), [
            'region: "ap-south-1" is not one of regions ["us-east-1","us-west-2","eu-west-1"]; allowed: one of them',
            "servingRegionCount: 9 is not a count of serving regions; allowed: an integer from 1 to 3",
            'validation: is missing; allowed: the stack\'s ValidationRecords with service.mode "lambda"',
        ]],
    ])("%s", (_case, mutate, problems) => {
        expect(validateRegionalServiceArgs(mutate(valid()))).toEqual(problems);
    });
});

describe("functionPolicyDocument", () => {
    const input = {
        region: "us-west-2",
        tableArn: tableArn("us-west-2"),
        kmsKeyArn: keyArn("us-west-2"),
        logGroupArn: `arn:aws:logs:us-west-2:${MOCK_ACCOUNT_ID}:log-group:/activeactive/x/function-1`,
        actions: DYNAMODB_ACTIONS,
    };

    test("grants the app's actions on this region's replica, its key via DynamoDB, and its log group", () => {
        expect(functionPolicyDocument(input)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "TableReplica",
                    Effect: "Allow",
                    Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
                    Resource: [tableArn("us-west-2")],
                },
                {
                    Sid: "TableKeyThroughDynamoDB",
                    Effect: "Allow",
                    Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"],
                    Resource: keyArn("us-west-2"),
                    Condition: { StringEquals: { "kms:ViaService": "dynamodb.us-west-2.amazonaws.com" } },
                },
                {
                    Sid: "OwnLogGroup",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `arn:aws:logs:us-west-2:${MOCK_ACCOUNT_ID}:log-group:/activeactive/x/function-1:*`,
                },
            ],
        });
    });

    test("adds the index pattern only for actions that can address an index", () => {
        const doc = functionPolicyDocument({ ...input, actions: ["dynamodb:GetItem", "dynamodb:Query"] }) as any;
        expect(doc.Statement[0].Resource).toEqual([tableArn("us-west-2"), `${tableArn("us-west-2")}/index/*`]);
        expect(wildcardGrants(doc)).toEqual([]);
    });

    test.each([
        ["tableArn", { tableArn: tableArn("us-east-1") }, `tableArn: "${tableArn("us-east-1")}" is in us-east-1; allowed: the us-west-2 one (each region's function touches only its own region)`],
        ["kmsKeyArn", { kmsKeyArn: keyArn("eu-west-1") }, `kmsKeyArn: "${keyArn("eu-west-1")}" is in eu-west-1; allowed: the us-west-2 one (each region's function touches only its own region)`],
        ["a table name", { tableArn: "orders" }, 'tableArn: "orders" is not a dynamodb ARN'],
    ])("rejects %s of another region or kind", (_what, change, message) => {
        expect(() => functionPolicyDocument({ ...input, ...change })).toThrow(message);
    });
});

test("opsKeyPolicyDocument lets only this account's logs of this service and CloudWatch alarms use the key", () => {
    const doc = opsKeyPolicyDocument({ partition: "aws", account: MOCK_ACCOUNT_ID, region: "eu-west-1", logGroupPrefix: "/activeactive/svc/" });
    // A key policy's resource is always "*" (this key); its actions carry no wildcard.
    expect((doc.Statement as any[]).flatMap((s) => s.Action).filter((a: string) => a.includes("*"))).toEqual([]);
    expect(doc).toEqual({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MOCK_ACCOUNT_ID}:root` }, Action: KMS_ADMIN_ACTIONS, Resource: "*" },
            {
                Sid: "CloudWatchLogsOfThisService",
                Effect: "Allow",
                Principal: { Service: "logs.eu-west-1.amazonaws.com" },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:eu-west-1:${MOCK_ACCOUNT_ID}:log-group:/activeactive/svc/*` } },
            },
            {
                Sid: "CloudWatchAlarmsPublishToTopic",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: "*",
            },
        ],
    });
});

// ---- bundling ------------------------------------------------------------------------------------------------

describe("bundle", () => {
    test("one CommonJS file for node22 with its imports inlined, no source map, memoized", () => {
        const before = bundleCount();
        const code = bundleSource(ENTRY);
        expect(code).toContain("module.exports = __toCommonJS(");
        expect(code).toContain("hello ${who}");
        expect(code).not.toContain("sourceMappingURL");
        const mod = { exports: {} as Record<string, unknown> };
        new Function("module", "exports", "require", code)(mod, mod.exports, require);
        expect(typeof mod.exports.handler).toBe("function");

        expect(appArchive(ENTRY)).toBe(appArchive(ENTRY));
        expect(bundleSource(ENTRY)).toBe(code);
        expect(bundleCount() - before).toBe(1);
    });

    test("the real app entry bundles and exports handler", () => {
        const code = bundleSource(APP_ENTRY);
        expect(APP_ENTRY).toBe(path.join(REPO, "app", "handler.ts"));
        expect(code).toMatch(/\bhandler: \(\) => handler\b/);
        // Paths in the bundle are relative to the repository, so every machine builds the same bytes (one code hash).
        expect(code).toContain("// app/handler.ts\n");
        expect(code).not.toContain(REPO);
    });

    test("a broken entry fails with esbuild's messages", () => {
        const broken = path.join(fixtureDir, "broken.ts");
        fs.writeFileSync(broken, 'import { nothing } from "./missing";\nexport const handler = nothing;\n');
        expect(() => bundleSource(broken)).toThrow(/could not bundle the app entry .*broken\.ts:\n {2}- .*broken\.ts:1:\d+: Could not resolve "\.\/missing"/);
    });
});

// ---- the component: lambda mode ------------------------------------------------------------------------------

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

    test("one validation record for every region, from the first certificate", async () => {
        const records = d.kit.resourcesOfType("aws:route53/record:Record");
        expect(records.map((r) => r.name)).toEqual(["orders-cert-validation"]);
        const record = records[0]!;
        expect(d.kit.providerRegion(record)).toBe("us-east-1");
        const option = child(d.kit, "aws:acm/certificate:Certificate", "us-east-1", "cert").outputs.domainValidationOptions[0];
        expect(record.inputs).toEqual({
            zoneId: ZONE,
            name: option.resourceRecordName.replace(/\.$/, ""),
            type: "CNAME",
            records: [option.resourceRecordValue.replace(/\.$/, "")],
            ttl: 60,
        });
        for (const r of REGIONS) {
            expect(child(d.kit, "aws:acm/certificateValidation:CertificateValidation", r, "cert-validation").inputs).toEqual({
                certificateArn: child(d.kit, "aws:acm/certificate:Certificate", r, "cert").outputs.arn,
                validationRecordFqdns: [option.resourceRecordName.replace(/\.$/, "")],
            });
        }
    });

    test.each(REGIONS)("%s: function settings and environment", async (region) => {
        const fn = child(d.kit, "aws:lambda/function:Function", region, "fn");
        const { code, ...inputs } = fn.inputs;
        expect(inputs).toEqual({
            runtime: "nodejs22.x",
            architectures: ["arm64"],
            handler: "index.handler",
            role: child(d.kit, "aws:iam/role:Role", region, "fn-role").outputs.arn,
            memorySize: 512,
            timeout: 10,
            reservedConcurrentExecutions: 30,
            publish: false,
            loggingConfig: { logFormat: "JSON", logGroup: child(d.kit, "aws:cloudwatch/logGroup:LogGroup", region, "fn-logs").outputs.name },
            environment: {
                variables: {
                    TABLE_NAME: TABLE,
                    REGION: region,
                    PEER_REGIONS: REGIONS.filter((r) => r !== region).join(","),
                    SERVICE_NAME: "orders",
                    TABLE_PARTITION_KEY: "pk",
                    TABLE_SORT_KEY: "sk",
                    CONSISTENCY: "eventual",
                    HEALTH_TIMEOUT_MS: "1500",
                    TTL_ATTRIBUTE: "expiresAt",
                },
            },
            tags: { env: "test" },
        });
        const assets = await code.assets;
        expect(Object.keys(assets)).toEqual(["index.js"]);
        expect(await assets["index.js"].text).toBe(bundleSource(ENTRY));
        expect(fn.dependsOn).toContain(child(d.kit, "aws:iam/rolePolicy:RolePolicy", region, "fn-policy").urn);
        expect(fn.dependsOn).toContain(child(d.kit, "aws:cloudwatch/logGroup:LogGroup", region, "fn-logs").urn);
    });

    test.each(REGIONS)("%s: the role's policy names only this region's ARNs and no wildcard", (region) => {
        const policy = child(d.kit, "aws:iam/rolePolicy:RolePolicy", region, "fn-policy");
        const logGroupArn = child(d.kit, "aws:cloudwatch/logGroup:LogGroup", region, "fn-logs").outputs.arn;
        const doc = JSON.parse(policy.inputs.policy);
        expect(doc).toEqual(functionPolicyDocument({ region, tableArn: tableArn(region), kmsKeyArn: keyArn(region), logGroupArn, actions: DYNAMODB_ACTIONS }));
        expect(policy.inputs.role).toBe(child(d.kit, "aws:iam/role:Role", region, "fn-role").id);
        expect(wildcardGrants(doc)).toEqual([]);
        expect(arnsIn(doc)).toEqual([tableArn(region), keyArn(region), `${logGroupArn}:*`]);
        for (const arn of arnsIn(doc)) expect(arn.split(":")[3]).toBe(region);

        const trust = JSON.parse(child(d.kit, "aws:iam/role:Role", region, "fn-role").inputs.assumeRolePolicy);
        expect(trust).toEqual({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
        // No other identity policy reaches the function's role.
        expect(d.kit.resourcesOfType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toEqual([]);
    });

    test.each(REGIONS)("%s: log groups keep logs for the configured days under the region's ops key", (region) => {
        const key = child(d.kit, "aws:kms/key:Key", region, "ops-key");
        expect(JSON.parse(key.inputs.policy)).toEqual(
            opsKeyPolicyDocument({ partition: "aws", account: MOCK_ACCOUNT_ID, region, logGroupPrefix: `/activeactive/orders-${region}/` }),
        );
        expect(key.inputs.enableKeyRotation).toBe(true);
        for (const [role, prefix] of [["fn-logs", "function-"], ["access-logs", "access-"]] as const) {
            expect(child(d.kit, "aws:cloudwatch/logGroup:LogGroup", region, role).inputs).toEqual({
                namePrefix: `/activeactive/orders-${region}/${prefix}`,
                retentionInDays: 30,
                kmsKeyId: key.outputs.arn,
                tags: { env: "test" },
            });
        }
    });

    test.each(REGIONS)("%s: HTTP API routes, integration, stage and invoke permission", (region) => {
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        const fn = child(d.kit, "aws:lambda/function:Function", region, "fn");
        const integration = child(d.kit, "aws:apigatewayv2/integration:Integration", region, "integration");
        expect(api.inputs.protocolType).toBe("HTTP");
        expect(integration.inputs).toEqual({
            apiId: api.id,
            integrationType: "AWS_PROXY",
            integrationMethod: "POST",
            integrationUri: fn.outputs.arn,
            payloadFormatVersion: "2.0",
            timeoutMilliseconds: 10000,
        });
        const target = `integrations/${integration.id}`;
        expect(child(d.kit, "aws:apigatewayv2/route:Route", region, "health-route").inputs).toEqual({
            apiId: api.id,
            routeKey: "GET /health",
            authorizationType: "NONE",
            target,
        });
        expect(child(d.kit, "aws:apigatewayv2/route:Route", region, "items-route").inputs).toEqual({
            apiId: api.id,
            routeKey: "ANY /items/{id}",
            authorizationType: "AWS_IAM",
            target,
        });
        const stage = child(d.kit, "aws:apigatewayv2/stage:Stage", region, "stage");
        const { accessLogSettings, ...stageInputs } = stage.inputs;
        expect(stageInputs).toEqual({
            apiId: api.id,
            name: "$default",
            autoDeploy: true,
            defaultRouteSettings: { throttlingRateLimit: 500, throttlingBurstLimit: 1000 },
            tags: { env: "test" },
        });
        expect(accessLogSettings.destinationArn).toBe(child(d.kit, "aws:cloudwatch/logGroup:LogGroup", region, "access-logs").outputs.arn);
        expect(Object.keys(JSON.parse(accessLogSettings.format))).toContain("requestId");
        expect(child(d.kit, "aws:lambda/permission:Permission", region, "invoke").inputs).toEqual({
            function: fn.outputs.name,
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            sourceArn: `${api.outputs.executionArn}/*/*`,
        });
    });

    test.each(REGIONS)("%s: regional custom domain on TLS 1.2 with the validated certificate", (region) => {
        const cert = child(d.kit, "aws:acm/certificate:Certificate", region, "cert");
        expect(cert.inputs).toEqual({ domainName: DOMAIN, validationMethod: "DNS", tags: { env: "test" } });
        const domain = child(d.kit, "aws:apigatewayv2/domainName:DomainName", region, "domain");
        expect(domain.inputs).toEqual({
            domainName: DOMAIN,
            domainNameConfiguration: { certificateArn: cert.outputs.arn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
            tags: { env: "test" },
        });
        expect(child(d.kit, "aws:apigatewayv2/apiMapping:ApiMapping", region, "mapping").inputs).toEqual({
            apiId: child(d.kit, "aws:apigatewayv2/api:Api", region, "api").id,
            domainName: domain.id,
            stage: child(d.kit, "aws:apigatewayv2/stage:Stage", region, "stage").id,
        });
    });

    test.each(REGIONS)("%s: outputs: health target is the execute-api hostname, records target the custom domain", async (region) => {
        const svc = d.services[region]!;
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        const domain = child(d.kit, "aws:apigatewayv2/domainName:DomainName", region, "domain");
        const health = await d.kit.unwrap(svc.healthCheckHostname);
        expect(health).toBe(`${api.id}.execute-api.${region}.amazonaws.com`);
        expect(health).not.toBe(DOMAIN);
        expect(await d.kit.unwrap(svc.domainTarget)).toEqual({
            name: domain.outputs.domainNameConfiguration.targetDomainName,
            zoneId: domain.outputs.domainNameConfiguration.hostedZoneId,
        });
        expect(await d.kit.unwrap(svc.apiId)).toBe(api.id);
        expect(await d.kit.unwrap(svc.functionName)).toBe(child(d.kit, "aws:lambda/function:Function", region, "fn").outputs.name);
        expect(svc.region).toBe(region);
        expect(await d.kit.unwrap(svc.deployment)).toBeUndefined();
    });

    test.each(REGIONS)("%s: one replication alarm: the worst lag to exactly the peers", (region) => {
        const alarm = child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, "replication-latency");
        const peers = REGIONS.filter((r) => r !== region);
        const ids = peers.map((p) => `to_${p.replace(/-/g, "_")}`);
        expect(alarm.inputs.metricQueries).toEqual([
            ...peers.map((peer, i) => ({
                id: ids[i],
                returnData: false,
                metric: {
                    namespace: "AWS/DynamoDB",
                    metricName: "ReplicationLatency",
                    dimensions: { TableName: TABLE, ReceivingRegion: peer },
                    period: 60,
                    stat: "Maximum",
                },
            })),
            { id: "worst", expression: `MAX([${ids.join(", ")}])`, label: "Worst replication latency to a peer (ms)", returnData: true },
        ]);
        expect(alarm.inputs.threshold).toBe(30000);
        expect(d.kit.resourcesOfType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.name.endsWith("-replication-latency"))).toHaveLength(REGIONS.length);
    });

    test.each(REGIONS)("%s: alarms act on this region's own topic", (region) => {
        const topic = child(d.kit, "aws:sns/topic:Topic", region, "alarms");
        expect(topic.inputs.kmsMasterKeyId).toBe(child(d.kit, "aws:kms/key:Key", region, "ops-key").outputs.arn);
        expect(topic.outputs.arn.split(":")[3]).toBe(region);
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        const alarms = d.kit.childrenOf(component(d.kit, region)).filter((c) => c.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
        for (const a of alarms) {
            expect([a.name, a.inputs.alarmActions, a.inputs.okActions]).toEqual([a.name, [topic.outputs.arn], [topic.outputs.arn]]);
        }
        expect(child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, "5xx-rate").inputs.metricQueries).toEqual([
            { id: "errors", returnData: false, metric: { namespace: "AWS/ApiGateway", metricName: "5xx", dimensions: { ApiId: api.id }, period: 60, stat: "Sum" } },
            { id: "requests", returnData: false, metric: { namespace: "AWS/ApiGateway", metricName: "Count", dimensions: { ApiId: api.id }, period: 60, stat: "Sum" } },
            { id: "rate", expression: "100 * errors / requests", label: "5xx rate (%)", returnData: true },
        ]);
        const p99 = child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, "p99-latency").inputs;
        expect([p99.namespace, p99.metricName, p99.dimensions, p99.extendedStatistic, p99.threshold]).toEqual(["AWS/ApiGateway", "Latency", { ApiId: api.id }, "p99", 2000]);
        const throttles = child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, "throttles").inputs;
        expect([throttles.namespace, throttles.metricName, throttles.dimensions, throttles.statistic, throttles.threshold]).toEqual([
            "AWS/Lambda",
            "Throttles",
            { FunctionName: child(d.kit, "aws:lambda/function:Function", region, "fn").outputs.name },
            "Sum",
            0,
        ]);
    });
});

describe("lambda mode, JWT auth, safe deployments", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy(() => ({
            service: serviceSettings({ safeDeployment: true, auth: { type: "jwt", issuer: "https://id.example.com/", audience: ["orders-api"] } }),
            alarmEmail: "oncall@example.com",
        }));
    });

    test.each(REGIONS)("%s: exact child set", (region) => {
        expect(childSet(d.kit, region)).toEqual(
            lambdaChildren(region, [
                "aws:apigatewayv2/authorizer:Authorizer {n}-jwt",
                "aws:codedeploy/application:Application {n}-deploy",
                "aws:codedeploy/deploymentGroup:DeploymentGroup {n}-deploy-group",
                "aws:cloudwatch/metricAlarm:MetricAlarm {n}-live-errors",
                "aws:iam/role:Role {n}-deploy-role",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment {n}-deploy-policy",
                "aws:lambda/alias:Alias {n}-live",
                "aws:sns/topicSubscription:TopicSubscription {n}-alarms-email",
            ]),
        );
        for (const c of d.kit.childrenOf(component(d.kit, region))) expect([c.name, d.kit.providerRegion(c)]).toEqual([c.name, region]);
    });

    test.each(REGIONS)("%s: the API invokes the live alias, which Pulumi sets once and CodeDeploy moves after", (region) => {
        const fn = child(d.kit, "aws:lambda/function:Function", region, "fn");
        const alias = child(d.kit, "aws:lambda/alias:Alias", region, "live");
        expect(fn.inputs.publish).toBe(true);
        expect(alias.inputs).toEqual({ name: "live", functionName: fn.outputs.name, functionVersion: fn.outputs.version });
        expect(alias.ignoreChanges).toEqual(["functionVersion", "routingConfig"]);
        expect(child(d.kit, "aws:apigatewayv2/integration:Integration", region, "integration").inputs.integrationUri).toBe(alias.outputs.arn);
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        expect(child(d.kit, "aws:lambda/permission:Permission", region, "invoke").inputs).toEqual({
            function: fn.outputs.name,
            qualifier: "live",
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            sourceArn: `${api.outputs.executionArn}/*/*`,
        });
    });

    test.each(REGIONS)("%s: CodeDeploy canary with rollback on this region's service alarms", async (region) => {
        const app = child(d.kit, "aws:codedeploy/application:Application", region, "deploy");
        const role = child(d.kit, "aws:iam/role:Role", region, "deploy-role");
        const alarm = (role: string) => child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, role);
        const fn = child(d.kit, "aws:lambda/function:Function", region, "fn");
        expect(app.inputs).toEqual({ name: fn.outputs.name, computePlatform: "Lambda", tags: { env: "test" } });
        expect(JSON.parse(role.inputs.assumeRolePolicy).Statement).toEqual([
            { Effect: "Allow", Principal: { Service: "codedeploy.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
        expect(child(d.kit, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", region, "deploy-policy").inputs).toEqual({
            role: role.outputs.name,
            policyArn: "arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda",
        });
        const group = child(d.kit, "aws:codedeploy/deploymentGroup:DeploymentGroup", region, "deploy-group");
        expect(group.inputs).toEqual({
            appName: fn.outputs.name,
            deploymentGroupName: "live",
            serviceRoleArn: role.outputs.arn,
            deploymentConfigName: DEFAULT_DEPLOYMENT_CONFIG,
            deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
            autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] },
            // This region's service alarms and the alias's errors; not replication lag, which a deploy does not cause.
            alarmConfiguration: {
                enabled: true,
                alarms: ["5xx-rate", "p99-latency", "throttles", "live-errors"].map((r) => `${fn.outputs.name}-${r}`),
            },
            tags: { env: "test" },
        });
        expect(["5xx-rate", "p99-latency", "throttles", "replication-latency", "live-errors"].map((r) => alarm(r).inputs.name)).toEqual(
            ["5xx-rate", "p99-latency", "throttles", "replication-latency", "live-errors"].map((r) => `${fn.outputs.name}-${r}`),
        );
        const liveErrors = alarm("live-errors").inputs;
        expect([liveErrors.namespace, liveErrors.metricName, liveErrors.dimensions, liveErrors.statistic, liveErrors.threshold, liveErrors.alarmActions]).toEqual([
            "AWS/Lambda",
            "Errors",
            { FunctionName: fn.outputs.name, Resource: `${fn.outputs.name}:live` },
            "Sum",
            0,
            [child(d.kit, "aws:sns/topic:Topic", region, "alarms").outputs.arn],
        ]);
        expect(group.dependsOn).toContain(child(d.kit, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", region, "deploy-policy").urn);
        expect(await d.kit.unwrap(d.services[region]!.deployment)).toEqual({
            applicationName: fn.outputs.name,
            deploymentGroupName: "live",
            functionName: fn.outputs.name,
            aliasName: "live",
            latestVersion: fn.outputs.version,
        });
    });

    test.each(REGIONS)("%s: writes sit behind the JWT authorizer; health stays open", (region) => {
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        const authorizer = child(d.kit, "aws:apigatewayv2/authorizer:Authorizer", region, "jwt");
        expect(authorizer.inputs).toEqual({
            apiId: api.id,
            authorizerType: "JWT",
            identitySources: ["$request.header.Authorization"],
            jwtConfiguration: { issuer: "https://id.example.com/", audiences: ["orders-api"] },
            name: "orders-jwt",
        });
        const items = child(d.kit, "aws:apigatewayv2/route:Route", region, "items-route").inputs;
        expect([items.routeKey, items.authorizationType, items.authorizerId]).toEqual(["ANY /items/{id}", "JWT", authorizer.id]);
        expect(child(d.kit, "aws:apigatewayv2/route:Route", region, "health-route").inputs.authorizationType).toBe("NONE");
    });

    test.each(REGIONS)("%s: the email subscription is on the region's topic", (region) => {
        expect(child(d.kit, "aws:sns/topicSubscription:TopicSubscription", region, "alarms-email").inputs).toEqual({
            topic: child(d.kit, "aws:sns/topic:Topic", region, "alarms").outputs.arn,
            protocol: "email",
            endpoint: "oncall@example.com",
        });
    });
});

describe("given alarm topics, one region drained", () => {
    const topicArn = (r: string) => `arn:aws:sns:${r}:${MOCK_ACCOUNT_ID}:ops-${r}`;
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy((r) => ({ alarmTopicArn: topicArn(r), alarmEmail: "oncall@example.com", servingRegionCount: 2 }));
    });

    test("the given topic replaces the created topic and its subscription", () => {
        expect(d.kit.resourcesOfType("aws:sns/topic:Topic")).toEqual([]);
        expect(d.kit.resourcesOfType("aws:sns/topicSubscription:TopicSubscription")).toEqual([]);
        for (const r of REGIONS) {
            for (const a of d.kit.childrenOf(component(d.kit, r)).filter((c) => c.type === "aws:cloudwatch/metricAlarm:MetricAlarm")) {
                expect([a.name, a.inputs.alarmActions]).toEqual([a.name, [topicArn(r)]]);
            }
        }
    });

    test("two serving regions: each reserves twice its capacity", () => {
        for (const r of REGIONS) expect(child(d.kit, "aws:lambda/function:Function", r, "fn").inputs.reservedConcurrentExecutions).toBe(40);
    });
});

test("Cloudflare validation: one DNS-only record for every region", async () => {
    const { kit } = await deploy(() => ({}), "cloudflare");
    expect(kit.resourcesOfType("aws:route53/record:Record")).toEqual([]);
    const records = kit.resourcesOfType("cloudflare:index/dnsRecord:DnsRecord");
    expect(records.map((r) => r.name)).toEqual(["orders-cert-validation"]);
    const option = child(kit, "aws:acm/certificate:Certificate", "us-east-1", "cert").outputs.domainValidationOptions[0];
    expect(records[0]!.inputs).toEqual({
        zoneId: "fedcba9876543210fedcba9876543210",
        name: option.resourceRecordName.replace(/\.$/, ""),
        type: "CNAME",
        content: option.resourceRecordValue.replace(/\.$/, ""),
        ttl: 60,
        proxied: false,
        comment: "ACM DNS validation, shared by every regional certificate of this name",
    });
    for (const r of REGIONS) {
        expect(child(kit, "aws:acm/certificateValidation:CertificateValidation", r, "cert-validation").inputs.validationRecordFqdns).toEqual([
            option.resourceRecordName.replace(/\.$/, ""),
        ]);
    }
});

// ---- the component: external mode ----------------------------------------------------------------------------

describe("external mode", () => {
    const endpoints: Record<string, string> = {
        "us-east-1": "east.origin.example.net",
        "us-west-2": "west.origin.example.net",
        "eu-west-1": "eu.origin.example.net",
    };
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy(() => ({ service: serviceSettings({ mode: "external", endpoints }), validation: undefined }));
    });

    test.each(REGIONS)("%s: creates nothing", (region) => {
        expect(childSet(d.kit, region)).toEqual([]);
    });

    test("no resource but the providers and the components", () => {
        expect(d.kit.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))).toEqual([]);
    });

    test.each(REGIONS)("%s: the given hostname is both the health target and the record target", async (region) => {
        const svc = d.services[region]!;
        expect(await d.kit.unwrap(svc.healthCheckHostname)).toBe(endpoints[region]);
        expect(await d.kit.unwrap(svc.domainTarget)).toEqual({ name: endpoints[region] });
        expect(await d.kit.unwrap(svc.functionName)).toBeUndefined();
        expect(await d.kit.unwrap(svc.apiId)).toBeUndefined();
        expect(await d.kit.unwrap(svc.deployment)).toBeUndefined();
        expect(svc.region).toBe(region);
    });
});

// ---- argument errors -----------------------------------------------------------------------------------------

describe("construction errors", () => {
    test("no provider", async () => {
        const kit = MockKit.install({ stack: "test" });
        await expect(kit.runProgram(() => new RegionalService("orders-us-east-1", argsFor("us-east-1")))).rejects.toThrow(
            'RegionalService "orders-us-east-1": opts.provider is missing or not an aws.Provider; allowed: the aws.Provider of region "us-east-1"',
        );
    });

    test("every invalid argument at once", async () => {
        const kit = MockKit.install({ stack: "test" });
        await expect(
            kit.runProgram(() => {
                const provider = new aws.Provider("aws-us-east-1", { region: "us-east-1" });
                return new RegionalService("orders-us-east-1", { ...argsFor("us-east-1"), servingRegionCount: 0, sortKey: "pk" }, { provider });
            }),
        ).rejects.toThrow(
            'RegionalService "orders-us-east-1": invalid arguments:\n' +
                "  - servingRegionCount: 0 is not a count of serving regions; allowed: an integer from 1 to 3\n" +
                "  - validation: is missing; allowed: the stack's ValidationRecords with service.mode \"lambda\"\n" +
                '  - sortKey: "pk" equals partitionKey; allowed: a different attribute name',
        );
    });
});

describe("a provider whose region its creator recorded", () => {
    test("a mismatch fails at construction, before any child is registered", async () => {
        const kit = MockKit.install({ stack: "test" });
        await expect(
            kit.runProgram(() => {
                const west = rememberProviderRegion(new aws.Provider("aws-us-west-2", { region: "us-west-2" }), "us-west-2");
                return new RegionalService("orders-us-east-1", { ...argsFor("us-east-1"), validation: new ValidationRecords("orders", { kind: "route53", zoneId: "Z0123456789EXAMPLE", provider: west }) }, { provider: west });
            }),
        ).rejects.toThrow('RegionalService "orders-us-east-1": region "us-east-1" does not match the region of its provider ("us-west-2"); allowed: opts.provider of region "us-east-1"');
        expect(kit.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"))).toEqual([]);
    });

    test("a match needs no Output gate: children depend on plain resource lists", async () => {
        const kit = MockKit.install({ stack: "test" });
        await kit.runProgram(() => {
            const east = rememberProviderRegion(new aws.Provider("aws-us-east-1", { region: "us-east-1" }), "us-east-1");
            return new RegionalService("orders-us-east-1", { ...argsFor("us-east-1"), validation: new ValidationRecords("orders", { kind: "route53", zoneId: "Z0123456789EXAMPLE", provider: east }) }, { provider: east });
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

function runMismatch(mode: "lambda" | "external"): Promise<ProgramResult> {
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
    const args = ${JSON.stringify({ ...argsFor("us-east-1"), service: serviceSettings(mode === "external" ? { mode, endpoints: { "us-east-1": "east.origin.example.net" } } : {}) })};
    new RegionalService("orders-us-east-1", { ...args, validation }, { provider: west });
}).catch((e) => errors.add(e.message));
`;
    const file = path.join(fixtureDir, `mismatch-${mode}.js`);
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
