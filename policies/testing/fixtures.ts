/**
 * Test fixtures for the pack: plain resource records shaped like the mock kit's, and helpers to run one policy.
 * `activeActiveStack()` is a whole compliant stack (table, keys, a service per region, a traffic layer) that the
 * stack-rule tests mutate one case at a time. Not shipped logic: only tests import this.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ACCOUNT, REGIONS as PROD_REGIONS, TRAFFIC } from "../../tests/fixtures/common";
import { defaultStage, STAGE } from "../../tests/fixtures/apigateway/stage";
import { customDomain, DOMAIN_NAME } from "../../tests/fixtures/apigateway/domain-name";
import { AUTHORIZER, healthRoute, itemRoute, jwtAuthorizer, ROUTE } from "../../tests/fixtures/apigateway/route";
import { LOAD_BALANCER, loadBalancer } from "../../tests/fixtures/cloudflare/load-balancer";
import { monitor, MONITOR } from "../../tests/fixtures/cloudflare/monitor";
import { pool, POOL } from "../../tests/fixtures/cloudflare/pool";
import { functionLogGroup, LOG_GROUP } from "../../tests/fixtures/cloudwatch/log-group";
import { failOpenAlarm, METRIC_ALARM } from "../../tests/fixtures/cloudwatch/metric-alarm";
import { globalTable, TABLE } from "../../tests/fixtures/dynamodb/table";
import { functionRole, ROLE } from "../../tests/fixtures/iam/role";
import { functionPolicy, ROLE_POLICY } from "../../tests/fixtures/iam/role-policy";
import { keyArn, KMS_KEY, tableKey } from "../../tests/fixtures/kms/key";
import { FUNCTION, lambdaFunction } from "../../tests/fixtures/lambda/function";
import { anyRegionCheck, gateCheck, HEALTH_CHECK, regionalCheck } from "../../tests/fixtures/route53/health-check";
import { latencyRecord, pinnedRecord, RECORD } from "../../tests/fixtures/route53/record";
import { evaluateResourcePolicy, evaluateStackPolicy, HarnessResource } from "../harness";
import { schemaDefaults } from "../lib/policy";

/** What @pulumi/policy hands a rule for an unknown string during preview. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";

const STACK = "prod";
const PROJECT = "active-active";
export const ROOT_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
export { ACCOUNT };

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

export { keyArn };

export interface StackOptions {
    regions?: string[];
    traffic?: "route53" | "cloudflare";
    drain?: string[];
    consistency?: "eventual" | "strong";
    witness?: string;
    /** How the item routes authorize: a JWT authorizer with scopes (the default) or AWS_IAM. */
    auth?: "jwt" | "iam";
    /** The JWT authorizer's issuer. @default "https://id.example.com/" */
    issuer?: string;
}

export const REGIONS = PROD_REGIONS;
export const HOME = REGIONS[0]!;

/** A compliant active-active stack, as the components build it: the table, a service per region, a traffic layer. */
export function activeActiveStack(options: StackOptions = {}): HarnessResource[] {
    const regions = options.regions ?? REGIONS;
    const stackRoot: HarnessResource = { type: "pulumi:pulumi:Stack", name: `${PROJECT}-${STACK}`, urn: ROOT_URN, custom: false, inputs: {} };
    const providers = [...new Set([...regions, "us-east-1"])].map(provider);
    const traffic = (options.traffic ?? "route53") === "route53" ? route53Traffic : cloudflareTraffic;
    const services = regions.flatMap((r) => [...serviceResources(r), ...routeResources(r, options)]);
    return [stackRoot, ...providers, ...tableResources(regions, options), ...services, ...traffic(regions, options.drain ?? [])];
}

/** GlobalTable: a key per region, then the table with its replicas. */
function tableResources(regions: string[], options: StackOptions): HarnessResource[] {
    const keys = regions.map((r) => {
        const key = resource(KMS_KEY, `app-table-${r}-key`, tableKey(r, { tags: TAGS }), { region: r });
        // What the stack rules read: the key's ARN, which the table and its replicas reference.
        return { ...key, outputs: { ...key.inputs, arn: keyArn(r) } };
    });
    const inputs = globalTable({ regions, consistency: options.consistency, witness: options.witness, tags: TAGS });
    // Protected, as GlobalTable makes it by default (`protect: true`).
    return [...keys, { ...resource(TABLE, "app-table", inputs, { region: regions[0], id: "app-table" }), protect: true }];
}

/** RegionalService in one region: role and policy, logs, function, stage and custom domain. */
function serviceResources(r: string): HarnessResource[] {
    return [
        resource(ROLE, `app-${r}-role`, functionRole({ tags: TAGS }), { region: r }),
        resource(ROLE_POLICY, `app-${r}-policy`, functionPolicy(r), { region: r }),
        resource(LOG_GROUP, `app-${r}-logs`, functionLogGroup(r, { tags: TAGS }), { region: r }),
        resource(FUNCTION, `app-${r}-fn`, lambdaFunction(r, { tags: TAGS }), { region: r }),
        resource(STAGE, `app-${r}-stage`, defaultStage(r, { tags: TAGS }), { region: r }),
        resource(DOMAIN_NAME, `app-${r}-domain`, customDomain(r, { tags: TAGS }), { region: r }),
    ];
}

/** RegionalService's routes in one region: the health route open, the item routes behind the JWT authorizer (or IAM). */
function routeResources(r: string, options: StackOptions): HarnessResource[] {
    const items = [
        ["items-route", "GET /items/{id}", "items:read"],
        ["items-put-route", "PUT /items/{id}", "items:write"],
        ["items-delete-route", "DELETE /items/{id}", "items:write"],
    ] as const;
    const iam = options.auth === "iam";
    const access = (scope: string) =>
        iam ? { authorizationType: "AWS_IAM", authorizationScopes: undefined, authorizerId: undefined } : { authorizationScopes: [scope] };
    const authorizer = iam ? [] : [resource(AUTHORIZER, `app-${r}-jwt`, jwtAuthorizer(r, options.issuer ? { jwtConfiguration: { audiences: ["orders-api"], issuer: options.issuer } } : {}), { region: r, id: `authorizer-${r}` })];
    return [
        ...authorizer,
        resource(ROUTE, `app-${r}-health-route`, healthRoute(r), { region: r }),
        ...items.map(([role, routeKey, scope]) => resource(ROUTE, `app-${r}-${role}`, itemRoute(r, { routeKey, ...access(scope) }), { region: r })),
    ];
}

export const ALARM_TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:${TRAFFIC}-alarms`;

/**
 * LatencyRouting in us-east-1: per region a check of its pinned name (declaring the 120 s target), a gate, a latency
 * record and the pinned name's record; the check over every endpoint check, the fail-open alarm over the gates, and
 * its encrypted, subscribed topic.
 */
function route53Traffic(regions: string[], drain: string[]): HarnessResource[] {
    const options = { tags: TAGS, rtoTargetSeconds: 120 };
    const perRegion = regions.flatMap((r) => [
        resource(HEALTH_CHECK, `${TRAFFIC}-${r}-check`, regionalCheck(r, options), { region: "us-east-1", id: `check-${r}` }),
        resource(HEALTH_CHECK, `${TRAFFIC}-${r}-gate`, gateCheck(r, `check-${r}`, { tags: TAGS, drained: drain.includes(r) }), { region: "us-east-1", id: `gate-${r}` }),
        resource(RECORD, `${TRAFFIC}-${r}-record`, latencyRecord(r, `gate-${r}`), { region: "us-east-1" }),
        resource(RECORD, `${TRAFFIC}-${r}-pinned`, pinnedRecord(r), { region: "us-east-1" }),
    ]);
    const global = { ...TAGS, "activeactive:scope": "global" };
    const gates = Object.fromEntries(regions.map((r) => [r, `gate-${r}`]));
    const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/alarms-key`;
    const anyRegion = anyRegionCheck(regions.map((r) => `check-${r}`), { tags: TAGS });
    return [
        ...perRegion,
        resource(HEALTH_CHECK, `${TRAFFIC}-any-region`, anyRegion, { region: "us-east-1", id: "check-any-region" }),
        resource("aws:sns/topic:Topic", `${TRAFFIC}-alarms`, { kmsMasterKeyId: keyArn, tags: global }, { region: "us-east-1", id: ALARM_TOPIC_ARN }),
        resource("aws:sns/topicSubscription:TopicSubscription", `${TRAFFIC}-alarms-email`, { topic: ALARM_TOPIC_ARN, protocol: "email", endpoint: "oncall@example.com" }, { region: "us-east-1" }),
        resource(METRIC_ALARM, `${TRAFFIC}-any-region-alarm`, failOpenAlarm(gates, ALARM_TOPIC_ARN, global), { region: "us-east-1" }),
    ];
}

/** CloudflareLoadBalancer: a monitor (every 15 s, the business plan's minimum), a pool per region, the load balancer. */
function cloudflareTraffic(regions: string[], drain: string[]): HarnessResource[] {
    const pools = regions.map((r) => resource(POOL, `${TRAFFIC}-${r}-pool`, pool(r, "monitor-1", { enabled: !drain.includes(r) }), { id: `pool-${r}` }));
    const poolIds = regions.map((r) => `pool-${r}`);
    const fallback = `pool-${regions.find((r) => !drain.includes(r)) ?? regions[0]}`;
    return [
        resource(MONITOR, `${TRAFFIC}-monitor`, monitor({ interval: 15 }), { id: "monitor-1" }),
        ...pools,
        resource(LOAD_BALANCER, `${TRAFFIC}-lb`, loadBalancer(regions, poolIds, fallback)),
    ];
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
