/**
 * `active-active:services`: a fleet of services in one stack. Each service has its own table, regional services and
 * routed name, sharing the providers and the traffic layer; without the key nothing changes (urns.test.ts pins that).
 */
import { MockKit } from "../../mock-kit";
import { main } from "../../program";
import { parseConfig } from "../../config";
import { runPlan } from "../../plan/run";
import { configSource, engineConfig } from "../helpers/config-source";
import { runPolicyPack } from "../../policies/harness";

/** The messages of one rule's violations when the whole pack runs at prod's levels. */
async function violationsOf(rule: string, resources: MockKit["resources"]): Promise<string[]> {
    const report = await runPolicyPack(resources, { env: "prod" });
    return report.violations.filter((v) => v.policy === rule).map((v) => v.message);
}

const TWO = [
    { name: "orders", domain: "orders.example.com" },
    { name: "users", domain: "users.example.com", service: { memoryMb: 512 }, table: { pointInTimeRecoveryDays: 7 } },
];
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];

async function fleetKit(services: unknown): Promise<MockKit> {
    const { config, secretKeys } = engineConfig("prod", { set: { services } });
    const kit = MockKit.install({ config, secretKeys, stack: "prod" });
    await kit.runProgram(() => main());
    return kit;
}

/** The two-service fleet's run, made once for the tests that only read it. */
let fleetOfTwo: Promise<MockKit> | undefined;
const twoServices = () => (fleetOfTwo ??= fleetKit(TWO));

describe("a fleet of two services on prod", () => {
    let kit: MockKit;
    beforeAll(async () => {
        kit = await twoServices();
    });

    test("one table per service, named after the service", () => {
        expect(kit.resourcesOfType("aws:dynamodb/table:Table").map((r) => r.name)).toEqual(["active-active-orders-table-table", "active-active-users-table-table"]);
    });

    test("one regional service per service and region, with the service's own settings", () => {
        const services = kit.resourcesOfType("activeactive:app:RegionalService").map((r) => r.name).sort();
        expect(services).toEqual([...REGIONS.map((r) => `active-active-orders-${r}`), ...REGIONS.map((r) => `active-active-users-${r}`)].sort());
        const memory = (svc: string) => kit.get("aws:lambda/function:Function", `active-active-${svc}-us-east-1-fn`).inputs.memorySize;
        expect([memory("orders"), memory("users")]).toEqual([1024, 512]);
    });

    test("each service's routed name: its own latency records and health checks in the stack's zone", () => {
        const routed = kit
            .resourcesOfType("aws:route53/record:Record")
            .filter((r) => r.inputs.latencyRoutingPolicies)
            .map((r) => [r.inputs.name, r.inputs.setIdentifier, r.inputs.zoneId].join(" "))
            .sort();
        expect(routed).toEqual(
            ["orders", "users"].flatMap((svc) => REGIONS.map((r) => `${svc}.example.com ${r} Z0123456789PRDEXAMPLE`)).sort(),
        );
        const checked = kit
            .resourcesOfType("aws:route53/healthCheck:HealthCheck")
            .filter((r) => r.inputs.type === "HTTPS")
            .map((r) => r.inputs.fqdn)
            .sort();
        expect(checked).toEqual([...REGIONS.map((r) => `${r}.orders.example.com`), ...REGIONS.map((r) => `${r}.users.example.com`)].sort());
    });

    test("the providers are shared: one per region, as without the key", () => {
        expect(kit.resourcesOfType("pulumi:providers:aws").map((r) => r.name)).toEqual(REGIONS.map((r) => `aws-${r}`));
    });

    test("the whole pack passes the fleet: region parity and the fail-open alarm count each layer once per service", async () => {
        const report = await runPolicyPack(kit.resources, { env: "prod" });
        expect(report.violations).toEqual([]);
    });

    test("region parity fails a fleet region with one service's function missing", async () => {
        const without = kit.resources.filter((r) => r.name !== "active-active-users-eu-west-1-fn");
        expect(await violationsOf("active-active-region-parity", without)).toEqual([
            'region eu-west-1 has 1 regional service (Lambda function)s ("active-active-orders-eu-west-1-fn"); allowed: exactly 2 (one per table\'s service)',
        ]);
    });

    test("a fleet's fail-open alarm must watch every gate of its own service", async () => {
        const gate = kit.get("aws:route53/healthCheck:HealthCheck", "active-active-users-routing-eu-west-1-gate");
        const resources = kit.resources.map((r) =>
            r.name === "active-active-users-routing-any-region-alarm"
                ? { ...r, outputs: { ...r.outputs, metricQueries: r.outputs.metricQueries.filter((q: any) => q.metric?.dimensions?.HealthCheckId !== gate.id) } }
                : r,
        );
        expect(await violationsOf("active-active-all-regions-unhealthy-alarm", resources)).toEqual([
            'alarm "active-active-users-routing-any-region-alarm" watches 2 of the 3 gates (not active-active-users-routing-eu-west-1-gate); allowed: every region\'s gate',
        ]);
    });

    test("the table override reaches only its service", () => {
        const pitr = (svc: string) => kit.get("aws:dynamodb/table:Table", `active-active-${svc}-table-table`).inputs.pointInTimeRecovery;
        expect([pitr("orders").recoveryPeriodInDays, pitr("users").recoveryPeriodInDays]).toEqual([35, 7]);
    });
});

test("the plan of a two-service fleet is clean: 2 tables, 2 routed names, no violation", async () => {
    const r = await runPlan({ stack: "prod", config: { "active-active:services": TWO.slice(0, 1).concat([{ name: "users", domain: "users.example.com" }]) } });
    const json = r.json!;
    expect(r.exitCode).toBe(0);
    expect(json.violations).toEqual([]);
    expect(json.resources.filter((x) => x.type === "aws:dynamodb/table:Table").map((x) => x.name)).toEqual(["active-active-orders-table-table", "active-active-users-table-table"]);
    const routed = new Set(json.resources.filter((x) => x.type === "aws:route53/record:Record" && x.inputs.latencyRoutingPolicies).map((x) => x.inputs.name));
    expect([...routed].sort()).toEqual(["orders.example.com", "users.example.com"]);
    // The quotas it needs: each service's 7 health checks (3 endpoint checks, 3 gates, 1 all-regions check).
    expect(json.quotas.healthChecks).toEqual({ needed: 14, defaultQuota: 200, fits: true });
});

describe("bad config: active-active:services", () => {
    const problems = (services: unknown): string[] => {
        try {
            parseConfig(configSource("prod", { set: { services } }));
            return [];
        } catch (e) {
            return (e as Error).message.split("\n").slice(1).map((l) => l.trim()).sort();
        }
    };

    test("bad config: a name or domain used twice names both entries", () => {
        expect(problems([{ name: "orders", domain: "a.example.com" }, { name: "orders", domain: "a.example.com" }])).toEqual([
            `- active-active:services[1].domain: "a.example.com" is also services[0]'s domain; allowed: a domain of its own per service`,
            `- active-active:services[1].name: "orders" is also services[0]'s name; allowed: a name of its own per service`,
        ]);
    });

    test("bad config: an override is checked by the stack key's own schema, at the service's path", () => {
        expect(problems([{ name: "orders", domain: "orders.example.com", service: { memoryMb: 3, colour: "red" } }])).toEqual([
            "- active-active:services[0].service.memoryMb: 3 is too small; allowed: at least 128",
            `- active-active:services[0].service: unknown field "colour"; allowed: mode, name, memoryMb, timeoutSeconds, capacityPerRegion, throttle, writeThrottle, healthThrottle, logRetentionDays, healthTimeoutMs, heartbeatIntervalMs, healthConcurrency, trafficShare, concurrencyQuota, safeDeployment, auth, endpoints`,
        ]);
    });

    test("bad config: two services with one table name (set once for the stack) are refused", () => {
        const { config } = engineConfig("prod");
        const table = { ...JSON.parse(config["active-active:table"]!), name: "shared-table" };
        expect(
            (() => {
                try {
                    parseConfig(configSource("prod", { set: { table, services: [{ name: "orders", domain: "orders.example.com" }, { name: "users", domain: "users.example.com" }] } }));
                    return [];
                } catch (e) {
                    return (e as Error).message.split("\n").slice(1).map((l) => l.trim());
                }
            })(),
        ).toEqual([`- active-active:services[1].table.name: "shared-table" is also services[0]'s table name; allowed: a table name of its own per service`]);
    });

    test("bad config: an empty list, a bad service name and an unknown field", () => {
        expect(problems([])).toEqual(["- active-active:services: [] has too few entries; allowed: at least 1"]);
        expect(problems([{ name: "Orders", domain: "orders.example.com", region: "x" }])).toEqual([
            `- active-active:services[0].name: "Orders" is not a service name; allowed: 2-31 lower-case letters, digits, hyphens, starting with a letter`,
            `- active-active:services[0]: unknown field "region"; allowed: name, domain, table, service, routing`,
        ]);
    });

    test("bad config: a cross-key rule broken by one service's override is reported at that service", () => {
        expect(problems([{ name: "orders", domain: "orders.example.com" }, { name: "users", domain: "users.example.com", service: { mode: "external" } }])).toEqual([
            `- active-active:services[1].service.endpoints: {} lacks us-east-1, us-west-2, eu-west-1; allowed: one hostname per region with mode "external"`,
        ]);
    });
});

describe("active-active-standby-warm in a fleet", () => {
    /** A latency service with the larger reservations first, then an active-passive one kept fully or not at all warm. */
    const mixed = (warmPercent: number) => [
        { name: "orders", domain: "orders.example.com", service: { capacityPerRegion: 60 } },
        { name: "users", domain: "users.example.com", service: { capacityPerRegion: 20 }, routing: { policy: "failover", standbyWarmPercent: warmPercent } },
    ];
    const reserved = (kit: MockKit, svc: string, region: string) => kit.get("aws:lambda/function:Function", `active-active-${svc}-${region}-fn`).inputs.reservedConcurrentExecutions as number;

    test("each failover service is read against its own functions: a fully warm one passes beside a larger latency service", async () => {
        const kit = await fleetKit(mixed(100));
        expect(reserved(kit, "orders", "us-east-1")).toBeGreaterThan(reserved(kit, "users", "us-east-1"));
        expect(await violationsOf("active-active-standby-warm", kit.resources)).toEqual([]);
    });

    test("a cold failover service in a fleet is reported with its own figures, at its own functions", async () => {
        const kit = await fleetKit(mixed(0));
        const peak = reserved(kit, "users", "us-east-1");
        const report = await runPolicyPack(kit.resources, { env: "prod" });
        const found = report.violations.filter((v) => v.policy === "active-active-standby-warm").map((v) => [v.message, v.resource.split("::").pop()]);
        expect(found).toEqual(
            ["eu-west-1", "us-west-2"].map((r) => [
                `standby ${r} of users.example.com keeps 0 of the primary us-east-1's ${peak} warm: ${peak} concurrent requests start cold after a failover; allowed: provisioned concurrency of at least ${peak} (routing.standbyWarmPercent 100)`,
                `active-active-users-${r}-fn`,
            ]),
        );
    });
});

describe("active-active-account-quotas", () => {
    test("the prod stack fits the default quotas: no violation", async () => {
        const { config, secretKeys } = engineConfig("prod");
        const kit = MockKit.install({ config, secretKeys, stack: "prod" });
        await kit.runProgram(() => main());
        expect(await violationsOf("active-active-account-quotas", kit.resources)).toEqual([]);
    });

    test("one health check beyond the default 200 is flagged; a raised quota in the pack config passes it", async () => {
        const kit = await twoServices();
        const check = kit.resourcesOfType("aws:route53/healthCheck:HealthCheck")[0]!;
        const have = kit.resourcesOfType("aws:route53/healthCheck:HealthCheck").length;
        // A service needs 7 checks in 3 regions (20 services: 140; 30: 210): here, as many copies as it takes.
        const extra = Array.from({ length: 201 - have }, (_, i) => ({ ...check, name: `${check.name}-x${i}`, urn: `${check.urn}-x${i}`, id: `${check.id}-x${i}` }));
        const resources = [...kit.resources, ...extra];
        expect(await violationsOf("active-active-account-quotas", resources)).toEqual([
            "the stack has 201 Route 53 health checks; allowed: at most 200 (the account's quota, pack config healthCheckQuota)",
        ]);
        const raised = await runPolicyPack(resources, { config: { "active-active-account-quotas": { healthCheckQuota: 500 } } });
        expect(raised.violations.filter((v) => v.policy === "active-active-account-quotas")).toEqual([]);
    });

    test("reservations beyond a region's reservable concurrency are flagged per region", async () => {
        const kit = await twoServices();
        const report = await runPolicyPack(kit.resources, { config: { "active-active-account-quotas": { concurrencyQuota: 300 } } });
        const reserved = (region: string) =>
            kit.resources.filter((r) => r.type === "aws:lambda/function:Function" && r.region === region).reduce((n, r) => n + (r.inputs.reservedConcurrentExecutions ?? 0), 0);
        expect(report.violations.filter((v) => v.policy === "active-active-account-quotas").map((v) => v.message).sort()).toEqual(
            ["eu-west-1", "us-east-1", "us-west-2"].map(
                (r) => `region ${r}: the stack's functions reserve ${reserved(r)} concurrent executions; allowed: at most 200 (quota 300 less the 100 Lambda keeps unreserved, pack config concurrencyQuota)`,
            ),
        );
    });
});
