/**
 * GlobalTable under the mock kit: exact child sets, exact inputs, the provider (region) of every child, the one
 * error it throws, and the replica-removal guard against the deployed state. The validators' tables are in
 * validate.test.ts.
 *
 * What mocks cannot prove: that AWS accepts the key policy, that `ignoreChanges` paths into the GSI set behave as
 * intended, and the engine's enforcement of `protect` (the kit records it; it does not act on it).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { MockKit, MOCK_ACCOUNT_ID, RecordedResource } from "../../../mock-kit";
import { GLOBAL_TABLE_TYPE, GlobalTable, GlobalTableBilling } from "../../../components/global-table";
import { globalTableKeyPolicy } from "../../../components/kms";
import { ArgsError } from "../../../components/problems";
import { Args, baseArgs, DEPLOYED_REGIONS, REMOVE_EU_WEST_1, STILL_PROTECTED, TAGS } from "./support";

const ROOT = path.resolve(__dirname, "../../..");
const TABLE = "aws:dynamodb/table:Table";
const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";
const TARGET = "aws:appautoscaling/target:Target";
const POLICY = "aws:appautoscaling/policy:Policy";

function realProviders(regions: string[]): Record<string, aws.Provider> {
    return Object.fromEntries(regions.map((r) => [r, new aws.Provider(`aws-${r}`, { region: r as aws.Region })]));
}

interface Deployed {
    kit: MockKit;
    gt: GlobalTable;
    table: RecordedResource;
    children: RecordedResource[];
}

/** Runs a program with one GlobalTable "gt"; `args` may be a function when they hold resources of the program. */
async function deploy(args: Args | (() => Args), kitOptions: Parameters<typeof MockKit.install>[0] = {}): Promise<Deployed> {
    const kit = MockKit.install(kitOptions);
    let gt!: GlobalTable;
    await kit.runProgram(() => {
        const { providerRegions, ...rest } = typeof args === "function" ? args() : args;
        gt = new GlobalTable("gt", { ...rest, providers: realProviders(providerRegions ?? rest.regions) });
        return {};
    });
    const component = kit.get(GLOBAL_TABLE_TYPE, "gt");
    return { kit, gt, table: kit.get(TABLE, "gt-table"), children: kit.childrenOf(component) };
}

/** The error a component constructor throws, and what the kit recorded by then. */
async function deployError(args: Args): Promise<{ error: ArgsError; kit: MockKit }> {
    const kit = MockKit.install({});
    let error: unknown;
    await kit
        .runProgram(() => {
            const { providerRegions, ...rest } = args;
            new GlobalTable("gt", { ...rest, providers: realProviders(providerRegions ?? args.regions) });
            return {};
        })
        .catch((e: unknown) => (error = e));
    if (!(error instanceof ArgsError)) throw new Error(`expected an ArgsError, got ${String(error)}`);
    return { error, kit };
}

function names(rs: RecordedResource[]): string[] {
    return rs.map((r) => `${r.type} ${r.name}`).sort();
}

function keyArn(kit: MockKit, region: string): string {
    return kit.get(KEY, `gt-${region}-key`).outputs.arn as string;
}

function expectedChildren(regions: string[]): string[] {
    return [
        `${TABLE} gt-table`,
        ...regions.flatMap((r) => [`${KEY} gt-${r}-key`, `${ALIAS} gt-${r}-key-alias`]),
    ].sort();
}

function replica(kit: MockKit, region: string, extra: Record<string, unknown> = {}) {
    return {
        regionName: region,
        consistencyMode: "EVENTUAL",
        kmsKeyArn: keyArn(kit, region),
        pointInTimeRecovery: true,
        deletionProtectionEnabled: true,
        propagateTags: true,
        ...extra,
    };
}

function problemsOf(message: string): string[] {
    return message.split("\n").slice(1).map((l) => l.replace(/^ {2}- /, ""));
}

// ---- children, inputs and providers ------------------------------------------------------------------------------
describe("eventual consistency, on demand", () => {
    test("2 regions: exact children, exact table inputs, exact key and alias inputs, providers", async () => {
        const { kit, gt, table, children } = await deploy(baseArgs(["us-east-1", "us-west-2"], { ttlAttribute: "expiresAt" }));

        expect(names(children)).toEqual(expectedChildren(["us-east-1", "us-west-2"]));
        expect(table.inputs).toEqual({
            name: "gt-test",
            billingMode: "PAY_PER_REQUEST",
            hashKey: "pk",
            rangeKey: "sk",
            attributes: [
                { name: "pk", type: "S" },
                { name: "sk", type: "S" },
            ],
            globalSecondaryIndexes: [],
            localSecondaryIndexes: [],
            streamEnabled: true,
            streamViewType: "NEW_AND_OLD_IMAGES",
            serverSideEncryption: { enabled: true, kmsKeyArn: keyArn(kit, "us-east-1") },
            pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 },
            deletionProtectionEnabled: true,
            ttl: { attributeName: "expiresAt", enabled: true },
            replicas: [replica(kit, "us-west-2")],
            tags: TAGS,
        });
        expect(table.ignoreChanges).toEqual([]);

        for (const region of ["us-east-1", "us-west-2"]) {
            const key = kit.get(KEY, `gt-${region}-key`);
            expect(key.inputs).toEqual({
                description: `DynamoDB global table gt-test, data in ${region}`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: JSON.stringify(globalTableKeyPolicy({ partition: "aws", dnsSuffix: "amazonaws.com", accountId: MOCK_ACCOUNT_ID, region })),
                tags: TAGS,
            });
            expect(kit.get(ALIAS, `gt-${region}-key-alias`).inputs).toEqual({ name: `alias/dynamodb/gt-test-${region}`, targetKeyId: key.outputs.keyId });
        }

        const regionOf = Object.fromEntries(children.map((c) => [c.name, kit.providerRegion(c)]));
        expect(regionOf).toEqual({
            "gt-table": "us-east-1",
            "gt-us-east-1-key": "us-east-1",
            "gt-us-east-1-key-alias": "us-east-1",
            "gt-us-west-2-key": "us-west-2",
            "gt-us-west-2-key-alias": "us-west-2",
        });

        expect(gt.replicaRegions).toEqual(["us-west-2"]);
        expect(await kit.unwrap(gt.tableName)).toBe("gt-test");
        const arn = (r: string) => `arn:aws:dynamodb:${r}:${MOCK_ACCOUNT_ID}:table/gt-test`;
        expect(Object.keys(gt.tableArns).sort()).toEqual(["us-east-1", "us-west-2"]);
        expect(await kit.unwrap(gt.tableArns["us-east-1"]!)).toBe(arn("us-east-1"));
        expect(await kit.unwrap(gt.tableArns["us-west-2"]!)).toBe(arn("us-west-2"));
        expect(await kit.unwrap(gt.streamArns["us-east-1"]!)).toBe(`${arn("us-east-1")}/stream/2026-01-01T00:00:00.000`);
        expect(await kit.unwrap(gt.streamArns["us-west-2"]!)).toBe(`${arn("us-west-2")}/stream/2026-01-01T00:00:00.000`);
        expect(await kit.unwrap(gt.kmsKeyArns["us-east-1"]!)).toBe(keyArn(kit, "us-east-1"));
        expect(await kit.unwrap(gt.kmsKeyArns["us-west-2"]!)).toBe(keyArn(kit, "us-west-2"));
        expect(await kit.unwrap(gt.unprotectedReplicas)).toEqual([]);
    });

    test.each([
        [["us-east-1", "eu-west-1", "ap-southeast-2"]],
        [["eu-central-1", "us-east-1", "us-west-2", "ap-northeast-1", "sa-east-1"]],
    ])("%j: exact children; every replica has PITR, its own region's key, deletion protection, propagateTags", async (regions) => {
        const { kit, table, children } = await deploy(baseArgs(regions));
        const home = regions[0]!;
        const replicaRegions = regions.slice(1).sort();

        expect(names(children)).toEqual(expectedChildren(regions));
        expect(table.inputs.replicas).toEqual(replicaRegions.map((r) => replica(kit, r)));
        for (const r of table.inputs.replicas as { regionName: string; kmsKeyArn: string }[]) {
            expect(r.kmsKeyArn).toContain(`:${r.regionName}:`);
        }
        expect(table.inputs.serverSideEncryption.kmsKeyArn).toContain(`:${home}:`);
        expect(kit.providerRegion(table)).toBe(home);
        for (const region of regions) {
            expect(kit.providerRegion(kit.get(KEY, `gt-${region}-key`))).toBe(region);
            expect(kit.providerRegion(kit.get(ALIAS, `gt-${region}-key-alias`))).toBe(region);
        }
    });

    test("local secondary indexes (eventual consistency only) and their sort keys", async () => {
        const { table } = await deploy(
            baseArgs(["us-east-1", "us-west-2"], {
                localSecondaryIndexes: [
                    { name: "byDate", sortKey: { name: "date", type: "S" } },
                    { name: "byAmount", sortKey: { name: "amount", type: "N" }, projection: "KEYS_ONLY" },
                ],
            }),
        );
        expect(table.inputs.localSecondaryIndexes).toEqual([
            { name: "byDate", rangeKey: "date", projectionType: "ALL" },
            { name: "byAmount", rangeKey: "amount", projectionType: "KEYS_ONLY" },
        ]);
        expect(table.inputs.attributes).toEqual([
            { name: "pk", type: "S" },
            { name: "sk", type: "S" },
            { name: "date", type: "S" },
            { name: "amount", type: "N" },
        ]);
    });

    test("every taggable child carries the tags; aliases take none", async () => {
        const { children } = await deploy(baseArgs(["us-east-1", "us-west-2"]));
        const untaggable = [ALIAS, POLICY];
        for (const c of children) {
            if (untaggable.includes(c.type)) expect(c.inputs.tags).toBeUndefined();
            else expect([c.name, c.inputs.tags]).toEqual([c.name, TAGS]);
        }
    });
});

// ---- strong consistency ------------------------------------------------------------------------------------------
describe("strong consistency", () => {
    test("3 regions of one set: STRONG replicas, no witness, no TTL", async () => {
        const { kit, table, children } = await deploy(baseArgs(["us-east-1", "us-east-2", "us-west-2"], { consistency: "strong" }));
        expect(names(children)).toEqual(expectedChildren(["us-east-1", "us-east-2", "us-west-2"]));
        expect(table.inputs.replicas).toEqual([
            replica(kit, "us-east-2", { consistencyMode: "STRONG" }),
            replica(kit, "us-west-2", { consistencyMode: "STRONG" }),
        ]);
        expect(table.inputs.globalTableWitness).toBeUndefined();
        expect(table.inputs.ttl).toBeUndefined();
    });

    test("2 regions plus a witness: one STRONG replica, the witness, and no key or provider in the witness region", async () => {
        const { kit, table, children } = await deploy(
            baseArgs(["eu-west-1", "eu-west-2"], { consistency: "strong", witnessRegion: "eu-central-1" }),
        );
        expect(names(children)).toEqual(expectedChildren(["eu-west-1", "eu-west-2"]));
        expect(table.inputs.replicas).toEqual([replica(kit, "eu-west-2", { consistencyMode: "STRONG" })]);
        expect(table.inputs.globalTableWitness).toEqual({ regionName: "eu-central-1" });
        expect(kit.resources.filter((r) => kit.providerRegion(r) === "eu-central-1")).toEqual([]);
    });

    test("the component throws every problem at once, before registering any child", async () => {
        const { error, kit } = await deployError(baseArgs(["us-east-1", "us-west-2"], { consistency: "strong", ttlAttribute: "expiresAt" }));
        expect(error.message).toBe(
            [
                'GlobalTable "gt" (2 problems):',
                '  - regions: ["us-east-1","us-west-2"] has 2 regions; allowed with consistency "strong": exactly 3 regions, or 2 regions plus witnessRegion',
                '  - ttlAttribute: "expiresAt" is not supported with consistency "strong"; allowed: null (the app enforces expiry itself)',
            ].join("\n"),
        );
        expect(kit.resources.filter((r) => [TABLE, KEY, ALIAS].includes(r.type))).toEqual([]);
    });
});

// ---- the deployed state ------------------------------------------------------------------------------------------
describe("replica removal through the component", () => {
    const three = DEPLOYED_REGIONS;
    const two = ["us-east-1", "us-west-2"];
    const SELF = "organization/active-active/test";

    test("removing a region without allowReplicaRemoval fails before anything registers", async () => {
        const { error, kit } = await deployError(baseArgs(two, { deployedReplicaRegions: DEPLOYED_REGIONS }));
        expect(problemsOf(error.message)).toEqual([REMOVE_EU_WEST_1]);
        expect(kit.resources.filter((r) => [TABLE, KEY, ALIAS].includes(r.type))).toEqual([]);
    });

    test("both steps in one update fail: the deployed replica is still protected", async () => {
        const { error } = await deployError(
            baseArgs(two, { deployedReplicaRegions: DEPLOYED_REGIONS, deployedUnprotectedReplicas: [], allowReplicaRemoval: true, unprotectReplicas: ["eu-west-1"] }),
        );
        expect(problemsOf(error.message)).toEqual([STILL_PROTECTED]);
    });

    test("two updates: unprotect, then remove; the removed region's key leaves the program unprotected", async () => {
        // Step 1: the replica stays, its deletion protection goes off, its key drops Pulumi `protect` (kept in AWS).
        const step1 = await deploy(baseArgs(three, { deployedReplicaRegions: DEPLOYED_REGIONS, deployedUnprotectedReplicas: [], unprotectReplicas: ["eu-west-1"] }));
        expect(step1.table.inputs.replicas).toEqual([
            replica(step1.kit, "eu-west-1", { deletionProtectionEnabled: false }),
            replica(step1.kit, "us-west-2"),
        ]);
        expect(step1.table.inputs.deletionProtectionEnabled).toBe(true);
        expect(Object.fromEntries(step1.kit.resourcesOfType(KEY).map((k) => [k.name, [k.protect, k.retainOnDelete]]))).toEqual({
            "gt-us-east-1-key": [true, true],
            "gt-us-west-2-key": [true, true],
            "gt-eu-west-1-key": [false, true],
        });
        const unprotectedAfterStep1 = await step1.kit.unwrap(step1.gt.unprotectedReplicas);
        expect(unprotectedAfterStep1).toEqual(["eu-west-1"]);

        // Step 2: both lists read back through a StackReference to the stack itself, as Outputs.
        const step2 = await deploy(
            () => {
                const self = new pulumi.StackReference(SELF);
                return baseArgs(two, {
                    allowReplicaRemoval: true,
                    unprotectReplicas: ["eu-west-1"],
                    deployedReplicaRegions: self.getOutput("deployment").apply((d) => d?.replicaRegions as string[] | undefined),
                    deployedUnprotectedReplicas: self.getOutput("deployment").apply((d) => d?.unprotectedReplicas as string[] | undefined),
                });
            },
            { stackOutputs: { [SELF]: { deployment: { replicaRegions: DEPLOYED_REGIONS, unprotectedReplicas: unprotectedAfterStep1 } } } },
        );
        expect(step2.table.inputs.replicas).toEqual([replica(step2.kit, "us-west-2")]);
        expect(names(step2.children)).toEqual(expectedChildren(two));
        expect(await step2.kit.unwrap(step2.gt.unprotectedReplicas)).toEqual([]);
    });

    test("the home region in unprotectReplicas turns the table's own deletion protection off (teardown)", async () => {
        const { kit, table, gt } = await deploy(
            baseArgs(two, { protect: false, deployedReplicaRegions: two, unprotectReplicas: ["us-east-1", "us-west-2"] }),
        );
        expect(table.inputs.deletionProtectionEnabled).toBe(false);
        expect(table.inputs.replicas).toEqual([replica(kit, "us-west-2", { deletionProtectionEnabled: false })]);
        expect(await kit.unwrap(gt.unprotectedReplicas)).toEqual(["us-east-1", "us-west-2"]);
    });

    test("deployed regions read before construction (getOutputDetails) fail synchronously, before anything registers", async () => {
        const kit = MockKit.install({ stackOutputs: { [SELF]: { deployment: { replicaRegions: DEPLOYED_REGIONS } } } });
        let error: unknown;
        await kit
            .runProgram(async () => {
                const self = new pulumi.StackReference(`${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`);
                const deployment = (await self.getOutputDetails("deployment")).value as { replicaRegions: string[] } | undefined;
                new GlobalTable("gt", { ...baseArgs(two, { deployedReplicaRegions: deployment?.replicaRegions }), providers: realProviders(two) });
                return {};
            })
            .catch((e: unknown) => (error = e));
        expect(error).toBeInstanceOf(ArgsError);
        expect((error as ArgsError).problems).toEqual([REMOVE_EU_WEST_1]);
        expect(kit.resources.filter((r) => [TABLE, KEY, ALIAS].includes(r.type))).toEqual([]);
    });

    test("deployed regions read as an Output: the failing check stops the table's registration (run as a program)", () => {
        // Under jest an error thrown in an apply is reported by jest itself, so this runs in a plain node process,
        // where the kit collects it the way the language host does.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "global-table-"));
        const harness = path.join(dir, "program.js");
        const req = (p: string) => `require(${JSON.stringify(p)})`;
        fs.writeFileSync(
            harness,
            `const pulumi = ${req(require.resolve("@pulumi/pulumi"))};
const aws = ${req(require.resolve("@pulumi/aws"))};
const { MockKit } = ${req(path.join(ROOT, "mock-kit/index.ts"))};
const { GlobalTable } = ${req(path.join(ROOT, "components/global-table/index.ts"))};
const kit = MockKit.install({ stackOutputs: { ${JSON.stringify(SELF)}: { deployment: { replicaRegions: ${JSON.stringify(DEPLOYED_REGIONS)} } } } });
kit.runProgram(() => {
    const providers = {};
    for (const r of ["us-east-1", "us-west-2"]) providers[r] = new aws.Provider("aws-" + r, { region: r });
    new GlobalTable("gt", {
        regions: ["us-east-1", "us-west-2"], homeRegion: "us-east-1", accountId: "123456789012", providers, partitionKey: { name: "pk", type: "S" },
        deployedReplicaRegions: new pulumi.StackReference(${JSON.stringify(SELF)}).getOutput("deployment").apply((d) => d.replicaRegions),
    });
    return {};
});
// The failed registration leaves the component's outputs pending, so runProgram never settles; what the program
// did is known once the event loop has nothing left to run.
process.once("beforeExit", () => {
    const errors = [...new Set(kit.errors)].map((e) => e.message);
    process.stdout.write(JSON.stringify({ errors, resources: kit.resources.map((x) => x.type + " " + x.name).sort() }));
});
`,
        );
        try {
            // The exit status is not asserted: Pulumi's leak check fails the process for the outputs of the table
            // that never registered, which is this test's point.
            const run = spawnSync(process.execPath, [path.join(ROOT, "scripts/run-ts.js"), harness], { cwd: ROOT, encoding: "utf8" });
            expect(JSON.parse(run.stdout)).toEqual({
                errors: [`error serializing property "replicas": GlobalTable "gt" (1 problem):\n  - ${REMOVE_EU_WEST_1}`],
                resources: [
                    `${GLOBAL_TABLE_TYPE} gt`,
                    ...expectedChildren(two).filter((n) => !n.startsWith(TABLE)),
                    "pulumi:providers:aws aws-us-east-1",
                    "pulumi:providers:aws aws-us-west-2",
                    "pulumi:pulumi:Stack active-active-test",
                ].sort(),
            });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

// ---- protection ----------------------------------------------------------------------------------------------------
describe("protect", () => {
    const flags = (kit: MockKit) =>
        Object.fromEntries(
            [...kit.resourcesOfType(TABLE), ...kit.resourcesOfType(KEY), ...kit.resourcesOfType(ALIAS)].map((r) => [r.name, [r.protect, r.retainOnDelete]]),
        );

    test("protected (the default): the table and every key get protect and retainOnDelete", async () => {
        const { kit } = await deploy(baseArgs(["us-east-1", "us-west-2"]));
        expect(flags(kit)).toEqual({
            "gt-table": [true, true],
            "gt-us-east-1-key": [true, true],
            "gt-us-west-2-key": [true, true],
            "gt-us-east-1-key-alias": [false, false],
            "gt-us-west-2-key-alias": [false, false],
        });
    });

    test("protect: false: neither, but deletion protection stays on in AWS", async () => {
        const { kit, table } = await deploy(baseArgs(["us-east-1", "us-west-2"], { protect: false }));
        expect(flags(kit)).toEqual({
            "gt-table": [false, false],
            "gt-us-east-1-key": [false, false],
            "gt-us-west-2-key": [false, false],
            "gt-us-east-1-key-alias": [false, false],
            "gt-us-west-2-key-alias": [false, false],
        });
        expect(table.inputs.deletionProtectionEnabled).toBe(true);
        expect(table.inputs.replicas.map((r: { deletionProtectionEnabled: boolean }) => r.deletionProtectionEnabled)).toEqual([true]);
    });
});

// ---- provisioned capacity ----------------------------------------------------------------------------------------
describe("provisioned billing", () => {
    test("is refused before anything registers: DynamoDB adds no replica to a provisioned table without write auto scaling (terraform-provider-aws#13097)", async () => {
        await expect(deploy(baseArgs(["us-east-1", "us-west-2"], { billing: { mode: "provisioned" } }))).rejects.toThrow(
            'billing.mode: "provisioned" cannot carry replicas',
        );
    });
});

