/**
 * The `verify` command as a function (verify/cli.ts runs it): parse the arguments, read the stack's outputs from
 * `pulumi stack output --json` (or a file of them), check them against AWS (verify/checks.ts) and print the
 * findings. Exit 0 when everything holds, 1 when something does not, 2 for bad usage.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import { sdkReader } from "./aws";
import { targetFromOutputs, verifyDeployment, type AwsReader } from "./checks";

export const USAGE = "usage: npm run verify -- --stack <stack> [--outputs FILE]   (FILE: `pulumi stack output --json --stack <stack>`)";

export function parseVerifyArgs(argv: string[]): { stack?: string; outputs?: string; problems: string[] } {
    const out: { stack?: string; outputs?: string; problems: string[] } = { problems: [] };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i]!;
        if ((arg === "--stack" || arg === "--outputs") && argv[i + 1] !== undefined) out[arg === "--stack" ? "stack" : "outputs"] = argv[++i];
        else out.problems.push(`unknown or incomplete option ${arg}`);
    }
    if (!out.stack) out.problems.push("--stack is required");
    return out;
}

function readOutputs(stack: string, file: string | undefined): Record<string, unknown> {
    const text = file ? fs.readFileSync(file, "utf8") : execFileSync("pulumi", ["stack", "output", "--json", "--stack", stack], { encoding: "utf8" });
    return JSON.parse(text) as Record<string, unknown>;
}

/** The whole command, with its output and AWS injectable; returns the exit code. */
export async function runVerify(argv: string[], write: (line: string) => void, aws: () => AwsReader = sdkReader): Promise<number> {
    const args = parseVerifyArgs(argv);
    if (args.problems.length > 0) {
        write(`bad usage: ${args.problems.join("; ")}\n${USAGE}`);
        return 2;
    }
    let outputs: Record<string, unknown>;
    try {
        outputs = readOutputs(args.stack!, args.outputs);
    } catch (e) {
        write(`cannot read the stack outputs of ${args.stack}: ${(e as Error).message.split("\n")[0]}`);
        return 2;
    }
    const target = targetFromOutputs(outputs);
    if ("problems" in target) {
        write(`cannot verify ${args.stack}: ${target.problems.join("; ")}`);
        return 2;
    }
    const findings = await verifyDeployment(target, aws());
    for (const f of findings) write(`${f.ok ? "ok  " : "FAIL"}  ${f.subject}: ${f.message}`);
    const failed = findings.filter((f) => !f.ok).length;
    write(failed === 0 ? `verified: ${findings.length} checks hold` : `${failed} of ${findings.length} checks fail`);
    return failed === 0 ? 0 : 1;
}
