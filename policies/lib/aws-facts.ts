/**
 * The pack's own helpers over AWS facts. The facts themselves (regions, region sets, limits) come from the
 * workspace package @active-active/aws-facts, the same module the components and the config import.
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

export { MRSC_REGION_SETS, mrscRegionSet, ROUTE53_METRICS_REGION } from "@active-active/aws-facts";

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
