/**
 * Strict validation of resource inputs against the documented API constraints, so that a program that passes
 * under mocks does not fail on its first `pulumi up`. Each rule returns the problems it finds, worded the way the
 * API would word them; the rules live by service under `strict/`.
 *
 * Some constraints span resources (one record set per name, type and set identifier; a load balancer's pools must
 * exist; a replica's KMS key must be in the replica's region). A validator made by `createStrictValidator` keeps
 * what it has accepted so far and checks later registrations against it: make one per kit, so that two programs
 * run in one process never see each other's resources.
 *
 * What it cannot know: values that are unknown during preview are skipped, never guessed; references to things
 * made outside the program (a pool, a hosted zone) are only checked when the validator was told about them.
 */
import {
    CloudflarePlan,
    ResourceRule,
    StrictOptions,
    StrictState,
    ValidationTarget,
    newState,
    toResource,
} from "./strict/common";
import { ACM_RULES } from "./strict/acm";
import { ARC_RULES } from "./strict/arc";
import { APIGATEWAY_RULES } from "./strict/apigateway";
import { CLOUDFLARE_RULES } from "./strict/cloudflare";
import { CLOUDWATCH_RULES } from "./strict/cloudwatch";
import { DYNAMODB_RULES } from "./strict/dynamodb";
import { IAM_RULES } from "./strict/iam";
import { KMS_RULES } from "./strict/kms";
import { LAMBDA_RULES } from "./strict/lambda";
import { ROUTE53_RULES } from "./strict/route53";
import { unfinishedFailoverSets } from "./strict/route53-routing";

export { StrictOptions, ValidationTarget } from "./strict/common";

export type Validator = (t: ValidationTarget) => string[];

/** Rules by resource type token. */
export const STRICT_RULES: Readonly<Record<string, ResourceRule>> = {
    ...ACM_RULES,
    ...ARC_RULES,
    ...APIGATEWAY_RULES,
    ...CLOUDFLARE_RULES,
    ...CLOUDWATCH_RULES,
    ...DYNAMODB_RULES,
    ...IAM_RULES,
    ...KMS_RULES,
    ...LAMBDA_RULES,
    ...ROUTE53_RULES,
};

export interface StrictValidator {
    /** The problems with one registration, in the API's words; empty when it is accepted (and then remembered). */
    validate(t: ValidationTarget): string[];
    /** Problems only the whole program shows (a failover record set missing its other half), once it has registered. */
    finish(): string[];
}

export function createStrictValidator(options: StrictOptions = {}): StrictValidator {
    const state: StrictState = newState(options);
    return {
        validate(t: ValidationTarget): string[] {
            const rule = STRICT_RULES[t.type];
            if (!rule) return [];
            const r = toResource(t);
            const problems = rule.check(r, state);
            if (problems.length === 0) rule.remember?.(r, state);
            return problems;
        },
        finish: () => unfinishedFailoverSets(state),
    };
}

/**
 * The validator options a stack's config implies, from the config the kit hands the program ("namespace:key" ->
 * string): the existing hosted zone (`hostedZoneId` + `zoneName`) and the Cloudflare plan.
 */
export function strictOptionsFromConfig(config: Record<string, string> = {}): StrictOptions {
    const options: StrictOptions = {};
    const zoneId = config["active-active:hostedZoneId"];
    const zoneName = config["active-active:zoneName"];
    if (zoneId && zoneName) options.zones = { [zoneId]: zoneName };
    const quota = Number((decodeJson(config["active-active:service"]) as { concurrencyQuota?: unknown } | undefined)?.concurrencyQuota);
    if (Number.isInteger(quota) && quota > 0) options.lambdaConcurrencyLimit = quota;
    const cloudflare = config["active-active:cloudflare"];
    if (cloudflare) {
        try {
            const plan = (JSON.parse(cloudflare) as { plan?: CloudflarePlan }).plan;
            if (plan) options.cloudflarePlan = plan;
        } catch {
            // Bad JSON is the config schema's to report.
        }
    }
    return options;
}

function decodeJson(raw: string | undefined): unknown {
    try {
        return raw === undefined ? undefined : JSON.parse(raw);
    } catch {
        return undefined;
    }
}

/**
 * One registration checked on its own, with no memory of earlier ones: the cross-resource rules cannot fire.
 * Prefer a validator per kit (`createStrictValidator`).
 */
export function validateInputs(t: ValidationTarget): string[] {
    return createStrictValidator().validate(t);
}
