/**
 * active-active-account-quotas
 *
 * Requires: the stack fits the account's quotas: at most `healthCheckQuota` Route 53 health checks (200 by default
 * per account), and in each region at most `concurrencyQuota` - 100 of Lambda concurrency reserved by its functions
 * (1,000 per region by default; Lambda never lets a reservation leave less than 100 unreserved). Pack config takes an
 * account's raised quotas.
 * Why: a fleet grows with services x regions (20 services in 8 regions need ~340 health checks); the update that
 * crosses a quota fails half-way (TooManyHealthChecks, PutFunctionConcurrency refused), after some regions changed.
 * Severity: medium. Advisory everywhere: an account with raised quotas declares them in the pack config.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
 */
import { LAMBDA_DEFAULT_CONCURRENCY_QUOTA, LAMBDA_MIN_UNRESERVED_CONCURRENCY, ROUTE53_DEFAULT_HEALTH_CHECK_QUOTA } from "@active-active/aws-facts";
import { stackRule, StackResource } from "../../lib/policy";
import { TYPES } from "../../lib/topology";

export interface AccountQuotasConfig {
    healthCheckQuota: number;
    concurrencyQuota: number;
}

/** What a stack needs of the account: its health checks, and the concurrency its functions reserve per region. The plan reports the same figures. */
export function quotaNeeds(resources: readonly Pick<StackResource, "type" | "region" | "props">[]): { healthChecks: number; reservedByRegion: Record<string, number> } {
    const reservedByRegion: Record<string, number> = {};
    for (const r of resources) {
        if (r.type !== TYPES.function || typeof r.region !== "string") continue;
        const reserved = r.props.reservedConcurrentExecutions;
        if (typeof reserved === "number" && reserved > 0) reservedByRegion[r.region] = (reservedByRegion[r.region] ?? 0) + reserved;
    }
    return { healthChecks: resources.filter((r) => r.type === TYPES.healthCheck).length, reservedByRegion };
}

/**
 * The stack's needs against given quotas (the pack config's, or AWS's defaults for the plan's report): the health
 * checks, and per region (in the order the functions came) what its functions reserve against what may be reserved.
 */
export function quotaFit(resources: Parameters<typeof quotaNeeds>[0], quotas: AccountQuotasConfig) {
    const needs = quotaNeeds(resources);
    const reservable = quotas.concurrencyQuota - LAMBDA_MIN_UNRESERVED_CONCURRENCY;
    return {
        healthChecks: { needed: needs.healthChecks, quota: quotas.healthCheckQuota, fits: needs.healthChecks <= quotas.healthCheckQuota },
        reservable,
        regions: Object.entries(needs.reservedByRegion).map(([region, reserved]) => ({ region, reserved, fits: reserved <= reservable })),
    };
}

export const accountQuotas = stackRule<AccountQuotasConfig>({
    name: "active-active-account-quotas",
    description: "The stack fits the account's Route 53 health check quota and each region's reservable Lambda concurrency.",
    severity: "medium",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html",
    remediationSteps: "Request the quota increase (Service Quotas) before the update and set the raised figure in the pack config, or plan fewer services or regions.",
    configSchema: {
        properties: {
            healthCheckQuota: { type: "integer", minimum: 1, default: ROUTE53_DEFAULT_HEALTH_CHECK_QUOTA, description: "The account's Route 53 health check quota." },
            concurrencyQuota: { type: "integer", minimum: 1, default: LAMBDA_DEFAULT_CONCURRENCY_QUOTA, description: "The account's Lambda concurrency quota per region." },
        },
    },
    validate: ({ resources, config }, report) => {
        const fit = quotaFit(resources, config);
        if (!fit.healthChecks.fits) {
            report(`the stack has ${fit.healthChecks.needed} Route 53 health checks; allowed: at most ${config.healthCheckQuota} (the account's quota, pack config healthCheckQuota)`);
        }
        for (const { region, reserved } of fit.regions.filter((r) => !r.fits)) {
            report(
                `region ${region}: the stack's functions reserve ${reserved} concurrent executions; allowed: at most ${fit.reservable} (quota ${config.concurrencyQuota} less the ${LAMBDA_MIN_UNRESERVED_CONCURRENCY} Lambda keeps unreserved, pack config concurrencyQuota)`,
            );
        }
    },
});
