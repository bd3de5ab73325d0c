/**
 * Lambda: CreateFunction and PutFunctionConcurrency for `aws.lambda.Function`, PutProvisionedConcurrencyConfig.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionConcurrency.html
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
import { LAMBDA_MEMORY_MB, LAMBDA_MIN_UNRESERVED_CONCURRENCY, LAMBDA_TIMEOUT_S } from "../../packages/aws-facts";
import { Problems, ResourceRule, list } from "./common";

/** Limits only the API checks (memory and timeout come from aws-facts). */
export const LAMBDA_LIMITS = {
    ephemeralStorageMb: { min: 512, max: 10240 },
    /** Lambda keeps this much of a region's concurrency unreserved. */
    minUnreservedConcurrency: LAMBDA_MIN_UNRESERVED_CONCURRENCY,
    environmentBytes: 4096,
} as const;

/** Runtimes CreateFunction accepts (the provider's enum less its deprecated entries). */
export const LAMBDA_RUNTIMES = [
    "dotnet6", "dotnet8", "dotnet10",
    "java8.al2", "java11", "java17", "java21", "java25",
    "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x",
    "provided.al2", "provided.al2023",
    "python3.9", "python3.10", "python3.11", "python3.12", "python3.13", "python3.14",
    "ruby3.2", "ruby3.3", "ruby3.4",
] as const;

/** Runtimes Lambda no longer lets a function be created or updated with. */
export const DEPRECATED_LAMBDA_RUNTIMES = [
    "dotnet5.0", "dotnet7", "dotnetcore2.1", "dotnetcore3.1", "go1.x", "java8",
    "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "provided",
    "python2.7", "python3.6", "python3.7", "python3.8", "ruby2.5", "ruby2.7",
] as const;

const ROLE_ARN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;

const lambdaFunction: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const p = new Problems("ValidationException");
        const rt = i.runtime;
        if ((DEPRECATED_LAMBDA_RUNTIMES as readonly string[]).includes(rt)) {
            p.add(`InvalidParameterValueException: The runtime parameter of ${rt} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`);
        } else {
            p.oneOf("runtime", rt, LAMBDA_RUNTIMES);
        }
        p.between("memorySize", i.memorySize, LAMBDA_MEMORY_MB.min, LAMBDA_MEMORY_MB.max);
        p.between("timeout", i.timeout, LAMBDA_TIMEOUT_S.min, LAMBDA_TIMEOUT_S.max);
        p.pattern("role", i.role, ROLE_ARN);
        p.length("functionName", i.name, 1, 64);
        p.pattern("functionName", i.name, /^[a-zA-Z0-9-_]+$/);
        p.between("ephemeralStorage.size", i.ephemeralStorage?.size, LAMBDA_LIMITS.ephemeralStorageMb.min, LAMBDA_LIMITS.ephemeralStorageMb.max);
        p.length("architectures", i.architectures, 1, 1);
        list(i.architectures).forEach((a, n) => p.oneOf(`architectures.${n + 1}.member`, a, ["x86_64", "arm64"]));

        const vars = i.environment?.variables;
        if (vars && typeof vars === "object") {
            const measured = JSON.stringify(vars);
            if (Buffer.byteLength(measured) > LAMBDA_LIMITS.environmentBytes) {
                p.add(`InvalidParameterValueException: Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`);
            }
        }

        const reserved = i.reservedConcurrentExecutions;
        // -1 is the provider's "no reservation"; it never calls PutFunctionConcurrency for it.
        if (typeof reserved === "number" && reserved !== -1) {
            const limit = s.options.lambdaConcurrencyLimit;
            p.between("reservedConcurrentExecutions", reserved, 0, limit);
            const already = s.lambdaReserved.get(r.region ?? "") ?? 0;
            if (reserved >= 0 && already + reserved > limit - LAMBDA_LIMITS.minUnreservedConcurrency) {
                p.add(`InvalidParameterValueException: Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${LAMBDA_LIMITS.minUnreservedConcurrency}].`);
            }
        }
        return p.list();
    },
    remember(r, s) {
        const reserved = r.inputs.reservedConcurrentExecutions;
        if (typeof reserved === "number" && reserved > 0 && r.region) {
            s.lambdaReserved.set(r.region, (s.lambdaReserved.get(r.region) ?? 0) + reserved);
        }
    },
};

const provisionedConcurrency: ResourceRule = {
    check(r) {
        const i = r.inputs;
        const p = new Problems("ValidationException");
        p.between("provisionedConcurrentExecutions", i.provisionedConcurrentExecutions, 1, Number.MAX_SAFE_INTEGER);
        if (i.qualifier === "$LATEST") {
            p.add("InvalidParameterValueException: Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
        }
        return p.list();
    },
};

export const LAMBDA_RULES: Record<string, ResourceRule> = {
    "aws:lambda/function:Function": lambdaFunction,
    "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig": provisionedConcurrency,
};
