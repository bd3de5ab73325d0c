/**
 * aws-dynamodb-table-key-in-stack
 *
 * Requires: every key that encrypts a DynamoDB table or replica (`serverSideEncryption.kmsKeyArn`,
 * `replicas[].kmsKeyArn`, a TableReplica's `kmsKeyArn`) is a KMS key this stack creates (`aws.kms.Key` or
 * `aws.kms.ReplicaKey`). Keys not known yet (a preview) are skipped.
 * Why: a key of another account, or one managed elsewhere, puts the table's data under a key policy nobody here
 * reviews: its owner can read every item, or disable the key and make the table unreadable. A resource rule cannot
 * see which account a key belongs to; the stack can see which keys it made.
 * Severity: high.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.howitworks.html
 */
import { stackRule } from "../../lib/policy";
import { replicasOfResource, TABLE, TABLE_REPLICA } from "../../lib/replicas";
import { isUnknown, str } from "../../lib/values";

const KEY_TYPES = ["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey"];

export const tableKeyInStack = stackRule({
    name: "aws-dynamodb-table-key-in-stack",
    description: "DynamoDB tables and replicas are encrypted with KMS keys this stack creates.",
    severity: "high",
    url: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.howitworks.html",
    remediationSteps: "Create the table's keys in the stack (GlobalTable does) and reference their ARNs.",
    validate: ({ resources }, report, notApplicable) => {
        const tables = resources.filter((r) => r.type === TABLE || r.type === TABLE_REPLICA);
        if (tables.length === 0) notApplicable("no DynamoDB tables");
        const own = new Set(resources.filter((r) => KEY_TYPES.includes(r.type)).flatMap((r) => (str(r.props.arn) ? [r.props.arn as string] : [])));
        for (const t of tables) {
            const sse = t.type === TABLE && !isUnknown(t.props.serverSideEncryption) ? t.props.serverSideEncryption?.kmsKeyArn : undefined;
            const uses = [
                ...(str(sse) ? [{ where: "serverSideEncryption.kmsKeyArn", arn: sse as string }] : []),
                ...replicasOfResource(t.type, t.props, t.region).flatMap((r) => (str(r.props.kmsKeyArn) ? [{ where: `${r.label}: kmsKeyArn`, arn: r.props.kmsKeyArn as string }] : [])),
            ];
            for (const u of uses.filter((u) => !own.has(u.arn))) {
                report(`${t.name} ${u.where} "${u.arn}" is not a key of this stack; allowed: the ARN of an aws.kms.Key or aws.kms.ReplicaKey the stack creates`, t.urn);
            }
        }
    },
});
