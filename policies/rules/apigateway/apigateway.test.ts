import { check, Case, UNKNOWN_STRING, withProps } from "../../testing/fixtures";
import { domainNameTls12 } from "./domain-name-tls-1-2";
import { stageAccessLogging } from "./stage-access-logging";
import { stageThrottling } from "./stage-throttling";
import { routeAuthorized } from "./route-authorized";
import { customDomain, DOMAIN_NAME } from "../../../tests/fixtures/apigateway/domain-name";
import { defaultStage, STAGE } from "../../../tests/fixtures/apigateway/stage";

const domain = { type: DOMAIN_NAME, region: "eu-west-1", props: customDomain("eu-west-1") };

const stage = { type: STAGE, region: "eu-west-1", props: defaultStage("eu-west-1") };

describe("aws-apigateway-domain-name-tls-1-2", () => {
    test("passes TLS_1_2", async () => {
        expect(await check(domainNameTls12, domain)).toEqual([]);
    });
    test.each<Case>([
        ["TLS 1.0", (p) => (p.domainNameConfiguration.securityPolicy = "TLS_1_0"), ['domainNameConfiguration.securityPolicy is "TLS_1_0"; allowed: "TLS_1_2" or a SecurityPolicy_TLS12_*/SecurityPolicy_TLS13_* policy']],
        ["unset", (p) => delete p.domainNameConfiguration.securityPolicy, ['domainNameConfiguration.securityPolicy is unset; allowed: "TLS_1_2" or a SecurityPolicy_TLS12_*/SecurityPolicy_TLS13_* policy']],
        ["an enhanced TLS 1.3 policy", (p) => (p.domainNameConfiguration.securityPolicy = "SecurityPolicy_TLS13_1_3_2025_09"), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(domainNameTls12, withProps(domain, change))).toEqual(expected);
    });
    test("checks REST API domain names", async () => {
        expect(await check(domainNameTls12, { type: "aws:apigateway/domainName:DomainName", props: { domainName: "x.example.com", securityPolicy: "TLS_1_0" } })).toEqual([
            'securityPolicy is "TLS_1_0"; allowed: "TLS_1_2" or a SecurityPolicy_TLS12_*/SecurityPolicy_TLS13_* policy',
        ]);
    });
});

describe("aws-apigateway-stage-access-logging", () => {
    test("passes a stage with access logs", async () => {
        expect(await check(stageAccessLogging, stage)).toEqual([]);
    });
    test.each<Case>([
        ["no access logs", (p) => delete p.accessLogSettings, ["accessLogSettings is unset; allowed: a destinationArn (CloudWatch log group) and a format"]],
        ["no format", (p) => (p.accessLogSettings.format = ""), ["accessLogSettings.format is unset; allowed: a log format, e.g. JSON with $context.requestId"]],
        ["log group ARN unknown during preview", (p) => (p.accessLogSettings.destinationArn = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(stageAccessLogging, withProps(stage, change))).toEqual(expected);
    });
});

describe("aws-apigateway-stage-throttling", () => {
    test("passes a stage with a rate and burst limit", async () => {
        expect(await check(stageThrottling, stage)).toEqual([]);
    });
    test.each<Case>([
        [
            "no default route settings",
            (p) => delete p.defaultRouteSettings,
            ["defaultRouteSettings.throttlingRateLimit is unset; allowed: a positive number", "defaultRouteSettings.throttlingBurstLimit is unset; allowed: a positive number"],
        ],
        ["zero burst", (p) => (p.defaultRouteSettings.throttlingBurstLimit = 0), ["defaultRouteSettings.throttlingBurstLimit is 0; allowed: a positive number"]],
    ])("%s", async (_title, change, expected) => {
        expect(await check(stageThrottling, withProps(stage, change))).toEqual(expected);
    });
});

describe("aws-apigateway-route-authorized", () => {
    const route = { type: "aws:apigatewayv2/route:Route", region: "eu-west-1", props: { apiId: "a", routeKey: "GET /items/{id}", authorizationType: "JWT", authorizerId: "j", authorizationScopes: ["items:read"] } };
    test("passes a JWT route with scopes", async () => {
        expect(await check(routeAuthorized, route)).toEqual([]);
    });
    test.each<Case>([
        ["an IAM route", (p) => ((p.authorizationType = "AWS_IAM"), delete p.authorizerId, delete p.authorizationScopes), []],
        ["the public health route", (p) => ((p.routeKey = "GET /health"), (p.authorizationType = "NONE")), []],
        [
            "an open item route",
            (p) => (p.authorizationType = "NONE"),
            ['route "GET /items/{id}" has authorizationType "NONE"; allowed: "JWT" (with authorizationScopes), "AWS_IAM" or "CUSTOM" (public routes: GET /health, pack config publicRoutes)'],
        ],
        [
            "a catch-all without authorization type",
            (p) => ((p.routeKey = "$default"), delete p.authorizationType),
            ['route "$default" has authorizationType unset; allowed: "JWT" (with authorizationScopes), "AWS_IAM" or "CUSTOM" (public routes: GET /health, pack config publicRoutes)'],
        ],
        [
            "a JWT route without scopes",
            (p) => delete p.authorizationScopes,
            ['route "GET /items/{id}" has a JWT authorizer without authorizationScopes (any token of the audience passes); allowed: the scopes the route needs, e.g. ["items:read"]'],
        ],
        ["scopes unknown during preview", (p) => (p.authorizationScopes = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(routeAuthorized, withProps(route, change))).toEqual(expected);
    });
    test("the pack config lists the public routes", async () => {
        const health = withProps(route, (p) => ((p.routeKey = "GET /health"), (p.authorizationType = "NONE")));
        expect(await check(routeAuthorized, health, { publicRoutes: [] })).toEqual([
            'route "GET /health" has authorizationType "NONE"; allowed: "JWT" (with authorizationScopes), "AWS_IAM" or "CUSTOM" (public routes: none, pack config publicRoutes)',
        ]);
    });
});
