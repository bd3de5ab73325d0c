/**
 * aws-route53-latency-record-identified
 *
 * Requires: a latency record (one with `latencyRoutingPolicies`, or a `setIdentifier` and no other routing
 * policy) has a `setIdentifier` and exactly one latency routing policy whose `region` is an AWS region.
 * Why: Route 53 picks among records of one name by the latency from the resolver to each record's region; a record
 * without a region or identifier is rejected, and a set identifier without a routing policy makes a plain record
 * that collides with the latency set.
 * Severity: high.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-latency.html
 */
import { isRegionName } from "../../lib/aws-facts";
import { resourceRule } from "../../lib/policy";
import { asList, isUnknown, setting, str } from "../../lib/values";

const OTHER_POLICIES = ["weightedRoutingPolicies", "failoverRoutingPolicies", "geolocationRoutingPolicies", "geoproximityRoutingPolicy", "cidrRoutingPolicy", "multivalueAnswerRoutingPolicy"];

export const latencyRecordIdentified = resourceRule({
    name: "aws-route53-latency-record-identified",
    description: "Route 53 latency records have a set identifier and one latency region.",
    severity: "high",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-latency.html",
    remediationSteps: "Set setIdentifier (the region) and latencyRoutingPolicies = [{ region }].",
    types: ["aws:route53/record:Record"],
    validate: ({ props }, report) => {
        if (isUnknown(props.latencyRoutingPolicies)) return;
        const policies = asList(props.latencyRoutingPolicies as Record<string, unknown>[]);
        const other = OTHER_POLICIES.some((k) => props[k] !== undefined && props[k] !== null && props[k] !== false && !(Array.isArray(props[k]) && props[k].length === 0));
        if (policies.length === 0) {
            if (!other && props.setIdentifier !== undefined && props.setIdentifier !== null) {
                report(`setIdentifier is ${setting(props.setIdentifier)} but the record has no routing policy; allowed: latencyRoutingPolicies = [{ region }]`);
            }
            return;
        }
        if (!isUnknown(props.setIdentifier) && !str(props.setIdentifier)) {
            report("setIdentifier is unset; allowed: a unique identifier per latency record, e.g. the region");
        }
        if (policies.length > 1) report(`latencyRoutingPolicies has ${policies.length} entries; allowed: exactly one`);
        const region = policies[0]?.region;
        if (!isUnknown(region) && !isRegionName(region)) {
            report(`latencyRoutingPolicies[0].region is ${setting(region)}; allowed: the AWS region of the record's target`);
        }
    },
});
