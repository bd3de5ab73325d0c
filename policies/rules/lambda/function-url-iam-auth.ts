/**
 * aws-lambda-function-url-iam-auth
 *
 * Requires: every Lambda function URL uses `authorizationType: "AWS_IAM"`.
 * Why: a function URL with `NONE` is a public HTTPS endpoint straight to the function: it skips the HTTP API's
 * authorizer, its route scopes, its throttling and its access logs, so anyone on the internet can call the app
 * and run up the bill (and the 5xx alarms CodeDeploy rolls back on).
 * Severity: critical.
 * https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, setting } from "../../lib/values";

export const functionUrlIamAuth = resourceRule({
    name: "aws-lambda-function-url-iam-auth",
    description: "Lambda function URLs require IAM authorization (no public function URLs).",
    severity: "critical",
    url: "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
    remediationSteps: 'Set authorizationType: "AWS_IAM", or remove the function URL and go through the HTTP API.',
    types: ["aws:lambda/functionUrl:FunctionUrl"],
    validate: ({ props }, report) => {
        const v = props.authorizationType;
        if (!isUnknown(v) && v !== "AWS_IAM") report(`authorizationType is ${setting(v)}; allowed: "AWS_IAM"`);
    },
});
