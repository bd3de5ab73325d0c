/**
 * GlobalTable (`activeactive:dynamodb:GlobalTable`): one DynamoDB global table with a replica in every region and a
 * customer-managed KMS key per region holding data, safe by default; a replica is removed only in two updates,
 * checked against what is deployed. Args, outputs, safety defaults and what replaces the table: docs/global-table.md.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { componentSubject, throwIfProblems } from "../problems";
import { providerRegionsGate } from "../provider-region";
import { defaultTableName, GlobalTableArgs, GlobalTableSettings, resolveSettings } from "./args";
import { deployedStateProblemsNow } from "./deployed";
import { createKeys } from "./keys";
import { collectOutputs } from "./outputs";
import { createTable, replicaSpecs } from "./table";
import { validateGlobalTableArgs } from "./validate";

export type {
    Consistency, GlobalSecondaryIndexSpec, GlobalTableArgs, GlobalTableAutoscaling, GlobalTableBilling, IndexProjection, KeyAttribute,
    LocalSecondaryIndexSpec, OnDemandBilling, ProvisionedBilling,
} from "./args";
export { GLOBAL_TABLE_DEFAULTS } from "./args";
export type { ReplicaChangeInput } from "./validate";
export { validateGlobalTableArgs, validateGlobalTableTopology, validateProviderAccounts, validateReplicaChanges } from "./validate";

export const GLOBAL_TABLE_TYPE = "activeactive:dynamodb:GlobalTable";

/**
 * Every problem with the args, and, when the deployed lists are plain values, with the change against them: a
 * refused change throws before any child registers. Returns the args with their defaults filled in.
 */
function validate(name: string, args: GlobalTableArgs): GlobalTableSettings {
    const stack = pulumi.getStack();
    const problems = validateGlobalTableArgs(args, defaultTableName(name, stack));
    const settings = resolveSettings(name, stack, args);
    throwIfProblems("GlobalTable", name, problems.length > 0 ? problems : deployedStateProblemsNow(settings));
    return settings;
}

export class GlobalTable extends pulumi.ComponentResource {
    readonly table: aws.dynamodb.Table;
    /** One customer-managed key per region holding data, keyed by region. */
    readonly keys: Record<string, aws.kms.Key>;
    readonly tableName: pulumi.Output<string>;
    readonly homeRegion: string;
    /** Regions with a replica, the home region excluded, sorted. */
    readonly replicaRegions: string[];
    /** Table ARN per region (home and replicas). */
    readonly tableArns: Record<string, pulumi.Output<string>>;
    /** Stream ARN per region (home and replicas). */
    readonly streamArns: Record<string, pulumi.Output<string>>;
    /** KMS key ARN per region (home and replicas). */
    readonly kmsKeyArns: Record<string, pulumi.Output<string>>;
    /**
     * Regions (home included) whose table has deletion protection off, as the provider reports it after this update:
     * export it, and pass it back as `deployedUnprotectedReplicas`.
     */
    readonly unprotectedReplicas: pulumi.Output<string[]>;

    constructor(name: string, args: GlobalTableArgs, opts?: pulumi.ComponentResourceOptions) {
        super(GLOBAL_TABLE_TYPE, name, {}, opts);
        const settings = validate(name, args);
        // Providers whose region nobody recorded are checked on their region output before any child is created.
        const children = { parent: this, ...providerRegionsGate(this, componentSubject("GlobalTable", name), "providers", args.providers, settings.dataRegions) };
        const keys = createKeys(settings, children);
        const replicas = replicaSpecs(settings, keys);
        this.table = createTable(settings, keys, replicas, children);
        const outputs = collectOutputs(settings, this.table, keys.keys);

        this.keys = keys.keys;
        this.tableName = outputs.tableName;
        this.homeRegion = outputs.homeRegion;
        this.replicaRegions = outputs.replicaRegions;
        this.tableArns = outputs.tableArns;
        this.streamArns = outputs.streamArns;
        this.kmsKeyArns = outputs.kmsKeyArns;
        this.unprotectedReplicas = outputs.unprotectedReplicas;
        this.registerOutputs(outputs);
    }
}
