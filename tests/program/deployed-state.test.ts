/**
 * Data-loss guards at the program level: the program reads what the previous update deployed (its own
 * `deployment` output, through a StackReference to itself) and refuses, before registering the table, a config
 * that would replace the table in a protected stack or remove a replica without the two explicit steps.
 */
import { ConfigError, parseConfig } from "../../config";
import { Deployed, DeployedState, deploymentProblems, tableReplacementProblems } from "../../deployed-state";
import { MockKit } from "../../mock-kit";
import { ArgsError } from "../../components/problems";
import { renderProblem } from "../../packages/aws-facts";
import { main } from "../../program";
import { configSource, engineConfig } from "../helpers/config-source";

const SELF = "organization/active-active/prod";

function deployedProd(overrides: Partial<DeployedState["table"]> = {}, replicaRegions = ["us-east-1", "us-west-2", "eu-west-1"], unprotectedReplicas: string[] = []): DeployedState {
    return {
        replicaRegions,
        unprotectedReplicas,
        table: {
            name: "active-active-table-prod",
            homeRegion: "us-east-1",
            partitionKey: { name: "pk", type: "S" },
            sortKey: { name: "sk", type: "S" },
            consistency: "eventual",
            ...overrides,
        },
    };
}

async function runProd(set: Record<string, unknown>, deployed: DeployedState | undefined) {
    const { config, secretKeys } = engineConfig("prod", { set });
    const kit = MockKit.install({ config, secretKeys, stack: "prod", stackOutputs: deployed ? { [SELF]: { deployment: deployed } } : {} });
    const result = await kit.runProgram(() => main()).then(
        (outputs) => ({ outputs, error: undefined as Error | undefined }),
        (error: Error) => ({ outputs: undefined, error }),
    );
    return { kit, ...result };
}

/** The guard's problems as the error prints them. */
const replacementLines = (...args: Parameters<typeof tableReplacementProblems>) => tableReplacementProblems(...args).map(renderProblem);

const customResources = (kit: MockKit) => kit.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"));

describe("tableReplacementProblems", () => {
    const prod = parseConfig(configSource("prod"));

    test("nothing deployed: nothing to guard", () => {
        expect(replacementLines(prod, undefined)).toEqual([]);
    });

    test("the same identity passes", () => {
        expect(replacementLines(prod, deployedProd())).toEqual([]);
    });

    test.each([
        [
            "a new partition key",
            { partitionKey: { name: "id", type: "S" } },
            'active-active:table.partitionKey: {"name":"pk","type":"S"} would replace the deployed table (deployed: {"name":"id","type":"S"}); allowed: {"name":"id","type":"S"} while active-active:protect is true (to replace the table on purpose, first set protect to false in an update of its own)',
        ],
        [
            "no sort key any more",
            { sortKey: null },
            'active-active:table.sortKey: {"name":"sk","type":"S"} would replace the deployed table (deployed: null); allowed: null while active-active:protect is true (to replace the table on purpose, first set protect to false in an update of its own)',
        ],
        [
            "another home region",
            { homeRegion: "us-west-2" },
            'active-active:homeRegion: "us-east-1" would replace the deployed table (deployed: "us-west-2"); allowed: "us-west-2" while active-active:protect is true (to replace the table on purpose, first set protect to false in an update of its own)',
        ],
        [
            "another consistency mode",
            { consistency: "strong" },
            'active-active:consistency: "eventual" would replace the deployed table (deployed: "strong"); allowed: "strong" while active-active:protect is true (to replace the table on purpose, first set protect to false in an update of its own)',
        ],
    ])("%s is refused in a protected stack", (_title, table, message) => {
        expect(replacementLines(prod, deployedProd(table as Partial<DeployedState["table"]>))).toEqual([message]);
    });

    test("an explicit table name that differs from the deployed one is refused", () => {
        const config = parseConfig(configSource("prod", { set: { "active-active:table": { name: "orders" } } }));
        expect(replacementLines(config, deployedProd())).toEqual([
            'active-active:table.name: "orders" would replace the deployed table (deployed: "active-active-table-prod"); allowed: "active-active-table-prod" while active-active:protect is true (to replace the table on purpose, first set protect to false in an update of its own)',
        ]);
    });

    test("an unprotected stack may replace the table", () => {
        const config = parseConfig(configSource("prod", { set: { "active-active:protect": false } }));
        expect(replacementLines(config, deployedProd({ partitionKey: { name: "id", type: "S" } }))).toEqual([]);
    });
});

describe("the program against what is deployed", () => {
    test("the first deployment (no previous outputs) plans the table", async () => {
        const { kit, error } = await runProd({}, undefined);
        expect(error).toBeUndefined();
        expect(kit.resourcesOfType("aws:dynamodb/table:Table")).toHaveLength(1);
    });

    test("an unchanged redeployment plans the table and exports what the next run reads", async () => {
        const { kit, error, outputs } = await runProd({}, deployedProd());
        expect(error).toBeUndefined();
        expect(kit.resourcesOfType("aws:dynamodb/table:Table")).toHaveLength(1);
        expect(await kit.unwrap(outputs!.deployment as any)).toEqual(deployedProd());
    });

    test("a key schema change in a protected stack fails before any resource is registered", async () => {
        const { kit, error } = await runProd({ "active-active:table": { partitionKey: { name: "id", type: "S" } } }, deployedProd());
        expect(error?.name).toBe("DataLossGuardError");
        expect(error).toBeInstanceOf(ArgsError);
        expect(error?.message.split("\n")[0]).toBe("Refusing a change that would replace the table (1 problem):");
        expect((error as any).problems).toEqual([
            'active-active:table.partitionKey: {"name":"id","type":"S"} would replace the deployed table (deployed: {"name":"pk","type":"S"}); allowed: {"name":"pk","type":"S"} while active-active:protect is true (to replace the table on purpose, first set protect to false in an update of its own)',
        ]);
        expect(customResources(kit)).toEqual([]);
    });

    test("removing a region without allowReplicaRemoval fails and registers no table", async () => {
        const { kit, error } = await runProd({ "active-active:regions": ["us-east-1", "us-west-2"] }, deployedProd());
        expect(error?.name).toBe("ArgsError");
        expect((error as any).problems).toEqual([
            'regions: removing eu-west-1 would delete its replica and the data in it; allowed: keep eu-west-1 in regions, or remove in two updates: first unprotectReplicas: ["eu-west-1"] with eu-west-1 kept in regions, then drop it from regions with allowReplicaRemoval: true',
        ]);
        expect(kit.resourcesOfType("aws:dynamodb/table:Table")).toEqual([]);
    });

    test("the two-step removal: unprotect first, then remove with the flag", async () => {
        const step1 = await runProd({ "active-active:unprotectReplicas": ["eu-west-1"] }, deployedProd());
        expect(step1.error).toBeUndefined();
        const replica1 = (step1.kit.resourcesOfType("aws:dynamodb/table:Table")[0]!.inputs.replicas as any[]).find((r) => r.regionName === "eu-west-1");
        expect(replica1.deletionProtectionEnabled).toBe(false);

        const step2 = await runProd(
            { "active-active:regions": ["us-east-1", "us-west-2"], "active-active:allowReplicaRemoval": true, "active-active:unprotectReplicas": ["eu-west-1"] },
            deployedProd({}, ["us-east-1", "us-west-2", "eu-west-1"], ["eu-west-1"]),
        );
        expect(step2.error).toBeUndefined();
        const regions = (step2.kit.resourcesOfType("aws:dynamodb/table:Table")[0]!.inputs.replicas as any[]).map((r) => r.regionName);
        expect(regions).toEqual(["us-west-2"]);
    });

    test("a bad config is reported as such even when a deployment exists", async () => {
        const { error } = await runProd({ "active-active:regions": ["us-east-1", "us-east-1"] }, deployedProd());
        expect(error).toBeInstanceOf(ConfigError);
    });
});

describe("a fleet against what is deployed (active-active:services)", () => {
    const FLEET = [
        { name: "orders", domain: "orders.example.com" },
        { name: "users", domain: "users.example.com" },
    ];
    const record = (table: string, change: Partial<DeployedState["table"]> = {}): DeployedState => ({ ...deployedProd(change), table: { ...deployedProd(change).table, name: table } });
    const deployedFleet = (change: Partial<DeployedState["table"]> = {}) => ({
        orders: record("active-active-orders-table-prod"),
        users: record("active-active-users-table-prod", change),
    });
    const lines = (set: Record<string, unknown>, deployed: Deployed, stack: "prod" | "dev" = "prod") => deploymentProblems(parseConfig(configSource(stack, { set })), deployed).map(renderProblem);
    const ALLOWED = "while active-active:protect is true (to replace a table on purpose, move its data, then set protect to false in an update of its own)";

    test("the same fleet passes; a first deployment has nothing to guard", () => {
        expect(lines({ services: FLEET }, { services: deployedFleet(), record: deployedFleet().orders })).toEqual([]);
        expect(lines({ services: FLEET }, {})).toEqual([]);
    });

    test("one service becoming a fleet is refused in a protected stack: the deployed table would be deleted", () => {
        expect(lines({ services: FLEET }, { record: deployedProd() })).toEqual([
            `active-active:services: ["orders","users"] would replace the deployed table "active-active-table-prod" of the stack's one service with a table per service; allowed: no services key ${ALLOWED}`,
        ]);
    });

    test("a fleet becoming one service, or dropping a service, is refused in a protected stack", () => {
        expect(lines({}, { services: deployedFleet(), record: deployedFleet().orders })).toEqual([
            `active-active:services: is unset, which would replace the deployed fleet's tables (services orders, users) with one service's; allowed: the deployed services ${ALLOWED}`,
        ]);
        expect(lines({ services: FLEET.slice(0, 1) }, { services: deployedFleet(), record: deployedFleet().orders })).toEqual([
            `active-active:services: ["orders"] drops service "users", whose table "active-active-users-table-prod" is deployed; allowed: every deployed service (orders, users) ${ALLOWED}`,
        ]);
    });

    test("each service's table is checked against its own record, at that service's key", () => {
        expect(lines({ services: FLEET }, { services: deployedFleet({ partitionKey: { name: "id", type: "S" } }), record: deployedFleet().orders })).toEqual([
            'active-active:services[1].table.partitionKey: {"name":"pk","type":"S"} would replace the deployed table (deployed: {"name":"id","type":"S"}); allowed: {"name":"id","type":"S"} while active-active:protect is true (to replace the table on purpose, first set protect to false in an update of its own)',
        ]);
    });

    test("an unprotected stack may make or unmake a fleet (its tables are not protected either)", () => {
        expect(lines({ services: FLEET }, { record: deployedProd() }, "dev")).toEqual([]);
    });

    test("the program refuses one service becoming a fleet before registering anything", async () => {
        const { kit, error } = await runProd({ services: FLEET }, deployedProd());
        expect(error?.name).toBe("DataLossGuardError");
        expect(customResources(kit)).toEqual([]);
    });

    test("what a fleet's run exports is what the next run reads: the same fleet passes, a dropped service is refused", async () => {
        const first = await runProd({ services: FLEET }, undefined);
        expect(first.error).toBeUndefined();
        const services = first.outputs!.services as Record<string, { deployment: unknown }>;
        const exported = {
            deployment: await first.kit.unwrap(first.outputs!.deployment as any),
            services: Object.fromEntries(await Promise.all(Object.entries(services).map(async ([name, out]) => [name, { deployment: await first.kit.unwrap(out.deployment as any) }]))),
        };
        expect(Object.keys(exported.services)).toEqual(["orders", "users"]);
        const again = (set: Record<string, unknown>) => {
            const { config, secretKeys } = engineConfig("prod", { set });
            const kit = MockKit.install({ config, secretKeys, stack: "prod", stackOutputs: { [SELF]: exported } });
            return kit.runProgram(() => main()).then(() => undefined, (e: Error) => e);
        };
        expect(await again({ services: FLEET })).toBeUndefined();
        const dropped = await again({ services: FLEET.slice(0, 1) });
        expect([dropped?.name, (dropped as any)?.problems]).toEqual([
            "DataLossGuardError",
            [`active-active:services: ["orders"] drops service "users", whose table "${(exported.services.users!.deployment as DeployedState).table.name}" is deployed; allowed: every deployed service (orders, users) ${ALLOWED}`],
        ]);
    });

    test("every service of a deployed fleet guards its own replicas: the second service's record refuses removing its region", async () => {
        // orders was deployed on two regions, users on three: dropping eu-west-1 deletes only users' replica.
        const orders = { ...deployedFleet().orders, replicaRegions: ["us-east-1", "us-west-2"] };
        const previous = { deployment: orders, services: { orders: { deployment: orders }, users: { deployment: deployedFleet().users } } };
        const { config, secretKeys } = engineConfig("prod", { set: { services: FLEET, "active-active:regions": ["us-east-1", "us-west-2"] } });
        const kit = MockKit.install({ config, secretKeys, stack: "prod", stackOutputs: { [SELF]: previous } });
        const error = await kit.runProgram(() => main()).then(() => undefined, (e: Error) => e);
        expect(error?.name).toBe("ArgsError");
        expect(error?.message.split("\n")[0]).toBe('GlobalTable "active-active-users-table" (1 problem):');
        expect((error as any).problems).toEqual([
            'regions: removing eu-west-1 would delete its replica and the data in it; allowed: keep eu-west-1 in regions, or remove in two updates: first unprotectReplicas: ["eu-west-1"] with eu-west-1 kept in regions, then drop it from regions with allowReplicaRemoval: true',
        ]);
    });
});
