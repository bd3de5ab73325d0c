/**
 * AWS facts the rules need. The pack ships on its own (`pulumi policy publish` takes only this folder and its
 * dependencies), so it cannot import components/regions.ts; policies/lib/aws-facts.test.ts keeps the two equal.
 */

/** An AWS region name, e.g. `eu-west-1`, `us-gov-west-1`, `ap-southeast-5`. */
const REGION_PATTERN = "(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso|-isob)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-[0-9]+";
const REGION_EXACT = new RegExp(`^${REGION_PATTERN}$`);
// A region inside a name or hostname: `app-eu-west-1-check`, `abc.execute-api.eu-west-1.amazonaws.com`.
const REGION_INSIDE = new RegExp(`(?:^|[^a-z0-9])(${REGION_PATTERN})(?![0-9a-z])`);

export function isRegionName(value: unknown): value is string {
    return typeof value === "string" && REGION_EXACT.test(value);
}

/** The first region name inside a string (a logical name, a hostname), or undefined. */
export function regionInText(text: unknown): string | undefined {
    if (typeof text !== "string") return undefined;
    return REGION_INSIDE.exec(text.toLowerCase())?.[1];
}

/**
 * Region sets for DynamoDB multi-Region strong consistency: all replicas and the witness must sit in one set
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-globaltablewitness.html).
 */
export const MRSC_REGION_SETS: Readonly<Record<string, readonly string[]>> = {
    US: ["us-east-1", "us-east-2", "us-west-2"],
    EU: ["eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"],
    AP: ["ap-northeast-1", "ap-northeast-2", "ap-northeast-3"],
};

export function mrscRegionSet(regions: readonly string[]): string | undefined {
    return Object.keys(MRSC_REGION_SETS).find((set) => regions.every((r) => MRSC_REGION_SETS[set]!.includes(r)));
}

/** Route 53 publishes health check metrics in us-east-1 only, so alarms on them must live there. */
export const ROUTE53_METRICS_REGION = "us-east-1";

/**
 * AWS resource types that accept `tags` (the ones an active-active stack creates, plus common neighbours).
 * A type missing here is simply not checked by the tag rule; add it when the stack starts using it.
 */
export const TAGGABLE_AWS_TYPES: readonly string[] = [
    "aws:acm/certificate:Certificate",
    "aws:apigatewayv2/api:Api",
    "aws:apigatewayv2/domainName:DomainName",
    "aws:apigatewayv2/stage:Stage",
    "aws:apigatewayv2/vpcLink:VpcLink",
    "aws:appautoscaling/target:Target",
    "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:codedeploy/application:Application",
    "aws:codedeploy/deploymentGroup:DeploymentGroup",
    "aws:dynamodb/table:Table",
    "aws:dynamodb/tableReplica:TableReplica",
    "aws:iam/policy:Policy",
    "aws:iam/role:Role",
    "aws:kms/key:Key",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:lambda/function:Function",
    "aws:route53/healthCheck:HealthCheck",
    "aws:route53/zone:Zone",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:sns/topic:Topic",
    "aws:sqs/queue:Queue",
];

/** Types of AWS services without regions (their provider's region means nothing for parity). */
export function isGlobalAwsType(type: string): boolean {
    return type.startsWith("aws:route53/") || type.startsWith("aws:iam/") || type.startsWith("aws:cloudfront/") || type.startsWith("aws:organizations/");
}
