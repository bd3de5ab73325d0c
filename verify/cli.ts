/**
 * `npm run verify -- --stack <stack> [--outputs FILE]`: after `pulumi up`, with the caller's AWS credentials, reads
 * back what the deploy cannot prove: every replica's deletion protection and PITR, every alarm topic's confirmed
 * subscribers (verify/checks.ts). docs/recovery-control.md, "After pulumi up".
 */
import { runVerify } from "./run";

runVerify(process.argv.slice(2), (line) => process.stdout.write(line + "\n")).then(
    (code) => process.exit(code),
    (e: unknown) => {
        process.stderr.write(`verify failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(3);
    },
);
