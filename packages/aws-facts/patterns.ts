/**
 * Name patterns AWS enforces (or that we hold names to), written once. Each comes with the words a message uses
 * for it, so a validator says what is allowed in the same terms everywhere.
 */
import { DYNAMODB_NAME_LENGTH } from "./limits";

export interface NamePattern {
    pattern: RegExp;
    /** What is allowed, in the words of an error message. */
    allowed: string;
}

const { min: NAME_MIN, max: NAME_MAX } = DYNAMODB_NAME_LENGTH;

/** DynamoDB table names (CreateTable, `TableName`). */
export const TABLE_NAME: NamePattern = {
    pattern: new RegExp(`^[A-Za-z0-9_.-]{${NAME_MIN},${NAME_MAX}}$`),
    allowed: `${NAME_MIN}-${NAME_MAX} characters of letters, digits, _ . -`,
};

/** DynamoDB index names (CreateTable, `IndexName`). */
export const INDEX_NAME: NamePattern = {
    pattern: TABLE_NAME.pattern,
    allowed: TABLE_NAME.allowed,
};

/** DynamoDB key attribute names, as we hold them: 1-255 characters of letters, digits, _ . - (AttributeDefinition). */
export const ATTRIBUTE_NAME: NamePattern = {
    pattern: /^[A-Za-z0-9_.-]{1,255}$/,
    allowed: "1-255 characters of letters, digits, _ . -",
};

/** A DNS name of lower-case labels (RFC 1035, as Route 53 and ACM take them). */
export const DNS_NAME: NamePattern = {
    pattern: /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    allowed: "lower-case labels of letters, digits and hyphens, e.g. api.example.com",
};

/** A Route 53 hosted zone id. */
export const HOSTED_ZONE_ID: NamePattern = {
    pattern: /^Z[A-Z0-9]{1,31}$/,
    allowed: "Z followed by up to 31 upper-case letters or digits",
};

/** An SNS topic ARN. */
/** An ARC cluster (Route 53 Application Recovery Controller, CreateCluster's `ClusterArn`). */
export const ARC_CLUSTER_ARN: NamePattern = {
    pattern: /^arn:aws[a-z-]*:route53-recovery-control::\d{12}:cluster\/[A-Za-z0-9-]+$/,
    allowed: "arn:aws:route53-recovery-control::<12-digit account>:cluster/<id>",
};

export const SNS_TOPIC_ARN: NamePattern = {
    pattern: /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/,
    allowed: "arn:aws:sns:<region>:<12-digit account>:<topic name>",
};

/** Tag keys AWS accepts (1-128 characters; the `aws:` prefix is reserved, see RESERVED_TAG_PREFIX). */
export const TAG_KEY: NamePattern = {
    pattern: /^[\w .:/=+@-]{1,128}$/,
    allowed: "1-128 letters, digits, spaces and _ . : / = + - @",
};

/** AWS reserves tag keys that start with this prefix (case-insensitive). */
export const RESERVED_TAG_PREFIX = "aws:";

/** Tag values are at most 256 characters. */
export const TAG_VALUE_MAX_LENGTH = 256;

/**
 * API Gateway's default endpoint of an API, `<api-id>.execute-api.<region>.amazonaws.com` (a 10-character id). A
 * regional custom domain's target is `d-<id>.execute-api.<region>.amazonaws.com` instead, which this does not match.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html
 */
export const DEFAULT_EXECUTE_API_HOST = /^[a-z0-9]{10}\.execute-api\.[a-z0-9-]+\.amazonaws\.com\.?$/i;

/** Whether a host name is an API's default execute-api endpoint (not a custom domain or its target). */
export function isDefaultExecuteApiHost(host: string): boolean {
    return DEFAULT_EXECUTE_API_HOST.test(host);
}

/** A 12-digit AWS account id. */
export const ACCOUNT_ID: NamePattern = {
    pattern: /^\d{12}$/,
    allowed: "a 12-digit AWS account id",
};

/** Parts of an ARN: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface ArnParts {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

const ARN = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws)?:(.+)$/;

/** The parts of an ARN, or undefined when the text is not one. */
export function parseArn(arn: string): ArnParts | undefined {
    const m = ARN.exec(arn);
    return m ? { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4] ?? "", resource: m[5]! } : undefined;
}
