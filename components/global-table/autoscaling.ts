/**
 * Provisioned billing only: target tracking on read and write capacity for the table and every global secondary
 * index, in every region that holds data, each with its region's provider.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { GlobalTableSettings, ProvisionedCapacity } from "./args";

/** What one scaled capacity is: the table's or an index's, read or write. */
export interface ScalingDimension {
    /** Part of the child names: `table` or `index-<name>`, then `read` or `write`. */
    label: string;
    /** The part of the resource id after `table/<name>`: "" or `/index/<name>`. */
    resourceSuffix: string;
    scalableDimension: string;
    metric: string;
    minCapacity: number;
    maxCapacity: number;
}

/** Every dimension of the table and its indexes, in registration order (table first; read before write). */
export function scalingDimensions(indexNames: readonly string[], capacity: ProvisionedCapacity): ScalingDimension[] {
    const scopes = [
        { label: "table", resourceSuffix: "", dimension: "table" },
        ...indexNames.map((n) => ({ label: `index-${n}`, resourceSuffix: `/index/${n}`, dimension: "index" })),
    ];
    const { readCapacity, writeCapacity, autoscaling } = capacity;
    const kinds = [
        { key: "read", unit: "ReadCapacityUnits", metric: "DynamoDBReadCapacityUtilization", minCapacity: readCapacity, maxCapacity: autoscaling.maxReadCapacity },
        { key: "write", unit: "WriteCapacityUnits", metric: "DynamoDBWriteCapacityUtilization", minCapacity: writeCapacity, maxCapacity: autoscaling.maxWriteCapacity },
    ];
    return scopes.flatMap((scope) =>
        kinds.map((k) => ({
            label: `${scope.label}-${k.key}`,
            resourceSuffix: scope.resourceSuffix,
            scalableDimension: `dynamodb:${scope.dimension}:${k.unit}`,
            metric: k.metric,
            minCapacity: k.minCapacity,
            maxCapacity: k.maxCapacity,
        })),
    );
}

export interface ScalingPair {
    target: aws.appautoscaling.Target;
    policy: aws.appautoscaling.Policy;
}

function createScaling(s: GlobalTableSettings, table: aws.dynamodb.Table, region: string, d: ScalingDimension, targetValue: number, opts: pulumi.ResourceOptions): ScalingPair {
    const provider = s.provider(region);
    const target = new aws.appautoscaling.Target(
        `${s.name}-${region}-${d.label}-target`,
        {
            serviceNamespace: "dynamodb",
            resourceId: pulumi.interpolate`table/${table.name}${d.resourceSuffix}`,
            scalableDimension: d.scalableDimension,
            minCapacity: d.minCapacity,
            maxCapacity: d.maxCapacity,
            tags: s.tags,
        },
        // A replica's table exists only once the home table's update that adds it is done.
        { ...opts, provider, dependsOn: [table] },
    );
    const policy = new aws.appautoscaling.Policy(
        `${s.name}-${region}-${d.label}-policy`,
        {
            policyType: "TargetTrackingScaling",
            serviceNamespace: target.serviceNamespace,
            resourceId: target.resourceId,
            scalableDimension: target.scalableDimension,
            targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification: { predefinedMetricType: d.metric }, targetValue },
        },
        { ...opts, provider },
    );
    return { target, policy };
}

/** A target and a target-tracking policy per region and dimension; none when billed on demand. */
export function createAutoscaling(s: GlobalTableSettings, table: aws.dynamodb.Table, opts: pulumi.ResourceOptions): ScalingPair[] {
    if (!s.provisioned) return [];
    const dimensions = scalingDimensions(s.globalSecondaryIndexes.map((g) => g.name), s.provisioned);
    const targetValue = s.provisioned.autoscaling.targetUtilizationPercent;
    return s.dataRegions.flatMap((region) => dimensions.map((d) => createScaling(s, table, region, d, targetValue, opts)));
}
