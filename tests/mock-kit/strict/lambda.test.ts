/**
 * Strict mocks, Lambda: the function RegionalService registers (the canonical fixture) passes; each constraint of
 * CreateFunction, PutFunctionConcurrency and PutProvisionedConcurrencyConfig rejects one mutation with the API's message.
 */
import { createStrictValidator } from "../../../mock-kit/strict";
import { FUNCTION, lambdaFunction } from "../../fixtures/lambda/function";
import { check, Mutation, mutated, schema } from "./support";

const FUNCTION_INPUTS = lambdaFunction("us-east-1");

describe("aws:lambda/function:Function", () => {
    const FN = FUNCTION;
    const ve = (...v: string[]) => schema("ValidationException", ...v);

    test("the program's function passes", () => {
        expect(check(FN, FUNCTION_INPUTS)).toEqual([]);
    });

    test.each<Mutation>([
        [
            "a deprecated runtime",
            (t) => (t.runtime = "nodejs16.x"),
            ["InvalidParameterValueException: The runtime parameter of nodejs16.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions."],
        ],
        [
            "a runtime that does not exist",
            (t) => (t.runtime = "node22"),
            [ve("Value 'node22' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [dotnet6, dotnet8, dotnet10, java8.al2, java11, java17, java21, java25, nodejs18.x, nodejs20.x, nodejs22.x, nodejs24.x, provided.al2, provided.al2023, python3.9, python3.10, python3.11, python3.12, python3.13, python3.14, ruby3.2, ruby3.3, ruby3.4]")],
        ],
        ["64 MB of memory", (t) => (t.memorySize = 64), [ve("Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128")]],
        ["10241 MB of memory", (t) => (t.memorySize = 10241), [ve("Value '10241' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240")]],
        ["a timeout of 0 s", (t) => (t.timeout = 0), [ve("Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1")]],
        ["a timeout of 901 s", (t) => (t.timeout = 901), [ve("Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900")]],
        [
            "a role name instead of its ARN",
            (t) => (t.role = "active-active-us-east-1-fn-role"),
            [ve("Value 'active-active-us-east-1-fn-role' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role\\/?[a-zA-Z_0-9+=,.@\\-_/]+")],
        ],
        ["a 65-character name", (t) => (t.name = "f".repeat(65)), [ve(`Value '${"f".repeat(65)}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`)]],
        ["two architectures", (t) => (t.architectures = ["arm64", "x86_64"]), [ve("Value '[arm64, x86_64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1")]],
        ["100 MB of ephemeral storage", (t) => (t.ephemeralStorage = { size: 100 }), [ve("Value '100' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value greater than or equal to 512")]],
        [
            "more than 4 KB of environment",
            (t) => (t.environment.variables = { BIG: "x".repeat(4096) }),
            [`InvalidParameterValueException: Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {"BIG":"${"x".repeat(4096)}"}`],
        ],
        [
            "reserved concurrency leaving less than 100 unreserved",
            (t) => (t.reservedConcurrentExecutions = 901),
            ["InvalidParameterValueException: Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100]."],
        ],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(FN, mutated(FUNCTION_INPUTS, mutate))).toEqual(expected);
    });

    test("reserved concurrency adds up over the functions of one region, not across regions", () => {
        const v = createStrictValidator();
        expect(check(FN, { ...FUNCTION_INPUTS, reservedConcurrentExecutions: 450 }, v)).toEqual([]);
        expect(check(FN, { ...FUNCTION_INPUTS, reservedConcurrentExecutions: 450 }, v, "us-west-2")).toEqual([]);
        expect(check(FN, { ...FUNCTION_INPUTS, reservedConcurrentExecutions: 450 }, v)).toEqual([]);
        expect(check(FN, { ...FUNCTION_INPUTS, reservedConcurrentExecutions: 1 }, v)).toEqual([
            "InvalidParameterValueException: Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
        ]);
    });

    test("the account limit is an option: a new account's 400 leaves room for 300", () => {
        const v = createStrictValidator({ lambdaConcurrencyLimit: 400 });
        expect(check(FN, { ...FUNCTION_INPUTS, reservedConcurrentExecutions: 301 }, v)).toEqual([
            "InvalidParameterValueException: Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
        ]);
    });

    test("-1 (no reservation) is never counted", () => {
        expect(check(FN, { ...FUNCTION_INPUTS, reservedConcurrentExecutions: -1 })).toEqual([]);
    });

    test.each<Mutation>([
        ["0 provisioned executions", (t) => (t.provisionedConcurrentExecutions = 0), [schema("ValidationException", "Value '0' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1")]],
        ["the $LATEST qualifier", (t) => (t.qualifier = "$LATEST"), ["InvalidParameterValueException: Provisioned Concurrency Configs cannot be applied to unpublished function versions."]],
    ])("provisioned concurrency with %s is rejected", (_, mutate, expected) => {
        const base = { functionName: "active-active-us-east-1-fn-0fe1781", qualifier: "live", provisionedConcurrentExecutions: 5 };
        expect(check("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", base)).toEqual([]);
        expect(check("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", mutated(base, mutate))).toEqual(expected);
    });
});
