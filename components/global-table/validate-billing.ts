/**
 * GlobalTable's billing rules: a known mode, on-demand caps in range, and provisioned capacity (refused for a global
 * table; in range otherwise). Pure; called by validateGlobalTableArgs (validate.ts) and, for the provisioned rule,
 * by the stack config.
 */
import { CAPACITY_UNITS, MIN_REGIONS, ON_DEMAND_REQUEST_UNITS, Problem, problem, TARGET_UTILIZATION_PERCENT } from "../../packages/aws-facts";
import { GLOBAL_TABLE_DEFAULTS, GlobalTableArgs, onDemandThroughput, provisionedCapacity } from "./args";

const BILLING_MODES = ["onDemand", "provisioned"];

export function wholeNumberProblems(path: string, value: unknown, range: { min: number; max: number }): Problem[] {
    const ok = typeof value === "number" && Number.isInteger(value) && value >= range.min && value <= range.max;
    return ok ? [] : [problem(path, value, "is out of range", `a whole number from ${range.min} to ${range.max}`, "range")];
}

/**
 * Provisioned billing is refused for a global table (every GlobalTable has two regions or more). DynamoDB adds a
 * replica to a provisioned table only once its write capacity is auto scaled ("Table write capacity should either
 * be Pay-Per-Request or AutoScaled", hashicorp/terraform-provider-aws#13097), and the scaling target needs the table
 * to exist, while `replicas` are created with it. Creating them later (`aws.dynamodb.TableReplica`) has no
 * consistency mode, and an autoscaled index's capacity cannot be ignored field by field: `global_secondary_index`
 * is a set hashed over every field, read and write capacity included (terraform-provider-aws
 * internal/service/dynamodb/table.go; #671), so ignoring it means ignoring the whole block, index changes too.
 * `value` is the setting as the caller spells it.
 */
export function provisionedBillingProblems(path: string, value: unknown): Problem[] {
    return [
        problem(
            path,
            value,
            "cannot carry replicas: DynamoDB adds a replica to a provisioned table only once its write capacity is auto scaled, which needs the table first (terraform-provider-aws#13097)",
            "on-demand billing (PAY_PER_REQUEST) for a multi-Region table",
            "provisioned-global-table",
        ),
    ];
}

export function billingProblems(args: GlobalTableArgs): Problem[] {
    const mode = (args.billing ?? GLOBAL_TABLE_DEFAULTS.billing).mode;
    if (!BILLING_MODES.includes(mode)) return [problem("billing.mode", mode, "is not a billing mode", '"onDemand", "provisioned"', "billing-mode")];
    const caps = onDemandThroughput(args.billing);
    if (caps) {
        return [
            ...wholeNumberProblems("billing.maxReadRequestUnits", caps.maxReadRequestUnits, ON_DEMAND_REQUEST_UNITS),
            ...wholeNumberProblems("billing.maxWriteRequestUnits", caps.maxWriteRequestUnits, ON_DEMAND_REQUEST_UNITS),
        ];
    }
    const capacity = provisionedCapacity(args.billing);
    if (!capacity) return [];
    if ((args.regions ?? []).length >= MIN_REGIONS) return provisionedBillingProblems("billing.mode", mode);
    const { readCapacity: read, writeCapacity: write, autoscaling: scaling } = capacity;
    const target = scaling.targetUtilizationPercent;
    const targetOk = typeof target === "number" && target >= TARGET_UTILIZATION_PERCENT.min && target <= TARGET_UTILIZATION_PERCENT.max;
    return [
        ...wholeNumberProblems("billing.readCapacity", read, CAPACITY_UNITS),
        ...wholeNumberProblems("billing.writeCapacity", write, CAPACITY_UNITS),
        ...wholeNumberProblems("billing.autoscaling.maxReadCapacity", scaling.maxReadCapacity, { min: Math.max(read, CAPACITY_UNITS.min), max: CAPACITY_UNITS.max }),
        ...wholeNumberProblems("billing.autoscaling.maxWriteCapacity", scaling.maxWriteCapacity, { min: Math.max(write, CAPACITY_UNITS.min), max: CAPACITY_UNITS.max }),
        ...(targetOk ? [] : [problem("billing.autoscaling.targetUtilizationPercent", target, "is out of range", `${TARGET_UTILIZATION_PERCENT.min} to ${TARGET_UTILIZATION_PERCENT.max}`, "range")]),
    ];
}

