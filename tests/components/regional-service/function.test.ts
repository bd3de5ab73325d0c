import { MOCK_ACCOUNT_ID } from "../../../mock-kit";
import { DYNAMODB_ACTIONS } from "../../../app/permissions";
import { bundleSource } from "../../../components/bundle";
import { opsKeyPolicyDocument } from "../../../components/kms";
import { evenSizing, REGIONAL_SERVICE_DEFAULTS } from "../../../components/regional-service/args";
import { functionPolicyDocument } from "../../../components/regional-service/iam";
import {
    arnsIn,
    child,
    deploy,
    Deployed,
    ENTRY,
    GIVEN_TOPICS_TWO_REGIONS,
    keyArn,
    REGIONS,
    TABLE,
    tableArn,
    wildcardGrants,
} from "../../fixtures/regional-service";

describe("evenSizing: its own load plus a whole other region's, not capacity * N / (N-1)", () => {
    // Latency routing sends a failed region's users to their next-closest region: one survivor may take them all.
    test.each([
        // capacity, regions, reserved, stage throttle (the default 500 rps / 1000 burst at an even share)
        [20, 1, 20, { rateLimit: 500, burstLimit: 1000 }],
        [20, 2, 40, { rateLimit: 1000, burstLimit: 2000 }],
        [20, 3, 40, { rateLimit: 1000, burstLimit: 2000 }],
        [50, 3, 100, { rateLimit: 1000, burstLimit: 2000 }],
        [10, 4, 20, { rateLimit: 1000, burstLimit: 2000 }],
        [7, 3, 14, { rateLimit: 1000, burstLimit: 2000 }],
    ])("capacity %i with %i regions reserves %i and throttles at %o", (capacity, regions, reserved, throttle) => {
        expect(evenSizing({ ...REGIONAL_SERVICE_DEFAULTS, capacityPerRegion: capacity }, regions)).toEqual({ reservedConcurrency: reserved, throttle });
    });
});

describe("lambda mode, IAM auth, no safe deployments", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy();
    });

    test.each(REGIONS)("%s: function settings and environment", async (region) => {
        const fn = child(d.kit, "aws:lambda/function:Function", region, "fn");
        const { code, ...inputs } = fn.inputs;
        expect(inputs).toEqual({
            runtime: "nodejs22.x",
            architectures: ["arm64"],
            handler: "index.handler",
            role: child(d.kit, "aws:iam/role:Role", region, "fn-role").outputs.arn,
            memorySize: 512,
            timeout: 10,
            // Its own load plus a whole other region's: 2 x 20, not the even spread's 20 x 3 / 2 = 30.
            reservedConcurrentExecutions: 40,
            publish: false,
            loggingConfig: { logFormat: "JSON", logGroup: child(d.kit, "aws:cloudwatch/logGroup:LogGroup", region, "fn-logs").outputs.name },
            environment: {
                variables: {
                    TABLE_NAME: TABLE,
                    REGION: region,
                    PEER_REGIONS: REGIONS.filter((r) => r !== region).join(","),
                    SERVICE_NAME: "orders",
                    TABLE_PARTITION_KEY: "pk",
                    TABLE_SORT_KEY: "sk",
                    CONSISTENCY: "eventual",
                    HEALTH_TIMEOUT_MS: "1000",
                    HEARTBEAT_INTERVAL_MS: "5000",
                    TTL_ATTRIBUTE: "expiresAt",
                },
            },
            tags: { env: "test" },
        });
        const assets = await code.assets;
        expect(Object.keys(assets)).toEqual(["index.js"]);
        expect(await assets["index.js"].text).toBe(bundleSource(ENTRY));
        expect(fn.dependsOn).toContain(child(d.kit, "aws:iam/rolePolicy:RolePolicy", region, "fn-policy").urn);
        expect(fn.dependsOn).toContain(child(d.kit, "aws:cloudwatch/logGroup:LogGroup", region, "fn-logs").urn);
    });

    test.each(REGIONS)("%s: /health runs on a function of its own: same code and role, its own small reserved concurrency", async (region) => {
        const fn = child(d.kit, "aws:lambda/function:Function", region, "fn");
        const health = child(d.kit, "aws:lambda/function:Function", region, "health-fn");
        const { code, reservedConcurrentExecutions, publish, tags, ...rest } = fn.inputs;
        const { code: healthCode, reservedConcurrentExecutions: healthReserved, tags: healthTags, ...healthRest } = health.inputs;
        expect(healthRest).toEqual(rest);
        expect([healthReserved, healthTags, health.inputs.publish]).toEqual([5, { env: "test", "activeactive:role": "health" }, undefined]);
        expect(await (await healthCode.assets)["index.js"].text).toBe(await (await code.assets)["index.js"].text);
        expect(health.dependsOn).toContain(child(d.kit, "aws:iam/rolePolicy:RolePolicy", region, "fn-policy").urn);
    });

    test.each(REGIONS)("%s: the role's policy names only this region's ARNs and no wildcard", (region) => {
        const policy = child(d.kit, "aws:iam/rolePolicy:RolePolicy", region, "fn-policy");
        const logGroupArn = child(d.kit, "aws:cloudwatch/logGroup:LogGroup", region, "fn-logs").outputs.arn;
        const doc = JSON.parse(policy.inputs.policy);
        expect(doc).toEqual(functionPolicyDocument({ region, tableArn: tableArn(region), kmsKeyArn: keyArn(region), logGroupArn, actions: DYNAMODB_ACTIONS }));
        expect(policy.inputs.role).toBe(child(d.kit, "aws:iam/role:Role", region, "fn-role").id);
        expect(wildcardGrants(doc)).toEqual([]);
        expect(arnsIn(doc)).toEqual([tableArn(region), keyArn(region), `${logGroupArn}:*`]);
        for (const arn of arnsIn(doc)) expect(arn.split(":")[3]).toBe(region);

        const trust = JSON.parse(child(d.kit, "aws:iam/role:Role", region, "fn-role").inputs.assumeRolePolicy);
        expect(trust).toEqual({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
        // No other identity policy reaches the function's role.
        expect(d.kit.resourcesOfType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toEqual([]);
    });

    test.each(REGIONS)("%s: log groups keep logs for the configured days under the region's ops key", (region) => {
        const key = child(d.kit, "aws:kms/key:Key", region, "ops-key");
        expect(JSON.parse(key.inputs.policy)).toEqual(
            opsKeyPolicyDocument({ partition: "aws", account: MOCK_ACCOUNT_ID, region, logGroupPrefix: `/activeactive/orders-${region}/` }),
        );
        expect(key.inputs.enableKeyRotation).toBe(true);
        for (const [role, prefix] of [["fn-logs", "function-"], ["access-logs", "access-"]] as const) {
            expect(child(d.kit, "aws:cloudwatch/logGroup:LogGroup", region, role).inputs).toEqual({
                namePrefix: `/activeactive/orders-${region}/${prefix}`,
                retentionInDays: 30,
                kmsKeyId: key.outputs.arn,
                tags: { env: "test" },
            });
        }
    });
});

describe("sized for two regions", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy(GIVEN_TOPICS_TWO_REGIONS);
    });

    test("each reserves twice its capacity", () => {
        for (const r of REGIONS) expect(child(d.kit, "aws:lambda/function:Function", r, "fn").inputs.reservedConcurrentExecutions).toBe(40);
    });
});
