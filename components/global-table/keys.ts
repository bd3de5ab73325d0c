/**
 * One customer-managed KMS key and its alias per region that holds data; a witness region holds no table of ours
 * and gets none. Key policies come from components/kms.ts; why keys are kept like the table: docs/global-table.md.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { globalTableKeyPolicy, KMS_DELETION_WINDOW_DAYS, kmsAliasName } from "../kms";
import { GlobalTableSettings } from "./args";

export interface TableKeys {
    /** The key of each region that holds data, keyed by region. */
    keys: Record<string, aws.kms.Key>;
    /** The account each region's provider reaches, keyed by region. */
    accountIds: Record<string, pulumi.Output<string>>;
}

/** Pulumi `protect` of a region's key: a key whose replica is being removed drops it so the removal can finish. */
export function keyProtected(s: Pick<GlobalTableSettings, "protect" | "unprotectReplicas">, region: string): boolean {
    return s.protect && !s.unprotectReplicas.includes(region);
}

function createRegionKey(s: GlobalTableSettings, region: string, opts: pulumi.ResourceOptions): { key: aws.kms.Key; accountId: pulumi.Output<string> } {
    const provider = s.provider(region);
    const identity = aws.getCallerIdentityOutput({}, { parent: opts.parent, provider });
    const partition = aws.getPartitionOutput({}, { parent: opts.parent, provider });
    // Losing a key makes its region's replica unreadable, so it is kept like the table (retainOnDelete even when
    // unprotected: it stays in the account).
    const key = new aws.kms.Key(
        `${s.name}-${region}-key`,
        {
            description: `DynamoDB global table ${s.tableName}, data in ${region}`,
            enableKeyRotation: true,
            deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
            policy: pulumi
                .all([identity.accountId, partition.partition, partition.dnsSuffix])
                .apply(([accountId, part, dnsSuffix]) => JSON.stringify(globalTableKeyPolicy({ partition: part, dnsSuffix, accountId, region }))),
            tags: s.tags,
        },
        { ...opts, provider, protect: keyProtected(s, region), retainOnDelete: s.protect },
    );
    new aws.kms.Alias(`${s.name}-${region}-key-alias`, { name: kmsAliasName(s.tableName, region), targetKeyId: key.keyId }, { ...opts, provider });
    return { key, accountId: identity.accountId };
}

/** A key and alias per data region (home first), each with its region's provider. */
export function createKeys(s: GlobalTableSettings, opts: pulumi.ResourceOptions): TableKeys {
    const result: TableKeys = { keys: {}, accountIds: {} };
    for (const region of s.dataRegions) {
        const { key, accountId } = createRegionKey(s, region, opts);
        result.keys[region] = key;
        result.accountIds[region] = accountId;
    }
    return result;
}
