/**
 * aws-dynamodb-table-on-demand-throughput-capped
 *
 * Requires: an on-demand table (`billingMode: "PAY_PER_REQUEST"`) sets `onDemandThroughput.maxReadRequestUnits` and
 * `maxWriteRequestUnits`, and so does each of its global secondary indexes, each from 1 to the pack config's
 * ceilings (`maxReadRequestUnits`, `maxWriteRequestUnits`; 40000 by default, the account's default per-table quota).
 * Replicas cannot set their own write cap: they use the table's
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_OnDemandThroughputOverride.html).
 * Why: an on-demand table scales to the account quota, and every caller's writes are billed, replicated to every
 * other region and billed again. A cap turns a flood (or a bug) into throttling at a known worst-case cost per hour
 * instead of an open-ended bill.
 * Severity: high.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode-max-throughput.html
 */
import { resourceRule } from "../../lib/policy";
import { asList, isUnknown, num, setting, str } from "../../lib/values";

export interface ThroughputCapConfig {
    maxReadRequestUnits: number;
    maxWriteRequestUnits: number;
}

const FIELDS = ["maxReadRequestUnits", "maxWriteRequestUnits"] as const;

function capProblems(where: string, throughput: unknown, config: ThroughputCapConfig): string[] {
    if (isUnknown(throughput)) return [];
    const t = (throughput ?? {}) as Record<string, unknown>;
    return FIELDS.flatMap((field) => {
        const v = t[field];
        if (isUnknown(v)) return [];
        const n = num(v);
        if (n !== undefined && Number.isInteger(n) && n >= 1 && n <= config[field]) return [];
        const why = n === -1 ? " (-1 removes the cap)" : n === undefined ? " (no cap: the table scales to the account quota)" : "";
        return [`${where}.${field} is ${setting(v)}${why}; allowed: 1 to ${config[field]} (pack config ${field})`];
    });
}

export const tableOnDemandThroughputCapped = resourceRule<ThroughputCapConfig>({
    name: "aws-dynamodb-table-on-demand-throughput-capped",
    description: "On-demand DynamoDB tables and their global secondary indexes cap their read and write request units.",
    severity: "high",
    url: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode-max-throughput.html",
    remediationSteps: "Set onDemandThroughput { maxReadRequestUnits, maxWriteRequestUnits } on the table and on each global secondary index.",
    types: ["aws:dynamodb/table:Table"],
    configSchema: {
        properties: {
            maxReadRequestUnits: { type: "integer", minimum: 1, default: 40000, description: "Highest read cap a table or index may set." },
            maxWriteRequestUnits: { type: "integer", minimum: 1, default: 40000, description: "Highest write cap a table or index may set." },
        },
    },
    validate: ({ props, config }, report) => {
        const mode = props.billingMode;
        if (isUnknown(mode) || str(mode) !== "PAY_PER_REQUEST") return;
        for (const p of capProblems("onDemandThroughput", props.onDemandThroughput, config)) report(p);
        if (isUnknown(props.globalSecondaryIndexes)) return;
        asList(props.globalSecondaryIndexes as Record<string, unknown>[]).forEach((g, i) => {
            const label = `globalSecondaryIndexes[${i}] (${str(g?.name) ?? "unnamed"}).onDemandThroughput`;
            for (const p of capProblems(label, g?.onDemandThroughput, config)) report(p);
        });
    },
});
