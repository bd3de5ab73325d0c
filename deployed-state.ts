/**
 * What is deployed, read from the stack's own previous outputs through a StackReference to itself, and the guards
 * that compare it with the config: in a protected stack no config change may replace the table (or remove a
 * replica without the explicit flag) — the program fails with an error instead of planning the replacement.
 *
 * The first deployment has no outputs yet: nothing to guard.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";

/** The stack output that records what the next run must not silently change. */
export const DEPLOYMENT_OUTPUT = "deployment";

export interface DeployedState {
    /** Regions holding a replica (the home region included). */
    replicaRegions: string[];
    table: TableIdentity;
}

/** The table settings whose change makes AWS (and Pulumi) replace the table and every replica with it. */
export interface TableIdentity {
    name: string | null;
    homeRegion: string;
    partitionKey: { name: string; type: string };
    sortKey: { name: string; type: string } | null;
    consistency: string;
}

export function tableIdentity(config: StackConfig): TableIdentity {
    return {
        name: config.table.name ?? null,
        homeRegion: config.homeRegion,
        partitionKey: config.table.partitionKey,
        sortKey: config.table.sortKey,
        consistency: config.consistency,
    };
}

/** The value the program exports as `deployment`, read back by the next run. */
export function deploymentRecord(config: StackConfig): DeployedState {
    return { replicaRegions: [...config.regions], table: tableIdentity(config) };
}

/** Thrown when the config would replace or remove stateful resources of a protected deployment. */
export class DataLossGuardError extends Error {
    readonly problems: string[];
    constructor(problems: string[]) {
        super(`Refusing a change that would lose data (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "DataLossGuardError";
        this.problems = problems;
    }
}

const TABLE_KEYS: { field: keyof TableIdentity; key: string }[] = [
    { field: "name", key: "active-active:table.name" },
    { field: "homeRegion", key: "active-active:homeRegion" },
    { field: "partitionKey", key: "active-active:table.partitionKey" },
    { field: "sortKey", key: "active-active:table.sortKey" },
    { field: "consistency", key: "active-active:consistency" },
];

/** Every change the config makes to the deployed state that would lose data, as messages naming key and values. */
export function dataLossProblems(config: StackConfig, deployed: DeployedState | undefined): string[] {
    if (!deployed) return [];
    const problems: string[] = [];
    const wanted = tableIdentity(config);
    if (config.protect) {
        for (const { field, key } of TABLE_KEYS) {
            const before = JSON.stringify(deployed.table[field]);
            const after = JSON.stringify(wanted[field]);
            if (before !== after) {
                problems.push(
                    `${key}: ${after} would replace the deployed table (deployed: ${before}); allowed: ${before} while active-active:protect is true (to replace the table on purpose, set protect to false in one update, then change it)`,
                );
            }
        }
    }
    const removed = deployed.replicaRegions.filter((r) => !config.regions.includes(r));
    if (removed.length > 0 && !config.allowReplicaRemoval) {
        problems.push(
            `active-active:regions: ${JSON.stringify(config.regions)} removes the replica${removed.length > 1 ? "s" : ""} in ${removed.join(", ")} and ${removed.length > 1 ? "their" : "its"} data; allowed: keep ${removed.join(", ")}, or set active-active:allowReplicaRemoval to true (after turning the replica's deletion protection off in an earlier update)`,
        );
    }
    return problems;
}

/** Reads the stack's own previous `deployment` output; undefined on the first deployment. */
export async function readDeployedState(parent?: pulumi.Resource): Promise<DeployedState | undefined> {
    const name = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
    const self = new pulumi.StackReference("deployed-state", { name }, parent ? { parent } : undefined);
    const details = await self.getOutputDetails(DEPLOYMENT_OUTPUT);
    const value = (details.value ?? details.secretValue) as DeployedState | undefined;
    return value && Array.isArray(value.replicaRegions) && value.table ? value : undefined;
}
