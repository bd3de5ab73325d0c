/**
 * The region an aws.Provider was created for, when the program that created it says so. An aws.Provider's own
 * `region` is an Output, known only asynchronously; a regional component that can look its provider up here
 * checks it at once, before any child, instead of making every child wait on an Output.
 */
import type * as aws from "@pulumi/aws";

const regions = new WeakMap<aws.Provider, string>();

/** Records that `provider` was created with `region` (providers.ts does this for every provider it makes). */
export function rememberProviderRegion(provider: aws.Provider, region: string): aws.Provider {
    regions.set(provider, region);
    return provider;
}

/** The region `provider` was created with, if its creator recorded it. */
export function knownProviderRegion(provider: aws.Provider): string | undefined {
    return regions.get(provider);
}
