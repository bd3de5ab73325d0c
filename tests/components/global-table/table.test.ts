/**
 * The table's pure parts: a replica's spec, the attribute definitions, the index inputs and the capacity paths
 * autoscaling owns. The table as registered (and its replicas after the deployment check) is in index.test.ts.
 */
import { provisionedCapacity } from "../../../components/global-table/args";
import { attributeDefinitions, autoscaledCapacityPaths, indexInputs, replicaSpec } from "../../../components/global-table/table";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/k";
const PROVISIONED = provisionedCapacity({ mode: "provisioned", readCapacity: 10, writeCapacity: 5 });

describe("replicaSpec", () => {
    test.each<[string, "eventual" | "strong", string[], Record<string, unknown>]>([
        ["eventual, protected", "eventual", [], { consistencyMode: "EVENTUAL", deletionProtectionEnabled: true }],
        ["strong", "strong", [], { consistencyMode: "STRONG", deletionProtectionEnabled: true }],
        ["being removed", "eventual", ["eu-west-1"], { consistencyMode: "EVENTUAL", deletionProtectionEnabled: false }],
    ])("%s", (_label, consistency, unprotectReplicas, expected) => {
        expect(replicaSpec({ consistency, unprotectReplicas }, "eu-west-1", KEY)).toEqual({
            regionName: "eu-west-1",
            kmsKeyArn: KEY,
            pointInTimeRecovery: true,
            propagateTags: true,
            ...expected,
        });
    });
});

describe("attributeDefinitions", () => {
    test("every key attribute once, in the order first named: table keys, then index keys", () => {
        expect(
            attributeDefinitions({
                partitionKey: { name: "pk", type: "S" },
                sortKey: null,
                globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" }, sortKey: { name: "pk", type: "S" } }],
                localSecondaryIndexes: [{ name: "byAmount", sortKey: { name: "amount", type: "N" } }],
            }),
        ).toEqual([
            { name: "pk", type: "S" },
            { name: "owner", type: "S" },
            { name: "amount", type: "N" },
        ]);
    });
});

describe("indexInputs", () => {
    const indexes = {
        globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" as const } }],
        localSecondaryIndexes: [{ name: "byDate", sortKey: { name: "date", type: "S" as const }, projection: "KEYS_ONLY" as const }],
    };

    test("on demand: key schemas and the default projection, no capacity", () => {
        expect(indexInputs({ provisioned: undefined, onDemandThroughput: undefined, ...indexes })).toEqual({
            globalSecondaryIndexes: [{ name: "byOwner", keySchemas: [{ attributeName: "owner", keyType: "HASH" }], projectionType: "ALL" }],
            localSecondaryIndexes: [{ name: "byDate", rangeKey: "date", projectionType: "KEYS_ONLY" }],
        });
    });

    test("on demand with a cap: every global index gets the table's cap", () => {
        const cap = { maxReadRequestUnits: 40, maxWriteRequestUnits: 20 };
        expect(indexInputs({ provisioned: undefined, onDemandThroughput: cap, ...indexes }).globalSecondaryIndexes).toEqual([
            { name: "byOwner", keySchemas: [{ attributeName: "owner", keyType: "HASH" }], projectionType: "ALL", onDemandThroughput: cap },
        ]);
    });

    test("provisioned: every global index gets the table's base capacity", () => {
        expect(indexInputs({ provisioned: PROVISIONED, onDemandThroughput: undefined, ...indexes }).globalSecondaryIndexes).toEqual([
            { name: "byOwner", keySchemas: [{ attributeName: "owner", keyType: "HASH" }], projectionType: "ALL", readCapacity: 10, writeCapacity: 5 },
        ]);
    });
});

describe("autoscaledCapacityPaths", () => {
    test("ignored only when provisioned", () => {
        expect(autoscaledCapacityPaths({ provisioned: undefined })).toEqual([]);
        expect(autoscaledCapacityPaths({ provisioned: PROVISIONED })).toEqual([
            "readCapacity",
            "writeCapacity",
            "globalSecondaryIndexes[*].readCapacity",
            "globalSecondaryIndexes[*].writeCapacity",
        ]);
    });
});
