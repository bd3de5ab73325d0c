/**
 * The account quotas a plan needs: its Route 53 health checks against the account's quota, and per region the Lambda
 * concurrency its functions reserve against what the region's quota lets be reserved. At the AWS defaults; the
 * counting is the `active-active-account-quotas` rule's own, which flags a plan beyond them (raised quotas go in the
 * pack config).
 */
import { LAMBDA_DEFAULT_CONCURRENCY_QUOTA, LAMBDA_MIN_UNRESERVED_CONCURRENCY, ROUTE53_DEFAULT_HEALTH_CHECK_QUOTA } from "../packages/aws-facts";
import { quotaNeeds } from "../policies/rules/stack/account-quotas";
import type { PlanResource, QuotaReport } from "./types";

export function quotaReport(resources: readonly PlanResource[]): QuotaReport {
    const needs = quotaNeeds(resources.map((r) => ({ type: r.type, region: r.region, props: r.inputs })));
    const reservable = LAMBDA_DEFAULT_CONCURRENCY_QUOTA - LAMBDA_MIN_UNRESERVED_CONCURRENCY;
    return {
        healthChecks: { needed: needs.healthChecks, defaultQuota: ROUTE53_DEFAULT_HEALTH_CHECK_QUOTA, fits: needs.healthChecks <= ROUTE53_DEFAULT_HEALTH_CHECK_QUOTA },
        reservedConcurrency: {
            defaultReservable: reservable,
            regions: Object.entries(needs.reservedByRegion)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([region, reserved]) => ({ region, reserved, fits: reserved <= reservable })),
        },
    };
}
