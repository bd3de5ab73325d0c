/**
 * aws-dynamodb-table-deletion-protection-enabled
 *
 * Requires: `deletionProtectionEnabled: true` on the table, on every inline replica and on every standalone
 * `aws.dynamodb.TableReplica`.
 * Why: deletion protection is per replica. Removing a region from the config (or a bad refactor) deletes that
 * replica and every item in it; the table-level flag does not stop that.
 * Severity: high.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, setting } from "../../lib/values";
import { replicasOfResource, TABLE, TABLE_REPLICA } from "../../lib/replicas";

export const tableDeletionProtectionEnabled = resourceRule({
    name: "aws-dynamodb-table-deletion-protection-enabled",
    description: "DynamoDB tables and every replica have deletion protection enabled.",
    severity: "high",
    url: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection",
    remediationSteps: "Set deletionProtectionEnabled = true on the table and on each replica.",
    types: [TABLE, TABLE_REPLICA],
    validate: ({ type, props, region }, report) => {
        const v = props.deletionProtectionEnabled;
        if (type === TABLE && !isUnknown(v) && v !== true) report(`deletionProtectionEnabled is ${setting(v)}; allowed: true`);
        for (const r of replicasOfResource(type, props, region)) {
            const rv = r.props.deletionProtectionEnabled;
            if (!isUnknown(rv) && rv !== true) {
                report(`${r.label}: deletionProtectionEnabled is ${setting(rv)}; allowed: true (a replica does not inherit the table's setting)`);
            }
        }
    },
});
