/**
 * aws-dynamodb-table-pitr-enabled
 *
 * Requires: point-in-time recovery on the table (`pointInTimeRecovery.enabled: true`) and on every replica
 * (`replicas[].pointInTimeRecovery: true`), and on every standalone `aws.dynamodb.TableReplica`.
 * Why: PITR is a per-replica setting; a replica does not inherit it from the table. After a bad write (which
 * replicates everywhere) or the loss of the home region, only replicas with PITR can be restored to a point in time.
 * Severity: high.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, setting } from "../../lib/values";
import { replicasOfResource, TABLE, TABLE_REPLICA } from "../../lib/replicas";

export const tablePitrEnabled = resourceRule({
    name: "aws-dynamodb-table-pitr-enabled",
    description: "DynamoDB tables and every replica have point-in-time recovery enabled.",
    severity: "high",
    url: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html",
    remediationSteps: "Set pointInTimeRecovery.enabled = true on the table and pointInTimeRecovery = true on each replica.",
    types: [TABLE, TABLE_REPLICA],
    validate: ({ type, props, region }, report) => {
        const pitr = props.pointInTimeRecovery;
        const enabled = isUnknown(pitr) ? pitr : pitr?.enabled;
        if (type === TABLE && !isUnknown(enabled) && enabled !== true) {
            report(`pointInTimeRecovery.enabled is ${setting(enabled)}; allowed: true`);
        }
        for (const r of replicasOfResource(type, props, region)) {
            const v = r.props.pointInTimeRecovery;
            if (!isUnknown(v) && v !== true) {
                report(`${r.label}: pointInTimeRecovery is ${setting(v)}; allowed: true (a replica does not inherit the table's setting)`);
            }
        }
    },
});
