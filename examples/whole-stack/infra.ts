/**
 * The whole stack from its stack file: `loadConfig` reads and checks every `active-active:` key (all problems at
 * once, before any resource), `createProviders` makes one explicit provider per region, and ActiveActiveStack
 * creates the table, a service per region and the traffic layer. `index.ts` runs `program` under `pulumi up`; the
 * unit test runs it under `active-active/testing` with this project's own stack file.
 */
import { ActiveActiveStack } from "active-active";
import { createProviders, loadConfig } from "active-active/config";

export function program() {
    const config = loadConfig();
    const stack = new ActiveActiveStack(config.project, { settings: config, providers: createProviders(config) });
    return stack.stackOutputs();
}
