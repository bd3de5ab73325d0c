/**
 * Args the GlobalTable tests start from: two or more regions, a string partition and sort key, two tags. The
 * validators only look at which regions have a provider, so they get stand-ins; the component gets real ones.
 */
import * as aws from "@pulumi/aws";
import { GlobalTableArgs } from "../../../components/global-table";

export const TAGS = { env: "test", owner: "platform" };
/** The account every provider deploys to (GlobalTable's `accountId`): the mock kit's. */
export const ACCOUNT_ID = "123456789012";

/** The args without providers; `providerRegions` says which regions get one (default: every region). */
export type Args = Omit<GlobalTableArgs, "providers"> & { providerRegions?: string[] };

export function baseArgs(regions: string[], extra: Partial<Args> = {}): Args {
    return { regions, homeRegion: regions[0]!, accountId: ACCOUNT_ID, partitionKey: { name: "pk", type: "S" }, sortKey: { name: "sk", type: "S" }, tags: TAGS, ...extra };
}

/** A provider stand-in for the pure validators, which only look at which regions have one. */
export function fakeProviders(regions: string[]): Record<string, aws.Provider> {
    return Object.fromEntries(regions.map((r) => [r, {} as aws.Provider]));
}

/** What the stack records today (deployed-state.ts): every region holding data, the home region included. */
export const DEPLOYED_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
export const REMOVE_EU_WEST_1 =
    'regions: removing eu-west-1 would delete its replica and the data in it; allowed: keep eu-west-1 in regions, or remove in two updates: first unprotectReplicas: ["eu-west-1"] with eu-west-1 kept in regions, then drop it from regions with allowReplicaRemoval: true';
export const STILL_PROTECTED =
    'unprotectReplicas: "eu-west-1" still has deletion protection on in the deployed table; allowed: first an update with unprotectReplicas: ["eu-west-1"] and "eu-west-1" kept in regions, then the removal';
