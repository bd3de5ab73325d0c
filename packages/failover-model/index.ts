/**
 * @active-active/failover-model: the modeled failover time (RTO) and data-loss window (RPO). Pure: no Pulumi; it
 * imports only its sibling package aws-facts (the policy pack ships both).
 *
 * RTO, modeled worst case, in seconds (every term cited in constants.ts; `assumed: true` where AWS/Cloudflare
 * document no figure):
 *   Route 53   = interval x threshold + 6 s check timeout x threshold + checker aggregation (10, assumed)
 *                + calculated gate check (10, assumed) + cached answer max(TTL, resolver minimum 30, assumed)
 *                where TTL = 60 (alias to API Gateway, assumed) or the CNAME's own TTL
 *                + client connection reuse max(0, clientMaxConnectionAgeSeconds - cached answer) (assumed: unset,
 *                clients close pooled connections within the TTL, as docs/traffic.md recommends, and it adds 0).
 *                Defaults (30 s, 3, alias) = 188 s; best alias = 96 s; best CNAME = 66 s.
 *   Cloudflare = interval x consecutiveDown + timeout x (retries + 1) x consecutiveDown (assumed)
 *                + propagation to the edge (10, assumed) + (proxied ? 0 : max(TTL 30, resolver minimum 30)
 *                + the client term as for Route 53).
 *                Defaults (60 s, 1, retries 2, timeout 5, proxied) = 85 s.
 * RPO: eventual = 1 s (replication lag, typically under a second, no SLA: assumed); strong = 0.
 *
 * API
 *   route53Rto(settings: Route53Settings): Rto                       evaluate settings as given
 *   deriveRoute53(targetSeconds, { recordKind?, clientMaxConnectionAgeSeconds? }): Derivation<Route53Settings>
 *       most tolerant settings meeting the target; alias preferred, CNAME (short TTL) only when needed.
 *       Failure: { ok: false, error, best } with error
 *       "active-active:rtoTargetSeconds: 60 cannot be met with Route 53 CNAME records; the best achievable is 66 s
 *        (interval 10 s, threshold 1, TTL 30 s)"
 *   resolveRoute53({ rtoTargetSeconds?, recordKind?, requestIntervalSeconds?, failureThreshold?, cnameTtlSeconds? })
 *       : Resolved<Route53Settings> = { settings, rto, errors[] }     the one call for the config layer: explicit
 *       settings are kept as given and a missed target becomes an error; else derived from the target; else defaults.
 *   route53SettingsErrors(settings): string[]                         range checks of explicit settings
 *   cloudflareRto(settings: CloudflareSettings): Rto
 *   deriveCloudflare(targetSeconds, { plan?, proxied?, ttlSeconds? }): Derivation<CloudflareSettings>
 *   resolveCloudflare({ rtoTargetSeconds?, plan?, proxied?, ttlSeconds?, intervalSeconds?, consecutiveDown?,
 *       retries?, timeoutSeconds? }): Resolved<CloudflareSettings>
 *   cloudflareSettingsErrors(settings, plan): string[]
 *   cloudflareSteering(policy, checkRegions): { policy, checkRegions, failoverOrderRegions, basis, source }
 *       how the load balancer picks pools and which users' regions fall back to failover order (no RTT data)
 *   rpo(consistency: "eventual" | "strong"): Rpo = { rpoSeconds, basis, source, assumed }
 *   describeRoute53 / describeCloudflare(settings): "interval 10 s, threshold 1, TTL 30 s"
 *   Rto = { rtoSeconds, breakdown: RtoPart[] }, RtoPart = { part, seconds, source, assumed }
 *   DEFAULT_ROUTE53_SETTINGS, DEFAULT_CLOUDFLARE_SETTINGS, DEFAULT_CLOUDFLARE_PLAN ("pro"), and every cited
 *   constant (ROUTE53_*, CLOUDFLARE_*, RESOLVER_MINIMUM_TTL_SECONDS, DYNAMODB_*, DOCS).
 */
export * from "./types";
export * from "./constants";
export * from "./dns";
export * from "./route53";
export * from "./cloudflare";
export * from "./rpo";
export * from "./capacity";
export * from "./health";
export * from "./modes";
export * from "./steering";
export * from "./compare";
