/**
 * The mock kit's computed outputs, type by type: ids and ARNs in the resource's own region and the mock account,
 * derived from type and name only (two runs agree), and the provider functions it answers.
 */
import { apiGatewayZoneId, computeInvoke, computeOutputs, MOCK_ACCOUNT_ID, stableHex } from "../../mock-kit/outputs";

const A = MOCK_ACCOUNT_ID;
const out = (type: string, name: string, inputs: Record<string, any> = {}, region = "eu-west-1") => computeOutputs({ type, name, inputs, region });

describe("computeOutputs", () => {
    test("the same type, name and inputs give the same id and state", () => {
        expect(out("aws:kms/key:Key", "k")).toEqual(out("aws:kms/key:Key", "k"));
        expect(out("aws:kms/key:Key", "k").id).not.toBe(out("aws:kms/key:Key", "other").id);
    });

    test("autonaming: the given name, else the prefix and 26 characters, else the logical name and 7", () => {
        expect(out("aws:sqs/queue:Queue", "q", { name: "given" }).state.name).toBe("given");
        expect(out("aws:sqs/queue:Queue", "q", { namePrefix: "p-" }).state.name).toBe(`p-${stableHex("aws:sqs/queue:Queue::q", 26)}`);
        expect(out("aws:sqs/queue:Queue", "q").state.name).toBe(`q-${stableHex("aws:sqs/queue:Queue::q", 7)}`);
    });

    test("a table: its name as id, stream ARNs when streams are on, an ARN per replica in the replica's region", () => {
        const { id, state } = out("aws:dynamodb/table:Table", "t", { name: "app", streamEnabled: true, replicas: [{ regionName: "us-west-2" }] });
        expect(id).toBe("app");
        expect(state.arn).toBe(`arn:aws:dynamodb:eu-west-1:${A}:table/app`);
        expect(state.streamArn).toBe(`arn:aws:dynamodb:eu-west-1:${A}:table/app/stream/2026-01-01T00:00:00.000`);
        expect(state.replicas).toEqual([
            { regionName: "us-west-2", arn: `arn:aws:dynamodb:us-west-2:${A}:table/app`, streamArn: `arn:aws:dynamodb:us-west-2:${A}:table/app/stream/2026-01-01T00:00:00.000`, streamLabel: "2026-01-01T00:00:00.000" },
        ]);
        expect(out("aws:dynamodb/table:Table", "t", { name: "app" }).state.streamArn).toBeUndefined();
    });

    test("a resource's own region input wins over its provider's", () => {
        expect(out("aws:kms/key:Key", "k", { region: "ap-south-1" }, "eu-west-1").state.arn).toMatch(/^arn:aws:kms:ap-south-1:/);
        // Without either (a global service's provider), us-east-1.
        expect(computeOutputs({ type: "aws:kms/key:Key", name: "k", inputs: {}, region: undefined }).state.arn).toMatch(/^arn:aws:kms:us-east-1:/);
    });

    test("KMS: a key's id is a UUID; an alias names its target's ARN", () => {
        const key = out("aws:kms/key:Key", "k");
        expect(key.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(key.state).toMatchObject({ keyId: key.id, arn: `arn:aws:kms:eu-west-1:${A}:key/${key.id}` });
        const alias = out("aws:kms/alias:Alias", "a", { name: "alias/app", targetKeyId: key.id });
        expect(alias).toMatchObject({ id: "alias/app", state: { arn: `arn:aws:kms:eu-west-1:${A}:alias/app`, targetKeyArn: key.state.arn } });
    });

    test("IAM is global: roles and policies carry no region", () => {
        expect(out("aws:iam/role:Role", "r", { name: "role" }).state).toMatchObject({ arn: `arn:aws:iam::${A}:role/role`, uniqueId: expect.stringMatching(/^AROA[0-9A-F]{16}$/) });
        expect(out("aws:iam/policy:Policy", "p", { name: "pol" }).id).toBe(`arn:aws:iam::${A}:policy/pol`);
        expect(out("aws:iam/rolePolicy:RolePolicy", "rp", { name: "inline", role: "role" }).id).toBe("role:inline");
    });

    test("Lambda: a published function's version, qualified ARN and invoke ARNs; an alias of it", () => {
        const fn = out("aws:lambda/function:Function", "f", { name: "fn", publish: true }).state;
        expect(fn).toMatchObject({ arn: `arn:aws:lambda:eu-west-1:${A}:function:fn`, version: "1", qualifiedArn: `arn:aws:lambda:eu-west-1:${A}:function:fn:1` });
        expect(fn.invokeArn).toBe(`arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${fn.arn}/invocations`);
        expect(out("aws:lambda/function:Function", "f", { name: "fn" }).state.version).toBe("$LATEST");
        expect(out("aws:lambda/alias:Alias", "a", { name: "live", functionName: "fn" }).state.arn).toBe(`${fn.arn}:live`);
    });

    test("API Gateway: an API's endpoint in its region; a domain's regional target in API Gateway's zone", () => {
        const api = out("aws:apigatewayv2/api:Api", "api");
        expect(api.state.apiEndpoint).toBe(`https://${api.id}.execute-api.eu-west-1.amazonaws.com`);
        const domain = out("aws:apigatewayv2/domainName:DomainName", "d", { domainName: "api.example.com", domainNameConfiguration: { endpointType: "REGIONAL" } });
        expect(domain.id).toBe("api.example.com");
        expect(domain.state.domainNameConfiguration).toMatchObject({ endpointType: "REGIONAL", hostedZoneId: apiGatewayZoneId("eu-west-1") });
        expect(out("aws:apigatewayv2/stage:Stage", "s").id).toHaveLength(7);
    });

    test("ACM: every name of a certificate asks for one DNS validation record, the same in every region", () => {
        const names = { domainName: "api.example.com", subjectAlternativeNames: ["www.example.com"] };
        const here = out("aws:acm/certificate:Certificate", "c", names).state.domainValidationOptions;
        expect(here.map((o: any) => o.domainName)).toEqual(["api.example.com", "www.example.com"]);
        expect(out("aws:acm/certificate:Certificate", "c", names, "us-west-2").state.domainValidationOptions).toEqual(here);
    });

    test("Route 53: a health check's id is a UUID; a record's id is zone, name, type and set identifier", () => {
        expect(out("aws:route53/healthCheck:HealthCheck", "h").state.arn).toMatch(/^arn:aws:route53:::healthcheck\/[0-9a-f-]{36}$/);
        expect(out("aws:route53/record:Record", "r", { zoneId: "Z1", name: "api.example.com", type: "A", setIdentifier: "eu-west-1" }).id).toBe("Z1_api.example.com_A_eu-west-1");
        expect(out("aws:route53/record:Record", "r", { zoneId: "Z1", name: "www.example.com", type: "CNAME" }).id).toBe("Z1_www.example.com_CNAME");
    });

    test("an SNS topic's id is its ARN; an alarm's ARN names its physical name", () => {
        expect(out("aws:sns/topic:Topic", "t", { name: "alarms" }).id).toBe(`arn:aws:sns:eu-west-1:${A}:alarms`);
        expect(out("aws:cloudwatch/metricAlarm:MetricAlarm", "m", { name: "a" }).state.arn).toBe(`arn:aws:cloudwatch:eu-west-1:${A}:alarm:a`);
    });

    test("other types: Cloudflare ids are 32 hex characters; AWS types get an ARN of their service unless they have none", () => {
        expect(computeOutputs({ type: "cloudflare:index/loadBalancerPool:LoadBalancerPool", name: "p", inputs: {}, region: undefined }).id).toMatch(/^[0-9a-f]{32}$/);
        expect(out("aws:sqs/queue:Queue", "q", { name: "jobs" }).state.arn).toBe(`arn:aws:sqs:eu-west-1:${A}:jobs`);
        expect(out("aws:lambda/permission:Permission", "p").state.arn).toBeUndefined();
    });
});

describe("computeInvoke", () => {
    test("caller identity, partition and region; anything else is an error naming the function", () => {
        expect(computeInvoke("aws:index/getCallerIdentity:getCallerIdentity", undefined)).toMatchObject({ accountId: A });
        expect(computeInvoke("aws:index/getPartition:getPartition", undefined)).toMatchObject({ partition: "aws", dnsSuffix: "amazonaws.com" });
        expect(computeInvoke("aws:index/getRegion:getRegion", "eu-west-1")).toMatchObject({ name: "eu-west-1" });
        expect(() => computeInvoke("aws:s3/getBucket:getBucket", undefined)).toThrow("mock kit: unmocked provider function aws:s3/getBucket:getBucket");
    });
});
