/**
 * What the service name and the region-pinned names need beyond the load balancer: TLS to the origins verified for
 * the service name only, and a DNS record per pinned name.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { CloudflareLoadBalancerRegion, ResolvedArgs } from "./args";

/** TTL of a pinned name's record: Cloudflare's smallest below Enterprise (60 s), AWS's advice for failover records. */
export const PINNED_RECORD_TTL_SECONDS = 60;

/**
 * SSL Full (strict) for requests to the service name, and nothing else in the zone: a Configuration Rule
 * (`set_config`, `ssl: "strict"`) in the zone's `http_config_settings` ruleset, not the zone-wide SSL setting, which
 * would change every other host of the user's zone. Strict: Cloudflare verifies the origin's certificate (ACM's, for
 * the service name) instead of accepting any.
 * https://developers.cloudflare.com/rules/configuration-rules/settings/#ssl
 * https://developers.cloudflare.com/ssl/origin-configuration/ssl-modes/full-strict/
 */
export function createOriginTlsRule(name: string, args: ResolvedArgs, parent: pulumi.Resource): cloudflare.Ruleset {
    return new cloudflare.Ruleset(
        `${name}-origin-tls`,
        {
            zoneId: args.zoneId,
            kind: "zone",
            phase: "http_config_settings",
            name: `${args.serviceName} origin TLS`,
            description: `Full (strict) TLS from Cloudflare to the regional custom domains of ${args.serviceName}`,
            rules: [
                {
                    action: "set_config",
                    expression: `(http.host eq "${args.serviceName}")`,
                    description: `${args.serviceName}: verify the origin's certificate`,
                    enabled: true,
                    actionParameters: { ssl: "strict" },
                },
            ],
        },
        { parent },
    );
}

/**
 * The region-pinned name: a DNS-only CNAME to the region's own custom domain. Not proxied: Universal SSL covers the
 * zone's apex and first-level names only, so Cloudflare's edge has no certificate for `<region>.api.example.com`,
 * and a client that pins a region (and signs for it) should reach that region's API Gateway directly.
 * https://developers.cloudflare.com/ssl/edge-certificates/universal-ssl/limitations/
 */
export function createPinnedRecord(name: string, args: ResolvedArgs, r: CloudflareLoadBalancerRegion, parent: pulumi.Resource): cloudflare.DnsRecord | undefined {
    if (!r.pinned) return undefined;
    return new cloudflare.DnsRecord(
        `${name}-${r.region}-pinned`,
        {
            zoneId: args.zoneId,
            name: r.pinned.name,
            type: "CNAME",
            content: pulumi.output(r.pinned.target).name,
            ttl: PINNED_RECORD_TTL_SECONDS,
            proxied: false,
            comment: `${args.serviceName}: region-pinned name of ${r.region}`,
        },
        { parent },
    );
}
