/**
 * How the pack tells which region a global resource serves and which resources are global monitoring.
 *
 * Route 53 health checks and records, and the us-east-1 alarms on Route 53 metrics, are all registered with the
 * us-east-1 provider whatever region they watch; Cloudflare resources have no AWS region at all. The components
 * say what they belong to with tags, and the pack falls back to the names they are built from:
 *
 *   tag `activeactive:region` = `<region>`      the stack region a resource watches or routes to (health checks,
 *                                               gate checks, per-region alarms). Fallback: a region name inside the
 *                                               logical name (`app-eu-west-1-check`), then inside the checked FQDN.
 *   tag `activeactive:scope`  = `global`        global monitoring: the all-regions calculated check, its alarm, the
 *                                               alarm SNS topic. Neither a region of the stack nor a parity breach.
 *                                               Fallbacks: `any-region` / `all-regions` in the logical name; a
 *                                               CloudWatch alarm on the AWS/Route53 namespace; an SNS topic such an
 *                                               alarm notifies; any resource under a traffic-layer component
 *                                               (`activeactive:route53:*`, `activeactive:cloudflare:*`) that is not a
 *                                               check, record, pool, monitor or load balancer.
 *   tag `activeactive:rto-target-seconds` = `<n>` on endpoint health checks: the stack's declared RTO target. The
 *                                               rules use the tighter of it and the pack config's rtoTargetSeconds.
 * Cloudflare pools: the region is read from an origin's name, then the pool's name, then its description.
 */
import { isRegionName, regionInText } from "./aws-facts";
import type { StackResource } from "./policy";
import { asList, isUnknown, num, str, tag } from "./values";

import { SCOPE_GLOBAL, TAG_REGION, TAG_RTO_TARGET, TAG_SCOPE } from "@active-active/aws-facts";

export { SCOPE_GLOBAL, TAG_REGION, TAG_RTO_TARGET, TAG_SCOPE } from "@active-active/aws-facts";

const GLOBAL_NAME = /(^|[^a-z0-9])(any-region|all-regions)([^a-z0-9]|$)/;
const TRAFFIC_COMPONENT = /^activeactive:(route53|cloudflare):/;

export interface Named {
    name: string;
    props: Record<string, any>;
}

/** The region a resource declares by tag, else the one in its logical name. */
export function declaredRegion(r: Named): string | undefined {
    const t = tag(r.props, TAG_REGION);
    if (isRegionName(t)) return t;
    return regionInText(r.name);
}

/** Declared global monitoring: the scope tag, or an `any-region`/`all-regions` logical name. */
export function isDeclaredGlobal(r: Named): boolean {
    return tag(r.props, TAG_SCOPE) === SCOPE_GLOBAL || GLOBAL_NAME.test(r.name.toLowerCase());
}

/** The declared RTO target of a resource (tag), when it is a positive number. */
export function declaredRtoTarget(r: Named): number | undefined {
    const v = num(tag(r.props, TAG_RTO_TARGET));
    return v !== undefined && v > 0 ? v : undefined;
}

export type HealthCheckKind = "endpoint" | "gate" | "all-regions" | "other";

const ENDPOINT_CHECK_TYPES = ["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP"];

export function healthCheckKind(r: Named): HealthCheckKind {
    const type = str(r.props.type)?.toUpperCase();
    if (type && ENDPOINT_CHECK_TYPES.includes(type)) return "endpoint";
    if (type !== "CALCULATED") return "other";
    if (isDeclaredGlobal(r)) return "all-regions";
    if (declaredRegion(r)) return "gate";
    const children = r.props.childHealthchecks;
    return Array.isArray(children) && children.length > 1 ? "all-regions" : "gate";
}

/** An endpoint check's region: tag, logical name, then the FQDN it probes (execute-api hostnames carry it). */
export function endpointCheckRegion(r: Named): string | undefined {
    return declaredRegion(r) ?? regionInText(str(r.props.fqdn));
}

/** A Cloudflare pool's region: an origin's name, the pool's name, or its description. */
export function poolRegion(r: Named): string | undefined {
    const origins = isUnknown(r.props.origins) ? [] : asList(r.props.origins as Record<string, unknown>[]);
    for (const o of origins) {
        const found = regionInText(str(o?.name));
        if (found) return found;
    }
    return regionInText(str(r.props.name)) ?? regionInText(str(r.props.description)) ?? regionInText(r.name);
}

export function underTrafficComponent(r: StackResource): boolean {
    for (let p = r.parent; p; p = p.parent) if (TRAFFIC_COMPONENT.test(p.type)) return true;
    return false;
}
