/**
 * AWS regions and the region sets some services constrain. Data, so that a region AWS opens is a one-line change.
 */
import { Problem, problem } from "./problems";
import { didYouMean } from "./suggest";

/** Commercial AWS regions (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html). */
export const AWS_REGIONS = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    "af-south-1",
    "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
    "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ca-central-1", "ca-west-1",
    "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
    "eu-south-1", "eu-south-2", "eu-north-1",
    "il-central-1", "me-south-1", "me-central-1", "mx-central-1",
    "sa-east-1",
] as const;

export type AwsRegion = (typeof AWS_REGIONS)[number];

/**
 * The partition of every region above, and its DNS suffix: known from the region, so no provider lookup
 * (getPartition) is needed (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html).
 */
export const AWS_PARTITION = { partition: "aws", dnsSuffix: "amazonaws.com" } as const;

export function isAwsRegion(value: unknown): value is AwsRegion {
    return typeof value === "string" && (AWS_REGIONS as readonly string[]).includes(value);
}

/** Why `value` is not an AWS region: the likely region first when it is a typo of one. */
export function notARegionReason(value: unknown): string {
    return `is not an AWS region${didYouMean(value, AWS_REGIONS)}`;
}

/** The problem of a value at `path` that is not an AWS region, with every region as what is allowed. */
export function notARegion(path: string, value: unknown, code = "region"): Problem {
    return problem(path, value, notARegionReason(value), AWS_REGIONS.join(", "), code);
}

/** The problem of a region at `path` that is not one of `regions` (a drain, a home region). */
export function notOneOfTheRegions(path: string, value: unknown, regions: readonly string[], allowed: string, code: string): Problem {
    return problem(path, value, `is not one of the regions${didYouMean(value, regions)}`, allowed, code);
}

/**
 * Region sets for DynamoDB multi-Region strong consistency (MRSC): all replicas and the witness must sit in one
 * set. Source: "GlobalTableWitness", AWS CloudFormation reference
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-globaltablewitness.html),
 * and the DynamoDB developer guide's "Multi-Region strong consistency" page. Re-check these when AWS adds sets.
 */
export const MRSC_REGION_SETS: Readonly<Record<string, readonly string[]>> = {
    US: ["us-east-1", "us-east-2", "us-west-2"],
    EU: ["eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"],
    AP: ["ap-northeast-1", "ap-northeast-2", "ap-northeast-3"],
};

/** The MRSC region set that holds every given region, or undefined when they span sets or none. */
export function mrscRegionSet(regions: readonly string[]): string | undefined {
    return Object.keys(MRSC_REGION_SETS).find((set) => regions.every((r) => MRSC_REGION_SETS[set]!.includes(r)));
}

/** "US: us-east-1, us-east-2, us-west-2; EU: ...": the sets as a message lists them. */
export function describeMrscRegionSets(): string {
    return Object.entries(MRSC_REGION_SETS).map(([n, rs]) => `${n}: ${rs.join(", ")}`).join("; ");
}

/**
 * Regions Route 53 health checkers run from
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html, `Regions`).
 */
export const ROUTE53_CHECKER_REGIONS: readonly string[] = [
    "us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1",
];

/** A health check names at least three checker regions (API_HealthCheckConfig, `Regions`). */
export const ROUTE53_MIN_CHECKER_REGIONS = 3;

/** Route 53 publishes health check metrics in us-east-1 only, so alarms on them live there. */
export const ROUTE53_METRICS_REGION = "us-east-1";

/** A health check's checker regions: at least three, each one Route 53 checks from. `path` is the caller's name for the list. */
export function checkerRegionProblems(regions: readonly unknown[], path: string): Problem[] {
    const problems: Problem[] = [];
    if (regions.length < ROUTE53_MIN_CHECKER_REGIONS) {
        problems.push(problem(path, regions, `has ${regions.length}`, `at least ${ROUTE53_MIN_CHECKER_REGIONS} checker regions`, "checker-region-count"));
    }
    regions.forEach((r, i) => {
        if (typeof r !== "string" || !ROUTE53_CHECKER_REGIONS.includes(r)) {
            problems.push(problem(`${path}[${i}]`, r, "is not a Route 53 checker region", ROUTE53_CHECKER_REGIONS.join(", "), "checker-region-unknown"));
        }
    });
    return problems;
}
