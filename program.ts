/**
 * The stack program: config -> providers -> ActiveActiveStack -> outputs. `index.ts` runs it under the Pulumi
 * engine; the offline plan and the tests run the very same function under the mock kit.
 */
import { loadConfig } from "./config";
import { createProviders } from "./providers";
import { ActiveActiveStack } from "./components/active-active-stack";

export function main(): Record<string, unknown> {
    const config = loadConfig();
    const providers = createProviders(config);
    const stack = new ActiveActiveStack(config.project, { config, providers });
    return stack.stackOutputs();
}
