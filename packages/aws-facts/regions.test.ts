import { checkerRegionProblems, ROUTE53_CHECKER_REGIONS } from "./regions";
import { renderProblem } from "./problems";

const CHECKERS = ROUTE53_CHECKER_REGIONS.join(", ");
const render = (regions: unknown[]) => checkerRegionProblems(regions, "checkerRegions").map(renderProblem);

describe("checkerRegionProblems", () => {
    it("accepts three checker regions", () => {
        expect(render(["us-east-1", "eu-west-1", "ap-southeast-1"])).toEqual([]);
    });
    it.each<[string, unknown[], string[]]>([
        ["two regions", ["us-east-1", "eu-west-1"], ['checkerRegions: ["us-east-1","eu-west-1"] has 2; allowed: at least 3 checker regions']],
        ["a region Route 53 does not check from", ["us-east-1", "eu-west-1", "eu-central-1"], [`checkerRegions[2]: "eu-central-1" is not a Route 53 checker region; allowed: ${CHECKERS}`]],
        ["a value that is not a region name", ["us-east-1", "eu-west-1", 3], [`checkerRegions[2]: 3 is not a Route 53 checker region; allowed: ${CHECKERS}`]],
    ])("rejects %s", (_title, regions, expected) => {
        expect(render(regions)).toEqual(expected);
    });
});
