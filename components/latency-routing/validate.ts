/**
 * LatencyRouting's checks of its args: pure, every problem at once, worded with the arg paths (`drain[0]`,
 * `checkerRegions[2]`). The stack config renders the same problems under its own keys.
 */
import * as pulumi from "@pulumi/pulumi";
import { checkerRegionProblems, isDefaultExecuteApiHost, missing, parseArn, Problem, problem, ROUTE53_METRICS_REGION } from "../../packages/aws-facts";
import { DEFAULT_ROUTE53_SETTINGS, route53SettingsErrors } from "../../packages/failover-model";
import { modelSettingsProblems, regionsAndDrainProblems } from "../traffic-checks";
import { LatencyRoutingArgs } from "./args";
import { policyProblems } from "./validate-policy";

/** Every problem with the args, worded with the offending value; empty when fine. */
export function validateLatencyRoutingArgs(args: LatencyRoutingArgs): Problem[] {
    const settings = args.settings ?? DEFAULT_ROUTE53_SETTINGS;
    return [
        ...regionsAndDrainProblems(args.regions.map((r) => r.region), args.drain ?? []),
        ...checkerRegionProblems(args.checkerRegions, "checkerRegions"),
        ...modelSettingsProblems("settings", route53SettingsErrors(settings), "resolveRoute53"),
        ...dualStackProblems(args.dualStack ?? false, settings.recordKind),
        ...alarmTopicProblems(args.alarmTopicArn),
        ...(args.alarmTopicArn === undefined && !args.account
            ? [missing("account", "is missing", "the account id the alarm topic's key belongs to, or alarmTopicArn", "alarm-topic-account")]
            : []),
        ...frontDoorProblems(args),
        ...aliasTargetProblems(args, settings.recordKind),
        ...policyProblems(args.policy, args.regions.map((r) => r.region)),
    ];
}

/**
 * What each region's check probes and its pinned name: never the service name (it resolves to whichever region is
 * nearest the checker) nor a default execute-api endpoint (it bypasses the custom domain users take); pinned names
 * once each. Values still unknown (Outputs) are the strict mocks' and the policy pack's to check.
 */
export function frontDoorProblems(args: Pick<LatencyRoutingArgs, "regions" | "serviceName">): Problem[] {
    const problems: Problem[] = [];
    args.regions.forEach((r, i) => {
        const host = r.healthCheckHostname;
        if (typeof host === "string" && host === args.serviceName) {
            problems.push(problem(`regions[${i}].healthCheckHostname`, host, "is the service name, which answers from whichever region is nearest the checker", `the region-pinned name ${r.region}.${args.serviceName}`, "check-service-name"));
        } else if (typeof host === "string" && isDefaultExecuteApiHost(host)) {
            problems.push(problem(`regions[${i}].healthCheckHostname`, host, "is the API's default execute-api endpoint, which bypasses the custom domain users take", `the region-pinned name ${r.region}.${args.serviceName}`, "check-default-endpoint"));
        }
        const name = r.pinned?.name;
        if (name === args.serviceName) {
            problems.push(problem(`regions[${i}].pinned.name`, name, "is the service name", `a name of this region only, e.g. ${r.region}.${args.serviceName}`, "pinned-service-name"));
        } else if (name !== undefined && args.regions.slice(0, i).some((earlier) => earlier.pinned?.name === name)) {
            problems.push(problem(`regions[${i}].pinned.name`, name, "is another region's pinned name", "one pinned name per region", "duplicate"));
        }
    });
    return problems;
}

/** An alias needs an AWS target in a hosted zone; a target given without one (an external endpoint) needs a CNAME. */
function aliasTargetProblems(args: LatencyRoutingArgs, recordKind: string): Problem[] {
    if (recordKind !== "alias") return [];
    return args.regions.flatMap((r, i) => {
        const t = r.target;
        if (pulumi.Output.isInstance(t) || t instanceof Promise || t.zoneId) return [];
        const why = "has no hosted zone, and Route 53 aliases only to AWS resources";
        return [problem(`regions[${i}].target`, t, why, 'an AWS target with its zoneId, or settings.recordKind "cname" (one CNAME per region)', "alias-without-zone")];
    });
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
