/**
 * aws-apigateway-stage-throttling
 *
 * Requires: HTTP API stages set `defaultRouteSettings.throttlingRateLimit` and `throttlingBurstLimit`, both
 * positive.
 * Why: after a failover the surviving regions take the failed region's traffic at once. Stage throttling turns
 * overload into fast 429s that clients retry instead of Lambda throttles and timeouts that fail health checks and
 * cascade the failover to the next region.
 * Severity: medium.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, num, setting } from "../../lib/values";

export const stageThrottling = resourceRule({
    name: "aws-apigateway-stage-throttling",
    description: "API Gateway HTTP API stages throttle: a positive rate and burst limit on the default route settings.",
    severity: "medium",
    url: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html",
    remediationSteps: "Set defaultRouteSettings.throttlingRateLimit and throttlingBurstLimit to what one region can serve.",
    types: ["aws:apigatewayv2/stage:Stage"],
    validate: ({ props }, report) => {
        const s = props.defaultRouteSettings;
        if (isUnknown(s)) return;
        for (const key of ["throttlingRateLimit", "throttlingBurstLimit"]) {
            const v = s?.[key];
            if (isUnknown(v)) continue;
            const n = num(v);
            if (n === undefined || n <= 0) report(`defaultRouteSettings.${key} is ${setting(v)}; allowed: a positive number`);
        }
    },
});
