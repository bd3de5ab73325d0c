/**
 * config/schema.ts: the stack's defaults come from the components' defaults objects, the limits and patterns from
 * aws-facts, and every message of its own reads `<reason>; allowed: <allowed>`.
 */
import { LAMBDA_DEFAULT_CONCURRENCY_QUOTA } from "../../packages/aws-facts";
import { GLOBAL_TABLE_DEFAULTS } from "../../components/global-table/args";
import { REGIONAL_SERVICE_DEFAULTS } from "../../components/regional-service/args";
import { BILLING_MODES, KEYS, says, serviceSchema, STACK_KEY_SCHEMA, tableSchema, TEXT_KEYS } from "../../config/schema";
import { MAX_GSIS, PITR_DAYS, renderProblem, tagProblems, TAG_KEY } from "../../packages/aws-facts";

describe("defaults", () => {
    test("the table's defaults are GlobalTable's, with the reference app's key schema", () => {
        const table = tableSchema.parse({});
        expect({
            billingMode: table.billingMode,
            readCapacity: table.readCapacity,
            writeCapacity: table.writeCapacity,
            autoscaling: table.autoscaling,
            pointInTimeRecoveryDays: table.pointInTimeRecoveryDays,
        }).toEqual({
            billingMode: BILLING_MODES[GLOBAL_TABLE_DEFAULTS.billing.mode],
            readCapacity: GLOBAL_TABLE_DEFAULTS.provisioned.readCapacity,
            writeCapacity: GLOBAL_TABLE_DEFAULTS.provisioned.writeCapacity,
            autoscaling: GLOBAL_TABLE_DEFAULTS.provisioned.autoscaling,
            pointInTimeRecoveryDays: GLOBAL_TABLE_DEFAULTS.pointInTimeRecoveryDays,
        });
        expect([table.partitionKey, table.sortKey]).toEqual([STACK_KEY_SCHEMA.partitionKey, STACK_KEY_SCHEMA.sortKey]);
    });

    test("the service's defaults are RegionalService's, except safeDeployment, which follows protect", () => {
        const { safeDeployment: _followsProtect, ...defaults } = REGIONAL_SERVICE_DEFAULTS;
        const { mode, endpoints, safeDeployment, concurrencyQuota, trafficShare, ...parsed } = serviceSchema.parse({});
        expect(parsed).toEqual(defaults);
        expect([mode, endpoints, safeDeployment, concurrencyQuota, trafficShare]).toEqual(["lambda", {}, undefined, LAMBDA_DEFAULT_CONCURRENCY_QUOTA, undefined]);
    });

    test("consistency, protect and replica removal default as GlobalTable's do", () => {
        expect([KEYS.consistency.parse(undefined), KEYS.protect.parse(undefined), KEYS.allowReplicaRemoval.parse(undefined)]).toEqual([
            GLOBAL_TABLE_DEFAULTS.consistency,
            GLOBAL_TABLE_DEFAULTS.protect,
            GLOBAL_TABLE_DEFAULTS.allowReplicaRemoval,
        ]);
    });
});

describe("limits and patterns from aws-facts", () => {
    test("at most MAX_GSIS global secondary indexes", () => {
        const gsi = (i: number) => ({ name: `index-${i}`, partitionKey: { name: `a${i}`, type: "S" } });
        expect(tableSchema.safeParse({ globalSecondaryIndexes: Array.from({ length: MAX_GSIS }, (_, i) => gsi(i)) }).success).toBe(true);
        expect(tableSchema.safeParse({ globalSecondaryIndexes: Array.from({ length: MAX_GSIS + 1 }, (_, i) => gsi(i)) }).success).toBe(false);
    });

    test("point-in-time recovery within PITR_DAYS", () => {
        expect([PITR_DAYS.min - 1, PITR_DAYS.min, PITR_DAYS.max, PITR_DAYS.max + 1].map((d) => tableSchema.safeParse({ pointInTimeRecoveryDays: d }).success)).toEqual([
            false, true, true, false,
        ]);
    });

    test("a tag key is judged by tagProblems and worded as it words it", () => {
        for (const key of ["team#1", "aws:owner", "AWS:owner"]) {
            const [expected] = tagProblems({ [key]: "" }, "tags");
            const result = KEYS.tags.safeParse({ [key]: "x" });
            expect(result.success).toBe(false);
            const messages = result.error!.issues.flatMap((i) => (i.code === "invalid_key" ? i.issues.map((inner) => inner.message) : []));
            expect(messages).toEqual([says(expected!.reason, expected!.allowed)]);
        }
        expect(renderProblem(tagProblems({ "team#1": "" }, "tags")[0]!)).toContain(TAG_KEY.allowed);
        expect(KEYS.tags.safeParse({ "cost-center": "4200", "app:tier": "api" }).success).toBe(true);
    });
});

describe("messages", () => {
    test("says() is the one shape: reason, then what is allowed", () => {
        expect(says("is not a key type", '"S", "N", "B"')).toBe('is not a key type; allowed: "S", "N", "B"');
    });

    test("the keys read as raw text are the string keys of the schema", () => {
        expect([...TEXT_KEYS].filter((k) => !(k in KEYS))).toEqual([]);
        expect([...TEXT_KEYS].sort()).toEqual(["accountId", "consistency", "domain", "homeRegion", "hostedZoneId", "traffic", "witnessRegion", "zoneName"]);
    });
});
