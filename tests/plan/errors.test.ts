/**
 * What went wrong, in words a user can act on: failures folded into problems, and the plan's one envelope.
 */
import { describeFailure, problemList, UsageError } from "../../plan/errors";

test("failures fold duplicates and the runtime's wrappers into one problem each", () => {
    const inner = Object.assign(new Error("x"), { name: "ConfigError", problems: ["active-active:a: bad"] });
    const wrapped = new Error('failed to register new resource t [aws:sns/topic:Topic]: error serializing property "name": boom\n    at f (a.ts:1:1)');
    expect(describeFailure([inner, inner, wrapped, new Error("boom")])).toEqual({
        config: true,
        registration: false,
        problems: ["active-active:a: bad", "boom"],
    });
});

test("every failure of the plan prints as a heading and one indented line per problem", () => {
    expect(problemList("bad config:", ["a: one", "b: two\nmore"])).toBe("bad config:\n  - a: one\n  - b: two\n    more");
    const usage = new UsageError(["--stack is required"]);
    expect(usage.problems).toEqual(["--stack is required"]);
    expect(usage.message).toBe("bad usage:\n  - --stack is required");
});
