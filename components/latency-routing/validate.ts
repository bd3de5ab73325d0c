/**
 * LatencyRouting's checks of its args: pure, every problem at once, worded with the arg paths (`drain[0]`,
 * `checkerRegions[2]`). The stack config renders the same problems under its own keys.
 */
import { checkerRegionProblems, missing, parseArn, Problem, problem, ROUTE53_METRICS_REGION } from "../../packages/aws-facts";
import { DEFAULT_ROUTE53_SETTINGS, route53SettingsErrors } from "../../packages/failover-model";
import { modelSettingsProblems, regionsAndDrainProblems } from "../traffic-checks";
import { LatencyRoutingArgs } from "./args";

/** Every problem with the args, worded with the offending value; empty when fine. */
export function validateLatencyRoutingArgs(args: LatencyRoutingArgs): Problem[] {
    const settings = args.settings ?? DEFAULT_ROUTE53_SETTINGS;
    return [
        ...regionsAndDrainProblems(args.regions.map((r) => r.region), args.drain ?? []),
        ...checkerRegionProblems(args.checkerRegions, "checkerRegions"),
        ...modelSettingsProblems("settings", route53SettingsErrors(settings), "resolveRoute53"),
        ...dualStackProblems(args.dualStack ?? false, settings.recordKind),
        ...alarmTopicProblems(args.alarmTopicArn),
    ];
}

function dualStackProblems(dualStack: boolean, recordKind: string): Problem[] {
    if (!dualStack || recordKind !== "cname") return [];
    return [missing("dualStack", "a CNAME answers for both address families", "dualStack with alias records only", "dual-stack-cname")];
}

/** Route 53 publishes its health metrics in one region, so the alarms on them, and their topic, live there. */
function alarmTopicProblems(topicArn: unknown): Problem[] {
    if (typeof topicArn !== "string") return [];
    const arn = parseArn(topicArn);
    if (arn?.service === "sns" && arn.region === ROUTE53_METRICS_REGION) return [];
    return [
        problem(
            "alarmTopicArn",
            topicArn,
            `is not in ${ROUTE53_METRICS_REGION}`,
            `a topic in ${ROUTE53_METRICS_REGION}, where Route 53 metrics are`,
            "alarm-topic-region",
        ),
    ];
}
