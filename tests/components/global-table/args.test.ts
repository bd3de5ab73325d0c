/**
 * The defaults that depend on other args, and the args with every default filled in.
 */
import * as fs from "fs";
import * as path from "path";
import { defaultTableName, GLOBAL_TABLE_DEFAULTS, provisionedCapacity, replicaRegionsOf, resolveSettings } from "../../../components/global-table/args";
import { baseArgs, fakeProviders, TAGS } from "./support";

describe("defaults", () => {
    test("the table name follows the component and the stack", () => {
        expect(defaultTableName("orders", "prod")).toBe("orders-prod");
    });

    test("replica regions: every region but home, sorted", () => {
        expect(replicaRegionsOf(["us-east-1", "eu-west-1", "ap-south-1"], "us-east-1")).toEqual(["ap-south-1", "eu-west-1"]);
        expect(replicaRegionsOf(undefined, "us-east-1")).toEqual([]);
    });

    test.each<[string, Parameters<typeof provisionedCapacity>[0], ReturnType<typeof provisionedCapacity>]>([
        ["unset: on demand", undefined, undefined],
        ["on demand", { mode: "onDemand" }, undefined],
        ["provisioned, nothing set", { mode: "provisioned" }, GLOBAL_TABLE_DEFAULTS.provisioned],
        [
            "provisioned, read capacity set",
            { mode: "provisioned", readCapacity: 20 },
            { readCapacity: 20, writeCapacity: 5, autoscaling: { maxReadCapacity: 100, maxWriteCapacity: 100, targetUtilizationPercent: 70 } },
        ],
    ])("provisioned capacity: %s", (_label, billing, expected) => {
        expect(provisionedCapacity(billing)).toEqual(expected);
    });
});

describe("resolveSettings", () => {
    test("the README's minimal args get every default", () => {
        const regions = ["us-east-1", "eu-west-1"];
        const providers = fakeProviders(regions);
        const { provider, ...settings } = resolveSettings("orders", "prod", { regions, homeRegion: "us-east-1", accountId: "123456789012", providers, partitionKey: { name: "pk", type: "S" } });
        expect(settings).toEqual({
            name: "orders",
            tableName: "orders-prod",
            regions,
            homeRegion: "us-east-1",
            replicaRegions: ["eu-west-1"],
            dataRegions: ["us-east-1", "eu-west-1"],
            consistency: "eventual",
            witnessRegion: undefined,
            partitionKey: { name: "pk", type: "S" },
            sortKey: null,
            provisioned: undefined,
            ttlAttribute: undefined,
            globalSecondaryIndexes: [],
            localSecondaryIndexes: [],
            pointInTimeRecoveryDays: 35,
            protect: true,
            allowReplicaRemoval: false,
            unprotectReplicas: [],
            deployedReplicaRegions: undefined,
            deployedUnprotectedReplicas: undefined,
            tags: {},
            accountId: "123456789012",
        });
        expect(provider("eu-west-1")).toBe(providers["eu-west-1"]);
    });

    test("given values win over defaults", () => {
        const args = { ...baseArgs(["us-east-1", "us-west-2"], { tableName: "orders", protect: false }), providers: fakeProviders(["us-east-1", "us-west-2"]) };
        const settings = resolveSettings("gt", "test", args);
        expect([settings.tableName, settings.protect, settings.sortKey, settings.tags]).toEqual(["orders", false, { name: "sk", type: "S" }, TAGS]);
        expect(settings.provider("us-east-1")).toBe(args.providers["us-east-1"]);
    });
});

describe("the defaults are written once", () => {
    const ROOT = path.resolve(__dirname, "../../..");
    /** Compares `{ mode: "onDemand" }`, `{"mode":"onDemand"}` and `` `{ mode: "onDemand" }` `` as one. */
    const normal = (text: string) => text.replace(/[\s`"]/g, "");
    const args = fs.readFileSync(path.join(ROOT, "components/global-table/args.ts"), "utf8");
    const argsInterface = args.slice(args.indexOf("export interface GlobalTableArgs {"), args.indexOf("\n}\n", args.indexOf("export interface GlobalTableArgs {")));
    /** The `@default` of every optional arg, without its parenthetical note. */
    const tsdoc = Object.fromEntries(
        [...argsInterface.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(\w+)\?:/g)].map((m) => [m[2]!, /@default ([^\n]*?)(?: \(.*\))?\s*$/m.exec(m[1]!)?.[1]]),
    );
    const docs = fs.readFileSync(path.join(ROOT, "docs/global-table.md"), "utf8");
    const argsTable = docs.slice(docs.indexOf("### Args"), docs.indexOf("### Outputs"));
    const documented = Object.fromEntries(
        argsTable
            .split("\n")
            .filter((l) => l.startsWith("| `"))
            .map((l) => l.split(/(?<!\\)\|/).map((c) => c.trim()))
            .map((cells) => [cells[1]!.replace(/`/g, ""), cells[3]!]),
    );

    test("every optional arg documents a @default value", () => {
        expect(Object.entries(tsdoc).filter(([, d]) => !d)).toEqual([]);
        expect(Object.keys(tsdoc).sort()).toEqual(
            ["allowReplicaRemoval", "billing", "consistency", "deployedReplicaRegions", "deployedUnprotectedReplicas", "globalSecondaryIndexes", "localSecondaryIndexes", "pointInTimeRecoveryDays", "protect", "sortKey", "tableName", "tags", "ttlAttribute", "unprotectReplicas", "witnessRegion"].sort(),
        );
    });

    test.each(["consistency", "sortKey", "billing", "ttlAttribute", "globalSecondaryIndexes", "localSecondaryIndexes", "pointInTimeRecoveryDays", "protect", "allowReplicaRemoval", "unprotectReplicas", "tags"] as const)(
        "%s: the TSDoc and docs/global-table.md say what GLOBAL_TABLE_DEFAULTS holds",
        (arg) => {
            const value = normal(JSON.stringify(GLOBAL_TABLE_DEFAULTS[arg]));
            expect([arg, normal(tsdoc[arg]!)]).toEqual([arg, value]);
            expect([arg, normal(documented[arg] ?? "")]).toEqual([arg, value]);
        },
    );
});
