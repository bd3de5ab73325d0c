/** The game day's command line. */
import { scenarioNames } from "./scenario";

export interface Args {
    stack: string;
    scenarios: string[];
    seed: number;
    json: string | null;
    svg: string | null;
}

const USAGE = "usage: npm run gameday -- --stack <env> [--scenario <name>|all] [--seed N] [--json FILE] [--svg DIR]";

export function parseArgs(argv: string[]): Args {
    const args: Args = { stack: "", scenarios: ["region-down"], seed: 1, json: null, svg: null };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i]!;
        const value = argv[i + 1];
        if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value\n${USAGE}`);
        i++;
        if (flag === "--stack") args.stack = value;
        else if (flag === "--scenario") args.scenarios = value === "all" ? scenarioNames() : value.split(",");
        else if (flag === "--seed") {
            if (!/^\d+$/.test(value)) throw new Error(`--seed: ${JSON.stringify(value)} is not allowed (a whole number)`);
            args.seed = Number(value);
        } else if (flag === "--json") args.json = value;
        else if (flag === "--svg") args.svg = value;
        else throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
    if (args.stack === "") throw new Error(`--stack is required\n${USAGE}`);
    return args;
}

