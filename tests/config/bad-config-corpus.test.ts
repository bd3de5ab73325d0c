/**
 * The bad-config corpus: configs a user could plausibly write, each rejected before any resource is registered
 * with a message that names the key, the offending value and what is allowed.
 *
 * Every case is checked twice: `parseConfig` on the stack file plus the change (exact problem list), and the
 * whole program under the mock kit (same problems, no custom resource registered). index.test.ts holds other
 * bad configs; the two files share no input.
 */
import { ConfigError } from "../../config";
import { AWS_REGIONS } from "../../packages/aws-facts";
import { MockKit } from "../../mock-kit";
import { configProblems, configSource, ConfigSourceOptions, engineConfig, StackName } from "../helpers/config-source";

const ALL_REGIONS = AWS_REGIONS.join(", ");
const KNOWN_KEYS =
    "regions, homeRegion, accountId, domain, consistency, witnessRegion, traffic, drain, hostedZoneId, zoneName, cloudflare, table, service, health, routing, rtoTargetSeconds, clientMaxConnectionAgeSeconds, alarms, tags, protect, allowReplicaRemoval, unprotectReplicas, services";
const MRSC_SETS = "US: us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3";
const CHECKER_REGIONS = "us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1";
const LOG_RETENTIONS = "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653";
const NOT_A_DNS_NAME = "is not a DNS name; allowed: lower-case labels of letters, digits and hyphens, e.g. api.example.com";
const NOT_A_ZONE_ID = "is not a Route 53 hosted zone id; allowed: Z followed by up to 31 upper-case letters or digits";
const CF_IDS = { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210" };
const CF_TRAFFIC = { "active-active:traffic": "cloudflare" };
const SECRET_TOKEN = { "cloudflare:apiToken": "cf-corpus-token-0d9e" };
const EU_PAIR = { "active-active:regions": ["eu-west-1", "eu-west-2"], "active-active:homeRegion": "eu-west-1" };
const STRONG = { "active-active:consistency": "strong" };
const NO_EXPLICIT_HEALTH = { "active-active:health": {} };
/** The dev stack file's authorizer: a `set` of the whole service key keeps it, or the config lacks an issuer. */
const DEV_AUTH = { type: "jwt", issuer: "https://login.example.com/", audience: ["api.dev.example.com"] };
const ISSUER_ALLOWED = "the https:// issuer URL of your identity provider (its tokens' iss claim), e.g. https://cognito-idp.<region>.amazonaws.com/<user pool id>";
const PLAIN_TEXT = (key: string) => `${key}: is stored in plain text; allowed: a secret (\`pulumi config set --secret ${key} ...\`) or the provider's environment variable`;

function gsi(name: string, attribute: string, type = "S") {
    return { name, partitionKey: { name: attribute, type } };
}

interface BadConfig {
    title: string;
    stack: StackName;
    options: ConfigSourceOptions;
    /** The key (with its path) the problem must name. */
    key: string;
    /** A part of the offending value the problem must show; null when the problem is a value that is missing. */
    value: string | null;
    /** Every problem, in order. */
    problems: string[];
    /** Text that must not appear in the error (secret values). */
    hidden?: string;
}

const corpus: BadConfig[] = [
    // ---- duplicates ----------------------------------------------------------------------------------------
    {
        title: "a prod region listed twice", stack: "prod",
        options: { set: { "active-active:regions": ["us-east-1", "us-west-2", "eu-west-1", "us-west-2"] } },
        key: "active-active:regions[3]", value: "us-west-2",
        problems: ['active-active:regions[3]: "us-west-2" is listed twice; allowed: each region once'],
    },
    {
        title: "a health checker region listed twice (two distinct checkers, Route 53 needs three)", stack: "dev",
        options: { set: { "active-active:health": { checkerRegions: ["us-east-1", "eu-west-1", "us-east-1"] } } },
        key: "active-active:health.checkerRegions[2]", value: "us-east-1",
        problems: ['active-active:health.checkerRegions[2]: "us-east-1" is listed twice; allowed: each region once'],
    },
    {
        title: "two global secondary indexes with one name", stack: "prod",
        options: { set: { "active-active:table": { globalSecondaryIndexes: [gsi("by-owner", "owner"), gsi("by-owner", "team")] } } },
        key: "active-active:table.globalSecondaryIndexes[1].name", value: "by-owner",
        problems: ['active-active:table.globalSecondaryIndexes[1].name: "by-owner" is listed twice; allowed: each index name once'],
    },

    // ---- unknown or mistyped regions ------------------------------------------------------------------------
    {
        title: "a region without its last hyphen", stack: "dev",
        options: { set: { "active-active:regions": ["us-east-1", "us-west2"] } },
        key: "active-active:regions[1]", value: "us-west2",
        problems: [`active-active:regions[1]: "us-west2" is not an AWS region (did you mean "us-west-2"?); allowed: ${ALL_REGIONS}`],
    },
    {
        title: "a region with a leading space", stack: "staging",
        options: { set: { "active-active:regions": [" us-east-1", "us-west-2", "eu-west-1"] } },
        key: "active-active:regions[0]", value: " us-east-1",
        problems: [`active-active:regions[0]: " us-east-1" is not an AWS region (did you mean "us-east-1"?); allowed: ${ALL_REGIONS}`],
    },
    {
        title: "a home region in capitals", stack: "dev",
        options: { set: { "active-active:homeRegion": "US-EAST-1" } },
        key: "active-active:homeRegion", value: "US-EAST-1",
        problems: [`active-active:homeRegion: "US-EAST-1" is not an AWS region (did you mean "us-east-1"?); allowed: ${ALL_REGIONS}`],
    },
    {
        title: "draining a region of another stack", stack: "staging",
        options: { set: { "active-active:drain": ["eu-central-1"] } },
        key: "active-active:drain[0]", value: "eu-central-1",
        problems: ['active-active:drain[0]: "eu-central-1" is not one of the regions; allowed: us-east-1, us-west-2, eu-west-1'],
    },
    {
        title: "a health checker in a region Route 53 does not check from", stack: "dev",
        options: { set: { "active-active:health": { checkerRegions: ["us-east-1", "eu-west-1", "eu-central-1"] } } },
        key: "active-active:health.checkerRegions[2]", value: "eu-central-1",
        problems: [`active-active:health.checkerRegions[2]: "eu-central-1" is not a Route 53 checker region; allowed: ${CHECKER_REGIONS}`],
    },

    // ---- a single region ------------------------------------------------------------------------------------
    {
        title: "staging cut down to one region", stack: "staging",
        options: { set: { "active-active:regions": ["eu-west-1"] } },
        key: "active-active:regions", value: '["eu-west-1"]',
        problems: ['active-active:regions: ["eu-west-1"] has 1 region; allowed: at least 2 regions'],
    },

    // ---- strong consistency ---------------------------------------------------------------------------------
    {
        title: "strong consistency with four regions", stack: "prod",
        options: { set: { ...STRONG, "active-active:regions": ["us-east-1", "us-east-2", "us-west-2", "eu-west-1"] } },
        key: "active-active:regions", value: '["us-east-1","us-east-2","us-west-2","eu-west-1"]',
        problems: ['active-active:regions: ["us-east-1","us-east-2","us-west-2","eu-west-1"] has 4 regions; allowed with consistency "strong": exactly 3 regions, or 2 regions plus active-active:witnessRegion'],
    },
    {
        title: "strong consistency with a witness and three regions", stack: "prod",
        options: { set: { ...STRONG, "active-active:regions": ["eu-west-1", "eu-west-2", "eu-west-3"], "active-active:homeRegion": "eu-west-1", "active-active:witnessRegion": "eu-central-1" } },
        key: "active-active:regions", value: '["eu-west-1","eu-west-2","eu-west-3"]',
        problems: ['active-active:regions: ["eu-west-1","eu-west-2","eu-west-3"] has 3 regions; allowed with active-active:witnessRegion: exactly 2 regions (strong consistency is 3 replicas, or 2 replicas and a witness)'],
    },
    {
        title: "strong consistency: two EU replicas and a US witness", stack: "dev",
        options: { set: { ...STRONG, ...EU_PAIR, "active-active:witnessRegion": "us-east-2" } },
        key: "active-active:witnessRegion", value: "us-east-2",
        problems: ['active-active:witnessRegion: "us-east-2" is not in the EU strong-consistency region set of active-active:regions; allowed: eu-west-3, eu-central-1'],
    },
    {
        title: "strong consistency: replicas in two sets, witness beside one of them", stack: "dev",
        options: { set: { ...STRONG, "active-active:regions": ["eu-west-1", "us-east-1"], "active-active:witnessRegion": "us-east-2" } },
        key: "active-active:regions", value: '["eu-west-1","us-east-1"]',
        problems: [`active-active:regions: ["eu-west-1","us-east-1"] are not all in one strong-consistency region set; allowed: all in one set (${MRSC_SETS})`],
    },
    {
        title: "strong consistency with a region of no set", stack: "staging",
        options: { set: { ...STRONG, "active-active:regions": ["sa-east-1", "us-east-1", "us-east-2"] } },
        key: "active-active:regions", value: "sa-east-1",
        problems: [`active-active:regions: ["sa-east-1","us-east-1","us-east-2"] are not all in one strong-consistency region set; allowed: all in one set (${MRSC_SETS})`],
    },
    {
        title: "the witness is one of two EU replicas", stack: "dev",
        options: { set: { ...STRONG, ...EU_PAIR, "active-active:witnessRegion": "eu-west-2" } },
        key: "active-active:witnessRegion", value: "eu-west-2",
        problems: ['active-active:witnessRegion: "eu-west-2" is also a replica region; allowed: a third region of the same set that is not in active-active:regions'],
    },
    {
        title: "a local secondary index with strong consistency", stack: "staging",
        options: { set: { ...STRONG, "active-active:regions": ["us-east-1", "us-east-2", "us-west-2"], "active-active:table": { localSecondaryIndexes: [{ name: "by-created", sortKey: { name: "createdAt", type: "S" } }] } } },
        key: "active-active:table.localSecondaryIndexes", value: "by-created",
        problems: ['active-active:table.localSecondaryIndexes: ["by-created"] are not supported with consistency "strong"; allowed: []'],
    },

    // ---- draining every region ------------------------------------------------------------------------------
    {
        title: "draining all three prod regions", stack: "prod",
        options: { set: { "active-active:drain": ["eu-west-1", "us-east-1", "us-west-2"] } },
        key: "active-active:drain", value: '["eu-west-1","us-east-1","us-west-2"]',
        problems: ['active-active:drain: ["eu-west-1","us-east-1","us-west-2"] drains every region; allowed: leave at least one region serving'],
    },

    // ---- TTL out of range -----------------------------------------------------------------------------------
    {
        title: "a CNAME TTL of an hour", stack: "dev",
        options: { set: { "active-active:routing": { recordType: "cname", cnameTtlSeconds: 3600 } } },
        key: "active-active:routing.cnameTtlSeconds", value: "3600",
        problems: ["active-active:routing.cnameTtlSeconds: 3600 is too large; allowed: at most 300"],
    },
    {
        title: "a CNAME TTL below the failover model's minimum", stack: "dev",
        options: { set: { "active-active:routing": { recordType: "cname", cnameTtlSeconds: 5 } } },
        key: "active-active:routing.cnameTtlSeconds", value: "5",
        problems: ["active-active:routing.cnameTtlSeconds: 5 is too small; allowed: at least 10"],
    },
    {
        title: "a CNAME TTL on alias records", stack: "dev",
        options: { set: { "active-active:routing": { recordType: "alias", cnameTtlSeconds: 60 } } },
        key: "active-active:routing.cnameTtlSeconds", value: "60",
        problems: ['active-active:routing.cnameTtlSeconds: 60 applies only to CNAME records; allowed: unset with recordType "alias" (an alias record carries its target\'s TTL)'],
    },
    {
        title: "a DNS-only Cloudflare TTL of 10 s", stack: "prod",
        options: { set: { ...CF_TRAFFIC, "active-active:cloudflare": { ...CF_IDS, proxied: false, ttlSeconds: 10 } } },
        key: "active-active:cloudflare.ttlSeconds", value: "10",
        problems: ["active-active:cloudflare.ttlSeconds: 10 is too small; allowed: at least 30"],
    },
    {
        title: "a DNS-only Cloudflare TTL over a day", stack: "prod",
        options: { set: { ...CF_TRAFFIC, "active-active:cloudflare": { ...CF_IDS, proxied: false, ttlSeconds: 100000 } } },
        key: "active-active:cloudflare.ttlSeconds", value: "100000",
        problems: ["active-active:cloudflare.ttlSeconds: 100000 is too large; allowed: at most 86400"],
    },
    {
        title: "a TTL on a proxied Cloudflare load balancer", stack: "prod",
        options: { set: { ...CF_TRAFFIC, "active-active:cloudflare": { ...CF_IDS, ttlSeconds: 60 } } },
        key: "active-active:cloudflare.ttlSeconds", value: "60",
        problems: ["active-active:cloudflare.ttlSeconds: 60 applies only to an unproxied load balancer; allowed: unset with proxied true"],
    },

    // ---- bad domain names -----------------------------------------------------------------------------------
    {
        title: "a domain with an underscore", stack: "dev",
        options: { set: { "active-active:domain": "api_dev.example.com" } },
        key: "active-active:domain", value: "api_dev.example.com",
        problems: [`active-active:domain: "api_dev.example.com" ${NOT_A_DNS_NAME}`],
    },
    {
        title: "a fully qualified domain with its trailing dot", stack: "dev",
        options: { set: { "active-active:domain": "api.dev.example.com." } },
        key: "active-active:domain", value: "api.dev.example.com.",
        problems: [`active-active:domain: "api.dev.example.com." ${NOT_A_DNS_NAME}`],
    },
    {
        title: "a URL instead of a domain", stack: "prod",
        options: { set: { "active-active:domain": "https://api.example.com" } },
        key: "active-active:domain", value: "https://api.example.com",
        problems: [`active-active:domain: "https://api.example.com" ${NOT_A_DNS_NAME}`],
    },
    {
        title: "a domain label of 64 characters", stack: "dev",
        options: { set: { "active-active:domain": `${"a".repeat(64)}.example.com` } },
        key: "active-active:domain", value: "a".repeat(64),
        problems: [`active-active:domain: "${"a".repeat(64)}.example.com" ${NOT_A_DNS_NAME}`],
    },
    {
        title: "a domain longer than 253 characters", stack: "dev",
        options: { set: { "active-active:domain": `${"abcdefghi.".repeat(25)}example.com` } },
        key: "active-active:domain", value: "abcdefghi.abcdefghi.",
        problems: [`active-active:domain: "${`${"abcdefghi.".repeat(25)}example.com`.slice(0, 116)}... has 261 characters; allowed: at most 253`],
    },
    {
        title: "a wildcard domain", stack: "staging",
        options: { set: { "active-active:domain": "*.staging.example.com" } },
        key: "active-active:domain", value: "*.staging.example.com",
        problems: [`active-active:domain: "*.staging.example.com" ${NOT_A_DNS_NAME}`],
    },
    {
        title: "an IP address as the domain", stack: "dev",
        options: { set: { "active-active:domain": "10.0.0.1", "active-active:zoneName": undefined } },
        key: "active-active:domain", value: "10.0.0.1",
        problems: [`active-active:domain: "10.0.0.1" ${NOT_A_DNS_NAME}`, "active-active:zoneName: is required; allowed: the DNS zone that contains active-active:domain (e.g. example.com)"],
    },
    {
        title: "no zone name: the zone is never guessed from the domain", stack: "prod",
        options: { set: { "active-active:domain": "api.example.co.uk", "active-active:zoneName": undefined } },
        key: "active-active:zoneName", value: "example.co.uk",
        problems: ["active-active:zoneName: is required; allowed: the DNS zone that contains active-active:domain (e.g. example.co.uk)"],
    },
    {
        title: "a domain that is a number", stack: "dev",
        options: { raw: { "active-active:domain": "42" } },
        key: "active-active:domain", value: '"42"',
        problems: [`active-active:domain: "42" ${NOT_A_DNS_NAME}`],
    },

    // ---- the zone does not contain the domain ----------------------------------------------------------------
    {
        title: "a domain that only ends with the zone's letters", stack: "dev",
        options: { set: { "active-active:domain": "api.badexample.com" } },
        key: "active-active:domain", value: "api.badexample.com",
        problems: ['active-active:domain: "api.badexample.com" is not inside the zone "example.com"; allowed: example.com or a name ending in .example.com'],
    },
    {
        title: "a zone name in capitals", stack: "prod",
        options: { set: { "active-active:zoneName": "Example.COM" } },
        key: "active-active:zoneName", value: "Example.COM",
        problems: [`active-active:zoneName: "Example.COM" ${NOT_A_DNS_NAME}`],
    },

    // ---- Cloudflare without its ids or its secret -----------------------------------------------------------
    {
        title: "prod switched to Cloudflare after its ids were removed", stack: "prod",
        options: { set: { ...CF_TRAFFIC, "active-active:cloudflare": undefined } },
        key: "active-active:cloudflare", value: '"cloudflare"',
        problems: ['active-active:cloudflare: is required with traffic "cloudflare"; allowed: {"accountId": "<32 hex>", "zoneId": "<32 hex>"}'],
    },
    {
        title: "Cloudflare during an update with neither ids nor token", stack: "dev",
        options: { set: CF_TRAFFIC, isUpdate: true },
        key: "cloudflare:apiToken", value: null,
        problems: [
            'active-active:cloudflare: is required with traffic "cloudflare"; allowed: {"accountId": "<32 hex>", "zoneId": "<32 hex>"}',
            "cloudflare:apiToken: is not set; allowed: `pulumi config set --secret cloudflare:apiToken ...` or the CLOUDFLARE_API_TOKEN environment variable",
        ],
    },
    {
        title: "Cloudflare ids without the zone id", stack: "dev",
        options: { set: { ...CF_TRAFFIC, "active-active:cloudflare": { accountId: CF_IDS.accountId } } },
        key: "active-active:cloudflare.zoneId", value: null,
        problems: ["active-active:cloudflare.zoneId: is required; allowed: a string"],
    },
    {
        title: "a Cloudflare account id that is not hex", stack: "prod",
        options: { set: { ...CF_TRAFFIC, "active-active:cloudflare": { ...CF_IDS, accountId: "my-account" } } },
        key: "active-active:cloudflare.accountId", value: "my-account",
        problems: ['active-active:cloudflare.accountId: "my-account" is not a Cloudflare account id; allowed: 32 hex characters'],
    },
    {
        title: "a Cloudflare zone id in capitals", stack: "prod",
        options: { set: { "active-active:cloudflare": { ...CF_IDS, zoneId: CF_IDS.zoneId.toUpperCase() } } },
        key: "active-active:cloudflare.zoneId", value: CF_IDS.zoneId.toUpperCase(),
        problems: [`active-active:cloudflare.zoneId: "${CF_IDS.zoneId.toUpperCase()}" is not a Cloudflare zone id; allowed: 32 hex characters`],
    },
    {
        title: "a Cloudflare steering policy that does not exist", stack: "prod",
        options: { set: { "active-active:cloudflare": { ...CF_IDS, steering: "random" } } },
        key: "active-active:cloudflare.steering", value: "random",
        problems: ['active-active:cloudflare.steering: "random" is not a steering policy; allowed: "dynamic_latency", "proximity", "geo"'],
    },
    {
        title: "a Cloudflare plan that does not exist", stack: "prod",
        options: { set: { "active-active:cloudflare": { ...CF_IDS, plan: "team" } } },
        key: "active-active:cloudflare.plan", value: "team",
        problems: ['active-active:cloudflare.plan: "team" is not a Cloudflare plan; allowed: "enterprise", "business", "pro", "free"'],
    },
    {
        title: "a Cloudflare monitor interval below the plan's minimum", stack: "prod",
        options: { set: { ...CF_TRAFFIC, "active-active:cloudflare": { ...CF_IDS, monitorIntervalSeconds: 30 } } },
        key: "active-active:cloudflare.monitorIntervalSeconds", value: "30",
        problems: ['active-active:cloudflare.monitorIntervalSeconds: 30 is below the minimum of plan "pro"; allowed: at least 60 (or set active-active:cloudflare.plan to your plan)'],
    },
    {
        title: "Cloudflare marking an origin down after zero failures", stack: "prod",
        options: { set: { "active-active:cloudflare": { ...CF_IDS, consecutiveDown: 0 } } },
        key: "active-active:cloudflare.consecutiveDown", value: "0",
        problems: ["active-active:cloudflare.consecutiveDown: 0 is too small; allowed: at least 1"],
    },

    // ---- secrets in plain config ----------------------------------------------------------------------------
    {
        title: "an AWS secret key in plain text", stack: "dev",
        options: { set: { "aws:secretKey": "wJalrXUtnFEMI-corpus" } },
        key: "aws:secretKey", value: null,
        problems: [PLAIN_TEXT("aws:secretKey")],
        hidden: "wJalrXUtnFEMI-corpus",
    },
    {
        title: "the Cloudflare Origin CA key in plain text (review F7)", stack: "prod",
        options: { set: { ...CF_TRAFFIC, "cloudflare:apiUserServiceKey": "v1.0-ORIGINCAKEY-corpus" } },
        key: "cloudflare:apiUserServiceKey", value: null,
        problems: [PLAIN_TEXT("cloudflare:apiUserServiceKey")],
        hidden: "v1.0-ORIGINCAKEY-corpus",
    },
    {
        title: "an AWS access key and session token in plain text", stack: "staging",
        options: { set: { "aws:accessKey": "AKIACORPUS0000000000", "aws:token": "session-corpus-9f" } },
        key: "aws:accessKey", value: null,
        problems: [PLAIN_TEXT("aws:accessKey"), PLAIN_TEXT("aws:token")],
        hidden: "session-corpus-9f",
    },
    {
        title: "an application password in plain text", stack: "staging",
        options: { set: { "app:dbPassword": "hunter2-corpus" } },
        key: "app:dbPassword", value: null,
        problems: ['app:dbPassword: is in no known namespace ("app"); allowed: keys in the namespaces active-active, aws, cloudflare, pulumi', PLAIN_TEXT("app:dbPassword")],
        hidden: "hunter2-corpus",
    },
    {
        title: "a Cloudflare token under the project's namespace", stack: "prod",
        options: { set: { ...CF_TRAFFIC, "active-active:apiToken": "cf-in-namespace-77aa" }, secrets: SECRET_TOKEN },
        key: "active-active:apiToken", value: null,
        problems: [
            `active-active:apiToken: unknown key; allowed: ${KNOWN_KEYS}`,
            "active-active:apiToken: looks like a secret stored in stack config; allowed: none here — credentials belong to their provider (e.g. `pulumi config set --secret cloudflare:apiToken`)",
        ],
        hidden: "cf-in-namespace-77aa",
    },
    {
        title: "a Cloudflare token inside the cloudflare settings", stack: "prod",
        options: { set: { "active-active:cloudflare": { ...CF_IDS, apiToken: "cf-in-object-91bb" } } },
        key: "active-active:cloudflare", value: '"apiToken"',
        problems: ['active-active:cloudflare: unknown field "apiToken"; allowed: accountId, zoneId, steering, checkRegions, originTlsRule, proxied, sessionAffinity, plan, monitorIntervalSeconds, consecutiveDown, ttlSeconds'],
        hidden: "cf-in-object-91bb",
    },
    {
        title: "a hosted zone id stored as a secret", stack: "dev",
        options: { secrets: { "active-active:hostedZoneId": "Z0SECRETZONE42" } },
        key: "active-active:hostedZoneId", value: null,
        problems: ["active-active:hostedZoneId: is stored as a secret; allowed: plain text (only credentials are secret, and they belong to their provider)"],
        hidden: "Z0SECRETZONE42",
    },

    // ---- wrong types ----------------------------------------------------------------------------------------
    {
        title: "protect as the number 1", stack: "prod",
        options: { set: { "active-active:protect": "1" } },
        key: "active-active:protect", value: "1",
        problems: ["active-active:protect: 1 is a number; allowed: a boolean"],
    },
    {
        title: "allowReplicaRemoval as a word", stack: "staging",
        options: { set: { "active-active:allowReplicaRemoval": "no" } },
        key: "active-active:allowReplicaRemoval", value: "no",
        problems: ['active-active:allowReplicaRemoval: "no" is a string; allowed: a boolean'],
    },
    {
        title: "safeDeployment as a quoted boolean inside service", stack: "dev",
        options: { set: { "active-active:service": { safeDeployment: "true" } } },
        key: "active-active:service.safeDeployment", value: '"true"',
        problems: ['active-active:service.safeDeployment: "true" is a string; allowed: a boolean'],
    },
    {
        title: "Lambda memory as a quoted number", stack: "staging",
        options: { set: { "active-active:service": { memoryMb: "512" } } },
        key: "active-active:service.memoryMb", value: '"512"',
        problems: ['active-active:service.memoryMb: "512" is a string; allowed: a number'],
    },
    {
        title: "log retention as a quoted number", stack: "dev",
        options: { set: { "active-active:service": { logRetentionDays: "30" } } },
        key: "active-active:service.logRetentionDays", value: '"30"',
        problems: ['active-active:service.logRetentionDays: "30" is a string; allowed: a number'],
    },
    {
        title: "health settings as a word", stack: "dev",
        options: { set: { "active-active:health": "fast" } },
        key: "active-active:health", value: "fast",
        problems: ['active-active:health: "fast" is a string; allowed: an object'],
    },
    {
        title: "tags as a list of key=value strings", stack: "dev",
        options: { set: { "active-active:tags": ["env=dev", "owner=platform-team"] } },
        key: "active-active:tags", value: "env=dev",
        problems: ['active-active:tags: ["env=dev","owner=platform-team"] is a list; allowed: an object'],
    },
    {
        title: "table settings as a list", stack: "staging",
        options: { set: { "active-active:table": ["pk", "sk"] } },
        key: "active-active:table", value: '["pk","sk"]',
        problems: ['active-active:table: ["pk","sk"] is a list; allowed: an object'],
    },
    {
        title: "an RTO target in words", stack: "dev",
        options: { set: { "active-active:rtoTargetSeconds": "2 minutes" } },
        key: "active-active:rtoTargetSeconds", value: "2 minutes",
        problems: ['active-active:rtoTargetSeconds: "2 minutes" is a string; allowed: a number'],
    },
    {
        title: "an RTO target with a fraction", stack: "staging",
        options: { set: { "active-active:rtoTargetSeconds": 120.5 } },
        key: "active-active:rtoTargetSeconds", value: "120.5",
        problems: ["active-active:rtoTargetSeconds: 120.5 is a fraction; allowed: an integer"],
    },
    {
        title: "regions as a count", stack: "dev",
        options: { raw: { "active-active:regions": "2" } },
        key: "active-active:regions", value: "2",
        problems: ["active-active:regions: 2 is a number; allowed: a list"],
    },
    {
        title: "regions as a list with its closing bracket missing", stack: "dev",
        options: { raw: { "active-active:regions": "[us-east-1, us-west-2" } },
        key: "active-active:regions", value: "[us-east-1, us-west-2",
        problems: ['active-active:regions: "[us-east-1, us-west-2" is a string; allowed: a list'],
    },
    {
        title: "tags left empty", stack: "prod",
        options: { raw: { "active-active:tags": "null" } },
        key: "active-active:tags", value: "null",
        problems: ["active-active:tags: null is empty; allowed: an object"],
    },
    {
        title: "a tag value that is a number", stack: "dev",
        options: { set: { "active-active:tags": { "cost-center": 4200 } } },
        key: "active-active:tags.cost-center", value: "4200",
        problems: ["active-active:tags.cost-center: 4200 is a number; allowed: a string"],
    },

    // ---- unknown keys ---------------------------------------------------------------------------------------
    {
        title: "a ttl key at the top level", stack: "dev",
        options: { set: { "active-active:ttl": 60 } },
        key: "active-active:ttl", value: null,
        problems: [`active-active:ttl: unknown key; allowed: ${KNOWN_KEYS}`],
    },
    {
        title: "a key named toString", stack: "staging",
        options: { set: { "active-active:toString": "x" } },
        key: "active-active:toString", value: null,
        problems: [`active-active:toString: unknown key; allowed: ${KNOWN_KEYS}`],
    },
    {
        title: "health.interval instead of requestIntervalSeconds", stack: "dev",
        options: { set: { "active-active:health": { interval: 10 } } },
        key: "active-active:health", value: '"interval"',
        problems: ['active-active:health: unknown field "interval"; allowed: path, requestIntervalSeconds, failureThreshold, checkerRegions'],
    },
    {
        title: "an index with a field DynamoDB calls differently", stack: "prod",
        options: { set: { "active-active:table": { globalSecondaryIndexes: [{ ...gsi("by-owner", "owner"), projectionType: "ALL" }] } } },
        key: "active-active:table.globalSecondaryIndexes[0]", value: '"projectionType"',
        problems: ['active-active:table.globalSecondaryIndexes[0]: unknown field "projectionType"; allowed: name, partitionKey, sortKey, projection'],
    },
    {
        title: "an IAM authorizer with an audience", stack: "dev",
        options: { set: { "active-active:service": { auth: { type: "iam", audience: ["api"] } } } },
        key: "active-active:service.auth", value: '"audience"',
        problems: ['active-active:service.auth: unknown field "audience"; allowed: type'],
    },

    // ---- bad hosted zone ids --------------------------------------------------------------------------------
    {
        title: "a hosted zone id in lower case", stack: "dev",
        options: { set: { "active-active:hostedZoneId": "z0123456789devexample" } },
        key: "active-active:hostedZoneId", value: "z0123456789devexample",
        problems: [`active-active:hostedZoneId: "z0123456789devexample" ${NOT_A_ZONE_ID}`],
    },
    {
        title: "a hosted zone id with the console's /hostedzone/ prefix", stack: "staging",
        options: { set: { "active-active:hostedZoneId": "/hostedzone/Z0123456789STGEXAMPLE" } },
        key: "active-active:hostedZoneId", value: "/hostedzone/Z0123456789STGEXAMPLE",
        problems: [`active-active:hostedZoneId: "/hostedzone/Z0123456789STGEXAMPLE" ${NOT_A_ZONE_ID}`],
    },
    {
        title: "a hosted zone id of 33 characters", stack: "prod",
        options: { set: { "active-active:hostedZoneId": `Z${"A".repeat(32)}` } },
        key: "active-active:hostedZoneId", value: `Z${"A".repeat(32)}`,
        problems: [`active-active:hostedZoneId: "Z${"A".repeat(32)}" ${NOT_A_ZONE_ID}`],
    },
    {
        title: "a hosted zone id of digits only", stack: "dev",
        options: { raw: { "active-active:hostedZoneId": "12345" } },
        key: "active-active:hostedZoneId", value: '"12345"',
        problems: [`active-active:hostedZoneId: "12345" ${NOT_A_ZONE_ID}`],
    },

    // ---- health settings out of Route 53's range ------------------------------------------------------------
    {
        title: "a health check every 15 s", stack: "dev",
        options: { set: { "active-active:health": { requestIntervalSeconds: 15 } } },
        key: "active-active:health.requestIntervalSeconds", value: "15",
        problems: ["active-active:health.requestIntervalSeconds: 15 is not a Route 53 request interval; allowed: 10, 30"],
    },
    {
        title: "a health check interval as a quoted number", stack: "staging",
        options: { set: { "active-active:health": { requestIntervalSeconds: "10" } } },
        key: "active-active:health.requestIntervalSeconds", value: '"10"',
        problems: ['active-active:health.requestIntervalSeconds: "10" is not a Route 53 request interval; allowed: 10, 30'],
    },
    {
        title: "a failure threshold of zero", stack: "dev",
        options: { set: { "active-active:health": { failureThreshold: 0 } } },
        key: "active-active:health.failureThreshold", value: "0",
        problems: ["active-active:health.failureThreshold: 0 is too small; allowed: at least 1"],
    },
    {
        title: "a failure threshold with a fraction", stack: "dev",
        options: { set: { "active-active:health": { failureThreshold: 2.5 } } },
        key: "active-active:health.failureThreshold", value: "2.5",
        problems: ["active-active:health.failureThreshold: 2.5 is a fraction; allowed: an integer"],
    },
    {
        title: "two health checker regions", stack: "prod",
        options: { set: { "active-active:health": { checkerRegions: ["us-east-1", "eu-west-1"] } } },
        key: "active-active:health.checkerRegions", value: '["us-east-1","eu-west-1"]',
        problems: ['active-active:health.checkerRegions: ["us-east-1","eu-west-1"] has too few entries; allowed: at least 3'],
    },
    {
        title: "a health path without its leading slash", stack: "dev",
        options: { set: { "active-active:health": { path: "health" } } },
        key: "active-active:health.path", value: "health",
        problems: ['active-active:health.path: "health" is not a path; allowed: an absolute path such as /health'],
    },

    // ---- bad table key types, too many GSIs -----------------------------------------------------------------
    {
        title: "a partition key typed STRING", stack: "dev",
        options: { set: { "active-active:table": { partitionKey: { name: "pk", type: "STRING" } } } },
        key: "active-active:table.partitionKey.type", value: "STRING",
        problems: ['active-active:table.partitionKey.type: "STRING" is not a key type; allowed: "S", "N", "B"'],
    },
    {
        title: "a sort key typed BOOL", stack: "staging",
        options: { set: { "active-active:table": { sortKey: { name: "sk", type: "BOOL" } } } },
        key: "active-active:table.sortKey.type", value: "BOOL",
        problems: ['active-active:table.sortKey.type: "BOOL" is not a key type; allowed: "S", "N", "B"'],
    },
    {
        title: "an index key that redefines the table's key with another type", stack: "dev",
        options: { set: { "active-active:table": { globalSecondaryIndexes: [gsi("by-pk-number", "pk", "N")] } } },
        key: "active-active:table.globalSecondaryIndexes[0].partitionKey.type", value: '"N"',
        problems: ['active-active:table.globalSecondaryIndexes[0].partitionKey.type: "N" conflicts with active-active:table.partitionKey for attribute "pk"; allowed: "S" (one type per attribute)'],
    },
    {
        title: "21 global secondary indexes", stack: "dev",
        options: { set: { "active-active:table": { globalSecondaryIndexes: Array.from({ length: 21 }, (_, i) => gsi(`idx-${i}`, `a${i}`)) } } },
        key: "active-active:table.globalSecondaryIndexes", value: '{"name":"idx-0"',
        problems: [
            `active-active:table.globalSecondaryIndexes: ${JSON.stringify(Array.from({ length: 21 }, (_, i) => gsi(`idx-${i}`, `a${i}`))).slice(0, 117)}... has too many entries; allowed: at most 20`,
        ],
    },
    {
        title: "point-in-time recovery for 36 days", stack: "prod",
        options: { set: { "active-active:table": { pointInTimeRecoveryDays: 36 } } },
        key: "active-active:table.pointInTimeRecoveryDays", value: "36",
        problems: ["active-active:table.pointInTimeRecoveryDays: 36 is too large; allowed: at most 35"],
    },
    {
        title: "the billing mode by its console name", stack: "dev",
        options: { set: { "active-active:table": { billingMode: "ON_DEMAND" } } },
        key: "active-active:table.billingMode", value: "ON_DEMAND",
        problems: ['active-active:table.billingMode: "ON_DEMAND" is not a billing mode; allowed: "PAY_PER_REQUEST", "PROVISIONED"'],
    },
    {
        title: "read capacity on an on-demand table", stack: "dev",
        options: { set: { "active-active:table": { readCapacity: 10 } } },
        key: "active-active:table.readCapacity", value: "10",
        problems: ['active-active:table.readCapacity: 10 is set with billingMode "PAY_PER_REQUEST"; allowed: only with billingMode "PROVISIONED"'],
    },
    {
        title: "an on-demand write cap of -1 (the API's way to remove it)", stack: "prod",
        options: { set: { "active-active:table": { onDemandThroughput: { maxWriteRequestUnits: -1 } } } },
        key: "active-active:table.onDemandThroughput.maxWriteRequestUnits", value: "-1",
        problems: ["active-active:table.onDemandThroughput.maxWriteRequestUnits: -1 is too small; allowed: at least 1"],
    },

    // ---- log retention, Lambda limits -----------------------------------------------------------------------
    {
        title: "logs kept for 10 days", stack: "dev",
        options: { set: { "active-active:service": { logRetentionDays: 10 } } },
        key: "active-active:service.logRetentionDays", value: "10",
        problems: [`active-active:service.logRetentionDays: 10 is not a CloudWatch Logs retention; allowed: ${LOG_RETENTIONS}`],
    },
    {
        title: "logs kept for 0 days (meaning forever elsewhere)", stack: "staging",
        options: { set: { "active-active:service": { logRetentionDays: 0 } } },
        key: "active-active:service.logRetentionDays", value: "0",
        problems: [`active-active:service.logRetentionDays: 0 is not a CloudWatch Logs retention; allowed: ${LOG_RETENTIONS}`],
    },
    {
        title: "Lambda memory one below the minimum", stack: "dev",
        options: { set: { "active-active:service": { memoryMb: 127 } } },
        key: "active-active:service.memoryMb", value: "127",
        problems: ["active-active:service.memoryMb: 127 is too small; allowed: at least 128"],
    },
    {
        title: "Lambda memory one above the maximum", stack: "prod",
        options: { set: { "active-active:service": { memoryMb: 10241 } } },
        key: "active-active:service.memoryMb", value: "10241",
        problems: ["active-active:service.memoryMb: 10241 is too large; allowed: at most 10240"],
    },
    {
        title: "a Lambda timeout over 15 minutes", stack: "dev",
        options: { set: { "active-active:service": { timeoutSeconds: 901 } } },
        key: "active-active:service.timeoutSeconds", value: "901",
        problems: ["active-active:service.timeoutSeconds: 901 is too large; allowed: at most 900"],
    },
    {
        title: "a health timeout longer than the function may run", stack: "dev",
        options: { set: { "active-active:service": { timeoutSeconds: 1, auth: DEV_AUTH } } },
        key: "active-active:service.healthTimeoutMs", value: "1000",
        problems: ["active-active:service.healthTimeoutMs: 1000 is not below the function timeout (1 s); allowed: less than 1000"],
    },
    {
        // It used to plan into a reserved concurrency Lambda refuses, and the plan hung ("promises still active").
        title: "a capacity whose worst case does not fit the account's concurrency quota", stack: "dev",
        options: { set: { "active-active:service": { capacityPerRegion: 451, auth: DEV_AUTH } } },
        key: "active-active:service.capacityPerRegion", value: "451",
        problems: [
            "active-active:service.capacityPerRegion: 451 needs 902 reserved concurrency in us-east-1 (its own 451 plus 451 of us-west-2 when that region fails) and 5 for /health, leaving 93 of the quota of 1000 unreserved; allowed: at most 447, so that Lambda keeps 100 unreserved; after a quota increase set active-active:service.concurrencyQuota",
        ],
    },
    {
        title: "a health budget that does not fit Route 53's window with a cold start", stack: "dev",
        options: { set: { "active-active:service": { healthTimeoutMs: 1500, auth: DEV_AUTH } } },
        key: "active-active:service.healthTimeoutMs", value: "1500",
        problems: [
            "active-active:service.healthTimeoutMs: 1500 does not fit Route 53's 2000 ms response window with a cold start; allowed: 200 to 1000 (see docs/capacity.md, \"Health budget\")",
        ],
    },
    {
        title: "a health path longer than Route 53's 255 characters", stack: "dev",
        options: { set: { "active-active:health": { path: `/${"h".repeat(300)}` } } },
        key: "active-active:health.path", value: "301 characters",
        problems: [`active-active:health.path: "/${"h".repeat(115)}... has 301 characters; allowed: at most 255`],
    },
    {
        title: "traffic shares that do not add up to 100", stack: "dev",
        options: { set: { "active-active:service": { trafficShare: { "us-east-1": 70, "us-west-2": 20 }, auth: DEV_AUTH } } },
        key: "active-active:service.trafficShare", value: "90",
        problems: ['active-active:service.trafficShare: {"us-east-1":70,"us-west-2":20} adds up to 90; allowed: shares that add up to 100 (percent of the traffic)'],
    },
    {
        title: "provisioned billing on a global table", stack: "dev",
        options: { set: { "active-active:table": { billingMode: "PROVISIONED" } } },
        key: "active-active:table.billingMode", value: "PROVISIONED",
        problems: [
            'active-active:table.billingMode: "PROVISIONED" cannot carry replicas: DynamoDB adds a replica to a provisioned table only once its write capacity is auto scaled, which needs the table first (terraform-provider-aws#13097); allowed: on-demand billing (PAY_PER_REQUEST) for a multi-Region table',
        ],
    },
    {
        title: "routing controls behind Cloudflare", stack: "prod",
        options: { set: { "active-active:traffic": "cloudflare", "active-active:routing": { recoveryControl: true } } },
        key: "active-active:routing.recoveryControl", value: "true",
        problems: ['active-active:routing.recoveryControl: true applies only with traffic "route53" (routing controls switch Route 53 health checks); allowed: false with traffic "cloudflare"'],
    },
    {
        title: "an account id that is not 12 digits", stack: "dev",
        options: { set: { "active-active:accountId": "12345" } },
        key: "active-active:accountId", value: "12345",
        problems: ['active-active:accountId: "12345" is not an AWS account id; allowed: 12 digits'],
    },
    {
        title: "a stack without an issuer (JWT is the default; no issuer is ever assumed)", stack: "dev",
        options: { set: { "active-active:service": { memoryMb: 256 } } },
        key: "active-active:service.auth.issuer", value: null,
        problems: [
            `active-active:service.auth.issuer: is required; allowed: ${ISSUER_ALLOWED}`,
            "active-active:service.auth.audience: is required; allowed: a list of at least one audience your tokens carry (their aud, or client_id when they have no aud)",
        ],
    },
    {
        title: "an issuer that is not https", stack: "dev",
        options: { set: { "active-active:service": { auth: { ...DEV_AUTH, issuer: "http://login.example.com/" } } } },
        key: "active-active:service.auth.issuer", value: '"http://login.example.com/"',
        problems: [`active-active:service.auth.issuer: "http://login.example.com/" is not an https:// URL; allowed: ${ISSUER_ALLOWED}`],
    },
    {
        title: "an empty audience list", stack: "dev",
        options: { set: { "active-active:service": { auth: { ...DEV_AUTH, audience: [] } } } },
        key: "active-active:service.auth.audience", value: "[]",
        problems: ["active-active:service.auth.audience: [] is not a list of audiences; allowed: a list of at least one audience your tokens carry (their aud, or client_id when they have no aud)"],
    },
    {
        title: "a scope with a space", stack: "dev",
        options: { set: { "active-active:service": { auth: { ...DEV_AUTH, scopes: { write: "items write" } } } } },
        key: "active-active:service.auth.scopes.write", value: '"items write"',
        problems: ['active-active:service.auth.scopes.write: "items write" is not an OAuth scope; allowed: one scope token without spaces, e.g. items:read'],
    },
    {
        title: "an authorizer that is neither jwt nor iam", stack: "dev",
        options: { set: { "active-active:service": { auth: { type: "none" } } } },
        key: "active-active:service.auth.type", value: '"none"',
        problems: ['active-active:service.auth.type: "none" is not an authorizer; allowed: {"type":"jwt",...} or {"type":"iam"}'],
    },
    {
        title: "a write throttle above the stage's", stack: "dev",
        options: { set: { "active-active:service": { auth: DEV_AUTH, writeThrottle: { rateLimit: 800, burstLimit: 200 } } } },
        key: "active-active:service.writeThrottle.rateLimit", value: "800",
        problems: ["active-active:service.writeThrottle.rateLimit: 800 is above the stage's rateLimit (500); allowed: at most 500: the write routes' own limit is the lower one"],
    },
    {
        title: "a throttle rate of zero", stack: "dev",
        options: { set: { "active-active:service": { throttle: { rateLimit: 0 } } } },
        key: "active-active:service.throttle.rateLimit", value: "0",
        problems: ["active-active:service.throttle.rateLimit: 0 is too small; allowed: more than 0"],
    },
    {
        title: "an external service without an endpoint for every region", stack: "dev",
        options: { set: { "active-active:service": { mode: "external", endpoints: { "us-east-1": "use1.example.com" } } } },
        key: "active-active:service.endpoints", value: "use1.example.com",
        problems: ['active-active:service.endpoints: {"us-east-1":"use1.example.com"} lacks us-west-2; allowed: one hostname per region with mode "external"'],
    },

    // ---- alarms and tags ------------------------------------------------------------------------------------
    {
        title: "an alarm email without a domain", stack: "prod",
        options: { set: { "active-active:alarms": { email: "oncall" } } },
        key: "active-active:alarms.email", value: "oncall",
        problems: ['active-active:alarms.email: "oncall" is not an email address; allowed: an address such as oncall@example.com'],
    },
    {
        title: "an alarm topic in another region than its alarms", stack: "dev",
        options: { set: { "active-active:alarms": { snsTopicArns: { "us-west-2": "arn:aws:sns:us-east-1:123456789012:oncall" } } } },
        key: "active-active:alarms.snsTopicArns.us-west-2", value: "arn:aws:sns:us-east-1:123456789012:oncall",
        problems: ['active-active:alarms.snsTopicArns.us-west-2: "arn:aws:sns:us-east-1:123456789012:oncall" is a topic in us-east-1; allowed: a topic in us-west-2 (alarm actions must target a topic in the alarm\'s region)'],
    },
    {
        title: "a tag key with AWS's reserved prefix", stack: "staging",
        options: { set: { "active-active:tags": { "aws:cost-center": "4200" } } },
        key: "active-active:tags", value: "aws:cost-center",
        problems: ['active-active:tags: key "aws:cost-center" uses the prefix "aws:", which AWS reserves; allowed: any other key'],
    },
    {
        title: "a tag value of 257 characters", stack: "dev",
        options: { set: { "active-active:tags": { note: "n".repeat(257) } } },
        key: "active-active:tags.note", value: "nnnn",
        problems: [`active-active:tags.note: "${"n".repeat(116)}... has 257 characters; allowed: at most 256`],
    },

    // ---- the front door: alarm destinations, pinned names, external endpoints, Cloudflare probing ----------------
    {
        title: "a protected stack whose alarms reach nobody", stack: "prod",
        options: { set: { "active-active:alarms": {} } },
        key: "active-active:alarms", value: null,
        problems: [
            "active-active:alarms: a destination is required in a protected stack: the alarm topics of us-east-1, us-west-2, eu-west-1 would page nobody; allowed: active-active:alarms.email (subscribed to every alarm topic; confirm the subscription), or active-active:alarms.snsTopicArns for us-east-1, us-west-2, eu-west-1",
        ],
    },
    {
        title: "a protected stack with its own topics for the regions but none for the Route 53 alarms in us-east-1", stack: "prod",
        options: {
            set: {
                "active-active:regions": ["us-west-2", "eu-west-1", "eu-central-1"],
                "active-active:homeRegion": "us-west-2",
                "active-active:alarms": {
                    snsTopicArns: {
                        "us-west-2": "arn:aws:sns:us-west-2:123456789012:ops",
                        "eu-west-1": "arn:aws:sns:eu-west-1:123456789012:ops",
                        "eu-central-1": "arn:aws:sns:eu-central-1:123456789012:ops",
                    },
                },
            },
        },
        key: "active-active:alarms", value: null,
        problems: [
            "active-active:alarms: a destination is required in a protected stack: the alarm topics of us-east-1 would page nobody; allowed: active-active:alarms.email (subscribed to every alarm topic; confirm the subscription), or active-active:alarms.snsTopicArns for us-east-1",
        ],
    },
    {
        title: "a domain too long for its region-pinned names", stack: "dev",
        options: { set: { "active-active:domain": `api.${"a".repeat(40)}.example.com`, "active-active:zoneName": "example.com" } },
        key: "active-active:domain", value: "api.",
        problems: [
            `active-active:domain: "api.${"a".repeat(40)}.example.com" makes the region-pinned name us-east-1.api.${"a".repeat(40)}.example.com 66 characters long; allowed: at most 54 characters, so that us-east-1.<domain> fits ACM's 64`,
        ],
    },
    {
        title: "external endpoints behind an alias record", stack: "dev",
        options: { set: { "active-active:service": { mode: "external", endpoints: { "us-east-1": "east.example.net", "us-west-2": "west.example.net" } }, "active-active:routing": { recordType: "alias" } } },
        key: "active-active:routing.recordType", value: "alias",
        problems: ['active-active:routing.recordType: "alias" is "alias" with service mode "external": Route 53 aliases only to AWS resources in a hosted zone; allowed: "auto" or "cname" (one CNAME per region)'],
    },
    {
        title: "an external endpoint that is an API's default execute-api host", stack: "dev",
        options: { set: { "active-active:service": { mode: "external", endpoints: { "us-east-1": "abc123defg.execute-api.us-east-1.amazonaws.com", "us-west-2": "west.example.net" } } } },
        key: "active-active:service.endpoints.us-east-1", value: "abc123defg.execute-api.us-east-1.amazonaws.com",
        problems: [
            'active-active:service.endpoints.us-east-1: "abc123defg.execute-api.us-east-1.amazonaws.com" is an API\'s default execute-api endpoint, which never serves the service name; allowed: a hostname that serves the service name (an API\'s custom domain target d-<id>.execute-api..., or your own)',
        ],
    },
    {
        title: "a Cloudflare probing region that does not exist", stack: "prod",
        options: { set: { ...CF_TRAFFIC, "active-active:cloudflare": { ...CF_IDS, checkRegions: ["ENAM", "EU"] } } },
        key: "active-active:cloudflare.checkRegions[1]", value: "EU",
        problems: ['active-active:cloudflare.checkRegions[1]: "EU" is not a Cloudflare region; allowed: "WNAM", "ENAM", "WEU", "EEU", "NSAM", "SSAM", "OC", "ME", "NAF", "SAF", "SAS", "SEAS", "NEAS"'],
    },
    {
        title: "a client connection age of zero", stack: "dev",
        options: { set: { "active-active:clientMaxConnectionAgeSeconds": 0 } },
        key: "active-active:clientMaxConnectionAgeSeconds", value: "0",
        problems: ["active-active:clientMaxConnectionAgeSeconds: 0 is too small; allowed: at least 1"],
    },
];

/**
 * RTO targets the settings cannot meet. The messages come from the failover model through
 * config/failover.ts (`planFailover`); they change when the model does.
 */
const rtoCorpus: BadConfig[] = [
    {
        title: "an RTO target of 30 s with dev's 30 s x 3 health checks", stack: "dev",
        options: { set: { "active-active:rtoTargetSeconds": 30 } },
        key: "active-active:rtoTargetSeconds", value: "30",
        problems: ["active-active:rtoTargetSeconds: 30 is not met by the configured Route 53 settings (interval 30 s, threshold 3, TTL 60 s): the modeled RTO is 188 s; allowed: a target of at least 188 s"],
    },
    {
        title: "an RTO target of 100 s with checks every 10 s, three failures", stack: "dev",
        options: { set: { "active-active:rtoTargetSeconds": 100, "active-active:health": { requestIntervalSeconds: 10, failureThreshold: 3 } } },
        key: "active-active:rtoTargetSeconds", value: "100",
        problems: ["active-active:rtoTargetSeconds: 100 is not met by the configured Route 53 settings (interval 10 s, threshold 3, TTL 60 s): the modeled RTO is 128 s; allowed: a target of at least 128 s"],
    },
    {
        title: "an RTO target of 90 s on alias records", stack: "staging",
        options: { set: { "active-active:rtoTargetSeconds": 90, "active-active:routing": { recordType: "alias" } } },
        key: "active-active:rtoTargetSeconds", value: "90",
        problems: ["active-active:rtoTargetSeconds: 90 cannot be met with Route 53 alias records; the best achievable is 96 s (interval 10 s, threshold 1, TTL 60 s); allowed: a target of at least 96 s"],
    },
    {
        title: "an RTO target of 60 s on CNAME records", stack: "prod",
        options: { set: { "active-active:rtoTargetSeconds": 60, "active-active:routing": { recordType: "cname" } } },
        key: "active-active:rtoTargetSeconds", value: "60",
        problems: ["active-active:rtoTargetSeconds: 60 cannot be met with Route 53 CNAME records; the best achievable is 66 s (interval 10 s, threshold 1, TTL 30 s); allowed: a target of at least 66 s"],
    },
    {
        title: "an RTO target of 10 s with nothing fixed", stack: "dev",
        options: { set: { "active-active:rtoTargetSeconds": 10, ...NO_EXPLICIT_HEALTH } },
        key: "active-active:rtoTargetSeconds", value: "10",
        problems: ["active-active:rtoTargetSeconds: 10 cannot be met with Route 53 CNAME records; the best achievable is 66 s (interval 10 s, threshold 1, TTL 30 s); allowed: a target of at least 66 s"],
    },
    {
        title: "an RTO target of 60 s on a DNS-only Cloudflare load balancer", stack: "prod",
        options: { set: { ...CF_TRAFFIC, "active-active:rtoTargetSeconds": 60, "active-active:cloudflare": { ...CF_IDS, proxied: false } } },
        key: "active-active:rtoTargetSeconds", value: "60",
        problems: ["active-active:rtoTargetSeconds: 60 cannot be met with a DNS-only Cloudflare load balancer on the pro plan; the best achievable is 115 s (interval 60 s, consecutive down 1, retries 2, TTL 30 s); allowed: a target of at least 115 s"],
    },
    {
        title: "an RTO target of 120 s with Cloudflare waiting for five failures", stack: "prod",
        options: { set: { ...CF_TRAFFIC, "active-active:rtoTargetSeconds": 120, "active-active:cloudflare": { ...CF_IDS, consecutiveDown: 5 } } },
        key: "active-active:rtoTargetSeconds", value: "120",
        problems: ["active-active:rtoTargetSeconds: 120 is not met by the configured Cloudflare monitor (interval 60 s, consecutive down 5, retries 2): the modeled RTO is 385 s; allowed: a target of at least 385 s"],
    },
];

const saved = { token: process.env.CLOUDFLARE_API_TOKEN, key: process.env.CLOUDFLARE_API_KEY };
beforeAll(() => {
    // The program reads the real environment: a token on the machine running the tests must not hide a case.
    delete process.env.CLOUDFLARE_API_TOKEN;
    delete process.env.CLOUDFLARE_API_KEY;
});
afterAll(() => {
    if (saved.token !== undefined) process.env.CLOUDFLARE_API_TOKEN = saved.token;
    if (saved.key !== undefined) process.env.CLOUDFLARE_API_KEY = saved.key;
});

async function check(c: BadConfig): Promise<void> {
    const problems = configProblems(configSource(c.stack, c.options));
    expect(problems).toEqual(c.problems);
    const naming = problems.filter((p) => p.startsWith(`${c.key}:`) && (c.value === null ? /is required|is not set|unknown key|stored/.test(p) : p.includes(c.value)));
    expect(naming).not.toEqual([]);
    if (c.hidden) expect(problems.join("\n")).not.toContain(c.hidden);

    // The whole program: rejected by loadConfig() before any resource is registered.
    const kit = MockKit.install({ ...engineConfig(c.stack, c.options), stack: c.stack, preview: !c.options.isUpdate });
    const { main } = await import("../../program");
    const error = await kit.runProgram(() => main()).then(
        () => undefined,
        (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(c.problems);
    if (c.hidden) expect((error as ConfigError).message).not.toContain(c.hidden);
    expect(kit.resources.filter((r) => r.custom)).toEqual([]);
}

describe("bad-config corpus", () => {
    test.each(corpus)("bad config: $title", check);
});

describe("bad-config corpus: RTO targets the settings cannot meet (messages from planFailover)", () => {
    test.each(rtoCorpus)("bad config: $title", check);
});

test(`bad config corpus has ${corpus.length + rtoCorpus.length} cases`, () => {
    const titles = [...corpus, ...rtoCorpus].map((c) => c.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.length).toBeGreaterThanOrEqual(40);
    console.log(`bad config corpus: ${titles.length} cases (${rtoCorpus.length} RTO targets)`);
});
