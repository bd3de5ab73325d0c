/**
 * One customer-managed KMS key and its alias per region that holds data; a witness region holds no table of ours
 * and gets none. Key policies come from components/kms.ts; why keys are kept like the table: docs/global-table.md.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { globalTableKeyPolicy, KMS_DELETION_WINDOW_DAYS, kmsAliasName } from "../kms";
import { AWS_PARTITION } from "../../packages/aws-facts";
import { GlobalTableSettings } from "./args";

export interface TableKeys {
    /** The key of each region that holds data, keyed by region. */
    keys: Record<string, aws.kms.Key>;
}

/** Pulumi `protect` of a region's key: a key whose replica is being removed drops it so the removal can finish. */
export function keyProtected(s: Pick<GlobalTableSettings, "protect" | "unprotectReplicas">, region: string): boolean {
    return s.protect && !s.unprotectReplicas.includes(region);
}

/**
 * The key policy names the account and partition: given (`accountId`) and known from the region, never looked up,
 * so a region whose STS is impaired cannot stop the program (no invoke anywhere).
 */
function createRegionKey(s: GlobalTableSettings, region: string, opts: pulumi.ResourceOptions): aws.kms.Key {
    const provider = s.provider(region);
    const { partition, dnsSuffix } = AWS_PARTITION;
    // Losing a key makes its region's replica unreadable, so it is kept like the table (retainOnDelete even when
    // unprotected: it stays in the account).
    const key = new aws.kms.Key(
        `${s.name}-${region}-key`,
        {
            description: `DynamoDB global table ${s.tableName}, data in ${region}`,
            enableKeyRotation: true,
            deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
            policy: JSON.stringify(globalTableKeyPolicy({ partition, dnsSuffix, accountId: s.accountId, region })),
            tags: s.tags,
        },
        { ...opts, provider, protect: keyProtected(s, region), retainOnDelete: s.protect },
    );
    new aws.kms.Alias(`${s.name}-${region}-key-alias`, { name: kmsAliasName(s.tableName, region), targetKeyId: key.keyId }, { ...opts, provider });
    return key;
}

/** A key and alias per data region (home first), each with its region's provider. */
export function createKeys(s: GlobalTableSettings, opts: pulumi.ResourceOptions): TableKeys {
    const result: TableKeys = { keys: {} };
    for (const region of s.dataRegions) result.keys[region] = createRegionKey(s, region, opts);
    return result;
}
