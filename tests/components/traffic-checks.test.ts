/** The checks both traffic layers (and the stack config, under its own keys) make of their regions, drain and settings. */
import { renderProblem } from "../../packages/aws-facts";
import { ARG_DRAIN_KEYS, modelSettingsProblems, regionsAndDrainProblems } from "../../components/traffic-checks";

const rendered = (regions: string[], drain: string[], keys = ARG_DRAIN_KEYS) => regionsAndDrainProblems(regions, drain, keys).map(renderProblem);
const US = ["us-east-1", "us-west-2"];

describe("regionsAndDrainProblems", () => {
    test.each<[string, string[], string[], string[]]>([
        ["two regions, none drained", US, [], []],
        ["one of two drained", US, ["us-west-2"], []],
        ["no regions", [], [], ["regions: none given; allowed: at least one region"]],
        ["a region listed twice", ["us-east-1", "us-west-2", "us-east-1"], [], ['regions[2]: "us-east-1" is listed twice; allowed: each region once']],
        ["a drained region that is not a region", US, ["eu-west-1"], ['drain[0]: "eu-west-1" is not one of the regions; allowed: us-east-1, us-west-2']],
        ["a drained region listed twice", US, ["us-west-2", "us-west-2"], ['drain[1]: "us-west-2" is listed twice; allowed: each region once']],
        ["every region drained", US, ["us-west-2", "us-east-1"], ['drain: ["us-west-2","us-east-1"] drains every region; allowed: leave at least one region serving']],
    ])("%s", (_title, regions, drain, expected) => {
        expect(rendered(regions, drain)).toEqual(expected);
    });

    test("no regions and a drain: the drained region is unknown, and no region is not 'every region'", () => {
        expect(rendered([], ["us-east-1"])).toEqual([
            "regions: none given; allowed: at least one region",
            'drain[0]: "us-east-1" is not one of the regions; allowed: a region listed in regions',
        ]);
    });

    test("the caller names the settings: the stack config's keys", () => {
        const keys = { regions: "active-active:regions", drain: "active-active:drain" };
        expect(rendered(US, [...US], keys)).toEqual([
            'active-active:drain: ["us-east-1","us-west-2"] drains every region; allowed: leave at least one region serving',
        ]);
    });

    test("each problem carries its rule's code", () => {
        expect(regionsAndDrainProblems(["us-east-1", "us-east-1"], ["eu-west-1", "us-east-1"]).map((p) => p.code)).toEqual([
            "duplicate",
            "drain-unknown-region",
            "drain-everything",
        ]);
    });
});

describe("modelSettingsProblems", () => {
    test("each of the failover model's errors becomes a problem at the given path", () => {
        const problems = modelSettingsProblems("settings", ["request interval must be 10 or 30 s, got 20", "failure threshold must be an integer from 1 to 10, got 0"], "resolveRoute53");
        expect(problems.map(renderProblem)).toEqual([
            "settings: request interval must be 10 or 30 s, got 20; allowed: settings the failover model accepts (see resolveRoute53)",
            "settings: failure threshold must be an integer from 1 to 10, got 0; allowed: settings the failover model accepts (see resolveRoute53)",
        ]);
        expect(problems.every((p) => p.code === "model-settings" && !("value" in p))).toBe(true);
    });

    test("no errors, no problems", () => {
        expect(modelSettingsProblems("settings", [], "resolveCloudflare")).toEqual([]);
    });
});
