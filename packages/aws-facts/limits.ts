/**
 * Service limits and fixed values the library, the config and the checks share, each with the page it comes from.
 * A limit that is our choice rather than AWS's says so.
 */

/** Our choice: active-active needs a second region to fail over to. */
export const MIN_REGIONS = 2;

// ---- DynamoDB ----------------------------------------------------------------------------------------------------
/** Table and index names are 3-255 characters (CreateTable, `TableName`, `IndexName`). */
export const DYNAMODB_NAME_LENGTH = { min: 3, max: 255 } as const;
/** PITR recovery period, days (UpdateContinuousBackups, `RecoveryPeriodInDays`). */
export const PITR_DAYS = { min: 1, max: 35 } as const;
/** Global secondary indexes per table, default quota (DynamoDB service quotas). */
export const MAX_GSIS = 20;
/** Local secondary indexes per table (DynamoDB service quotas). */
export const MAX_LSIS = 5;
/** Our bounds on provisioned capacity units per table or index and region (the account default is 40,000). */
export const CAPACITY_UNITS = { min: 1, max: 40000 } as const;
/**
 * Our bounds on an on-demand table's or index's maximum request units per second (`OnDemandThroughput`
 * MaxReadRequestUnits / MaxWriteRequestUnits take 1 or more, -1 removes the cap): 40,000 is the account's default
 * per-table quota, above which on-demand throughput is bounded anyway
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode-max-throughput.html).
 */
export const ON_DEMAND_REQUEST_UNITS = { min: 1, max: 40000 } as const;
/** Target tracking for DynamoDB accepts a utilization target of 20-90 % (Application Auto Scaling). */
export const TARGET_UTILIZATION_PERCENT = { min: 20, max: 90 } as const;
/** AWS turns streams on for every replica of a global table with this view; pinning it avoids a permanent diff. */
export const GLOBAL_TABLE_STREAM_VIEW_TYPE = "NEW_AND_OLD_IMAGES";
/**
 * An item, attribute names and values together, is at most 400 KB (DynamoDB quotas, "Item size";
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). DynamoDB counts 1 KB as 1,024 bytes.
 */
export const DYNAMODB_MAX_ITEM_BYTES = 400 * 1024;
/**
 * One partition takes at most 1,000 write units a second, whatever the table's capacity; an item lives in one
 * partition ("each individual partition is limited to 1000 write units per second",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html).
 */
export const DYNAMODB_PARTITION_MAX_WCU = 1000;

// ---- KMS ---------------------------------------------------------------------------------------------------------
/** Alias names are at most 256 characters (CreateAlias, `AliasName`). */
export const KMS_ALIAS_MAX_LENGTH = 256;
/** A key scheduled for deletion waits 7-30 days (ScheduleKeyDeletion, `PendingWindowInDays`). */
export const KMS_DELETION_WINDOW_DAYS_RANGE = { min: 7, max: 30 } as const;

// ---- Lambda ------------------------------------------------------------------------------------------------------
/** Function memory, MB (CreateFunction, `MemorySize`). */
export const LAMBDA_MEMORY_MB = { min: 128, max: 10240 } as const;
/** Function timeout, seconds (CreateFunction, `Timeout`). */
export const LAMBDA_TIMEOUT_S = { min: 1, max: 900 } as const;

// ---- API Gateway -------------------------------------------------------------------------------------------------
/** HTTP APIs give up on an integration after 30 s whatever the function's timeout (API Gateway quotas). */
export const API_GATEWAY_MAX_INTEGRATION_TIMEOUT_MS = 30000;

// ---- CloudWatch Logs ---------------------------------------------------------------------------------------------
/** Retention values accepted by PutRetentionPolicy (`retentionInDays`). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

// ---- Route 53 ----------------------------------------------------------------------------------------------------
/** A health check's RequestInterval: 10 or 30 seconds (API_HealthCheckConfig, `RequestInterval`). */
export const ROUTE53_REQUEST_INTERVALS: readonly number[] = [10, 30];
/** A health check's FailureThreshold: 1 to 10 consecutive failures (API_HealthCheckConfig, `FailureThreshold`). */
export const ROUTE53_FAILURE_THRESHOLD = { min: 1, max: 10 } as const;
/** What Route 53 uses when a health check leaves RequestInterval or FailureThreshold unset. */
export const ROUTE53_DEFAULT_REQUEST_INTERVAL_SECONDS = 30;
export const ROUTE53_DEFAULT_FAILURE_THRESHOLD = 3;

// ---- ACM and CloudWatch --------------------------------------------------------------------------------------------
/**
 * A certificate's first name (RequestCertificate `DomainName`) is at most 64 characters: ACM puts it in the
 * subject CN, which X.509 limits to 64 (RequestCertificate API reference).
 */
export const ACM_DOMAIN_NAME_MAX_LENGTH = 64;
/**
 * ACM publishes `DaysToExpiry` once a day per certificate, in the certificate's region, namespace
 * `AWS/CertificateManager`, dimension `CertificateArn`; it stops once the certificate has expired.
 * https://docs.aws.amazon.com/acm/latest/userguide/cloudwatch-metrics.html
 */
export const ACM_EXPIRY_METRIC = { namespace: "AWS/CertificateManager", metricName: "DaysToExpiry", dimension: "CertificateArn", periodSeconds: 86400 } as const;
/**
 * ACM's own expiry events start this many days before a certificate expires unless the account changes it
 * (ExpiryEventsConfiguration, `DaysBeforeExpiry`, default 45). A DNS-validated certificate in use is renewed well
 * before then, so one still this close to expiry has failed to renew.
 */
export const ACM_DEFAULT_EXPIRY_EVENT_DAYS = 45;
/**
 * An alarm's evaluation range (Period x EvaluationPeriods) is at most 7 days, and at most 1 day for periods under
 * an hour (PutMetricAlarm, `Period`).
 */
export const CLOUDWATCH_MAX_EVALUATION_SECONDS = { total: 604800, shortPeriods: 86400, shortPeriodBelow: 3600 } as const;

// ---- Lambda concurrency ------------------------------------------------------------------------------------------
/**
 * A region's concurrency quota for a new account, before any increase (Lambda quotas, "Concurrent executions":
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). New accounts may start lower; the
 * stack config takes the account's real figure (`service.concurrencyQuota`).
 */
export const LAMBDA_DEFAULT_CONCURRENCY_QUOTA = 1000;
/**
 * Lambda keeps this much of a region's concurrency unreserved: PutFunctionConcurrency fails when the reservation
 * would leave less ("Configuring reserved concurrency":
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html).
 */
export const LAMBDA_MIN_UNRESERVED_CONCURRENCY = 100;
/**
 * Active Route 53 health checks per AWS account before an increase: 200 (Route 53 quotas, "Health checks":
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html; the account's own figure is
 * GetAccountLimit MAX_HEALTH_CHECKS_BY_OWNER, and CreateHealthCheck beyond it fails with TooManyHealthChecks).
 */
export const ROUTE53_DEFAULT_HEALTH_CHECK_QUOTA = 200;

// ---- Route 53 ----------------------------------------------------------------------------------------------------
/** ResourcePath of a health check: at most 255 characters (API_HealthCheckConfig, `ResourcePath`). */
export const ROUTE53_RESOURCE_PATH_MAX_LENGTH = 255;
/**
 * An HTTPS health check must connect within 4 s and have the response within 2 s after connecting ("How Route 53
 * determines whether a health check is healthy":
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html).
 */
export const ROUTE53_RESPONSE_WINDOW_MS = 2000;

// ---- Route 53 Application Recovery Controller ---------------------------------------------------------------------
/**
 * ARC's recovery control configuration API (clusters, control panels, routing controls, safety rules) is served
 * from us-west-2 only; routing control states are changed through the cluster's own regional endpoints
 * (https://docs.aws.amazon.com/recovery-cluster/latest/api/what-is-recovery-control.html).
 */
export const ARC_CONFIG_REGION = "us-west-2";
/** A cluster is billed by the hour: $2.50 (https://aws.amazon.com/application-recovery-controller/pricing/). */
export const ARC_CLUSTER_USD_PER_HOUR = 2.5;
/** Hours in an average month, as AWS's pricing pages count them. */
export const HOURS_PER_MONTH = 730;
/**
 * A safety rule's wait period, in ms: how long after one change the rule evaluates the next (ARC
 * CreateSafetyRule, `WaitPeriodMs`). Our choice: the value of AWS's console default.
 */
export const ARC_SAFETY_RULE_WAIT_MS = 5000;
/** Names of ARC clusters, control panels, routing controls and safety rules: 1-64 characters (ARC API reference). */
export const ARC_NAME_MAX_LENGTH = 64;
