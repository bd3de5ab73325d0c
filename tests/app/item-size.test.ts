import { marshall } from "@aws-sdk/util-dynamodb";
import { MAX_BODY_BYTES_LIMIT } from "../../app/config";
import { DATA_BUDGET_BYTES, dynamoSize } from "../../app/item-size";
import { parsePutBody } from "../../app/request";
import { httpEvent } from "./support";

// dynalite's item size, the engine the runtime tests write to (its reading of DynamoDB's rules).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { itemSize } = require("dynalite/db") as { itemSize: (item: Record<string, unknown>) => number };

describe("dynamoSize", () => {
    test.each<[string, Record<string, unknown>]>([
        ["strings", { s: "héllo", empty: "" }],
        ["numbers of every length and sign", { n: [0, 1, -1, 12, 123, 0.5, -0.25, 1.5e-7, 9e15, 9007199254740991, 12345.678] }],
        ["null and booleans", { a: null, b: true, c: false }],
        ["nested lists and maps", { l: [[], {}, [1, [2, { x: "y" }]]], m: { deep: { deeper: { n: 1 } } } }],
        ["a long list of one-digit numbers", { n: Array(1000).fill(1) }],
    ])("is never below dynalite's size for %s", (_name, data) => {
        expect(dynamoSize(data)).toBeGreaterThanOrEqual(itemSize(marshall(data)));
    });

    test("the worst data MAX_BODY_BYTES_LIMIT allows (one-digit numbers in a list) fits the item's data budget", () => {
        const data = { n: Array(Math.floor((MAX_BODY_BYTES_LIMIT - 8) / 2)).fill(1) };
        expect(Buffer.byteLength(JSON.stringify(data))).toBeLessThanOrEqual(MAX_BODY_BYTES_LIMIT);
        expect(dynamoSize(data)).toBeLessThan(DATA_BUDGET_BYTES);
    });

    test("data over the item budget is refused with 413 even when a larger body limit would let it through", () => {
        const data = { n: Array(200_000).fill(1) };
        const body = JSON.stringify({ data });
        const parse = () => parsePutBody(httpEvent("PUT", "/items/a", { body }), Buffer.from(body), 1_000_000);
        expect(parse).toThrow(expect.objectContaining({ statusCode: 413, code: "payload_too_large", message: `The data would take ${dynamoSize(data)} bytes in a DynamoDB item; the limit is ${DATA_BUDGET_BYTES}.` }));
    });
});
