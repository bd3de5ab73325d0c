// Every figure the model uses, with the page it comes from. A constant marked ASSUMED is not documented by the
// provider: the value is our choice, and every breakdown part that uses it says `assumed: true`.

export const DOCS = {
    route53HealthStatus:
        "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html",
    route53HealthCheckValues: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html",
    route53HealthCheckApi: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html",
    route53AliasTtl:
        "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html",
    route53RecordTtl:
        "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-shared.html#rrsets-values-common-ttl",
    route53RecordApi: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html",
    cloudflareMonitors: "https://developers.cloudflare.com/load-balancing/monitors/",
    cloudflareMonitorApi:
        "https://developers.cloudflare.com/api/resources/load_balancers/subresources/monitors/methods/create/",
    cloudflareProxyModes: "https://developers.cloudflare.com/load-balancing/understand-basics/proxy-modes/",
    cloudflareLoadBalancerApi: "https://developers.cloudflare.com/api/resources/load_balancers/methods/create/",
    dynamodbGlobalTables: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html",
    dynamodbGlobalTablesHowItWorks:
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html",
    resolverTtl: "https://datatracker.ietf.org/doc/html/rfc1035#section-3.2.1",
    clientConnectionLifetime: "https://learn.microsoft.com/en-us/dotnet/fundamentals/networking/http/httpclient-guidelines#dns-behavior",
    cloudflareDynamicSteering:
        "https://developers.cloudflare.com/load-balancing/understand-basics/traffic-steering/steering-policies/dynamic-steering/",
    cloudflareProximitySteering:
        "https://developers.cloudflare.com/load-balancing/understand-basics/traffic-steering/steering-policies/proximity-steering/",
    cloudflareSteeringPolicies: "https://developers.cloudflare.com/load-balancing/understand-basics/traffic-steering/steering-policies/",
    cloudflareGeoSteering: "https://developers.cloudflare.com/load-balancing/understand-basics/traffic-steering/steering-policies/geo-steering/",
} as const;

// ---- Route 53 health checks ------------------------------------------------------------------------------

/**
 * RequestInterval ("10 or 30" seconds, from a checker's response to its next request) and FailureThreshold
 * (consecutive failures before a checker reports unhealthy, 1 to 10): facts of aws-facts. (route53HealthCheckApi)
 */
export { ROUTE53_FAILURE_THRESHOLD, ROUTE53_REQUEST_INTERVALS } from "../aws-facts/limits";
/** AWS defaults for RequestInterval and FailureThreshold, facts of aws-facts. (route53HealthCheckApi) */
export { ROUTE53_DEFAULT_FAILURE_THRESHOLD, ROUTE53_DEFAULT_REQUEST_INTERVAL_SECONDS } from "../aws-facts/limits";
/**
 * An HTTPS check fails when the TCP connection is not made within 4 s or the response does not start within 2 s
 * after connecting; a hanging endpoint therefore costs 6 s per check on top of the interval. (route53HealthStatus)
 */
export const ROUTE53_CHECK_TIMEOUT_SECONDS = 4 + 2;
/** Checker regions: at least 3, of the regions Route 53 accepts (API_HealthCheckConfig, `Regions`); facts of aws-facts. */
export { ROUTE53_CHECKER_REGIONS, ROUTE53_MIN_CHECKER_REGIONS } from "../aws-facts/regions";
/** An endpoint check is healthy when more than 18 % of checkers report it healthy. (route53HealthStatus) */
export const ROUTE53_HEALTHY_CHECKER_FRACTION = 0.18;
/**
 * ASSUMED: time for Route 53 to aggregate its checkers' reports into one status and hand it to the DNS servers.
 * AWS documents the rule (more than 18 % healthy) but not the delay.
 */
export const ROUTE53_CHECKER_AGGREGATION_SECONDS = 10;
/**
 * ASSUMED: time for a calculated check to follow a change of its children. Every latency record hangs off a
 * calculated "gate" check (that is how a region is drained), so this is paid once. AWS documents no figure.
 */
export const ROUTE53_CALCULATED_CHECK_SECONDS = 10;

// ---- Route 53 records and DNS caches ---------------------------------------------------------------------

/**
 * ASSUMED: the TTL of an alias record to an API Gateway regional custom domain. An alias record to an AWS resource
 * carries that resource's TTL and cannot set its own (route53AliasTtl); AWS does not publish API Gateway's, 60 s is
 * the figure AWS gives for its other alias targets (ELB, S3 website) and the upper bound it recommends for
 * health-checked records (route53RecordTtl).
 */
export const ROUTE53_ALIAS_TARGET_TTL_SECONDS = 60;
/**
 * The TTL we allow on a CNAME record. Route 53 accepts 0 to 2147483647 (route53RecordApi); below 10 s answers are
 * mostly clamped by resolvers anyway, and above 300 s failover is measured in minutes. 60 s is AWS's recommended
 * maximum for health-checked records (route53RecordTtl).
 */
export const ROUTE53_CNAME_TTL_SECONDS = { min: 10, max: 300, default: 60 } as const;
/**
 * ASSUMED: the smallest TTL a client's resolver chain honours. DNS says a cache keeps an answer for its TTL
 * (resolverTtl), but some ISP resolvers and client runtimes (the JVM's default positive cache is 30 s) hold answers
 * longer; the model never counts less than this for a cached answer.
 */
export const RESOLVER_MINIMUM_TTL_SECONDS = 30;

// ---- Clients ---------------------------------------------------------------------------------------------------

/**
 * Pooled keep-alive clients resolve a name only when they open a connection (.NET's HttpClient "only resolves DNS
 * entries when a connection is created", clientConnectionLifetime; Go's net/http has no connection age limit at all,
 * golang/go#23427), so a client keeps calling a failed region over its open connections until it closes them.
 * ASSUMED: clients close a pooled connection no later than the record's TTL after opening it, as docs/traffic.md
 * ("Clients") recommends; a client that keeps them longer adds the difference (`clientMaxConnectionAgeSeconds`).
 */
export const CLIENT_CONNECTION_AGE_RECOMMENDATION = "at most the record's TTL";

// ---- Cloudflare load balancing ---------------------------------------------------------------------------

export type CloudflarePlan = "free" | "pro" | "business" | "enterprise";

/** Cloudflare's 13 load-balancing regions (Region Mapping API, https://developers.cloudflare.com/load-balancing/reference/region-mapping-api/). */
export const CLOUDFLARE_REGION_CODES = ["WNAM", "ENAM", "WEU", "EEU", "NSAM", "SSAM", "OC", "ME", "NAF", "SAF", "SAS", "SEAS", "NEAS"] as const;
export type CloudflareRegionCode = (typeof CLOUDFLARE_REGION_CODES)[number];

/**
 * ASSUMED: the smallest monitor interval Cloudflare accepts on each plan. Cloudflare says the allowed interval
 * depends on the plan (cloudflareMonitors) and the API defaults it to 60 s (cloudflareMonitorApi); we could not read
 * the per-plan table, so these figures are assumed.
 */
export const CLOUDFLARE_MIN_INTERVAL_SECONDS: Readonly<Record<CloudflarePlan, number>> = {
    enterprise: 10,
    business: 15,
    pro: 60,
    free: 60,
};
/** The plan assumed when the config names none: Pro, whose assumed 60 s minimum is also the API's default interval. */
export const DEFAULT_CLOUDFLARE_PLAN: CloudflarePlan = "pro";
/**
 * Monitor API defaults: interval 60 s, retries 2 ("attempted immediately" after a timeout), timeout 5 s,
 * consecutive_down 0, which behaves as 1. (cloudflareMonitorApi)
 */
export const CLOUDFLARE_MONITOR_DEFAULTS = { intervalSeconds: 60, retries: 2, timeoutSeconds: 5, consecutiveDown: 1 };
/**
 * ASSUMED: time for a pool's new health (majority of data centres per check region, majority of regions,
 * cloudflareMonitors) to reach every Cloudflare edge. Cloudflare documents no figure.
 */
export const CLOUDFLARE_HEALTH_PROPAGATION_SECONDS = 10;
/**
 * ASSUMED: the TTL of an unproxied (DNS-only) load balancer's answers. The API's `ttl` applies only to unproxied
 * load balancers (cloudflareLoadBalancerApi); Cloudflare's own examples use 30 s. Proxied load balancers hand out
 * Cloudflare's addresses and choose the pool per request, so no DNS answer has to expire (cloudflareProxyModes).
 */
export const CLOUDFLARE_UNPROXIED_TTL_SECONDS = 30;

// ---- DynamoDB global tables ------------------------------------------------------------------------------

/**
 * ASSUMED: the replication lag of a multi-Region eventually consistent (MREC) global table. AWS says replicas are
 * typically updated within a second and gives no SLA (dynamodbGlobalTablesHowItWorks); the table's
 * ReplicationLatency metric shows the real figure.
 */
export const DYNAMODB_MREC_REPLICATION_LAG_SECONDS = 1;
