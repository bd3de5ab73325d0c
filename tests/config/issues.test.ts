/**
 * config/issues.ts: each kind of zod issue becomes one Problem that names the key with its path, shows the value
 * and says what is allowed. The issues come from the real schema, so a zod upgrade that changes them shows here.
 */
import { z } from "zod";
import { issueProblem, keyPath, splitMessage } from "../../config/issues";
import { KEYS } from "../../config/schema";
import { renderProblem } from "../../packages/aws-facts";

/** The rendered problems of `value` under key `key`. */
function lines(key: keyof typeof KEYS, value: unknown): string[] {
    const result = (KEYS[key] as z.ZodType).safeParse(value);
    if (result.success) return [];
    return result.error.issues.map((issue) => renderProblem(issueProblem(key, value, issue)));
}

describe("keyPath", () => {
    test("puts the key under the namespace and writes indexes and fields as a reader would", () => {
        expect(keyPath("regions")).toBe("active-active:regions");
        expect(keyPath("table", ["globalSecondaryIndexes", 1, "name"])).toBe("active-active:table.globalSecondaryIndexes[1].name");
    });
});

describe("splitMessage", () => {
    test("splits a schema message at its first '; allowed: '", () => {
        expect(splitMessage('is not a key type; allowed: "S", "N", "B"')).toEqual({ reason: "is not a key type", allowed: '"S", "N", "B"' });
    });
    test("a message of zod's own words points to the reference", () => {
        expect(splitMessage("Invalid input")).toEqual({ reason: "Invalid input", allowed: "see README.md, Configuration reference" });
    });
});

describe("issueProblem", () => {
    test.each([
        ["an unknown field names the fields allowed there", "table", { pk: "id" }, [
            'active-active:table: unknown field "pk"; allowed: name, partitionKey, sortKey, billingMode, readCapacity, writeCapacity, autoscaling, onDemandThroughput, ttlAttribute, globalSecondaryIndexes, localSecondaryIndexes, pointInTimeRecoveryDays',
        ]],
        ["unknown fields of the authorizer the value names", "service", { auth: { type: "iam", issuer: "x", audience: [] } }, [
            'active-active:service.auth: unknown fields "issuer", "audience"; allowed: type',
        ]],
        ["a missing value", "homeRegion", undefined, ["active-active:homeRegion: is required; allowed: a string"]],
        ["a value of another type", "protect", "yes", ['active-active:protect: "yes" is a string; allowed: a boolean']],
        ["a fraction where an integer belongs", "rtoTargetSeconds", 1.5, ["active-active:rtoTargetSeconds: 1.5 is a fraction; allowed: an integer"]],
        ["a bad record key", "tags", { "aws:team": "x" }, ['active-active:tags: key "aws:team" uses the prefix "aws:", which AWS reserves; allowed: any other key']],
        ["a list with too few entries, in the schema's words", "regions", ["us-east-1"], ['active-active:regions: ["us-east-1"] has 1 region; allowed: at least 2 regions']],
        ["a list with too few entries", "health", { checkerRegions: ["us-east-1"] }, ['active-active:health.checkerRegions: ["us-east-1"] has too few entries; allowed: at least 3']],
        ["a number below its minimum", "rtoTargetSeconds", 0, ["active-active:rtoTargetSeconds: 0 is too small; allowed: at least 1"]],
        ["a number at an exclusive minimum", "service", { throttle: { rateLimit: 0 } }, ["active-active:service.throttle.rateLimit: 0 is too small; allowed: more than 0"]],
        ["a number above its maximum", "rtoTargetSeconds", 3601, ["active-active:rtoTargetSeconds: 3601 is too large; allowed: at most 3600"]],
        ["a string too long", "tags", { note: "n".repeat(257) }, [`active-active:tags.note: "${"n".repeat(116)}... has 257 characters; allowed: at most 256`]],
        ["a pattern the value misses, in the schema's words", "hostedZoneId", "z123", [
            'active-active:hostedZoneId: "z123" is not a Route 53 hosted zone id; allowed: Z followed by up to 31 upper-case letters or digits',
        ]],
    ])("%s", (_title, key, value, expected) => {
        expect(lines(key as keyof typeof KEYS, value)).toEqual(expected);
    });
});
