/**
 * config/ (parseConfig, loadConfig): the three stack files parse to the expected typed config; bad configs are rejected with every
 * problem at once, each naming the key, the value and what is allowed; `loadConfig()` reads the `active-active`
 * namespace of the running program and stops it before any resource is registered; secrets are never stored in
 * plain text nor printed.
 *
 * More bad configs, one topic each, are in bad-config-corpus.test.ts; the two files share no input. The pieces
 * (schema, issues, checks, failover) have their own tests beside this file.
 */
import { CLOUDFLARE_REGION_CODES } from "../../packages/failover-model";
import { ConfigError, loadConfig, parseConfig, StackConfig } from "../../config";
import { AWS_REGIONS } from "../../packages/aws-facts";
import { MockKit } from "../../mock-kit";
import { ArgsError } from "../../components/problems";
import { configProblems, configSource, ConfigSourceOptions, engineConfig, StackName } from "../helpers/config-source";

const ALL_REGIONS = AWS_REGIONS.join(", ");
const KNOWN_KEYS =
    "regions, homeRegion, accountId, domain, consistency, witnessRegion, traffic, drain, hostedZoneId, zoneName, cloudflare, table, service, health, routing, rtoTargetSeconds, clientMaxConnectionAgeSeconds, alarms, tags, protect, allowReplicaRemoval, unprotectReplicas, services";
const MRSC_SETS = "US: us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3";
const US_TRIO = ["us-east-1", "us-east-2", "us-west-2"];
const CF_IDS = { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210" };

const DEFAULT_TABLE = {
    partitionKey: { name: "pk", type: "S" },
    sortKey: { name: "sk", type: "S" },
    billingMode: "PAY_PER_REQUEST",
    readCapacity: 5,
    writeCapacity: 5,
    autoscaling: { maxReadCapacity: 100, maxWriteCapacity: 100, targetUtilizationPercent: 70 },
    ttlAttribute: "expiresAt",
    globalSecondaryIndexes: [],
    localSecondaryIndexes: [],
    pointInTimeRecoveryDays: 35,
};
const DEFAULT_SERVICE = {
    mode: "lambda",
    name: "app",
    memoryMb: 512,
    timeoutSeconds: 10,
    capacityPerRegion: 20,
    throttle: { rateLimit: 500, burstLimit: 1000 },
    logRetentionDays: 30,
    writeThrottle: { rateLimit: 100, burstLimit: 200 },
    healthThrottle: { rateLimit: 10, burstLimit: 20 },
    healthTimeoutMs: 1000,
    heartbeatIntervalMs: 5000,
    healthConcurrency: 5,
    concurrencyQuota: 1000,
    endpoints: {},
};
/** The stack files' JWT authorizer: a placeholder issuer and the stack's own name as the audience. */
const stackAuth = (audience: string) => ({
    type: "jwt",
    issuer: "https://login.example.com/",
    audience: [audience],
    scopes: { read: "items:read", write: "items:write" },
});
const DEFAULT_HEALTH = { path: "/health", checkerRegions: ["us-east-1", "eu-west-1", "ap-southeast-1"] };
const DEFAULT_ROUTING = { recordType: "auto", dualStack: false, recoveryControl: false, standbyWarmPercent: 0, requestsPerMonth: 100_000_000, writePercent: 10 };

/** The parsed config without the failover plan, which the failover model's own tests pin down. */
function withoutFailover(config: StackConfig): Omit<StackConfig, "failover" | "capacity"> {
    const { failover: _failover, capacity: _capacity, ...rest } = config;
    return rest;
}

describe("the stack files parse", () => {
    test("dev: two regions, cheap settings, nothing protected", () => {
        const config = parseConfig(configSource("dev"));
        expect(withoutFailover(config)).toEqual({
            project: "active-active",
            stack: "dev",
            regions: ["us-east-1", "us-west-2"],
            homeRegion: "us-east-1",
            accountId: "123456789012",
            servingRegions: ["us-east-1", "us-west-2"],
            domain: "api.dev.example.com",
            zoneName: "example.com",
            hostedZoneId: "Z0123456789DEVEXAMPLE",
            consistency: "eventual",
            traffic: "route53",
            drain: [],
            table: DEFAULT_TABLE,
            service: { ...DEFAULT_SERVICE, auth: stackAuth("api.dev.example.com"), memoryMb: 256, capacityPerRegion: 5, logRetentionDays: 7, safeDeployment: false },
            health: { ...DEFAULT_HEALTH, requestIntervalSeconds: 30, failureThreshold: 3 },
            routing: DEFAULT_ROUTING,
            routingMode: { policy: "latency" },
            rtoTargetSeconds: 300,
            alarms: { snsTopicArns: {}, email: "dev-alerts@example.com" },
            tags: { "app:name": "active-active", "app:stack": "dev", env: "dev", owner: "platform-team" },
            protect: false,
            allowReplicaRemoval: false,
            unprotectReplicas: [],
            warnings: [],
        });
        expect(config.failover.traffic).toBe("route53");
        expect(config.failover.rtoTargetSeconds).toBe(300);
        expect(config.failover.rto.rtoSeconds).toBeLessThanOrEqual(300);
    });

    test("staging: three regions, protected, safe deployments implied by protect", () => {
        const config = parseConfig(configSource("staging"));
        expect(withoutFailover(config)).toEqual({
            project: "active-active",
            stack: "staging",
            regions: ["us-east-1", "us-west-2", "eu-west-1"],
            homeRegion: "us-east-1",
            accountId: "123456789012",
            servingRegions: ["us-east-1", "us-west-2", "eu-west-1"],
            domain: "api.staging.example.com",
            zoneName: "example.com",
            hostedZoneId: "Z0123456789STGEXAMPLE",
            consistency: "eventual",
            traffic: "route53",
            drain: [],
            table: DEFAULT_TABLE,
            service: { ...DEFAULT_SERVICE, auth: stackAuth("api.staging.example.com"), capacityPerRegion: 10, logRetentionDays: 30, safeDeployment: true },
            health: DEFAULT_HEALTH,
            routing: DEFAULT_ROUTING,
            routingMode: { policy: "latency" },
            rtoTargetSeconds: 180,
            alarms: { snsTopicArns: {}, email: "oncall-staging@example.com" },
            tags: { "app:name": "active-active", "app:stack": "staging", env: "staging", owner: "platform-team" },
            protect: true,
            allowReplicaRemoval: false,
            unprotectReplicas: [],
            warnings: [],
        });
        expect(config.failover.rto.rtoSeconds).toBeLessThanOrEqual(180);
    });

    test("prod: three regions, a GSI, Cloudflare ids ready, alarms by email", () => {
        const config = parseConfig(configSource("prod"));
        expect(withoutFailover(config)).toEqual({
            project: "active-active",
            stack: "prod",
            regions: ["us-east-1", "us-west-2", "eu-west-1"],
            homeRegion: "us-east-1",
            accountId: "123456789012",
            servingRegions: ["us-east-1", "us-west-2", "eu-west-1"],
            domain: "api.example.com",
            zoneName: "example.com",
            hostedZoneId: "Z0123456789PRDEXAMPLE",
            consistency: "eventual",
            traffic: "route53",
            drain: [],
            cloudflare: { ...CF_IDS, steering: "dynamic_latency", checkRegions: [...CLOUDFLARE_REGION_CODES], originTlsRule: true, proxied: true, sessionAffinity: "none", plan: "pro" },
            table: {
                ...DEFAULT_TABLE,
                globalSecondaryIndexes: [
                    { name: "by-owner", partitionKey: { name: "owner", type: "S" }, sortKey: { name: "updatedAt", type: "S" }, projection: "ALL" },
                ],
            },
            service: { ...DEFAULT_SERVICE, auth: stackAuth("api.example.com"), memoryMb: 1024, capacityPerRegion: 50, logRetentionDays: 90, safeDeployment: true },
            health: DEFAULT_HEALTH,
            routing: DEFAULT_ROUTING,
            routingMode: { policy: "latency" },
            rtoTargetSeconds: 120,
            alarms: { snsTopicArns: {}, email: "oncall@example.com" },
            tags: { "app:name": "active-active", "app:stack": "prod", env: "prod", owner: "platform-team", "cost-center": "4200" },
            protect: true,
            allowReplicaRemoval: false,
            unprotectReplicas: [],
            warnings: [],
        });
        expect(config.failover.rto.rtoSeconds).toBeLessThanOrEqual(120);
    });

    test("a drained region stays in regions and leaves servingRegions", () => {
        const config = parseConfig(configSource("prod", { set: { "active-active:drain": ["us-west-2"] } }));
        expect([config.regions, config.drain, config.servingRegions]).toEqual([
            ["us-east-1", "us-west-2", "eu-west-1"],
            ["us-west-2"],
            ["us-east-1", "eu-west-1"],
        ]);
    });

    test("strong consistency: three regions of one set, or two plus a witness; no TTL by default", () => {
        const three = parseConfig(configSource("staging", { set: { "active-active:consistency": "strong", "active-active:regions": US_TRIO } }));
        expect([three.consistency, three.witnessRegion, three.table.ttlAttribute]).toEqual(["strong", undefined, null]);
        const witnessed = parseConfig(configSource("dev", { set: { "active-active:consistency": "strong", "active-active:witnessRegion": "us-east-2" } }));
        expect([witnessed.regions, witnessed.witnessRegion, witnessed.table.ttlAttribute]).toEqual([["us-east-1", "us-west-2"], "us-east-2", null]);
    });
});

type BadCase = [title: string, stack: StackName, options: ConfigSourceOptions, problems: string[]];

const badConfigs: BadCase[] = [
    ["a region listed twice", "dev", { set: { "active-active:regions": ["us-east-1", "us-west-2", "us-east-1"] } }, [
        'active-active:regions[2]: "us-east-1" is listed twice; allowed: each region once',
    ]],
    ["a single region", "dev", { set: { "active-active:regions": ["us-west-2"] } }, [
        'active-active:regions: ["us-west-2"] has 1 region; allowed: at least 2 regions',
    ]],
    ["no region at all", "dev", { set: { "active-active:regions": [] } }, [
        "active-active:regions: [] has 0 regions; allowed: at least 2 regions",
    ]],
    ["regions unset", "dev", { set: { "active-active:regions": undefined } }, [
        "active-active:regions: is required; allowed: a list",
    ]],
    ["a region AWS does not have", "dev", { set: { "active-active:regions": ["us-east-1", "eu-west-9"] } }, [
        `active-active:regions[1]: "eu-west-9" is not an AWS region (did you mean "eu-west-1"?); allowed: ${ALL_REGIONS}`,
    ]],
    ["regions as one comma-separated string", "dev", { set: { "active-active:regions": "us-east-1,us-west-2" } }, [
        'active-active:regions: "us-east-1,us-west-2" is a string; allowed: a list',
    ]],
    ["a homeRegion outside the regions", "dev", { set: { "active-active:homeRegion": "eu-west-1" } }, [
        'active-active:homeRegion: "eu-west-1" is not one of the regions; allowed: us-east-1, us-west-2',
    ]],
    ["homeRegion unset", "dev", { set: { "active-active:homeRegion": undefined } }, [
        "active-active:homeRegion: is required; allowed: a string",
    ]],
    ["domain unset", "dev", { set: { "active-active:domain": undefined } }, [
        "active-active:domain: is required; allowed: a string",
    ]],
    ["a domain in upper case", "dev", { set: { "active-active:domain": "Api.Dev.Example.com" } }, [
        'active-active:domain: "Api.Dev.Example.com" is not a DNS name; allowed: lower-case labels of letters, digits and hyphens, e.g. api.example.com',
    ]],
    ["a consistency mode in capitals", "dev", { set: { "active-active:consistency": "STRONG" } }, [
        'active-active:consistency: "STRONG" is not a consistency mode; allowed: "eventual", "strong"',
    ]],
    ["strong consistency with two regions and no witness", "dev", { set: { "active-active:consistency": "strong" } }, [
        'active-active:regions: ["us-east-1","us-west-2"] has 2 regions; allowed with consistency "strong": exactly 3 regions, or 2 regions plus active-active:witnessRegion',
    ]],
    ["strong consistency over the US and EU sets", "prod", { set: { "active-active:consistency": "strong" } }, [
        `active-active:regions: ["us-east-1","us-west-2","eu-west-1"] are not all in one strong-consistency region set; allowed: all in one set (${MRSC_SETS})`,
    ]],
    ["a witness that is also a replica", "dev", { set: { "active-active:consistency": "strong", "active-active:witnessRegion": "us-west-2" } }, [
        'active-active:witnessRegion: "us-west-2" is also a replica region; allowed: a third region of the same set that is not in active-active:regions',
    ]],
    ["a witness with eventual consistency", "dev", { set: { "active-active:witnessRegion": "us-east-2" } }, [
        'active-active:witnessRegion: "us-east-2" is only used with consistency "strong"; allowed: unset with consistency "eventual"',
    ]],
    ["a witness outside the replicas' region set", "dev", { set: { "active-active:consistency": "strong", "active-active:witnessRegion": "eu-west-1" } }, [
        'active-active:witnessRegion: "eu-west-1" is not in the US strong-consistency region set of active-active:regions; allowed: us-east-2',
    ]],
    ["a witness that is not a region reports that alone", "dev", { set: { "active-active:consistency": "strong", "active-active:witnessRegion": "us-east-7" } }, [
        `active-active:witnessRegion: "us-east-7" is not an AWS region (did you mean "us-east-1"?); allowed: ${ALL_REGIONS}`,
    ]],
    ["a TTL attribute with strong consistency", "staging", {
        set: { "active-active:consistency": "strong", "active-active:regions": US_TRIO, "active-active:table": { ttlAttribute: "expiresAt" } },
    }, [
        'active-active:table.ttlAttribute: "expiresAt" is not supported with consistency "strong"; allowed: null (the app enforces expiry itself)',
    ]],
    ["an unknown traffic layer", "dev", { set: { "active-active:traffic": "cloudfront" } }, [
        'active-active:traffic: "cloudfront" is not a traffic layer; allowed: "route53", "cloudflare"',
    ]],
    ["Cloudflare traffic without its ids", "dev", { set: { "active-active:traffic": "cloudflare" } }, [
        'active-active:cloudflare: is required with traffic "cloudflare"; allowed: {"accountId": "<32 hex>", "zoneId": "<32 hex>"}',
    ]],
    ["draining every region", "dev", { set: { "active-active:drain": ["us-east-1", "us-west-2"] } }, [
        'active-active:drain: ["us-east-1","us-west-2"] drains every region; allowed: leave at least one region serving',
    ]],
    ["draining a region the stack does not have", "dev", { set: { "active-active:drain": ["eu-west-1"] } }, [
        'active-active:drain[0]: "eu-west-1" is not one of the regions; allowed: us-east-1, us-west-2',
    ]],
    ["drain as a string", "dev", { set: { "active-active:drain": "us-west-2" } }, [
        'active-active:drain: "us-west-2" is a string; allowed: a list',
    ]],
    ["a drained region listed twice", "prod", { set: { "active-active:drain": ["us-west-2", "us-west-2"] } }, [
        'active-active:drain[1]: "us-west-2" is listed twice; allowed: each region once',
    ]],
    ["Route 53 traffic without a hosted zone id", "dev", { set: { "active-active:hostedZoneId": undefined } }, [
        'active-active:hostedZoneId: is required with traffic "route53"; allowed: the id of the public hosted zone of example.com (Z...)',
    ]],
    ["a zone that does not contain the domain", "dev", { set: { "active-active:zoneName": "example.org" } }, [
        'active-active:domain: "api.dev.example.com" is not inside the zone "example.org"; allowed: example.org or a name ending in .example.org',
    ]],
    ["a misspelt key", "dev", { set: { "active-active:region": ["us-east-1", "us-west-2"] } }, [
        `active-active:region: unknown key (did you mean "regions"?); allowed: ${KNOWN_KEYS}`,
    ]],
    ["a key named like an Object method", "dev", { set: { "active-active:constructor": "x" } }, [
        `active-active:constructor: unknown key; allowed: ${KNOWN_KEYS}`,
    ]],
    ["an RTO target of zero", "dev", { set: { "active-active:rtoTargetSeconds": 0 } }, [
        "active-active:rtoTargetSeconds: 0 is too small; allowed: at least 1",
    ]],
    ["protect as a word", "dev", { set: { "active-active:protect": "yes" } }, [
        'active-active:protect: "yes" is a string; allowed: a boolean',
    ]],
    ["Lambda memory below its minimum", "dev", { set: { "active-active:service": { memoryMb: 64 } } }, [
        "active-active:service.memoryMb: 64 is too small; allowed: at least 128",
    ]],
    ["a health check threshold above Route 53's", "dev", { set: { "active-active:health": { failureThreshold: 11 } } }, [
        "active-active:health.failureThreshold: 11 is too large; allowed: at most 10",
    ]],
    ["a tag key with a character AWS refuses", "dev", { set: { "active-active:tags": { "team#1": "platform" } } }, [
        'active-active:tags: key "team#1" is not a tag key; allowed: 1-128 letters, digits, spaces and _ . : / = + - @',
    ]],
];

describe("bad configs are rejected with every problem", () => {
    test("the table is large enough", () => {
        expect(badConfigs.length).toBeGreaterThanOrEqual(25);
    });

    test.each(badConfigs)("%s", (_title, stack, options, problems) => {
        expect(configProblems(configSource(stack, options))).toEqual(problems);
    });

    test("the error's message lists the problems under a count", () => {
        let error: unknown;
        try {
            parseConfig(configSource("dev", { set: { "active-active:drain": ["us-east-1", "us-west-2"] } }));
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).message).toBe(
            'Invalid stack configuration (1 problem):\n  - active-active:drain: ["us-east-1","us-west-2"] drains every region; allowed: leave at least one region serving',
        );
    });

    test("the error is the library's ArgsError, named ConfigError, with every problem as data too", () => {
        let error: unknown;
        try {
            parseConfig(configSource("dev", { set: { "active-active:drain": ["us-east-1", "us-west-2"] } }));
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(ArgsError);
        expect((error as ConfigError).name).toBe("ConfigError");
        expect((error as ConfigError).details).toEqual([
            { path: "active-active:drain", value: ["us-east-1", "us-west-2"], reason: "drains every region", allowed: "leave at least one region serving", code: "drain-everything" },
        ]);
    });

    test("all errors at once: four problems in four keys, in key order", () => {
        const source = configSource("dev", {
            set: {
                "active-active:protect": "maybe",
                "active-active:service": { memoryMb: 1 },
                "active-active:domain": "API",
                "active-active:regions": ["us-east-1", "mars-1"],
            },
        });
        const expected = [
            `active-active:regions[1]: "mars-1" is not an AWS region; allowed: ${ALL_REGIONS}`,
            'active-active:domain: "API" is not a DNS name; allowed: lower-case labels of letters, digits and hyphens, e.g. api.example.com',
            "active-active:service.memoryMb: 1 is too small; allowed: at least 128",
            'active-active:protect: "maybe" is a string; allowed: a boolean',
        ];
        expect(configProblems(source)).toEqual(expected);
        expect(() => parseConfig(source)).toThrow(`Invalid stack configuration (4 problems):\n${expected.map((p) => `  - ${p}`).join("\n")}`);
    });
});

/**
 * Runs program.ts's `main` under a kit installed just before (the program module loads after the first kit) and
 * returns the error it rejects with, undefined when it completes.
 */
async function runMain(kit: MockKit): Promise<unknown> {
    const { main } = await import("../../program");
    return kit.runProgram(() => main()).then(
        () => undefined,
        (e: unknown) => e,
    );
}

describe("loadConfig() under the mock kit", () => {

    test("reads the active-active namespace of the running program and nothing else", () => {
        const { config, secretKeys } = engineConfig("dev", { set: { "cloudflare:regions": ["eu-west-1"], "cloudflare:domain": "example.org" } });
        MockKit.install({ config, secretKeys, stack: "dev" });
        expect(loadConfig()).toEqual(parseConfig(configSource("dev")));
    });

    test("a bad config stops the whole program before any resource is registered", async () => {
        const kit = MockKit.install({ ...engineConfig("dev", { set: { "active-active:regions": ["us-east-1"] } }), stack: "dev" });
        const { main } = await import("../../program");
        const run = kit.runProgram(() => main());
        await expect(run).rejects.toThrow(ConfigError);
        await expect(run).rejects.toMatchObject({ problems: ['active-active:regions: ["us-east-1"] has 1 region; allowed: at least 2 regions'] });
        expect(kit.resources.filter((r) => r.custom)).toEqual([]);
        expect(kit.resources.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
    });

    test("the same program with the stack's own config registers resources (the check above can fail)", async () => {
        const kit = MockKit.install({ ...engineConfig("dev"), stack: "dev" });
        expect(await runMain(kit)).toBeUndefined();
        expect(kit.resources.filter((r) => r.custom).length).toBeGreaterThan(0);
    });

    test("a secret in the active-active namespace is rejected without reading it", async () => {
        const kit = MockKit.install({ ...engineConfig("dev", { secrets: { "active-active:domain": "api.hidden.example.com" } }), stack: "dev" });
        const error = await runMain(kit);
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems).toEqual([
            "active-active:domain: is stored as a secret; allowed: plain text (only credentials are secret, and they belong to their provider)",
        ]);
        expect((error as ConfigError).message).not.toContain("hidden");
        expect(kit.resources.filter((r) => r.custom)).toEqual([]);
    });

    describe("Cloudflare's token during an update", () => {
        const saved = { token: process.env.CLOUDFLARE_API_TOKEN, key: process.env.CLOUDFLARE_API_KEY };
        beforeEach(() => {
            delete process.env.CLOUDFLARE_API_TOKEN;
            delete process.env.CLOUDFLARE_API_KEY;
        });
        afterAll(() => {
            for (const [name, value] of [["CLOUDFLARE_API_TOKEN", saved.token], ["CLOUDFLARE_API_KEY", saved.key]] as const) {
                if (value === undefined) delete process.env[name];
                else process.env[name] = value;
            }
        });
        const cloudflare = { set: { "active-active:traffic": "cloudflare" } };

        test("an update with neither the secret nor the environment variable is rejected", async () => {
            const kit = MockKit.install({ ...engineConfig("prod", cloudflare), stack: "prod", preview: false });
            const error = await runMain(kit);
            expect((error as ConfigError).problems).toEqual([
                "cloudflare:apiToken: is not set; allowed: `pulumi config set --secret cloudflare:apiToken ...` or the CLOUDFLARE_API_TOKEN environment variable",
            ]);
            expect(kit.resources.filter((r) => r.custom)).toEqual([]);
        });

        test("a preview needs no token", () => {
            MockKit.install({ ...engineConfig("prod", cloudflare), stack: "prod", preview: true });
            expect(loadConfig().traffic).toBe("cloudflare");
        });

        test("an update with CLOUDFLARE_API_TOKEN in the environment is accepted", () => {
            process.env.CLOUDFLARE_API_TOKEN = "env-token-not-printed";
            MockKit.install({ ...engineConfig("prod", cloudflare), stack: "prod", preview: false });
            expect(loadConfig().traffic).toBe("cloudflare");
        });

        test("an update with the secret is accepted, and the secret never reaches an error message", async () => {
            const withSecret = { ...cloudflare, secrets: { "cloudflare:apiToken": "cf-secret-7f3a9" } };
            MockKit.install({ ...engineConfig("prod", withSecret), stack: "prod", preview: false });
            expect(loadConfig().traffic).toBe("cloudflare");

            const broken = { set: { ...cloudflare.set, "active-active:domain": "not a domain" }, secrets: withSecret.secrets };
            const kit = MockKit.install({ ...engineConfig("prod", broken), stack: "prod", preview: false });
            const error = await runMain(kit);
            expect((error as ConfigError).problems).toEqual([
                'active-active:domain: "not a domain" is not a DNS name; allowed: lower-case labels of letters, digits and hyphens, e.g. api.example.com',
            ]);
            expect((error as ConfigError).message).not.toContain("cf-secret-7f3a9");
        });
    });
});

describe("secrets (parseConfig)", () => {
    const cloudflare = { "active-active:traffic": "cloudflare" };

    test("a plain-text cloudflare:apiToken is rejected without printing it", () => {
        const problems = configProblems(configSource("prod", { set: { ...cloudflare, "cloudflare:apiToken": "cf-plain-51c2" } }));
        expect(problems).toEqual([
            "cloudflare:apiToken: is stored in plain text; allowed: a secret (`pulumi config set --secret cloudflare:apiToken ...`) or the provider's environment variable",
        ]);
        expect(problems.join("\n")).not.toContain("cf-plain-51c2");
    });

    test("a secret cloudflare:apiToken is accepted during an update", () => {
        const config = parseConfig(configSource("prod", { set: cloudflare, secrets: { "cloudflare:apiToken": "cf-secret-51c2" }, isUpdate: true }));
        expect([config.traffic, config.cloudflare?.accountId]).toEqual(["cloudflare", CF_IDS.accountId]);
    });

    test("a secret cloudflare:apiToken never appears in the error of an otherwise bad config", () => {
        let error: unknown;
        try {
            parseConfig(configSource("prod", { set: { ...cloudflare, "active-active:rtoTargetSeconds": -5 }, secrets: { "cloudflare:apiToken": "cf-secret-51c2" }, isUpdate: true }));
        } catch (e) {
            error = e;
        }
        expect((error as ConfigError).problems).toEqual(["active-active:rtoTargetSeconds: -5 is too small; allowed: at least 1"]);
        expect((error as ConfigError).message).not.toContain("cf-secret-51c2");
    });

    test("Cloudflare traffic during an update with no token and no environment variable is rejected", () => {
        expect(configProblems(configSource("prod", { set: cloudflare, isUpdate: true, env: {} }))).toEqual([
            "cloudflare:apiToken: is not set; allowed: `pulumi config set --secret cloudflare:apiToken ...` or the CLOUDFLARE_API_TOKEN environment variable",
        ]);
    });

    test("the same config during a preview is accepted", () => {
        expect(parseConfig(configSource("prod", { set: cloudflare, isUpdate: false, env: {} })).traffic).toBe("cloudflare");
    });

    test("the environment variable stands in for the secret during an update", () => {
        expect(parseConfig(configSource("prod", { set: cloudflare, isUpdate: true, env: { CLOUDFLARE_API_TOKEN: "x" } })).traffic).toBe("cloudflare");
    });

    test("the Cloudflare global API key is refused: the provider gets a scoped token", () => {
        expect(configProblems(configSource("prod", { set: cloudflare, isUpdate: true, env: { CLOUDFLARE_API_TOKEN: "x", CLOUDFLARE_API_KEY: "global-key-3c" } }))).toEqual([
            "CLOUDFLARE_API_KEY: is set (the account-wide global API key); allowed: unset, with a scoped API token as the secret cloudflare:apiToken or CLOUDFLARE_API_TOKEN",
        ]);
        // It never stood in for the token.
        expect(configProblems(configSource("prod", { set: cloudflare, isUpdate: true, env: { CLOUDFLARE_API_KEY: "global-key-3c" } }))).toEqual([
            "cloudflare:apiToken: is not set; allowed: `pulumi config set --secret cloudflare:apiToken ...` or the CLOUDFLARE_API_TOKEN environment variable",
            "CLOUDFLARE_API_KEY: is set (the account-wide global API key); allowed: unset, with a scoped API token as the secret cloudflare:apiToken or CLOUDFLARE_API_TOKEN",
        ]);
    });

    test("the global key stored as a secret is refused too", () => {
        expect(configProblems(configSource("prod", { set: cloudflare, secrets: { "cloudflare:apiKey": "global-key-3c", "cloudflare:apiToken": "t" } }))).toEqual([
            "cloudflare:apiKey: is set (the account-wide global API key); allowed: unset, with a scoped API token as the secret cloudflare:apiToken or CLOUDFLARE_API_TOKEN",
        ]);
    });

    test("provider options named like credentials but not credentials pass in plain text", () => {
        const set = { "aws:skipCredentialsValidation": true, "aws:tokenBucketRateLimiterCapacity": 100 };
        expect(parseConfig(configSource("prod", { set })).regions).toEqual(["us-east-1", "us-west-2", "eu-west-1"]);
    });

    test("a secret value in the active-active namespace is never printed", () => {
        const problems = configProblems(configSource("prod", { secrets: { "active-active:cloudflare": '{"accountId":"acct-7c1e"}' } }));
        expect(problems).toEqual([
            "active-active:cloudflare: is stored as a secret; allowed: plain text (only credentials are secret, and they belong to their provider)",
        ]);
        expect(problems.join("\n")).not.toContain("acct-7c1e");
    });
});
