import { DYNAMODB_MAX_ITEM_BYTES } from "../packages/aws-facts/limits";

/**
 * How many bytes a JSON value takes in a DynamoDB item, by the rules of the DynamoDB Developer Guide ("Item sizes and
 * formats"): strings by their UTF-8 length, numbers about one byte per two significant digits plus one, null and
 * booleans one byte, lists and maps 3 bytes plus one byte per element plus their elements (a map's element counts
 * its name too). The number rule is approximate in the guide; this counts the larger of its readings, so the
 * estimate is never below what DynamoDB counts.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
export function dynamoSize(value: unknown): number {
    if (value === null || typeof value === "boolean") return 1;
    if (typeof value === "string") return Buffer.byteLength(value, "utf8");
    if (typeof value === "number") return numberSize(value);
    if (Array.isArray(value)) return value.reduce((sum: number, element) => sum + 1 + dynamoSize(element), 3);
    if (typeof value === "object") {
        let sum = 3;
        for (const [key, element] of Object.entries(value as Record<string, unknown>)) sum += 1 + Buffer.byteLength(key, "utf8") + dynamoSize(element);
        return sum;
    }
    return 0;
}

function numberSize(n: number): number {
    if (n === 0) return 1;
    const [mantissa] = Math.abs(n).toExponential().split("e");
    const digits = mantissa!.replace(".", "").replace(/0+$/, "").length;
    return 1 + Math.ceil(digits / 2) + (digits % 2 === 0 ? 1 : 0) + (n < 0 ? 1 : 0);
}

/**
 * What is left of an item for `data` once the service's own attributes are counted at their largest: the key
 * (`item#<43-character owner digest>#<id of at most 128>` and `item`), `entity`, `id`, `owner` (at most
 * MAX_PRINCIPAL_LENGTH), `version`, `updatedAt`, `updatedIn`, `writeId`, the TTL attribute and all their names (key
 * and TTL attribute names of up to 255 characters each) take under 4 KB.
 */
export const DATA_BUDGET_BYTES = DYNAMODB_MAX_ITEM_BYTES - 4096 - Buffer.byteLength("data");
