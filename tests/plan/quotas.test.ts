/**
 * The account quotas a plan needs (plan/quotas.ts), counted the way the active-active-account-quotas rule counts
 * them, against AWS's defaults, and printed.
 */
import type { PlanJson, PlanResource } from "../../plan/types";
import { quotaReport } from "../../plan/quotas";
import { quotaSection } from "../../plan/render-text";
import { resource } from "./fixtures";

const CHECK = "aws:route53/healthCheck:HealthCheck";
const FN = "aws:lambda/function:Function";
const fn = (name: string, region: string, reserved?: number): PlanResource => ({ ...resource(name, FN, reserved === undefined ? {} : { reservedConcurrentExecutions: reserved }), region });
const checks = (n: number): PlanResource[] => Array.from({ length: n }, (_, i) => ({ ...resource(`c${i}`, CHECK, { type: "HTTPS" }), region: "global" }));
const printed = (resources: PlanResource[]) => quotaSection({ quotas: quotaReport(resources) } as PlanJson);

test("within the defaults: the health checks and each region's reservations, regions in order", () => {
    const resources = [...checks(7), fn("a", "us-west-2", 100), fn("b", "us-west-2", 5), fn("c", "eu-west-1", 100), fn("d", "eu-west-1")];
    expect(quotaReport(resources)).toEqual({
        healthChecks: { needed: 7, defaultQuota: 200, fits: true },
        reservedConcurrency: {
            defaultReservable: 900,
            regions: [
                { region: "eu-west-1", reserved: 100, fits: true },
                { region: "us-west-2", reserved: 105, fits: true },
            ],
        },
    });
    expect(printed(resources)).toEqual([
        "Account quotas needed (AWS defaults; a raised quota goes in the pack config of active-active-account-quotas)",
        "  Route 53 health checks: 7 of 200",
        "  Lambda concurrency reserved per region (of 900 reservable): eu-west-1 100, us-west-2 105",
    ]);
});

test("beyond the defaults: 201 health checks and a region reserving 901 are marked", () => {
    const resources = [...checks(201), fn("a", "us-east-1", 901), fn("b", "us-west-2", 900)];
    expect(printed(resources)).toEqual([
        "Account quotas needed (AWS defaults; a raised quota goes in the pack config of active-active-account-quotas)",
        "  Route 53 health checks: 201 of 200 BEYOND THE DEFAULT: request the increase first",
        "  Lambda concurrency reserved per region (of 900 reservable): us-east-1 901 BEYOND THE DEFAULT: request the increase first, us-west-2 900",
    ]);
});

test("a plan without reservations says none", () => {
    expect(printed([fn("a", "us-east-1")])[2]).toBe("  Lambda concurrency reserved per region (of 900 reservable): none");
});
