/**
 * Test fixtures for the pack: plain resource records shaped like the mock kit's, and helpers to run one policy.
 * `activeActiveStack()` is a whole compliant stack (table, keys, a service per region, a traffic layer) that the
 * stack-rule tests mutate one case at a time. Not shipped logic: only tests import this.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { evaluateResourcePolicy, evaluateStackPolicy, HarnessResource } from "../harness";
import { schemaDefaults } from "../lib/policy";

/** What @pulumi/policy hands a rule for an unknown string during preview. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";

const STACK = "prod";
const PROJECT = "active-active";
export const ROOT_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
export const ACCOUNT = "123456789012";

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

export function providerUrn(region: string): string {
    return urnOf("pulumi:providers:aws", `aws-${region}`);
}

export function provider(region: string): HarnessResource {
    return { type: "pulumi:providers:aws", name: `aws-${region}`, urn: providerUrn(region), id: `aws-${region}-id`, custom: true, inputs: { region } };
}

/** A custom resource: `region` picks the aws-<region> provider; Cloudflare resources take none. */
export function resource(type: string, name: string, inputs: Record<string, any>, opts: { region?: string; id?: string; parent?: string } = {}): HarnessResource {
    return {
        type,
        name,
        urn: urnOf(type, name),
        id: opts.id ?? `${name}-id`,
        custom: true,
        parent: opts.parent ?? ROOT_URN,
        ...(opts.region ? { providerUrn: providerUrn(opts.region) } : {}),
        inputs,
    };
}

export const TAGS = { "app:name": "active-active", "app:stack": STACK, env: STACK, owner: "platform-team", "cost-center": "4200" };

export function keyArn(region: string): string {
    return `arn:aws:kms:${region}:${ACCOUNT}:key/key-${region}`;
}

export const KEY_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Sid: "AccountRoot", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
        {
            Sid: "DynamoDB",
            Effect: "Allow",
            Principal: { Service: "dynamodb.amazonaws.com" },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Resource: "*",
        },
    ],
});

export interface StackOptions {
    regions?: string[];
    traffic?: "route53" | "cloudflare";
    drain?: string[];
    consistency?: "eventual" | "strong";
    witness?: string;
}

export const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
export const HOME = "us-east-1";

/** A compliant active-active stack, as the components are meant to build it. */
export function activeActiveStack(options: StackOptions = {}): HarnessResource[] {
    const regions = options.regions ?? REGIONS;
    const home = regions[0]!;
    const drain = options.drain ?? [];
    const mode = options.consistency === "strong" ? "STRONG" : "EVENTUAL";
    const out: HarnessResource[] = [{ type: "pulumi:pulumi:Stack", name: `${PROJECT}-${STACK}`, urn: ROOT_URN, custom: false, inputs: {} }];
    const global = [...new Set([...regions, "us-east-1"])];
    out.push(...global.map(provider));

    for (const r of regions) {
        out.push(resource("aws:kms/key:Key", `app-table-${r}-key`, { enableKeyRotation: true, deletionWindowInDays: 30, policy: KEY_POLICY, tags: TAGS }, { region: r }));
    }
    out.push(
        resource(
            "aws:dynamodb/table:Table",
            "app-table",
            {
                name: "app-table",
                billingMode: "PAY_PER_REQUEST",
                hashKey: "pk",
                rangeKey: "sk",
                attributes: [{ name: "pk", type: "S" }, { name: "sk", type: "S" }],
                deletionProtectionEnabled: true,
                pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 },
                serverSideEncryption: { enabled: true, kmsKeyArn: keyArn(home) },
                ...(mode === "EVENTUAL" ? { streamEnabled: true, streamViewType: "NEW_AND_OLD_IMAGES" } : {}),
                ...(options.witness ? { globalTableWitness: { regionName: options.witness } } : {}),
                replicas: regions.slice(1).map((r) => ({
                    regionName: r,
                    kmsKeyArn: keyArn(r),
                    pointInTimeRecovery: true,
                    deletionProtectionEnabled: true,
                    propagateTags: true,
                    consistencyMode: mode,
                })),
                tags: TAGS,
            },
            { region: home, id: "app-table" },
        ),
    );

    for (const r of regions) {
        const tableArn = `arn:aws:dynamodb:${r}:${ACCOUNT}:table/app-table`;
        out.push(
            resource(
                "aws:iam/role:Role",
                `app-${r}-role`,
                {
                    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
                    tags: TAGS,
                },
                { region: r },
            ),
            resource(
                "aws:iam/rolePolicy:RolePolicy",
                `app-${r}-policy`,
                {
                    role: `app-${r}-role-id`,
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Sid: "Table", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], Resource: [tableArn, `${tableArn}/index/*`] },
                            { Sid: "Key", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: keyArn(r) },
                            { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `arn:aws:logs:${r}:${ACCOUNT}:log-group:/aws/lambda/app-${r}:*` },
                        ],
                    }),
                },
                { region: r },
            ),
            resource("aws:cloudwatch/logGroup:LogGroup", `app-${r}-logs`, { name: `/aws/lambda/app-${r}`, retentionInDays: 90, kmsKeyId: keyArn(r), tags: TAGS }, { region: r }),
            resource(
                "aws:lambda/function:Function",
                `app-${r}-fn`,
                { runtime: "nodejs22.x", handler: "index.handler", memorySize: 1024, timeout: 10, reservedConcurrentExecutions: 50, role: `arn:aws:iam::${ACCOUNT}:role/app-${r}-role`, tags: TAGS },
                { region: r },
            ),
            resource(
                "aws:apigatewayv2/stage:Stage",
                `app-${r}-stage`,
                {
                    apiId: `api-${r}`,
                    name: "$default",
                    autoDeploy: true,
                    accessLogSettings: { destinationArn: `arn:aws:logs:${r}:${ACCOUNT}:log-group:/aws/apigateway/app-${r}`, format: '{"requestId":"$context.requestId"}' },
                    defaultRouteSettings: { throttlingRateLimit: 500, throttlingBurstLimit: 1000 },
                    tags: TAGS,
                },
                { region: r },
            ),
            resource(
                "aws:apigatewayv2/domainName:DomainName",
                `app-${r}-domain`,
                {
                    domainName: "api.example.com",
                    domainNameConfiguration: { certificateArn: `arn:aws:acm:${r}:${ACCOUNT}:certificate/c-${r}`, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
                    tags: TAGS,
                },
                { region: r },
            ),
        );
    }

    if ((options.traffic ?? "route53") === "route53") {
        const checkIds: string[] = [];
        for (const r of regions) {
            const checkId = `check-${r}`;
            checkIds.push(checkId);
            out.push(
                resource(
                    "aws:route53/healthCheck:HealthCheck",
                    `app-traffic-${r}-check`,
                    {
                        type: "HTTPS",
                        fqdn: `abc${r.length}.execute-api.${r}.amazonaws.com`,
                        port: 443,
                        enableSni: true,
                        resourcePath: "/health",
                        requestInterval: 30,
                        failureThreshold: 1,
                        regions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
                        tags: { ...TAGS, "activeactive:region": r, "activeactive:rto-target-seconds": "120" },
                    },
                    { region: "us-east-1", id: checkId },
                ),
                resource(
                    "aws:route53/healthCheck:HealthCheck",
                    `app-traffic-${r}-gate`,
                    { type: "CALCULATED", childHealthchecks: [checkId], childHealthThreshold: drain.includes(r) ? 2 : 1, tags: { ...TAGS, "activeactive:region": r } },
                    { region: "us-east-1", id: `gate-${r}` },
                ),
                resource(
                    "aws:route53/record:Record",
                    `app-traffic-${r}-record`,
                    {
                        zoneId: "Z0123456789PRDEXAMPLE",
                        name: "api.example.com",
                        type: "A",
                        setIdentifier: r,
                        latencyRoutingPolicies: [{ region: r }],
                        healthCheckId: `gate-${r}`,
                        aliases: [{ name: `d-${r}.execute-api.${r}.amazonaws.com`, zoneId: "Z1UJRXOUMOOFQ8", evaluateTargetHealth: true }],
                    },
                    { region: "us-east-1" },
                ),
            );
        }
        const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:app-traffic-alarms`;
        out.push(
            resource(
                "aws:route53/healthCheck:HealthCheck",
                "app-traffic-any-region",
                { type: "CALCULATED", childHealthchecks: checkIds, childHealthThreshold: 1, tags: { ...TAGS, "activeactive:scope": "global" } },
                { region: "us-east-1", id: "check-any-region" },
            ),
            resource("aws:sns/topic:Topic", "app-traffic-alarms", { tags: { ...TAGS, "activeactive:scope": "global" } }, { region: "us-east-1", id: topicArn }),
            resource(
                "aws:cloudwatch/metricAlarm:MetricAlarm",
                "app-traffic-any-region-alarm",
                {
                    namespace: "AWS/Route53",
                    metricName: "HealthCheckStatus",
                    dimensions: { HealthCheckId: "check-any-region" },
                    statistic: "Minimum",
                    period: 60,
                    evaluationPeriods: 1,
                    comparisonOperator: "LessThanThreshold",
                    threshold: 1,
                    alarmActions: [topicArn],
                    tags: { ...TAGS, "activeactive:scope": "global" },
                },
                { region: "us-east-1" },
            ),
        );
    } else {
        const monitor = resource(
            "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor",
            "app-traffic-monitor",
            { accountId: "0123456789abcdef0123456789abcdef", type: "https", method: "GET", path: "/health", expectedCodes: "200", allowInsecure: false, interval: 15, retries: 2, timeout: 5, consecutiveDown: 1 },
            { id: "monitor-1" },
        );
        out.push(monitor);
        for (const r of regions) {
            out.push(
                resource(
                    "cloudflare:index/loadBalancerPool:LoadBalancerPool",
                    `app-traffic-${r}-pool`,
                    {
                        accountId: "0123456789abcdef0123456789abcdef",
                        name: `app-traffic-${r}`,
                        enabled: !drain.includes(r),
                        minimumOrigins: 1,
                        monitor: "monitor-1",
                        origins: [{ name: r, address: `abc.execute-api.${r}.amazonaws.com`, enabled: true, weight: 1 }],
                    },
                    { id: `pool-${r}` },
                ),
            );
        }
        out.push(
            resource("cloudflare:index/loadBalancer:LoadBalancer", "app-traffic-lb", {
                zoneId: "fedcba9876543210fedcba9876543210",
                name: "api.example.com",
                defaultPools: regions.map((r) => `pool-${r}`),
                fallbackPool: `pool-${regions.find((r) => !drain.includes(r)) ?? regions[0]}`,
                steeringPolicy: "dynamic_latency",
                proxied: true,
            }),
        );
    }
    return out;
}

/** A deep copy of the resources with the named one changed. */
export function mutate(resources: HarnessResource[], name: string, change: (inputs: Record<string, any>) => void): HarnessResource[] {
    const copy = structuredClone(resources);
    const target = copy.find((r) => r.name === name);
    if (!target) throw new Error(`fixture has no resource named ${name}`);
    change(target.inputs);
    return copy;
}

/** The resources without the named ones. */
export function without(resources: HarnessResource[], ...names: string[]): HarnessResource[] {
    for (const n of names) if (!resources.some((r) => r.name === n)) throw new Error(`fixture has no resource named ${n}`);
    return resources.filter((r) => !names.includes(r.name));
}

export interface ResourceFixture {
    type: string;
    name?: string;
    /** The region of the resource's provider. @default "us-east-1" */
    region?: string;
    props: Record<string, any>;
    /** Extra provider inputs (e.g. defaultTags). */
    providerProps?: Record<string, any>;
}

/** Runs one resource policy on one fixture: the messages it reports, or "not applicable". */
export async function check(
    policy: ResourceValidationPolicy,
    fixture: ResourceFixture,
    config: Record<string, unknown> = {},
): Promise<string[] | "not applicable"> {
    const region = fixture.region ?? "us-east-1";
    const p = provider(region);
    p.inputs = { ...p.inputs, ...fixture.providerProps };
    const r = resource(fixture.type, fixture.name ?? "subject", fixture.props, { region: fixture.type.startsWith("cloudflare:") ? undefined : region });
    const outcome = await evaluateResourcePolicy(policy, [p, r], { ...schemaDefaults(policy.configSchema), ...config });
    if (outcome.notApplicable.some((n) => n.urn === r.urn)) return "not applicable";
    return outcome.violations.filter((v) => v.urn === r.urn).map((v) => v.message);
}

/** Runs one stack policy: its violations as `message` (and `urn` when the rule names a resource). */
export async function checkStack(
    policy: StackValidationPolicy,
    resources: HarnessResource[],
    config: Record<string, unknown> = {},
): Promise<{ message: string; urn?: string }[] | "not applicable"> {
    const outcome = await evaluateStackPolicy(policy, resources, { ...schemaDefaults(policy.configSchema), ...config });
    return outcome.notApplicable.length > 0 ? "not applicable" : outcome.violations;
}

/** A deep copy of a fixture with its props changed. */
export function withProps(fixture: ResourceFixture, change: (props: Record<string, any>) => void): ResourceFixture {
    const copy = structuredClone(fixture);
    change(copy.props);
    return copy;
}

/** A mutation case: title, the change, the exact messages expected. */
export type Case = [string, (props: Record<string, any>) => void, string[]];
