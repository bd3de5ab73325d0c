import * as aws from "@pulumi/aws";
import { renderProblem } from "../../../packages/aws-facts";
import { LambdaMode, RegionalServiceArgs, validateRegionalServiceArgs } from "../../../components/regional-service";
import { ValidationRecords } from "../../../components/certificate-validation";
import { argsFor, JWT_AUTH, lambdaMode, ZONE } from "../../fixtures/regional-service";

const ISSUER = "the https:// issuer URL of your identity provider (its tokens' iss claim), e.g. https://cognito-idp.<region>.amazonaws.com/<user pool id>";
const AUDIENCE = "a list of at least one audience your tokens carry (their aud, or client_id when they have no aud)";

describe("validateRegionalServiceArgs", () => {
    const validation = new ValidationRecords("v", { kind: "route53", zoneId: ZONE, provider: {} as aws.Provider });
    const valid = (): RegionalServiceArgs => argsFor("us-east-1", {}, validation);
    const withLambda = (a: RegionalServiceArgs, change: Partial<LambdaMode>): RegionalServiceArgs => ({ ...a, mode: lambdaMode(validation, change) });
    const rendered = (a: RegionalServiceArgs) => validateRegionalServiceArgs(a).map(renderProblem);

    test("a valid lambda service has no problems, with IAM or JWT auth", () => {
        expect(validateRegionalServiceArgs(valid())).toEqual([]);
        expect(validateRegionalServiceArgs(withLambda(valid(), { auth: { ...JWT_AUTH, audience: ["a"], scopes: { read: "orders/read" } } }))).toEqual([]);
    });

    test("a valid external service has no problems, whatever its lambda-only args", () => {
        expect(validateRegionalServiceArgs({ ...valid(), mode: { kind: "external", hostname: "e.example.net" }, sortKey: "" })).toEqual([]);
    });

    test("the pinned name's length is judged for the region given: a 54-character domain fits us-east-1, not ap-southeast-1", () => {
        const domain = `api.${"x".repeat(38)}.example.com`;
        expect(domain.length).toBe(54);
        expect(validateRegionalServiceArgs({ ...valid(), domain })).toEqual([]);
        expect(validateRegionalServiceArgs({ ...valid(), domain, region: "ap-southeast-1", regions: ["ap-southeast-1", "us-east-1", "eu-west-1"] }).map((p) => p.code)).toEqual([
            "pinned-name-length",
        ]);
    });

    test.each<[string, (a: RegionalServiceArgs) => RegionalServiceArgs, string[]]>([
        ["region outside regions", (a) => ({ ...a, region: "ap-south-1" }), [
            'region: "ap-south-1" is not one of regions ["us-east-1","us-west-2","eu-west-1"]; allowed: one of them',
        ]],
        ["a domain whose region-pinned name is longer than ACM's 64", (a) => ({ ...a, domain: `api.${"x".repeat(46)}.example.com` }), [
            `domain: "api.${"x".repeat(46)}.example.com" makes the region-pinned name us-east-1.api.${"x".repeat(46)}.example.com 72 characters long; allowed: at most 54 characters, so that us-east-1.<domain> fits ACM's 64`,
        ]],
        ["sized for 0 regions", (a) => ({ ...a, sizedForRegionCount: 0 }), [
            "sizedForRegionCount: 0 is not a count of regions; allowed: an integer from 1 to 3",
        ]],
        ["sized for more regions than there are", (a) => ({ ...a, sizedForRegionCount: 4 }), [
            "sizedForRegionCount: 4 is not a count of regions; allowed: an integer from 1 to 3",
        ]],
        ["no validation records", (a) => ({ ...a, mode: lambdaMode(undefined) }), [
            'mode.validation: is missing; allowed: the stack\'s ValidationRecords with mode.kind "lambda"',
        ]],
        ["equal key names", (a) => ({ ...a, sortKey: "pk" }), ['sortKey: "pk" equals partitionKey; allowed: a different attribute name']],
        ["a table without a sort key", (a) => ({ ...a, sortKey: "" }), [
            'sortKey: "" is not an attribute name; allowed: the table\'s sort key name (the app needs both keys, type S)',
        ]],
        ["topic in another region", (a) => ({ ...a, alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:ops" }), [
            'alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:ops" is in eu-west-1; allowed: a topic in us-east-1 (alarm actions must target their own region)',
        ]],
        ["not a topic", (a) => ({ ...a, alarmTopicArn: "ops" }), [
            'alarmTopicArn: "ops" is not an SNS topic ARN; allowed: arn:aws:sns:us-east-1:<account>:<topic>',
        ]],
        ["negative threshold", (a) => ({ ...a, alarmThresholds: { latencyP99Ms: -1 } }), [
            "alarmThresholds.latencyP99Ms: -1 is not a threshold; allowed: a number of at least 0",
        ]],
        ["external without this region's hostname", (a) => ({ ...a, mode: { kind: "external", hostname: "" } }), [
            'mode.hostname: is missing; allowed: the hostname of this region\'s service with mode.kind "external"',
        ]],
        ["no capacity", (a) => withLambda(a, { capacityPerRegion: 0 }), [
            "mode.capacityPerRegion: 0 is not a concurrency; allowed: an integer of at least 1",
        ]],
        ["memory below Lambda's minimum", (a) => withLambda(a, { memoryMb: 64 }), [
            "mode.memoryMb: 64 is not a Lambda memory size; allowed: an integer from 128 to 10240",
        ]],
        ["a timeout above Lambda's maximum", (a) => withLambda(a, { timeoutSeconds: 901 }), [
            "mode.timeoutSeconds: 901 is not a Lambda timeout; allowed: an integer from 1 to 900",
        ]],
        ["a health budget as long as the function's timeout", (a) => withLambda(a, { timeoutSeconds: 1, healthTimeoutMs: 1000 }), [
            "mode.healthTimeoutMs: 1000 is not below the function timeout (1 s); allowed: less than 1000",
        ]],
        ["a retention CloudWatch Logs does not offer", (a) => withLambda(a, { logRetentionDays: 31 }), [
            "mode.logRetentionDays: 31 is not a CloudWatch Logs retention; allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
        ]],
        ["no authorizer (there is no default issuer)", (a) => withLambda(a, { auth: undefined as never }), [
            'mode.auth: is required; allowed: {"type": "jwt", "issuer": "https://...", "audience": ["..."]} or {"type": "iam"} (IAM only with region-pinned names)',
        ]],
        ["a JWT authorizer without issuer or audience", (a) => withLambda(a, { auth: { type: "jwt" } as never }), [
            `mode.auth.issuer: is required; allowed: ${ISSUER}`,
            `mode.auth.audience: is required; allowed: ${AUDIENCE}`,
        ]],
        ["an http issuer", (a) => withLambda(a, { auth: { ...JWT_AUTH, audience: ["a"], issuer: "http://id.example.com/" } }), [
            `mode.auth.issuer: "http://id.example.com/" is not an https:// URL; allowed: ${ISSUER}`,
        ]],
        ["an issuer that is no URL", (a) => withLambda(a, { auth: { ...JWT_AUTH, audience: ["a"], issuer: "id.example.com" } }), [
            `mode.auth.issuer: "id.example.com" is not an https:// URL; allowed: ${ISSUER}`,
        ]],
        ["an empty audience", (a) => withLambda(a, { auth: { ...JWT_AUTH, audience: ["a", ""] } }), [
            `mode.auth.audience: ["a",""] is not a list of audiences; allowed: ${AUDIENCE}`,
        ]],
        ["scopes with a space and a quote", (a) => withLambda(a, { auth: { ...JWT_AUTH, audience: ["a"], scopes: { read: "items read", write: 'items"w' } } }), [
            'mode.auth.scopes.read: "items read" is not an OAuth scope; allowed: one scope token without spaces, e.g. items:read',
            'mode.auth.scopes.write: "items\\"w" is not an OAuth scope; allowed: one scope token without spaces, e.g. items:read',
        ]],
        ["an open authorizer", (a) => withLambda(a, { auth: { type: "none" } as never }), [
            'mode.auth.type: "none" is not an authorizer; allowed: "jwt" or "iam" (no item route is ever left open)',
        ]],
        ["a write throttle above the stage's", (a) => withLambda(a, { writeThrottle: { rateLimit: 501, burstLimit: 1001 } }), [
            "mode.writeThrottle.rateLimit: 501 is above the stage's rateLimit (500); allowed: at most 500: the write routes' own limit is the lower one",
            "mode.writeThrottle.burstLimit: 1001 is above the stage's burstLimit (1000); allowed: at most 1000: the write routes' own limit is the lower one",
        ]],
        ["a health throttle of zero", (a) => withLambda(a, { healthThrottle: { rateLimit: 0, burstLimit: 20 } }), [
            "mode.healthThrottle.rateLimit: 0 is not a throttle; allowed: a positive number",
        ]],
        ["every problem at once", (a) => ({ ...a, region: "ap-south-1", sizedForRegionCount: 9, mode: lambdaMode(undefined) }), [
            'region: "ap-south-1" is not one of regions ["us-east-1","us-west-2","eu-west-1"]; allowed: one of them',
            "sizedForRegionCount: 9 is not a count of regions; allowed: an integer from 1 to 3",
            'mode.validation: is missing; allowed: the stack\'s ValidationRecords with mode.kind "lambda"',
        ]],
    ])("%s", (_case, mutate, problems) => {
        expect(rendered(mutate(valid()))).toEqual(problems);
    });
});
