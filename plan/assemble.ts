/**
 * The plan JSON put together from the steps' products: the header (what was planned), the collected and redacted
 * resources, and the findings (policies and resilience). Keys sorted at every level, so two plans diff line by line.
 */
import type { StackConfig } from "../config";
import type { Collected } from "./collect";
import { EXIT } from "./errors";
import type { PolicyEnv, PolicyReport } from "./policies";
import type { PlanJson, QuotaReport, Resilience, WorstCaseCost } from "./types";

export const PROJECT = "active-active";

/** What was planned: the stack, its config's shape and the overrides given. */
export type PlanHeader = Pick<
    PlanJson,
    | "schemaVersion" | "project" | "stack" | "policyEnv" | "regions" | "homeRegion" | "traffic" | "consistency" | "drain" | "servingRegions"
    | "configOverrides" | "overrides" | "configWarnings"
>;

export interface Findings {
    report: PolicyReport;
    resilience: Resilience;
    cost: WorstCaseCost;
    quotas: QuotaReport;
}

/** The `--config` overrides: as given (`configOverrides`), and each with the value it replaced (`overrides`). */
export type Overrides = Pick<PlanJson, "configOverrides" | "overrides">;

export function planHeader(stack: string, env: PolicyEnv, config: StackConfig, { configOverrides, overrides }: Overrides = { configOverrides: {}, overrides: [] }): PlanHeader {
    return {
        schemaVersion: 1,
        project: PROJECT,
        stack,
        policyEnv: env,
        regions: [...config.regions],
        homeRegion: config.homeRegion,
        traffic: config.traffic,
        consistency: config.consistency,
        drain: [...config.drain],
        servingRegions: [...config.servingRegions],
        configOverrides,
        overrides,
        configWarnings: [...config.warnings],
    };
}

/** After `pulumi up`: what a deploy cannot prove by itself (replicas protected, alarm topics subscribed). */
export function nextSteps(stack: string): string[] {
    return [`npm run verify -- --stack ${stack}   # with your AWS credentials: every replica's deletion protection and PITR, every alarm topic's confirmed subscribers`];
}

/** A copy with object keys sorted at every level, for a stable JSON text. */
export function sortKeys<T>(value: T): T {
    if (Array.isArray(value)) return value.map(sortKeys) as unknown as T;
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out as T;
}

export function assemble(planned: PlanHeader & Collected, { report, resilience, cost, quotas }: Findings): PlanJson {
    const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const byRegion: Record<string, number> = {};
    for (const r of planned.resources) byRegion[r.region] = (byRegion[r.region] ?? 0) + 1;
    return sortKeys({
        ...planned,
        exitCode: mandatory > 0 ? EXIT.violations : EXIT.ok,
        summary: {
            resources: planned.resources.length,
            byRegion,
            mandatoryViolations: mandatory,
            advisoryViolations: report.violations.length - mandatory,
        },
        policyPack: { available: report.available, env: report.env, note: report.note },
        policies: report.policies,
        violations: report.violations,
        resilience,
        cost,
        quotas,
        nextSteps: nextSteps(planned.stack),
    });
}
