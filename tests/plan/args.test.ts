/**
 * Command-line arguments of the plan: values, flags in both spellings, and every usage problem at once.
 */
import { parseArgs, parseValue } from "../../plan/args";

test.each([
    ['["us-east-1"]', ["us-east-1"]],
    ['{"a":1}', { a: 1 }],
    ["60", 60],
    ["false", false],
    ["api.example.com", "api.example.com"],
    ['"quoted"', "quoted"],
    ["a=b", "a=b"],
])("--config value %s parses to %j", (raw, value) => {
    expect(parseValue(raw)).toEqual(value);
});

test("arguments: every flag, in both spellings, with values that contain =", () => {
    expect(
        parseArgs([
            "--stack", "prod", "--json=out/p.json", "--markdown", "p.md", "--config", 'active-active:drain=["us-west-2"]',
            "--config=active-active:domain=a=b.example.com", "--secret", "cloudflare:apiToken=x=y", "--policy-env", "staging", "--quiet",
            "--deployed", "d.json",
        ]),
    ).toEqual({
        help: false,
        stack: "prod",
        json: "out/p.json",
        markdown: "p.md",
        deployed: "d.json",
        config: { "active-active:drain": ["us-west-2"], "active-active:domain": "a=b.example.com" },
        secrets: { "cloudflare:apiToken": "x=y" },
        policyEnv: "staging",
        quiet: true,
    });
});

test("bad config on the command line: every usage problem at once, a malformed --secret never echoed", () => {
    expect(() => parseArgs(["--stak", "prod", "--config", "novalue", "--secret", "s3cr3t-value", "--policy-env", "qa", "--json"])).toThrow(
        expect.objectContaining({
            problems: [
                "unknown option --stak",
                'unexpected argument "prod"',
                '--config "novalue": expected KEY=VALUE with a key such as active-active:drain',
                "--secret: expected KEY=VALUE with a key such as active-active:drain",
                "--policy-env qa: allowed: dev, staging, prod",
                "--json needs a value",
                "--stack is required",
            ],
        }),
    );
    expect(parseArgs(["--help"]).help).toBe(true);
});
