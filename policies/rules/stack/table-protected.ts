/**
 * active-active-table-protected
 *
 * Requires: every DynamoDB table carries Pulumi's `protect` resource option (`active-active:protect: true`, the
 * default; GlobalTable's `protect` arg).
 * Why: with `protect` off, a `pulumi destroy`, a removed stack, or a change that replaces the table (its name, keys,
 * home region or consistency mode) deletes the table and its replicas in one update; deletion protection on the
 * table alone does not stop a replacement Pulumi plans. Pulumi refuses to delete a protected resource until
 * `protect` is removed in an update of its own. Mandatory in staging and prod; off in dev, which is unprotected on
 * purpose.
 * Severity: critical.
 * https://www.pulumi.com/docs/iac/concepts/options/protect/
 */
import { stackRule } from "../../lib/policy";
import { TYPES } from "../../lib/topology";

export const tableProtected = stackRule({
    name: "active-active-table-protected",
    description: "DynamoDB tables carry Pulumi's protect option, so no update or destroy deletes them.",
    severity: "critical",
    url: "https://www.pulumi.com/docs/iac/concepts/options/protect/",
    remediationSteps: "Set active-active:protect to true (or leave it unset: true is the default).",
    validate: ({ resources }, report, notApplicable) => {
        const tables = resources.filter((r) => r.type === TYPES.table);
        if (tables.length === 0) notApplicable("no DynamoDB table");
        for (const t of tables) {
            if (!t.protect) report(`${t.name}: Pulumi protect is off (active-active:protect is false); allowed: protect on (active-active:protect: true)`, t.urn);
        }
    },
});
