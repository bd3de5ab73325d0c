/**
 * README's claims about the code, kept equal to it: the rule counts (README.md and policies/README.md) and the
 * pack's rule table, the example plan's header lines and rows, and the bad-config output of `pulumi up` and of the
 * plan. The example's counts of resources per section are illustrations of dev's size and masked; everything else
 * is compared as printed (a cell cut with "..." or "…" compares up to the cut).
 */
import * as fs from "fs";
import * as path from "path";
import { ConfigError, parseConfig } from "../../config";
import { runPolicyPack } from "../../policies/harness";
import { policies } from "../../policies/rules";
import { runPlan } from "../../plan/run";
import { configSource } from "../helpers/config-source";

const ROOT = path.resolve(__dirname, "../..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const PACK_README = fs.readFileSync(path.join(ROOT, "policies/README.md"), "utf8");

/** The fenced block that starts with `first`. */
function block(text: string, first: string): string[] {
    const at = text.indexOf("```\n" + first);
    expect(at).toBeGreaterThanOrEqual(0);
    const body = text.slice(at + 4);
    return body.slice(0, body.indexOf("```\n")).replace(/\n$/, "").split("\n");
}

const cells = (line: string) => line.trim().split(/\s{2,}/);
const masked = (line: string) => line.replace(/\| \d+ resources$/, "| N resources").replace(/^([a-z0-9-]+) \(\d+\)$/, "$1 (N)");

/** A README cell against a printed one: equal, or equal up to a "..." / "…" cut. */
function cellMatches(readme: string, printed: string): boolean {
    const cut = [readme.indexOf("..."), readme.indexOf("…")].filter((i) => i >= 0);
    return cut.length === 0 ? readme === printed : printed.startsWith(readme.slice(0, Math.min(...cut)));
}

test("README counts the pack's rules as the pack does", () => {
    expect(README).toContain(`CrossGuard pack (an npm workspace of this repository): ${policies.length} rules,`);
    expect(PACK_README).toContain(`${policies.length} rules; severities and levels per`);
});

test("policies/README.md's rule table lists every rule with its description, severity and level per environment", async () => {
    const levels: Record<string, Map<string, string>> = {};
    for (const env of ["dev", "staging", "prod"]) {
        const report = await runPolicyPack([], { env });
        levels[env] = new Map(report.policies.map((p) => [p.name, p.enforcementLevel]));
    }
    const table = PACK_README.split("\n")
        .filter((l) => /^\| `[a-z0-9-]+` \| (resource|stack) \|/.test(l))
        .map((l) => l.split(" | ").map((c) => c.replace(/^\| | \|$/g, "")))
        .map(([name, , description, severity, dev, staging, prod]) => ({ name: name!.replace(/`/g, ""), description, severity, levels: [dev, staging, prod] }));
    expect(table).toEqual(
        policies.map((p) => ({ name: p.name, description: p.description, severity: (p as { severity?: string }).severity, levels: ["dev", "staging", "prod"].map((e) => levels[e]!.get(p.name)) })),
    );
});

describe("the example plan in README.md", () => {
    let printed: string[];
    beforeAll(async () => {
        printed = (await runPlan({ stack: "dev" })).text.split("\n");
    });

    test("its header lines are the dev plan's, in the order printed", () => {
        const headers = (lines: string[]) => lines.filter((l) => /^(Plan for stack|Resources$|Policies \(|Resilience \(|Result:|[a-z0-9-]+ \(\d+\)$|  REGION FAILURE)/.test(l)).map(masked);
        const shown = headers(block(README, "Plan for stack dev:"));
        const all = headers(printed);
        // The README skips sections (us-west-2's), never reorders or rewords one.
        let at = 0;
        const unmatched = shown.filter((h) => {
            const found = all.indexOf(h, at);
            if (found < 0) return true;
            at = found + 1;
            return false;
        });
        expect(unmatched).toEqual([]);
        expect(shown).toEqual(expect.arrayContaining(["Resources", "Result: clean (exit 0)", expect.stringMatching(/^Policies \(dev levels\): /)]));
    });

    test("each row it shows is printed, cell by cell", () => {
        const rows = block(README, "Plan for stack dev:").filter((l) => l.trim() !== "..." && l.trim() !== "" && !/^[A-Z]|^[a-z0-9-]+ \(\d+\)$/.test(l));
        const missing = rows.filter((row) => {
            const want = cells(row);
            return !printed.some((line) => {
                const have = cells(line);
                return have.length === want.length && want.every((c, i) => cellMatches(c, have[i]!));
            });
        });
        expect(missing).toEqual([]);
    });
});

describe("the bad config shown in README.md", () => {
    const SET = { "active-active:rtoTargetSeconds": 0, "active-active:drain": ["us-wset-2"] };

    test("is what pulumi up prints (the program's ConfigError)", () => {
        let error: unknown;
        try {
            parseConfig(configSource("dev", { set: SET }));
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as Error).message.split("\n")).toEqual(block(README, "Invalid stack configuration"));
    });

    test("is what the plan prints, exit 2", async () => {
        const result = await runPlan({ stack: "dev", config: SET });
        expect(result.exitCode).toBe(2);
        expect(result.errorText.trimEnd().split("\n")).toEqual(block(README, "bad config:"));
    });
});
