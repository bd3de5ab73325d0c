/**
 * Every value the config accepts either plans or is refused by key (issue 14): fast-check generates stack configs
 * across the whole schema, valid and not (every key, ranges and their edges, wrong types, cross-key mixes), over
 * the three stack files, and the offline plan must exit 0 or 1 with its JSON, or 2 naming an `active-active:` key;
 * never 3, never a throw or a hang. Seeded, so a run is reproducible (PROPERTY_SEED overrides the seed); every
 * shrunk counterexample found is kept in config-property.cases.ts and runs in the fast suite too.
 */
import fc from "fast-check";
import { FOUND } from "./config-property.cases";
import { planOutcome, tally } from "./config-property";

const SEED = Number(process.env.PROPERTY_SEED ?? 20261214);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 500);

const REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"];
const anyRegion = fc.constantFrom(...REGIONS, "eu-west-9", "");
const junk = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: 5 }), fc.string({ maxLength: 8 }), fc.constant([]), fc.constant({}));
/** A value drawn mostly from `good`, sometimes junk: the schema's edges and its refusals both get exercised. */
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: junk, weight: 1 });

const service = fc.record(
    {
        capacityPerRegion: mostly(fc.integer({ min: 0, max: 12000 })),
        memoryMb: mostly(fc.integer({ min: 64, max: 11000 })),
        timeoutSeconds: mostly(fc.integer({ min: 0, max: 1000 })),
        healthTimeoutMs: mostly(fc.integer({ min: 100, max: 3000 })),
        healthConcurrency: mostly(fc.integer({ min: 0, max: 200 })),
        concurrencyQuota: mostly(fc.integer({ min: 50, max: 20000 })),
        throttle: mostly(fc.record({ rateLimit: fc.double({ min: 0, max: 20000, noNaN: true }), burstLimit: fc.integer({ min: 0, max: 10000 }) }, { requiredKeys: [] })),
        trafficShare: mostly(fc.dictionary(fc.constantFrom(...REGIONS), fc.integer({ min: 0, max: 120 }), { maxKeys: 4 })),
        logRetentionDays: mostly(fc.constantFrom(1, 7, 30, 90, 2, 400)),
        mode: mostly(fc.constantFrom("lambda", "external")),
    },
    { requiredKeys: [] },
);

const table = fc.record(
    {
        billingMode: mostly(fc.constantFrom("PAY_PER_REQUEST", "PROVISIONED")),
        readCapacity: mostly(fc.integer({ min: 0, max: 50000 })),
        ttlAttribute: mostly(fc.constantFrom("expiresAt", null, "bad name!")),
        pointInTimeRecoveryDays: mostly(fc.integer({ min: 0, max: 40 })),
        name: mostly(fc.stringMatching(/^[a-zA-Z0-9_.-]{1,12}$/)),
        globalSecondaryIndexes: mostly(fc.constant([{ name: "by-owner", partitionKey: { name: "owner", type: "S" } }])),
    },
    { requiredKeys: [] },
);

const health = fc.record(
    {
        path: mostly(fc.oneof(fc.constant("/health"), fc.nat({ max: 320 }).map((n) => `/${"h".repeat(n)}`), fc.string({ maxLength: 10 }))),
        requestIntervalSeconds: mostly(fc.constantFrom(10, 30, 20)),
        failureThreshold: mostly(fc.integer({ min: 0, max: 11 })),
        checkerRegions: mostly(fc.subarray(["us-east-1", "eu-west-1", "ap-southeast-1", "us-west-2", "sa-east-1"])),
    },
    { requiredKeys: [] },
);

const routing = fc.record(
    {
        recordType: mostly(fc.constantFrom("auto", "alias", "cname")),
        cnameTtlSeconds: mostly(fc.integer({ min: 0, max: 400 })),
        dualStack: mostly(fc.boolean()),
        recoveryControl: mostly(fc.oneof(fc.boolean(), fc.constant({ clusterArn: "arn:aws:route53-recovery-control::123456789012:cluster/abc-123" }), fc.constant({ clusterArn: "nope" }))),
        // Routing modes (issue 18): every policy, refinements that fit or not, regions the stacks have or lack.
        policy: mostly(fc.constantFrom("latency", "weighted", "geoproximity", "geolocation", "failover", "least_outstanding_requests", "least_connections", "round_robin")),
        weights: mostly(fc.dictionary(fc.constantFrom("us-east-1", "us-west-2", "eu-west-1", "ap-south-1"), fc.integer({ min: -1, max: 300 }))),
        biases: mostly(fc.dictionary(fc.constantFrom("us-east-1", "eu-west-1", "sa-east-1"), fc.integer({ min: -120, max: 120 }))),
        geolocation: mostly(
            fc.record(
                {
                    continents: fc.dictionary(fc.constantFrom("NA", "EU", "AS", "XX"), fc.constantFrom("us-east-1", "eu-west-1", "us-west-2", "ap-south-1")),
                    countries: fc.dictionary(fc.constantFrom("DE", "US", "de", "*"), fc.constantFrom("us-east-1", "eu-west-1")),
                    default: fc.constantFrom("nearest", "us-west-2", null, "mars-1"),
                },
                { requiredKeys: [] },
            ),
        ),
        standbyWarmPercent: mostly(fc.integer({ min: -10, max: 120 })),
    },
    { requiredKeys: [] },
);

/** Every key of the schema with values for it. */
const KEY_VALUES = {
        "active-active:regions": mostly(fc.subarray(REGIONS, { minLength: 0, maxLength: 4 }).chain((rs) => fc.shuffledSubarray([...rs, "eu-west-9"], { minLength: rs.length, maxLength: rs.length }))),
        "active-active:homeRegion": anyRegion,
        "active-active:accountId": mostly(fc.constantFrom("123456789012", "12345", "")),
        "active-active:drain": mostly(fc.subarray(["us-east-1", "us-west-2", "eu-west-1", "eu-west-9"])),
        "active-active:consistency": mostly(fc.constantFrom("eventual", "strong", "weird")),
        "active-active:witnessRegion": anyRegion,
        "active-active:traffic": mostly(fc.constantFrom("route53", "cloudflare")),
        "active-active:rtoTargetSeconds": mostly(fc.integer({ min: -5, max: 4000 })),
        "active-active:protect": mostly(fc.boolean()),
        "active-active:service": mostly(service),
        "active-active:table": mostly(table),
        "active-active:health": mostly(health),
        "active-active:routing": mostly(routing),
        "active-active:tags": mostly(fc.dictionary(fc.constantFrom("team", "aws:x", "Name", ""), fc.string({ maxLength: 4 }), { maxKeys: 2 })),
};

/**
 * Overrides of up to three keys of the stack file, as `--config` would pass them: few enough that a good share of
 * the configs is valid and runs the whole program, not only the schema.
 */
const overrides = fc
    .subarray(Object.keys(KEY_VALUES) as (keyof typeof KEY_VALUES)[], { maxLength: 3 })
    .chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, KEY_VALUES[k]])) as Record<string, fc.Arbitrary<unknown>>));

const stack = fc.constantFrom("dev", "staging", "prod");

test.each(FOUND.map((c) => [c.was, c] as const))("kept counterexample (was %s) plans or is refused by key", async (_was, c) => {
    expect(["planned", "refused by key"]).toContain(await planOutcome(c.stack, c.config));
});

test(`${RUNS} generated configs (seed ${SEED}): each plans (exit 0/1 with JSON) or is refused naming its key (exit 2)`, async () => {
    await fc.assert(
        fc.asyncProperty(stack, overrides, async (s, config) => {
            const outcome = await planOutcome(s, config);
            if (outcome !== "planned" && outcome !== "refused by key") throw new Error(`stack ${s}, --config ${JSON.stringify(config)}: ${outcome}`);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: false },
    );
    // Both halves of the property must have been exercised.
    process.stdout.write(`config property: ${JSON.stringify(tally)}\n`);
    expect(tally["planned"] ?? 0).toBeGreaterThan(RUNS / 10);
    expect(tally["refused by key"] ?? 0).toBeGreaterThan(RUNS / 10);
    // jest's per-test timeout, not a performance bound: 500 plans take minutes on two cores.
}, 3_600_000);
