import { check, Case, UNKNOWN_STRING, withProps } from "../../testing/fixtures";
import { functionReservedConcurrency } from "./function-reserved-concurrency";
import { functionRuntimeSupported } from "./function-runtime-supported";
import { functionNoSecretEnvironment } from "./function-no-secret-environment";
import { functionUrlIamAuth } from "./function-url-iam-auth";
import { FUNCTION, lambdaFunction } from "../../../tests/fixtures/lambda/function";

const fn = { type: FUNCTION, region: "us-west-2", props: lambdaFunction("us-west-2") };

describe("aws-lambda-function-reserved-concurrency", () => {
    test("passes a function with reserved concurrency", async () => {
        expect(await check(functionReservedConcurrency, fn)).toEqual([]);
    });
    test.each<Case>([
        ["unset", (p) => delete p.reservedConcurrentExecutions, ["reservedConcurrentExecutions is unset; allowed: a positive number (the function's capacity per region)"]],
        ["-1 (unreserved)", (p) => (p.reservedConcurrentExecutions = -1), ["reservedConcurrentExecutions is -1; allowed: a positive number (the function's capacity per region)"]],
        ["0 (throttled)", (p) => (p.reservedConcurrentExecutions = 0), ["reservedConcurrentExecutions is 0, which throttles every invocation; allowed: a positive number"]],
    ])("%s", async (_title, change, expected) => {
        expect(await check(functionReservedConcurrency, withProps(fn, change))).toEqual(expected);
    });
});

describe("aws-lambda-function-runtime-supported", () => {
    test("passes nodejs22.x", async () => {
        expect(await check(functionRuntimeSupported, fn)).toEqual([]);
    });
    test.each<Case>([
        ["nodejs24.x is newer", (p) => (p.runtime = "nodejs24.x"), []],
        ["nodejs20.x", (p) => (p.runtime = "nodejs20.x"), ['runtime is "nodejs20.x"; allowed: nodejs22.x or newer']],
        ["python", (p) => (p.runtime = "python3.13"), ['runtime is "python3.13"; allowed: nodejs22.x or newer']],
        ["unset on a zip function", (p) => delete p.runtime, ["runtime is unset; allowed: nodejs22.x or newer"]],
        ["container image: exempt", (p) => ((p.packageType = "Image"), delete p.runtime), []],
        ["unknown during preview", (p) => (p.runtime = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(functionRuntimeSupported, withProps(fn, change))).toEqual(expected);
    });
    test("the minimum comes from the pack config", async () => {
        expect(await check(functionRuntimeSupported, fn, { minNodejsMajor: 24 })).toEqual(['runtime is "nodejs22.x"; allowed: nodejs24.x or newer']);
    });
});

describe("aws-lambda-function-no-secret-environment", () => {
    test("passes the app's configuration (TABLE_PARTITION_KEY is not a credential)", async () => {
        const app = withProps(fn, (p) => (p.environment.variables.TABLE_PARTITION_KEY = "pk"));
        expect(await check(functionNoSecretEnvironment, app)).toEqual([]);
    });
    test.each<Case>([
        [
            "an API token",
            (p) => (p.environment.variables.CLOUDFLARE_API_TOKEN = "t"),
            ["environment.variables.CLOUDFLARE_API_TOKEN is named like a credential; allowed: the name of a Secrets Manager secret or SSM parameter, read at run time"],
        ],
        [
            "a password and a client secret",
            (p) => Object.assign(p.environment.variables, { DB_PASSWORD: "p", clientSecret: "s" }),
            [
                "environment.variables.DB_PASSWORD is named like a credential; allowed: the name of a Secrets Manager secret or SSM parameter, read at run time",
                "environment.variables.clientSecret is named like a credential; allowed: the name of a Secrets Manager secret or SSM parameter, read at run time",
            ],
        ],
        ["the parameter's name is fine", (p) => (p.environment.variables.DB_PASSWORD_PARAMETER = "/app/db"), []],
        ["no environment", (p) => delete p.environment, []],
        ["variables unknown during preview", (p) => (p.environment = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(functionNoSecretEnvironment, withProps(fn, change))).toEqual(expected);
    });
});

describe("aws-lambda-function-url-iam-auth", () => {
    const url = { type: "aws:lambda/functionUrl:FunctionUrl", region: "us-west-2", props: { functionName: "app-us-west-2-fn", authorizationType: "AWS_IAM" } };
    test("passes a function URL with IAM auth", async () => {
        expect(await check(functionUrlIamAuth, url)).toEqual([]);
    });
    test.each<Case>([
        ["no auth", (p) => (p.authorizationType = "NONE"), ['authorizationType is "NONE"; allowed: "AWS_IAM"']],
        ["unknown during preview", (p) => (p.authorizationType = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(functionUrlIamAuth, withProps(url, change))).toEqual(expected);
    });
});
