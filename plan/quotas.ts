/**
 * The account quotas a plan needs: its Route 53 health checks against the account's quota, and per region the Lambda
 * concurrency its functions reserve against what the region's quota lets be reserved. At the AWS defaults; the
 * counting is the `active-active-account-quotas` rule's own, which flags a plan beyond them (raised quotas go in the
 * pack config).
 */
import { LAMBDA_DEFAULT_CONCURRENCY_QUOTA, ROUTE53_DEFAULT_HEALTH_CHECK_QUOTA } from "../packages/aws-facts";
import { quotaFit } from "../policies/rules/stack/account-quotas";
import type { PlanResource, QuotaReport } from "./types";

export function quotaReport(resources: readonly PlanResource[]): QuotaReport {
    const fit = quotaFit(
        resources.map((r) => ({ type: r.type, region: r.region, props: r.inputs })),
        { healthCheckQuota: ROUTE53_DEFAULT_HEALTH_CHECK_QUOTA, concurrencyQuota: LAMBDA_DEFAULT_CONCURRENCY_QUOTA },
    );
    return {
        healthChecks: { needed: fit.healthChecks.needed, defaultQuota: fit.healthChecks.quota, fits: fit.healthChecks.fits },
        reservedConcurrency: { defaultReservable: fit.reservable, regions: [...fit.regions].sort((a, b) => a.region.localeCompare(b.region)) },
    };
}
