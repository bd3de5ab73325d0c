/**
 * aws-apigateway-stage-access-logging
 *
 * Requires: HTTP API stages write access logs: `accessLogSettings.destinationArn` and `accessLogSettings.format`.
 * Why: during a failover the access logs of each region are how you see which region served whom and when the
 * traffic moved; an HTTP API without access logs records nothing per request.
 * Severity: medium.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, str } from "../../lib/values";

export const stageAccessLogging = resourceRule({
    name: "aws-apigateway-stage-access-logging",
    description: "API Gateway HTTP API stages write access logs.",
    severity: "medium",
    url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html",
    remediationSteps: "Set accessLogSettings with the log group ARN and a JSON format including $context.requestId.",
    types: ["aws:apigatewayv2/stage:Stage"],
    validate: ({ props }, report) => {
        const s = props.accessLogSettings;
        if (isUnknown(s)) return;
        if (!s) {
            report("accessLogSettings is unset; allowed: a destinationArn (CloudWatch log group) and a format");
            return;
        }
        if (!isUnknown(s.destinationArn) && !str(s.destinationArn)) report("accessLogSettings.destinationArn is unset; allowed: a CloudWatch log group ARN");
        if (!isUnknown(s.format) && !str(s.format)) report("accessLogSettings.format is unset; allowed: a log format, e.g. JSON with $context.requestId");
    },
});
