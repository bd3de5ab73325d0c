/**
 * What is deployed, read from the stack's own previous outputs through a StackReference to itself, and the guards
 * that compare it with the config: in a protected stack no config change may replace the table (or remove a
 * replica without the explicit flag) — the program fails with an error instead of planning the replacement.
 *
 * The first deployment has no outputs yet: nothing to guard.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";
import { Problem, problem } from "./packages/aws-facts";
import { ArgsError } from "./components/problems";
import type { DeployedTable, DeploymentRecord } from "./components/active-active-stack";

/** The stack output that records what the next run must not silently change. */
export const DEPLOYMENT_OUTPUT = "deployment";

/** What the previous update recorded in its `deployment` output (the shape ActiveActiveStack writes). */
export type DeployedState = DeploymentRecord;
/** The table settings whose change makes AWS (and Pulumi) replace the table and every replica with it. */
export type TableIdentity = DeployedTable;

/** Thrown when the config would replace stateful resources of a protected deployment. */
export class DataLossGuardError extends ArgsError {
    constructor(problems: readonly Problem[]) {
        super("Refusing a change that would replace the table", problems);
        this.name = "DataLossGuardError";
    }
}

/**
 * Every change the config makes to a protected deployment that would replace the table, each naming the key, the
 * new and the deployed value. Replica removal is the GlobalTable's own check (it knows the two-step path).
 */
export function tableReplacementProblems(config: StackConfig, deployed: DeployedState | undefined): Problem[] {
    if (!deployed || !config.protect) return [];
    const wanted: [string, unknown, unknown][] = [
        ["active-active:homeRegion", config.homeRegion, deployed.table.homeRegion],
        ["active-active:table.partitionKey", config.table.partitionKey, deployed.table.partitionKey],
        ["active-active:table.sortKey", config.table.sortKey, deployed.table.sortKey],
        ["active-active:consistency", config.consistency, deployed.table.consistency],
    ];
    // Without an explicit name the component's default applies, which does not change between runs.
    if (config.table.name !== undefined) wanted.unshift(["active-active:table.name", config.table.name, deployed.table.name]);
    return wanted
        .filter(([, after, before]) => JSON.stringify(after) !== JSON.stringify(before))
        .map(([key, after, before]) => {
            const deployedValue = JSON.stringify(before);
            const allowed = `${deployedValue} while active-active:protect is true (to replace the table on purpose, first set protect to false in an update of its own)`;
            return problem(key, after, `would replace the deployed table (deployed: ${deployedValue})`, allowed, "table-replacement");
        });
}

/** Reads the stack's own previous `deployment` output; undefined on the first deployment. */
export async function readDeployedState(): Promise<DeployedState | undefined> {
    const name = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
    const self = new pulumi.StackReference("deployed-state", { name });
    const details = await self.getOutputDetails(DEPLOYMENT_OUTPUT);
    const value = (details.value ?? details.secretValue) as DeployedState | undefined;
    return value && Array.isArray(value.replicaRegions) && value.table ? value : undefined;
}
