/**
 * `--config` keys with a path, as `pulumi config set --path` takes them: a setting inside an object key changes
 * that setting only (overriding `active-active:table` whole used to drop prod's GSI).
 */
import { ConfigPathError, getAtPath, parseConfigPath, setAtPath } from "../../mock-kit/config-path";
import { loadStackConfig } from "../../mock-kit";

describe("parseConfigPath", () => {
    test.each([
        ["active-active:drain", { key: "active-active:drain", path: [] }],
        ["active-active:service.capacityPerRegion", { key: "active-active:service", path: ["capacityPerRegion"] }],
        ["active-active:drain[0]", { key: "active-active:drain", path: [0] }],
        ["active-active:table.globalSecondaryIndexes[0].name", { key: "active-active:table", path: ["globalSecondaryIndexes", 0, "name"] }],
        ['active-active:tags["cost.center"]', { key: "active-active:tags", path: ["cost.center"] }],
        ["regions", { key: "regions", path: [] }],
    ])("%s", (text, expected) => {
        expect(parseConfigPath(text)).toEqual(expected);
    });

    test("a malformed path names where it stops", () => {
        expect(() => parseConfigPath("active-active:table..name")).toThrow(new ConfigPathError('active-active:table..name: cannot read the path at "..name"'));
        expect(() => parseConfigPath("active-active:drain[x]")).toThrow(new ConfigPathError('active-active:drain[x]: cannot read the path at "[x]"'));
    });
});

describe("setAtPath", () => {
    test("sets one field and keeps its siblings, copying only what changes", () => {
        const before = { memoryMb: 1024, capacityPerRegion: 50 };
        expect(setAtPath("k", before, ["capacityPerRegion"], 40)).toEqual({ memoryMb: 1024, capacityPerRegion: 40 });
        expect(before).toEqual({ memoryMb: 1024, capacityPerRegion: 50 });
    });
    test("creates objects and lists on the way, appends at the end of a list", () => {
        expect(setAtPath("k", undefined, ["a", 0, "b"], 1)).toEqual({ a: [{ b: 1 }] });
        expect(setAtPath("k", ["us-east-1"], [1], "us-west-2")).toEqual(["us-east-1", "us-west-2"]);
    });
    test("refuses a field of a scalar and an index past the end", () => {
        expect(() => setAtPath("active-active:protect.x", true, ["x"], 1)).toThrow('active-active:protect.x: cannot set field "x" of a boolean');
        expect(() => setAtPath("active-active:drain[3]", [], [3], "x")).toThrow("active-active:drain[3]: index 3 is past the end of the list (length 0); allowed: 0-0");
    });
    test("getAtPath reads what setAtPath wrote", () => {
        expect(getAtPath(setAtPath("k", {}, ["a", 0], 7), ["a", 0])).toBe(7);
        expect(getAtPath({ a: 1 }, ["b", "c"])).toBeUndefined();
    });
});

describe("loadStackConfig with path overrides", () => {
    test("prod's service keeps every other setting when one is overridden, and the override is recorded", () => {
        const file = JSON.parse(loadStackConfig("prod").config["active-active:service"]!);
        expect(Object.keys(file).length).toBeGreaterThan(1);
        const loaded = loadStackConfig("prod", { "active-active:service.capacityPerRegion": file.capacityPerRegion + 1 });
        expect(JSON.parse(loaded.config["active-active:service"]!)).toEqual({ ...file, capacityPerRegion: file.capacityPerRegion + 1 });
        expect(loaded.overrides).toEqual([{ key: "active-active:service.capacityPerRegion", before: file.capacityPerRegion, after: file.capacityPerRegion + 1, secret: false }]);
    });

    test("a setting inside the table keeps prod's GSI", () => {
        const table = JSON.parse(loadStackConfig("prod", { "active-active:table.pointInTimeRecoveryDays": 7 }).config["active-active:table"]!);
        expect(table.pointInTimeRecoveryDays).toBe(7);
        expect(table.globalSecondaryIndexes).toEqual([{ name: "by-owner", partitionKey: { name: "owner", type: "S" }, sortKey: { name: "updatedAt", type: "S" } }]);
    });

    test("a whole key replaces the value, as before; a key the file lacks is recorded without a before", () => {
        const loaded = loadStackConfig("dev", { "active-active:drain": ["us-west-2"], "active-active:routing.dualStack": true });
        expect(loaded.config["active-active:drain"]).toBe('["us-west-2"]');
        expect(loaded.config["active-active:routing"]).toBe('{"dualStack":true}');
        expect(loaded.overrides).toEqual([
            { key: "active-active:drain", before: [], after: ["us-west-2"], secret: false },
            { key: "active-active:routing.dualStack", after: true, secret: false },
        ]);
    });
});
