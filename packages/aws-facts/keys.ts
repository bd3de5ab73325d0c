/**
 * DynamoDB declares each key attribute once per table (`AttributeDefinitions`), so every key schema that names an
 * attribute (the table's, every index's) must give it the same type (CreateTable: "the attribute definitions
 * must be unique"). Tags follow AWS's tag rules. Both checks are written here once.
 */
import { RESERVED_TAG_PREFIX, TAG_KEY, TAG_VALUE_MAX_LENGTH } from "./patterns";
import { Problem, problem } from "./problems";

export type KeyType = "S" | "N" | "B";

export interface KeyUse {
    /** Where the key is declared, as the caller spells it (`partitionKey`, `active-active:table.sortKey`). */
    path: string;
    attribute: { name: string; type: string } | null | undefined;
}

/** One problem for every later use of an attribute with another type than its first use. */
export function keyTypeConflicts(uses: readonly KeyUse[]): Problem[] {
    const first = new Map<string, { type: string; path: string }>();
    const problems: Problem[] = [];
    for (const { path, attribute } of uses) {
        if (!attribute || typeof attribute.name !== "string") continue;
        const known = first.get(attribute.name);
        if (!known) first.set(attribute.name, { type: attribute.type, path });
        else if (known.type !== attribute.type) {
            problems.push(problem(`${path}.type`, attribute.type, `conflicts with ${known.path} for attribute "${attribute.name}"`, `"${known.type}" (one type per attribute)`, "key-type-conflict"));
        }
    }
    return problems;
}

/** Tag keys and values AWS accepts; the `aws:` prefix is AWS's own. */
export function tagProblems(tags: Readonly<Record<string, unknown>>, path: string): Problem[] {
    const problems: Problem[] = [];
    for (const [key, value] of Object.entries(tags)) {
        if (!TAG_KEY.pattern.test(key)) problems.push(problem(`${path}`, key, "is not a tag key", TAG_KEY.allowed, "tag-key"));
        else if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) problems.push(problem(`${path}`, key, `uses the prefix "${RESERVED_TAG_PREFIX}", which AWS reserves`, "any other key", "tag-key-reserved"));
        if (typeof value !== "string" || value.length > TAG_VALUE_MAX_LENGTH) {
            problems.push(problem(`${path}.${key}`, value, "is not a tag value", `a string of at most ${TAG_VALUE_MAX_LENGTH} characters`, "tag-value"));
        }
    }
    return problems;
}
