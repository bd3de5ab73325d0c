/**
 * The stack program: config -> providers -> what is deployed -> guards -> ActiveActiveStack -> outputs.
 * `index.ts` runs it under the Pulumi engine; the offline plan and the tests run the very same function under the
 * mock kit. Every check that can fail runs before the first stateful resource is registered.
 */
import { loadConfig } from "./config";
import { createProviders } from "./providers";
import { DataLossGuardError, readDeployedState, tableReplacementProblems } from "./deployed-state";
import { ActiveActiveStack } from "./components/active-active-stack";

export async function main(): Promise<Record<string, unknown>> {
    const config = loadConfig();
    const deployed = await readDeployedState();
    const problems = tableReplacementProblems(config, deployed);
    if (problems.length > 0) throw new DataLossGuardError(problems);
    const providers = createProviders(config);
    const stack = new ActiveActiveStack(config.project, { config, providers, deployed });
    return stack.stackOutputs();
}
