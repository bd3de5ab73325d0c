/**
 * aws-lambda-function-no-secret-environment
 *
 * Requires: no Lambda environment variable is named like a credential (`CLOUDFLARE_API_TOKEN`, `DB_PASSWORD`,
 * `CLIENT_SECRET`, `*_API_KEY`, ...; the one list of @active-active/aws-facts `isCredentialName`, which the stack
 * config and the plan's redaction use too).
 * Why: environment variables are stored with the function's configuration, returned by `GetFunctionConfiguration`
 * to anyone with read access, shown in the console and kept in the Pulumi state in plain text. Secrets belong in
 * Secrets Manager or SSM Parameter Store, read at run time with the function's role.
 * Severity: high.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption
 */
import { isCredentialName } from "@active-active/aws-facts";
import { resourceRule } from "../../lib/policy";
import { isUnknown } from "../../lib/values";

export const functionNoSecretEnvironment = resourceRule({
    name: "aws-lambda-function-no-secret-environment",
    description: "Lambda environment variables hold no credentials (no variable named like a token, secret, password or key).",
    severity: "high",
    url: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption",
    remediationSteps: "Keep the secret in Secrets Manager or SSM Parameter Store and pass its name (e.g. DB_PASSWORD_PARAMETER) instead.",
    types: ["aws:lambda/function:Function"],
    validate: ({ props }, report) => {
        const variables = isUnknown(props.environment) ? undefined : props.environment?.variables;
        if (variables === undefined || variables === null || isUnknown(variables) || typeof variables !== "object") return;
        for (const name of Object.keys(variables).filter(isCredentialName)) {
            report(`environment.variables.${name} is named like a credential; allowed: the name of a Secrets Manager secret or SSM parameter, read at run time`);
        }
    },
});
