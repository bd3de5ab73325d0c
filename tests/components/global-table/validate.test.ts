/**
 * GlobalTable's pure validators, as tables: each case gives args and the exact rendered problems. The component's
 * own throwing of them is in index.test.ts.
 */
import { renderProblem } from "../../../packages/aws-facts";
import {
    GlobalTableArgs,
    ReplicaChangeInput,
    validateGlobalTableArgs,
    validateGlobalTableTopology,
    validateProviderAccounts,
    validateReplicaChanges,
} from "../../../components/global-table";
import { Args, baseArgs, DEPLOYED_REGIONS, fakeProviders, REMOVE_EU_WEST_1, STILL_PROTECTED } from "./support";

const SETS = "US: us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3";

const topology = (args: GlobalTableArgs) => validateGlobalTableTopology(args).map(renderProblem);

describe("validateGlobalTableTopology: strong consistency", () => {
    const strong = (regions: string[], extra: Partial<Args> = {}): GlobalTableArgs => ({
        ...baseArgs(regions, { consistency: "strong", ...extra }),
        providers: fakeProviders(regions),
    });

    test.each<[string, GlobalTableArgs, string[]]>([
        ["3 regions in the US set", strong(["us-east-1", "us-east-2", "us-west-2"]), []],
        ["2 regions plus a witness in the EU set", strong(["eu-west-1", "eu-west-3"], { witnessRegion: "eu-central-1" }), []],
        [
            "2 regions without a witness",
            strong(["us-east-1", "us-west-2"]),
            ['regions: ["us-east-1","us-west-2"] has 2 regions; allowed with consistency "strong": exactly 3 regions, or 2 regions plus witnessRegion'],
        ],
        [
            "4 regions",
            strong(["eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"]),
            ['regions: ["eu-west-1","eu-west-2","eu-west-3","eu-central-1"] has 4 regions; allowed with consistency "strong": exactly 3 regions, or 2 regions plus witnessRegion'],
        ],
        [
            "3 regions with a witness",
            strong(["us-east-1", "us-east-2", "us-west-2"], { witnessRegion: "us-west-1" }),
            ['regions: ["us-east-1","us-east-2","us-west-2"] has 3 regions; allowed with witnessRegion: exactly 2 regions (strong consistency is 3 replicas, or 2 replicas and a witness)'],
        ],
        [
            "3 regions across sets",
            strong(["us-east-1", "us-east-2", "eu-west-1"]),
            [`regions: ["us-east-1","us-east-2","eu-west-1"] are not all in one strong-consistency region set; allowed: all in one set (${SETS})`],
        ],
        [
            "a witness in another set",
            strong(["us-east-1", "us-east-2"], { witnessRegion: "eu-west-1" }),
            ['witnessRegion: "eu-west-1" is not in the US strong-consistency region set of regions; allowed: us-west-2'],
        ],
        [
            "the witness among the replicas",
            strong(["us-east-1", "us-west-2"], { witnessRegion: "us-west-2" }),
            ['witnessRegion: "us-west-2" is also a replica region; allowed: a third region of the same set that is not in regions'],
        ],
        [
            "TTL and local secondary indexes",
            strong(["us-east-1", "us-east-2", "us-west-2"], { ttlAttribute: "expiresAt", localSecondaryIndexes: [{ name: "byDate", sortKey: { name: "date", type: "S" } }] }),
            [
                'ttlAttribute: "expiresAt" is not supported with consistency "strong"; allowed: null (the app enforces expiry itself)',
                'localSecondaryIndexes: ["byDate"] are not supported with consistency "strong"; allowed: []',
            ],
        ],
    ])("%s", (_label, args, expected) => {
        expect(topology(args)).toEqual(expected);
    });
});

describe("validators", () => {
    const eventual = (regions: string[], extra: Partial<GlobalTableArgs> = {}): GlobalTableArgs => ({
        ...baseArgs(regions),
        providers: fakeProviders(regions),
        ...extra,
    });

    test.each<[string, GlobalTableArgs, string[]]>([
        ["2 regions", eventual(["us-east-1", "us-west-2"]), []],
        ["5 regions", eventual(["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1", "sa-east-1"]), []],
        ["1 region", eventual(["us-east-1"]), ['regions: ["us-east-1"] has 1 region; allowed: at least 2 regions']],
        [
            "a region listed twice and one that does not exist",
            eventual(["us-east-1", "us-west-2", "us-east-1", "mars-north-1"], { providers: fakeProviders(["us-east-1", "us-west-2"]) }),
            [
                'regions[2]: "us-east-1" is listed twice; allowed: each region once',
                expect.stringMatching(/^regions\[3\]: "mars-north-1" is not an AWS region; allowed: us-east-1, us-east-2, .*, sa-east-1$/),
            ],
        ],
        [
            "a home region outside the regions",
            eventual(["us-east-1", "us-west-2"], { homeRegion: "eu-west-1" }),
            ['homeRegion: "eu-west-1" is not one of the regions; allowed: us-east-1, us-west-2'],
        ],
        [
            "a region without a provider",
            eventual(["us-east-1", "us-west-2", "eu-west-1"], { providers: fakeProviders(["us-east-1"]) }),
            ["providers: no provider for us-west-2, eu-west-1; allowed: one aws.Provider per region, keyed by region"],
        ],
        [
            "a witness with eventual consistency",
            eventual(["us-east-1", "us-west-2"], { witnessRegion: "us-east-2" }),
            ['witnessRegion: "us-east-2" is only used with consistency "strong"; allowed: unset with consistency "eventual"'],
        ],
        [
            "an unknown consistency mode",
            eventual(["us-east-1", "us-west-2"], { consistency: "linearizable" as "strong" }),
            ['consistency: "linearizable" is not a consistency mode; allowed: "eventual", "strong"'],
        ],
    ])("topology: %s", (_label, args, expected) => {
        expect(topology(args)).toEqual(expected);
    });

    test.each<[string, Partial<GlobalTableArgs>, string[]]>([
        ["defaults", {}, []],
        [
            "a short table name and an out-of-range recovery period",
            { tableName: "ab", pointInTimeRecoveryDays: 36 },
            [
                'tableName: "ab" is not a DynamoDB table name; allowed: 3-255 characters of letters, digits, _ . -',
                "pointInTimeRecoveryDays: 36 is out of range; allowed: a whole number from 1 to 35",
            ],
        ],
        [
            "a table name too long for its aliases (the value is cut in the message)",
            { tableName: "t".repeat(240) },
            [`tableName: "${"t".repeat(116)}... is too long for its KMS aliases (alias/dynamodb/<table>-<region>, at most 256 characters); allowed: at most 231 characters`],
        ],
        [
            "one attribute with two types, a duplicate index name, LSIs without a sort key",
            {
                sortKey: null,
                globalSecondaryIndexes: [
                    { name: "byOwner", partitionKey: { name: "pk", type: "N" } },
                    { name: "byOwner", partitionKey: { name: "owner", type: "S" } },
                ],
                localSecondaryIndexes: [{ name: "byDate", sortKey: { name: "date", type: "S" } }],
            },
            [
                'globalSecondaryIndexes[0].partitionKey.type: "N" conflicts with partitionKey for attribute "pk"; allowed: "S" (one type per attribute)',
                'globalSecondaryIndexes[1].name: "byOwner" is used by another index; allowed: a unique name per table',
                'localSecondaryIndexes: ["byDate"] need a table sort key; allowed: [] when sortKey is null',
            ],
        ],
        [
            // DynamoDB refuses a replica on a provisioned table without write auto scaling (terraform-provider-aws#13097).
            "provisioned billing on a multi-Region table",
            { billing: { mode: "provisioned", readCapacity: 200, writeCapacity: 0, autoscaling: { maxReadCapacity: 100, maxWriteCapacity: 100, targetUtilizationPercent: 95 } } },
            [
                'billing.mode: "provisioned" cannot carry replicas: DynamoDB adds a replica to a provisioned table only once its write capacity is auto scaled, which needs the table first (terraform-provider-aws#13097); allowed: on-demand billing (PAY_PER_REQUEST) for a multi-Region table',
            ],
        ],
        [
            "unprotectReplicas listing a region twice, and an aws: tag",
            { unprotectReplicas: ["us-west-2", "us-west-2"], tags: { "aws:owner": "x" } },
            [
                'unprotectReplicas[1]: "us-west-2" is listed twice; allowed: each region once',
                'tags: "aws:owner" uses the prefix "aws:", which AWS reserves; allowed: any other key',
            ],
        ],
        [
            "a billing mode that does not exist",
            { billing: { mode: "reserved" } as unknown as GlobalTableArgs["billing"] },
            ['billing.mode: "reserved" is not a billing mode; allowed: "onDemand", "provisioned"'],
        ],
    ])("fields: %s", (_label, extra, expected) => {
        expect(validateGlobalTableArgs(eventual(["us-east-1", "us-west-2"], extra), "gt-test").map(renderProblem)).toEqual(expected);
    });
});

describe("validateReplicaChanges", () => {
    const change = (extra: Partial<ReplicaChangeInput>): ReplicaChangeInput => ({
        regions: DEPLOYED_REGIONS,
        homeRegion: "us-east-1",
        consistency: "eventual",
        allowReplicaRemoval: false,
        unprotectReplicas: [],
        deployedReplicaRegions: DEPLOYED_REGIONS,
        deployedUnprotectedReplicas: [],
        ...extra,
    });
    const two = ["us-east-1", "us-west-2"];

    test.each<[string, Partial<ReplicaChangeInput>, string[]]>([
        ["nothing deployed yet", { deployedReplicaRegions: undefined, deployedUnprotectedReplicas: undefined, regions: two }, []],
        ["unchanged", {}, []],
        ["unchanged, told without the home region", { deployedReplicaRegions: ["eu-west-1", "us-west-2"] }, []],
        ["regions added (the provider adds replicas one after another in one update)", { regions: [...DEPLOYED_REGIONS, "ap-south-1", "sa-east-1"] }, []],
        ["a region removed without the flag", { regions: two }, [REMOVE_EU_WEST_1]],
        [
            "two regions removed without the flag",
            { regions: ["us-east-1"] },
            [
                'regions: removing eu-west-1, us-west-2 would delete their replicas and the data in them; allowed: keep eu-west-1, us-west-2 in regions, or remove in two updates: first unprotectReplicas: ["eu-west-1","us-west-2"] with eu-west-1, us-west-2 kept in regions, then drop them from regions with allowReplicaRemoval: true',
            ],
        ],
        [
            "removed with the flag but never unprotected",
            { regions: two, allowReplicaRemoval: true },
            ['unprotectReplicas: "eu-west-1" is being removed but is not listed; allowed: list it until the removal is done (first an update with unprotectReplicas: ["eu-west-1"] and "eu-west-1" kept in regions, then the removal)'],
        ],
        ["removed with the flag and listed, but still protected as deployed (both steps at once)", { regions: two, allowReplicaRemoval: true, unprotectReplicas: ["eu-west-1"] }, [STILL_PROTECTED]],
        ["step 2 after step 1", { regions: two, allowReplicaRemoval: true, unprotectReplicas: ["eu-west-1"], deployedUnprotectedReplicas: ["eu-west-1"] }, []],
        ["step 2 when the unprotected state is not recorded (AWS refuses a protected replica's deletion)", { regions: two, allowReplicaRemoval: true, unprotectReplicas: ["eu-west-1"], deployedUnprotectedReplicas: undefined }, []],
        [
            "a new replica listed in unprotectReplicas",
            { regions: [...DEPLOYED_REGIONS, "sa-east-1"], unprotectReplicas: ["sa-east-1"] },
            ['unprotectReplicas: "sa-east-1" has no deployed replica yet; allowed: deployed regions only (a new replica is always created with deletion protection on)'],
        ],
        [
            "strong consistency with a replaced replica",
            { consistency: "strong", regions: ["us-east-1", "us-east-2", "us-west-2"], allowReplicaRemoval: true, deployedReplicaRegions: ["us-east-1", "us-east-2", "us-west-1"], unprotectReplicas: ["us-west-1"], deployedUnprotectedReplicas: ["us-west-1"] },
            ['regions: ["us-east-1","us-east-2","us-west-2"] differ from the deployed ["us-east-1","us-east-2","us-west-1"]; consistency "strong" fixes its replicas when the table is created; allowed: ["us-east-1","us-east-2","us-west-1"]'],
        ],
        [
            "deployed values that are not region lists",
            { deployedReplicaRegions: "us-east-1" as unknown as string[], deployedUnprotectedReplicas: { r: 1 } as unknown as string[] },
            [
                'deployedReplicaRegions: "us-east-1" is not a list of regions; allowed: undefined, or the regions read back from the previous update',
                'deployedUnprotectedReplicas: {"r":1} is not a list of regions; allowed: undefined, or the regions read back from the previous update',
            ],
        ],
    ])("%s", (_label, extra, expected) => {
        expect(validateReplicaChanges(change(extra)).map(renderProblem)).toEqual(expected);
    });
});

describe("validateProviderAccounts", () => {
    test.each<[string, string[], string[]]>([
        ["one account", ["111122223333", "111122223333", "111122223333"], []],
        [
            "a replica region's provider in another account",
            ["111122223333", "444455556666", "111122223333"],
            ['providers.us-west-2: account "444455556666" differs from the home region\'s "111122223333"; allowed: one account (replicas live in the home table\'s account)'],
        ],
    ])("%s", (_label, accounts, expected) => {
        expect(validateProviderAccounts(DEPLOYED_REGIONS, accounts).map(renderProblem)).toEqual(expected);
    });
});
