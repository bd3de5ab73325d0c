/**
 * Command-line arguments of the plan: values, flags in both spellings, and every usage problem at once.
 */
import { parseArgs, parseValue, resolveSecrets } from "../../plan/args";

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
        secretFiles: [],
        secretEnv: {},
        policyEnv: "staging",
        quiet: true,
    });
});

describe("secrets without argv (review F15): --secret-file and --secret-env", () => {
    const files: Record<string, string> = {
        "s.env": "# the plan's secrets\ncloudflare:apiToken=cf-file-token=with=equals\n\n  aws:secretKey = wJal-file  \n",
        "bad.env": "cloudflare:apiToken=ok\nthis-line-is-the-secret-itself\n",
    };
    const readFile = (f: string) => {
        if (!(f in files)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${f}'`), { code: "ENOENT" });
        return files[f]!;
    };

    test("KEY=VALUE lines from files and values from named environment variables join --secret", () => {
        const args = parseArgs(["--stack", "prod", "--secret-file", "s.env", "--secret-env", "active-active:x=PLAN_X", "--secret", "other:token=argv"]);
        expect([args.secretFiles, args.secretEnv]).toEqual([["s.env"], { "active-active:x": "PLAN_X" }]);
        expect(resolveSecrets(args, readFile, { PLAN_X: "from-env" })).toEqual({
            "other:token": "argv",
            "cloudflare:apiToken": "cf-file-token=with=equals",
            "aws:secretKey": "wJal-file",
            "active-active:x": "from-env",
        });
    });

    test("every problem at once, naming the file, line or variable, never a value", () => {
        const args = parseArgs(["--stack", "prod", "--secret-file", "bad.env", "--secret-file", "missing.env", "--secret-env", "cloudflare:apiToken=UNSET_VAR"]);
        let error: unknown;
        try {
            resolveSecrets(args, readFile, {});
        } catch (e) {
            error = e;
        }
        expect((error as { problems: string[] }).problems).toEqual([
            "--secret-file bad.env line 2: expected KEY=VALUE with a key such as cloudflare:apiToken",
            "--secret-file missing.env: cannot read it (ENOENT)",
            "--secret-env cloudflare:apiToken=UNSET_VAR: the environment variable UNSET_VAR is not set",
        ]);
        expect(JSON.stringify(error)).not.toContain("this-line-is-the-secret-itself");
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
