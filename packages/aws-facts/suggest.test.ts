import { closest, didYouMean, editDistance } from "./suggest";
import { AWS_REGIONS } from "./regions";

describe("editDistance", () => {
    test.each([
        ["", "", 0],
        ["abc", "abc", 0],
        ["active-actve", "active-active", 1],
        ["us-west-22", "us-west-2", 1],
        ["eu-wset-1", "eu-west-1", 1],
        ["kitten", "sitting", 3],
    ])("%s -> %s is %i", (a, b, n) => {
        expect(editDistance(a, b)).toBe(n);
    });
});

describe("closest and didYouMean", () => {
    test("a one-letter typo of a region finds that region", () => {
        expect(closest("us-wset-2", AWS_REGIONS)).toBe("us-west-2");
        expect(didYouMean("eu-west-9", AWS_REGIONS)).toBe(' (did you mean "eu-west-1"?)');
    });
    test("a transposed namespace finds the namespace", () => {
        expect(closest("active-actve", ["active-active", "aws", "cloudflare", "pulumi"])).toBe("active-active");
        expect(closest("clodflare", ["active-active", "aws", "cloudflare", "pulumi"])).toBe("cloudflare");
    });
    test("nothing close, or not a string: no suggestion", () => {
        expect(closest("mars-north-1", AWS_REGIONS)).toBeUndefined();
        expect(didYouMean(42, AWS_REGIONS)).toBe("");
        expect(didYouMean("zzz", ["aws"])).toBe("");
    });
    test("case is ignored when measuring, the candidate is returned as written", () => {
        expect(closest("US-EAST-1", AWS_REGIONS)).toBe("us-east-1");
    });
});
