/**
 * What is deployed, read from the stack's own previous outputs through a StackReference to itself, and the guards
 * that compare it with the config: in a protected stack no config change may replace the table (or remove a
 * replica without the explicit flag) — the program fails with an error instead of planning the replacement.
 *
 * The first deployment has no outputs yet: nothing to guard.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";
import { movedToService } from "./config/services";
import { missing, Problem, problem } from "./packages/aws-facts";
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

/** What the previous update deployed: its `deployment` record, and a fleet's records by service. */
export interface Deployed {
    /** One service's record (a fleet's first service's); undefined on the first deployment. */
    record?: DeployedState;
    /** A fleet's records by service name (the `services` output); undefined when one service was deployed. */
    services?: Record<string, DeployedState>;
}

const isRecord = (value: unknown): value is DeployedState =>
    typeof value === "object" && value !== null && Array.isArray((value as DeployedState).replicaRegions) && typeof (value as DeployedState).table === "object";

/** Reads the stack's own previous `deployment` and `services` outputs; nothing on the first deployment. */
export async function readDeployedState(): Promise<Deployed> {
    const name = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
    const self = new pulumi.StackReference("deployed-state", { name });
    const read = async (output: string) => {
        const details = await self.getOutputDetails(output);
        return details.value ?? details.secretValue;
    };
    const [record, fleet] = await Promise.all([read(DEPLOYMENT_OUTPUT), read(SERVICES_OUTPUT)]);
    const services =
        typeof fleet === "object" && fleet !== null
            ? Object.fromEntries(Object.entries(fleet as Record<string, { deployment?: unknown }>).flatMap(([svc, out]) => (isRecord(out?.deployment) ? [[svc, out.deployment]] : [])))
            : undefined;
    return { ...(isRecord(record) ? { record } : {}), ...(services ? { services } : {}) };
}

/** The stack output holding a fleet's outputs by service, each with its own `deployment` record. */
export const SERVICES_OUTPUT = "services";

const PROTECTED_ALLOWED = "while active-active:protect is true (to replace a table on purpose, move its data, then set protect to false in an update of its own)";

/**
 * A protected stack's data-loss guard for what the config does to its services: each service's table against its
 * own record, and no table left behind by going from one service to a fleet, back, or dropping a fleet's service
 * (each of these leaves a deployed table out of the program, and Pulumi deletes what a program no longer declares).
 */
export function deploymentProblems(config: StackConfig, deployed: Deployed): Problem[] {
    if (!config.protect) return [];
    const { record, services: deployedFleet } = deployed;
    if (!config.services) {
        if (deployedFleet) {
            const names = Object.keys(deployedFleet);
            return [missing("active-active:services", `is unset, which would replace the deployed fleet's tables (services ${names.join(", ")}) with one service's`, `the deployed services ${PROTECTED_ALLOWED}`, "table-replacement")];
        }
        return tableReplacementProblems(config, record);
    }
    if (!deployedFleet) {
        if (!record) return [];
        return [problem("active-active:services", config.services.map((s) => s.name), `would replace the deployed table ${JSON.stringify(record.table.name)} of the stack's one service with a table per service`, `no services key ${PROTECTED_ALLOWED}`, "table-replacement")];
    }
    const out: Problem[] = [];
    config.services.forEach((svc, i) => {
        for (const p of tableReplacementProblems(svc.settings, deployedFleet[svc.name])) out.push(movedToService(p, i));
    });
    const kept = new Set(config.services.map((s) => s.name));
    for (const gone of Object.keys(deployedFleet).filter((n) => !kept.has(n))) {
        out.push(problem("active-active:services", config.services.map((s) => s.name), `drops service ${JSON.stringify(gone)}, whose table ${JSON.stringify(deployedFleet[gone]!.table.name)} is deployed`, `every deployed service (${Object.keys(deployedFleet).join(", ")}) ${PROTECTED_ALLOWED}`, "table-replacement"));
    }
    return out;
}
