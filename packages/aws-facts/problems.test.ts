import { listedTwice, missing, problem, rehome, renderProblem, show, underPrefix } from "./problems";

describe("renderProblem", () => {
    it("renders path, value, reason and what is allowed", () => {
        expect(renderProblem(problem("regions[1]", "us-east-1", "is listed twice", "each region once"))).toBe(
            'regions[1]: "us-east-1" is listed twice; allowed: each region once',
        );
    });
    it("leaves the value out of a problem that has none", () => {
        expect(renderProblem(missing("zoneName", "is required", "the DNS zone of domain"))).toBe("zoneName: is required; allowed: the DNS zone of domain");
    });
    it("shows an undefined value as undefined, not as a missing one", () => {
        expect(renderProblem(problem("x", undefined, "is not a number", "1-3"))).toBe("x: undefined is not a number; allowed: 1-3");
    });
    it("says when the allowance depends on another setting", () => {
        expect(renderProblem({ ...problem("regions", ["a"], "has 1 regions", "exactly 3"), when: 'with consistency "strong"' })).toBe(
            'regions: ["a"] has 1 regions; allowed with consistency "strong": exactly 3',
        );
    });
});

describe("show", () => {
    it("is JSON", () => {
        expect(show({ a: [1, "b"] })).toBe('{"a":[1,"b"]}');
    });
    it("cuts long values at 120 characters", () => {
        const shown = show("x".repeat(200));
        expect(shown).toHaveLength(120);
        expect(shown.endsWith("...")).toBe(true);
    });
});

describe("rehome and listedTwice", () => {
    it("moves every problem under a prefix and keeps the rest", () => {
        const moved = rehome([problem("drain[0]", "eu-west-9", "is not one of the regions", "us-east-1", "c")], underPrefix("active-active:"));
        expect(moved).toEqual([{ path: "active-active:drain[0]", value: "eu-west-9", reason: "is not one of the regions", allowed: "us-east-1", code: "c" }]);
    });
    it("names every later duplicate", () => {
        expect(listedTwice(["a", "b", "a", "a"], "regions", "each region once").map(renderProblem)).toEqual([
            'regions[2]: "a" is listed twice; allowed: each region once',
            'regions[3]: "a" is listed twice; allowed: each region once',
        ]);
    });
});
