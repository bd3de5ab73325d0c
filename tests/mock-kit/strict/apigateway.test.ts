/**
 * Strict mocks, API Gateway v2: the regional custom domain RegionalService registers (the canonical fixture) passes;
 * each constraint rejects one mutation with the API's message, including a certificate that does not cover the name.
 */
import { computeOutputs } from "../../../mock-kit/outputs";
import { createStrictValidator, StrictValidator } from "../../../mock-kit/strict";
import { ACCOUNT } from "../../fixtures/common";
import { certificateArn, customDomain, DOMAIN_NAME } from "../../fixtures/apigateway/domain-name";
import { AUTHORIZER, healthRoute, itemRoute, jwtAuthorizer, ROUTE } from "../../fixtures/apigateway/route";
import { defaultStage, STAGE } from "../../fixtures/apigateway/stage";
import { check, Mutation, mutated, schema } from "./support";

const DOMAIN_INPUTS = customDomain("us-east-1");

describe("aws:apigatewayv2/domainName:DomainName", () => {
    const DN = DOMAIN_NAME;

    test("the program's regional custom domain passes", () => {
        expect(check(DN, DOMAIN_INPUTS)).toEqual([]);
    });

    test.each<Mutation>([
        ["security policy TLS_1_0", (t) => (t.domainNameConfiguration.securityPolicy = "TLS_1_0"), ["BadRequestException: Security policy TLS_1_0 is not supported for HTTP APIs; use TLS_1_2"]],
        ["endpoint type EDGE", (t) => (t.domainNameConfiguration.endpointType = "EDGE"), ["BadRequestException: Endpoint type EDGE is not supported for this API's domain names; use REGIONAL"]],
        [
            "a certificate from another region",
            (t) => (t.domainNameConfiguration.certificateArn = certificateArn("us-west-2")),
            [`BadRequestException: Certificate ${certificateArn("us-west-2")} is in us-west-2; a REGIONAL domain name in us-east-1 needs an ACM certificate in us-east-1`],
        ],
        [
            "an IAM server certificate",
            (t) => (t.domainNameConfiguration.certificateArn = `arn:aws:iam::${ACCOUNT}:server-certificate/api`),
            [`BadRequestException: Invalid certificate ARN: arn:aws:iam::${ACCOUNT}:server-certificate/api; a domain name needs an ACM certificate`],
        ],
        ["an invalid domain name", (t) => (t.domainName = "api..example.com"), ["BadRequestException: Invalid domain name api..example.com: it has an empty label"]],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(DN, mutated(DOMAIN_INPUTS, mutate))).toEqual(expected);
    });

    function withCertificate(domainName: string): { v: StrictValidator; arn: string } {
        const v = createStrictValidator();
        const cert = { domainName, validationMethod: "DNS" };
        expect(check("aws:acm/certificate:Certificate", cert, v)).toEqual([]);
        const arn = computeOutputs({ type: "aws:acm/certificate:Certificate", name: "r", inputs: cert, region: "us-east-1" }).state.arn as string;
        return { v, arn };
    }

    test("a domain its certificate does not cover is rejected", () => {
        const { v, arn } = withCertificate("api.example.com");
        const domain = mutated(DOMAIN_INPUTS, (t) => Object.assign(t, { domainName: "www.example.com", domainNameConfiguration: { ...t.domainNameConfiguration, certificateArn: arn } }));
        expect(check(DN, domain, v)).toEqual(["BadRequestException: The domain name to be created is not covered by the provided certificate."]);
    });

    test("a wildcard certificate covers one level below it", () => {
        const { v, arn } = withCertificate("*.example.com");
        const domain = mutated(DOMAIN_INPUTS, (t) => (t.domainNameConfiguration.certificateArn = arn));
        expect(check(DN, domain, v)).toEqual([]);
    });
});

describe("aws:apigatewayv2/authorizer:Authorizer", () => {
    const JWT = jwtAuthorizer("us-east-1");
    const bad = (m: string) => `BadRequestException: ${m}`;

    test("the program's JWT authorizer passes", () => {
        expect(check(AUTHORIZER, JWT)).toEqual([]);
    });

    test.each<Mutation>([
        ["no JWT configuration", (t) => delete t.jwtConfiguration, [bad("JwtConfiguration (Issuer and Audience) is required for the JWT authorizer type")]],
        ["no issuer", (t) => delete t.jwtConfiguration.issuer, [bad("JwtConfiguration.Issuer is required for the JWT authorizer type")]],
        ["no audience", (t) => (t.jwtConfiguration.audiences = []), [bad("JwtConfiguration.Audience is required for the JWT authorizer type")]],
        [
            "an issuer over 2,048 characters",
            (t) => (t.jwtConfiguration.issuer = `https://id.example.com/${"x".repeat(2030)}`),
            [schema("BadRequestException", `Value '${"https://id.example.com/" + "x".repeat(2030)}' at 'jwtConfiguration.issuer' failed to satisfy constraint: Member must have length less than or equal to 2048`)],
        ],
        ["no identity source", (t) => delete t.identitySources, [bad("IdentitySource is required for the JWT authorizer type: one header or query string selection")]],
        ["two identity sources", (t) => t.identitySources.push("$request.header.X-Token"), [bad("IdentitySource of a JWT authorizer must be exactly one header or query string selection, e.g. $request.header.Authorization")]],
        ["a context identity source", (t) => (t.identitySources = ["$context.identity.sourceIp"]), [bad("IdentitySource of a JWT authorizer must be exactly one header or query string selection, e.g. $request.header.Authorization")]],
        ["a REST-only authorizer type", (t) => (t.authorizerType = "TOKEN"), [bad("AuthorizerType TOKEN is not supported for HTTP APIs; use JWT or REQUEST")]],
        ["a name over 128 characters", (t) => (t.name = "a".repeat(129)), [schema("BadRequestException", `Value '${"a".repeat(129)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 128`)]],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(AUTHORIZER, mutated(JWT, mutate))).toEqual(expected);
    });
});

describe("aws:apigatewayv2/route:Route", () => {
    const ITEM = itemRoute("us-east-1");
    const bad = (m: string) => `BadRequestException: ${m}`;

    test("the program's item and health routes pass", () => {
        expect(check(ROUTE, ITEM)).toEqual([]);
        expect(check(ROUTE, healthRoute("us-east-1"))).toEqual([]);
        expect(check(ROUTE, mutated(ITEM, (t) => Object.assign(t, { authorizationType: "AWS_IAM", authorizationScopes: undefined, authorizerId: undefined })))).toEqual([]);
    });

    test.each<Mutation>([
        [
            "scopes on an IAM route",
            (t) => Object.assign(t, { authorizationType: "AWS_IAM", authorizerId: undefined }),
            [bad("Invalid Route authorization type specified. Authorization Scopes are only valid for COGNITO_USER_POOLS and JWT authorization types")],
        ],
        [
            "scopes on an open route",
            (t) => Object.assign(t, { authorizationType: "NONE", authorizerId: undefined }),
            [bad("Invalid Route authorization type specified. Authorization Scopes are only valid for COGNITO_USER_POOLS and JWT authorization types")],
        ],
        ["a JWT route without an authorizer", (t) => delete t.authorizerId, [bad("Invalid authorizer ID specified. Setting the authorization type to JWT requires a valid authorizer.")]],
        ["a REST-only authorization type", (t) => (t.authorizationType = "COGNITO_USER_POOLS"), [bad("AuthorizationType COGNITO_USER_POOLS is not supported for HTTP APIs; use NONE, JWT, AWS_IAM or CUSTOM")]],
        ["a route key without a path", (t) => (t.routeKey = "PUT"), [bad("Invalid route key PUT: use $default or <METHOD> </path>")]],
        ["an unknown method", (t) => (t.routeKey = "FETCH /items/{id}"), [bad("Invalid route key FETCH /items/{id}: use $default or <METHOD> </path>")]],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(ROUTE, mutated(ITEM, mutate))).toEqual(expected);
    });

    test("a second route with the same key on one API is rejected", () => {
        const v = createStrictValidator();
        expect(check(ROUTE, ITEM, v)).toEqual([]);
        expect(check(ROUTE, ITEM, v)).toEqual(["ConflictException: Route with key PUT /items/{id} already exists for this API"]);
        expect(check(ROUTE, itemRoute("us-west-2"), v)).toEqual([]);
    });
});

describe("aws:apigatewayv2/stage:Stage route settings", () => {
    const settings = [{ routeKey: "PUT /items/{id}", throttlingBurstLimit: 200, throttlingRateLimit: 100 }];
    const STAGE_INPUTS = defaultStage("us-east-1", { routeSettings: settings });

    test("settings for routes the API has pass", () => {
        const v = createStrictValidator();
        expect(check(ROUTE, itemRoute("us-east-1"), v)).toEqual([]);
        expect(check(STAGE, STAGE_INPUTS, v)).toEqual([]);
    });

    test("settings for a route the API does not have (yet) are rejected", () => {
        const v = createStrictValidator();
        expect(check(ROUTE, healthRoute("us-east-1"), v)).toEqual([]);
        expect(check(STAGE, STAGE_INPUTS, v)).toEqual(["NotFoundException: Unable to find Route by key PUT /items/{id} within the provided RouteSettings"]);
    });

    test("a route of another API does not count", () => {
        const v = createStrictValidator();
        expect(check(ROUTE, itemRoute("us-west-2"), v)).toEqual([]);
        expect(check(STAGE, STAGE_INPUTS, v)).toEqual(["NotFoundException: Unable to find Route by key PUT /items/{id} within the provided RouteSettings"]);
    });

    test("a stage without route settings needs no route", () => {
        expect(check(STAGE, defaultStage("us-east-1"))).toEqual([]);
    });
});
