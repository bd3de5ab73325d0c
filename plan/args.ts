/**
 * Command-line arguments of `npm run plan`. Pure: every usage problem is collected, then thrown once.
 */
import { UsageError } from "./errors";
import { POLICY_ENVS, PolicyEnv } from "./policies";

export const USAGE = `Usage: npm run plan -- --stack <dev|staging|prod> [--json FILE] [--markdown FILE] [--config KEY=VALUE ...]

Plans a stack offline: runs the real program in-process under mocks with the stack's config file
(stacks/Pulumi.<stack>.yaml) and prints its resources per region, the policy report and the modeled
failover time (RTO) and data-loss window (RPO). Needs no cloud credentials and no Pulumi CLI.

Options
  --stack NAME          the stack to plan (a file stacks/Pulumi.NAME.yaml)
  --json FILE           write the machine-readable plan (on exit 0 and 1)
  --markdown FILE       write a Markdown report with a Mermaid diagram of the topology
  --config KEY=VALUE    override a config key, spelled as in the stack files (active-active:drain);
                        a KEY may name a path inside its value, as \`pulumi config set --path\` does
                        (active-active:service.capacityPerRegion=40, active-active:drain[0]=us-west-2),
                        which changes that setting only. A VALUE that is JSON (list, object, number,
                        boolean) is parsed, else a string. Repeatable; the plan lists what it overrode.
  --secret KEY=VALUE    set a config key as a secret (e.g. cloudflare:apiToken); its value is never printed,
                        but it is on the command line (shell history, ps): prefer the two below
  --secret-file FILE    secrets as KEY=VALUE lines (# comments, blank lines ignored); repeatable
  --secret-env KEY=VAR  the secret KEY takes the value of the environment variable VAR; repeatable
  --diff FILE           print only what changes against an earlier plan's JSON (written with --json)
  --against STACK       print only what changes against a plan of STACK without the --config overrides
                        (e.g. a drain preview: --stack prod --config ... --against prod)
  --deployed FILE       the previous deployment's stack outputs (pulumi stack output --json --show-secrets),
                        so the program's data-loss guards compare the config with what is deployed
  --policy-env ENV      policy levels to use: dev, staging or prod
                        (default: from the stack name: dev, staging, prod, or NAME-*; otherwise prod)
  --compare             print the routing modes side by side for this stack (RTO, RPO, capacity, monthly cost,
                        what one region's loss does); docs/traffic.md, "Choosing a routing mode"
  --quiet               no progress lines on stderr
  -h, --help            this help

Exit codes
  0  planned, no mandatory policy violation
  1  mandatory policy violations (an RTO over its target is one); the plan is still written
  2  bad usage, unknown stack, or bad config (every problem is printed)
  3  the plan command itself failed (a bug)

Examples
  npm run plan -- --stack prod --json plan.json --markdown plan.md
  npm run plan -- --stack prod --config 'active-active:drain=["us-west-2"]'
  npm run plan -- --stack prod --config active-active:service.capacityPerRegion=40
  npm run plan -- --stack prod --config 'active-active:drain=["us-west-2"]' --against prod
  npm run plan -- --stack prod --config active-active:traffic=cloudflare
  npm run plan -- --stack prod --compare`;

export interface CliArgs {
    help: boolean;
    stack?: string;
    json?: string;
    markdown?: string;
    deployed?: string;
    /** An earlier plan's JSON to print the changes against. */
    diff?: string;
    /** A stack to plan without the overrides and print the changes against. */
    against?: string;
    config: Record<string, unknown>;
    secrets: Record<string, string>;
    /** Files of KEY=VALUE secrets, read by `resolveSecrets`. */
    secretFiles: string[];
    /** Secret key -> the environment variable holding its value. */
    secretEnv: Record<string, string>;
    policyEnv?: PolicyEnv;
    quiet: boolean;
    /** Print the routing-mode comparison instead of the plan. */
    compare?: boolean;
}

/** A `--config` VALUE: JSON when it parses as JSON, else the string as given. */
export function parseValue(raw: string): unknown {
    try {
        return JSON.parse(raw);
    } catch {
        return raw;
    }
}

/** A config key, optionally with a path into its value (`active-active:service.capacityPerRegion`, `...:drain[0]`). */
const KEY = /^([A-Za-z0-9_-]+:)?[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+|\[\d+\]|\["[^"]*"\])*$/;

function splitPair(flag: string, pair: string, problems: string[]): [string, string] | undefined {
    const eq = pair.indexOf("=");
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (eq < 0 || !KEY.test(key)) {
        // A malformed --secret may be the secret itself: never echo it.
        const shown = flag === "--secret" ? "" : ` ${JSON.stringify(pair)}`;
        problems.push(`${flag}${shown}: expected KEY=VALUE with a key such as active-active:drain`);
        return undefined;
    }
    return [key, pair.slice(eq + 1)];
}

export function parseArgs(argv: readonly string[]): CliArgs {
    const args: CliArgs = { help: false, config: {}, secrets: {}, secretFiles: [], secretEnv: {}, quiet: false };
    const problems: string[] = [];
    const valued = new Set(["--stack", "--json", "--markdown", "--deployed", "--diff", "--against", "--config", "--secret", "--secret-file", "--secret-env", "--policy-env"]);
    for (let i = 0; i < argv.length; i++) {
        const raw = argv[i]!;
        const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
        const flag = eq > 0 ? raw.slice(0, eq) : raw;
        if (flag === "-h" || flag === "--help") {
            args.help = true;
            continue;
        }
        if (flag === "--quiet" || flag === "--compare") {
            args[flag === "--quiet" ? "quiet" : "compare"] = true;
            continue;
        }
        if (!valued.has(flag)) {
            problems.push(raw.startsWith("-") ? `unknown option ${raw}` : `unexpected argument ${JSON.stringify(raw)}`);
            continue;
        }
        let value: string | undefined;
        if (eq > 0) value = raw.slice(eq + 1);
        else if (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) value = argv[++i];
        if (value === undefined || value === "") {
            problems.push(`${flag} needs a value`);
            continue;
        }
        switch (flag) {
            case "--stack":
                if (args.stack !== undefined && args.stack !== value) problems.push(`--stack given twice (${args.stack}, ${value})`);
                args.stack = value;
                break;
            case "--json":
                args.json = value;
                break;
            case "--markdown":
                args.markdown = value;
                break;
            case "--deployed":
                args.deployed = value;
                break;
            case "--diff":
                args.diff = value;
                break;
            case "--against":
                args.against = value;
                break;
            case "--policy-env":
                if ((POLICY_ENVS as readonly string[]).includes(value)) args.policyEnv = value as PolicyEnv;
                else problems.push(`--policy-env ${value}: allowed: ${POLICY_ENVS.join(", ")}`);
                break;
            case "--config": {
                const kv = splitPair(flag, value, problems);
                if (kv) args.config[kv[0]] = parseValue(kv[1]);
                break;
            }
            case "--secret": {
                const kv = splitPair(flag, value, problems);
                if (kv) args.secrets[kv[0]] = kv[1];
                break;
            }
            case "--secret-file":
                args.secretFiles.push(value);
                break;
            case "--secret-env": {
                const kv = splitPair(flag, value, problems);
                if (kv) args.secretEnv[kv[0]] = kv[1];
                break;
            }
        }
    }
    if (!args.help && !args.stack) problems.push("--stack is required");
    if (args.json && args.json === args.markdown) problems.push(`--json and --markdown both write ${args.json}`);
    if (args.diff && args.against) problems.push("--diff and --against both name what to compare with; give one");
    if (problems.length > 0 && !args.help) throw new UsageError(problems);
    return args;
}

/** The secrets of one --secret-file: KEY=VALUE lines; a bad line is named by number, never shown. */
function secretsOfFile(file: string, text: string, problems: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    text.split(/\r?\n/).forEach((raw, i) => {
        const line = raw.trim();
        if (line === "" || line.startsWith("#")) return;
        const eq = line.indexOf("=");
        const key = eq < 0 ? "" : line.slice(0, eq).trim();
        if (!KEY.test(key)) problems.push(`--secret-file ${file} line ${i + 1}: expected KEY=VALUE with a key such as cloudflare:apiToken`);
        else out[key] = line.slice(eq + 1).trim();
    });
    return out;
}

/**
 * Every secret the command line names: --secret pairs, then each --secret-file, then each --secret-env, later ones
 * winning. Problems (an unreadable file, a bad line, an unset variable) are collected and thrown once; none shows a
 * value.
 */
export function resolveSecrets(
    args: Pick<CliArgs, "secrets" | "secretFiles" | "secretEnv">,
    readFile: (file: string) => string,
    env: Record<string, string | undefined>,
): Record<string, string> {
    const secrets = { ...args.secrets };
    const problems: string[] = [];
    for (const file of args.secretFiles) {
        let text: string;
        try {
            text = readFile(file);
        } catch (e) {
            problems.push(`--secret-file ${file}: cannot read it (${(e as { code?: string }).code ?? "unreadable"})`);
            continue;
        }
        Object.assign(secrets, secretsOfFile(file, text, problems));
    }
    for (const [key, variable] of Object.entries(args.secretEnv)) {
        const value = env[variable];
        if (value === undefined || value === "") problems.push(`--secret-env ${key}=${variable}: the environment variable ${variable} is not set`);
        else secrets[key] = value;
    }
    if (problems.length > 0) throw new UsageError(problems);
    return secrets;
}
