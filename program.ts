/**
 * The stack program: config -> providers -> what is deployed -> guards -> ActiveActiveStack -> outputs.
 * `index.ts` runs it under the Pulumi engine; the offline plan and the tests run the very same function under the
 * mock kit, the plan handing in the config it has already parsed. Every check that can fail runs before the first
 * stateful resource is registered.
 */
import { loadConfig, StackConfig } from "./config";
import { createProviders } from "./providers";
import { DataLossGuardError, deploymentProblems, readDeployedState } from "./deployed-state";
import { ActiveActiveStack, ActiveActiveStackOutputs } from "./components/active-active-stack";

export async function main(config: StackConfig = loadConfig()): Promise<ActiveActiveStackOutputs> {
    const deployed = await readDeployedState();
    const problems = deploymentProblems(config, deployed);
    if (problems.length > 0) throw new DataLossGuardError(problems);
    const providers = createProviders(config);
    const stack = new ActiveActiveStack(config.project, { settings: config, providers, deployed: deployed.record, deployedServices: deployed.services });
    return stack.stackOutputs();
}
