/**
 * What is deployed is checked twice: at once when the caller read it before construction (a refused change then
 * stops every child), and again before the table registers, when it arrives as an Output. docs/global-table.md
 * ("Adding and removing regions") has the two-step removal these checks enforce.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Problem } from "../../packages/aws-facts";
import type { GlobalTableSettings } from "./args";
import { validateReplicaChanges } from "./validate";

type DeployedSettings = Pick<GlobalTableSettings, "regions" | "homeRegion" | "consistency" | "allowReplicaRemoval" | "unprotectReplicas">;

/** The replica-change rules for these settings against the deployed lists, whatever their shape. */
export function deployedStateProblems(s: DeployedSettings, deployedRegions: unknown, deployedUnprotected: unknown): Problem[] {
    return validateReplicaChanges({
        regions: s.regions,
        homeRegion: s.homeRegion,
        consistency: s.consistency,
        allowReplicaRemoval: s.allowReplicaRemoval,
        unprotectReplicas: s.unprotectReplicas,
        deployedReplicaRegions: deployedRegions as string[] | undefined,
        deployedUnprotectedReplicas: deployedUnprotected as string[] | undefined,
    });
}

/** A plain value (neither an Output nor a promise) is known while the component is constructed. */
export function knownNow(value: unknown): boolean {
    return !(pulumi.Output.isInstance(value) || value instanceof Promise);
}

/** The same check, now, when both deployed lists are plain values; [] otherwise (the table's registration checks them). */
export function deployedStateProblemsNow(s: DeployedSettings & Pick<GlobalTableSettings, "deployedReplicaRegions" | "deployedUnprotectedReplicas">): Problem[] {
    const { deployedReplicaRegions: regions, deployedUnprotectedReplicas: unprotected } = s;
    return knownNow(regions) && knownNow(unprotected) ? deployedStateProblems(s, regions, unprotected) : [];
}
