/**
 * The region an aws.Provider was created for, and the options that keep a regional component's children from
 * being created in any other region. An aws.Provider's own `region` is an Output, known only asynchronously; a
 * provider whose creator recorded its region here is checked at once, before any child.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import { missing, Problem, renderProblem } from "../packages/aws-facts";

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

/** The problem with a provider's region, or undefined when it matches. `subject` names the component. */
export function providerRegionProblem(subject: string, region: string, providerRegion: string | undefined): string | undefined {
    if (providerRegion === undefined || providerRegion === "") {
        return `${subject}: its provider has no region; allowed: an aws.Provider with region "${region}"`;
    }
    if (providerRegion !== region) {
        return `${subject}: region "${region}" does not match the region of its provider ("${providerRegion}"); allowed: opts.provider of region "${region}"`;
    }
    return undefined;
}

/** Options for the children of a regional component: its parent, its provider, and the wait on the region check. */
export interface RegionGatedOptions {
    /** For a child with no ordering of its own. */
    opts: pulumi.CustomResourceOptions;
    /** For a child that must also wait for `deps` (ordering the data flow does not already give). */
    after(...deps: pulumi.Resource[]): pulumi.CustomResourceOptions;
}

/**
 * Checks that `provider` is of `region` and returns the options every child of `parent` takes. The provider's
 * region is only known asynchronously, so every child waits on this check through dependsOn: on a mismatch nothing
 * is created and the program fails with this message (reported once: every waiting child rejects with the same
 * error). It never enters a child's inputs, where the SDK would prefix the message with the name of the property
 * it was serializing. A provider whose region its creator recorded is checked now; any other waits on the Output.
 * Nothing may wait on the check (a component with no children): left unhandled, its rejection still fails the program.
 */
export function regionGatedOptions(parent: pulumi.Resource, provider: aws.Provider, region: string, subject: string): RegionGatedOptions {
    const base = { parent, provider };
    const known = knownProviderRegion(provider);
    if (known !== undefined) {
        const problem = providerRegionProblem(subject, region, known);
        if (problem) throw new Error(problem);
        // Plain lists: an Output of resources in dependsOn makes the SDK walk everything reachable from them.
        return { opts: { ...base }, after: (...deps) => ({ ...base, dependsOn: deps }) };
    }
    const gate = pulumi.output(provider.region).apply((r) => {
        const problem = providerRegionProblem(subject, region, r);
        if (problem) throw new pulumi.ResourceError(problem, parent, true);
        return [] as pulumi.Resource[];
    });
    return { opts: { ...base, dependsOn: gate }, after: (...deps) => ({ ...base, dependsOn: gate.apply(() => deps) }) };
}

/** The problem of a provider at `path` that is not of `region`; undefined when it is, or when its region is unknown. */
export function providerMismatch(path: string, region: string, providerRegion: string | undefined): Problem | undefined {
    if (providerRegion === undefined || providerRegion === region) return undefined;
    const shown = providerRegion === "" ? "with no region" : `of region "${providerRegion}"`;
    return missing(path, `is an aws.Provider ${shown}`, `the aws.Provider of region "${region}"`, "provider-region");
}

/** Providers keyed by region whose recorded region differs from their key: checked with a component's args. */
export function recordedProviderProblems(path: string, providers: Readonly<Record<string, aws.Provider | undefined>>, regions: readonly string[]): Problem[] {
    return regions.flatMap((region) => {
        const provider = providers[region];
        const found = provider ? providerMismatch(`${path}.${region}`, region, knownProviderRegion(provider)) : undefined;
        return found ? [found] : [];
    });
}

/**
 * Options that make a component's children wait until every provider nobody recorded is known to be of its key's
 * region (recorded ones were checked with the args). Nothing when all were recorded, so the children of the
 * reference stack carry no extra dependency. On a mismatch no child is created and the program fails with every
 * mismatch, each as `<subject>: <problem>`.
 */
export function providerRegionsGate(parent: pulumi.Resource, subject: string, path: string, providers: Readonly<Record<string, aws.Provider>>, regions: readonly string[]): pulumi.CustomResourceOptions {
    const unrecorded = regions.filter((r) => providers[r] && knownProviderRegion(providers[r]!) === undefined);
    if (unrecorded.length === 0) return {};
    const gate = pulumi.all(unrecorded.map((r) => pulumi.output(providers[r]!.region))).apply((found) => {
        const problems = unrecorded.flatMap((r, i) => {
            const p = providerMismatch(`${path}.${r}`, r, found[i] ?? "");
            return p ? [`${subject}: ${renderProblem(p)}`] : [];
        });
        if (problems.length > 0) throw new pulumi.ResourceError(problems.join("\n"), parent, true);
        return [] as pulumi.Resource[];
    });
    return { dependsOn: gate };
}
