/**
 * `npm run gameday -- --stack <env> [--scenario <name>|all] [--seed N] [--json FILE] [--svg DIR]`
 *
 * Runs scenarios from gameday/scenarios against the stack's own plan and prints observed against modeled figures.
 * Exit 0 when every scenario ran (findings are reported, not failures), 2 on bad usage or an invalid scenario.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { renderJson, renderText } from "./report";
import { runScenario } from "./run";
import { parseArgs, type Args } from "./args";
import { loadScenario } from "./scenario";
import { renderSvg } from "./svg";
import type { ScenarioReport } from "./measure";

async function main(): Promise<number> {
    let args: Args;
    try {
        args = parseArgs(process.argv.slice(2));
        for (const name of args.scenarios) loadScenario(name);
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n`);
        return 2;
    }
    const reports: ScenarioReport[] = [];
    for (const name of args.scenarios) {
        const report = await runScenario({ stack: args.stack, scenario: loadScenario(name), seed: args.seed });
        reports.push(report);
        process.stdout.write(renderText(report) + "\n");
        if (args.svg !== null) {
            fs.mkdirSync(args.svg, { recursive: true });
            fs.writeFileSync(path.join(args.svg, `${name}.svg`), renderSvg(report));
        }
    }
    if (args.json !== null) fs.writeFileSync(args.json, renderJson({ stack: args.stack, seed: args.seed, scenarios: reports }));
    return 0;
}

main().then(
    (code) => process.exit(code),
    (e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        process.stderr.write(`${message.startsWith("gameday:") ? message : `gameday failed: ${message}`}\n`);
        process.exit(e instanceof Error && e.message.startsWith("gameday:") ? 2 : 1);
    },
);
