import { keyTypeConflicts, KeyUse, tagProblems } from "./keys";
import { renderProblem } from "./problems";

describe("keyTypeConflicts", () => {
    const render = (uses: KeyUse[]) => keyTypeConflicts(uses).map(renderProblem);

    it.each<[string, KeyUse[]]>([
        ["no keys", []],
        ["distinct attributes", [{ path: "partitionKey", attribute: { name: "pk", type: "S" } }, { path: "sortKey", attribute: { name: "sk", type: "N" } }]],
        ["one attribute used twice with one type", [{ path: "partitionKey", attribute: { name: "pk", type: "S" } }, { path: "gsi[0].sortKey", attribute: { name: "pk", type: "S" } }]],
        ["absent keys (a table without a sort key)", [{ path: "partitionKey", attribute: { name: "pk", type: "S" } }, { path: "sortKey", attribute: null }, { path: "gsi[0].sortKey", attribute: undefined }]],
        ["a key whose name is not a string (reported by the shape checks, not here)", [{ path: "partitionKey", attribute: { name: 1 as unknown as string, type: "S" } }, { path: "sortKey", attribute: { name: 1 as unknown as string, type: "N" } }]],
    ])("accepts %s", (_title, uses) => {
        expect(render(uses)).toEqual([]);
    });

    it("names the later use, its type, the first use and the type it set", () => {
        expect(
            render([
                { path: "partitionKey", attribute: { name: "pk", type: "S" } },
                { path: "globalSecondaryIndexes[0].partitionKey", attribute: { name: "pk", type: "N" } },
            ]),
        ).toEqual(['globalSecondaryIndexes[0].partitionKey.type: "N" conflicts with partitionKey for attribute "pk"; allowed: "S" (one type per attribute)']);
    });

    it("compares every later use with the first, each conflict once, in order", () => {
        expect(
            render([
                { path: "table.sortKey", attribute: { name: "at", type: "N" } },
                { path: "table.gsi[0].sortKey", attribute: { name: "at", type: "S" } },
                { path: "table.gsi[1].sortKey", attribute: { name: "at", type: "S" } },
                { path: "table.lsi[0].sortKey", attribute: { name: "at", type: "N" } },
            ]),
        ).toEqual([
            'table.gsi[0].sortKey.type: "S" conflicts with table.sortKey for attribute "at"; allowed: "N" (one type per attribute)',
            'table.gsi[1].sortKey.type: "S" conflicts with table.sortKey for attribute "at"; allowed: "N" (one type per attribute)',
        ]);
    });

    it("gives each problem the rule's code", () => {
        const [p] = keyTypeConflicts([
            { path: "a", attribute: { name: "x", type: "S" } },
            { path: "b", attribute: { name: "x", type: "B" } },
        ]);
        expect(p?.code).toBe("key-type-conflict");
    });
});

describe("tagProblems", () => {
    const render = (tags: Record<string, unknown>, path = "tags") => tagProblems(tags, path).map(renderProblem);

    it.each<[string, Record<string, unknown>]>([
        ["no tags", {}],
        ["ordinary keys and values", { env: "prod", "app:name": "active-active", "cost center": "42", "team/owner": "platform@example.com" }],
        ["a 128-character key and a 256-character value", { ["k".repeat(128)]: "v".repeat(256) }],
        ["an empty value", { env: "" }],
        ["aws inside a key, not as its prefix", { "my-aws:key": "x" }],
    ])("accepts %s", (_title, tags) => {
        expect(render(tags)).toEqual([]);
    });

    it.each<[string, Record<string, unknown>, string[]]>([
        ["the reserved prefix", { "aws:owner": "x" }, ['tags: "aws:owner" uses the prefix "aws:", which AWS reserves; allowed: any other key']],
        ["the reserved prefix in upper case", { "AWS:owner": "x" }, ['tags: "AWS:owner" uses the prefix "aws:", which AWS reserves; allowed: any other key']],
        ["an empty key", { "": "x" }, ['tags: "" is not a tag key; allowed: 1-128 letters, digits, spaces and _ . : / = + - @']],
        ["a 129-character key", { ["k".repeat(129)]: "x" }, [`tags: "${"k".repeat(116)}... is not a tag key; allowed: 1-128 letters, digits, spaces and _ . : / = + - @`]],
        ["a character AWS does not take", { "env!": "x" }, ['tags: "env!" is not a tag key; allowed: 1-128 letters, digits, spaces and _ . : / = + - @']],
        ["a value over 256 characters", { env: "v".repeat(257) }, [`tags.env: "${"v".repeat(116)}... is not a tag value; allowed: a string of at most 256 characters`]],
        ["a value that is not a string", { env: 3 }, ["tags.env: 3 is not a tag value; allowed: a string of at most 256 characters"]],
        [
            "a bad key and its bad value: both",
            { "aws:env": null },
            ['tags: "aws:env" uses the prefix "aws:", which AWS reserves; allowed: any other key', "tags.aws:env: null is not a tag value; allowed: a string of at most 256 characters"],
        ],
    ])("refuses %s", (_title, tags, expected) => {
        expect(render(tags)).toEqual(expected);
    });

    it("puts the caller's path in front", () => {
        expect(render({ "aws:x": "1" }, "active-active:tags")).toEqual(['active-active:tags: "aws:x" uses the prefix "aws:", which AWS reserves; allowed: any other key']);
    });
});
