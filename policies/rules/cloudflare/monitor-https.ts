/**
 * cloudflare-load-balancer-monitor-https
 *
 * Requires: load balancer monitors probe over `https`, verify the certificate (`allowInsecure` not true), request
 * a `path` and expect specific status codes (`expectedCodes`).
 * Why: the monitor should test what clients use. An HTTP or TCP probe, or one that accepts any certificate or
 * status, keeps a region with a broken certificate or a failing app in rotation.
 * Severity: medium.
 * https://developers.cloudflare.com/load-balancing/monitors/
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, setting, str } from "../../lib/values";

export const monitorHttps = resourceRule({
    name: "cloudflare-load-balancer-monitor-https",
    description: "Cloudflare load balancer monitors probe a health path over verified HTTPS.",
    severity: "medium",
    url: "https://developers.cloudflare.com/load-balancing/monitors/",
    remediationSteps: 'Set type = "https", path = "/health", expectedCodes = "200", allowInsecure = false.',
    types: ["cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor"],
    validate: ({ props }, report) => {
        if (!isUnknown(props.type) && str(props.type) !== "https") report(`type is ${setting(props.type)} (the API's default is "http"); allowed: "https"`);
        if (props.allowInsecure === true) report("allowInsecure is true, which accepts any certificate; allowed: false");
        if (!isUnknown(props.path) && !str(props.path)) report('path is unset; allowed: the health path, e.g. "/health"');
        if (!isUnknown(props.expectedCodes) && !str(props.expectedCodes)) report('expectedCodes is unset; allowed: the healthy status codes, e.g. "200"');
    },
});
