/**
 * The resource-based policies of a resource: who else may act on it. Trust policies of roles, key policies, SNS
 * topic policies, DynamoDB resource policies, and Lambda permissions (one statement each, read from its fields).
 */
import { isAllow, Statement, statementsOf } from "./iam";
import { isUnknown, str } from "./values";

/** Where each type keeps its resource policy document. */
const DOCUMENT_FIELDS: Record<string, string> = {
    "aws:iam/role:Role": "assumeRolePolicy",
    "aws:kms/key:Key": "policy",
    "aws:kms/replicaKey:ReplicaKey": "policy",
    "aws:kms/keyPolicy:KeyPolicy": "policy",
    "aws:sns/topic:Topic": "policy",
    "aws:sns/topicPolicy:TopicPolicy": "policy",
    "aws:dynamodb/resourcePolicy:ResourcePolicy": "policy",
};

export const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";
export const KMS_POLICY_TYPES = ["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws:kms/keyPolicy:KeyPolicy"];
export const RESOURCE_POLICY_TYPES = [...Object.keys(DOCUMENT_FIELDS), LAMBDA_PERMISSION];

/**
 * A Lambda permission as the statement Lambda adds to the function's policy: its principal, and a condition for
 * each of `sourceArn` (aws:SourceArn), `sourceAccount` (aws:SourceAccount) and `principalOrgId` (aws:PrincipalOrgID)
 * (https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html). Unknown fields count as set.
 */
function permissionStatement(props: Record<string, any>): Statement | undefined {
    if (isUnknown(props.principal) || !str(props.principal)) return undefined;
    const keyed: [string, string][] = [
        ["sourceArn", "aws:sourcearn"],
        ["sourceAccount", "aws:sourceaccount"],
        ["principalOrgId", "aws:principalorgid"],
    ];
    const conditionKeys = keyed.filter(([field]) => isUnknown(props[field]) || !!str(props[field])).map(([, key]) => key);
    return {
        label: "permission",
        effect: "Allow",
        actions: str(props.action) ? [props.action] : [],
        notActions: [],
        resources: [],
        notResources: [],
        principals: [props.principal],
        notPrincipals: [],
        hasCondition: conditionKeys.length > 0,
        conditionKeys,
    };
}

/**
 * The Allow statements of a resource's policy, each with where it came from. A document that does not parse is
 * reported; one with unknown parts (a preview) is skipped; no document (KMS's default key policy) has none.
 */
export function resourceAllowStatements(type: string, props: Record<string, any>, report: (message: string) => void): { where: string; statement: Statement }[] {
    if (type === LAMBDA_PERMISSION) {
        const s = permissionStatement(props);
        return s ? [{ where: "permission", statement: s }] : [];
    }
    const field = DOCUMENT_FIELDS[type];
    if (!field) return [];
    const doc = props[field];
    if (doc === undefined || doc === null || doc === "") return [];
    const statements = statementsOf(doc);
    if (isUnknown(statements)) return [];
    if ("error" in statements) {
        report(`${field} ${statements.error}; allowed: a JSON policy document`);
        return [];
    }
    return statements.filter(isAllow).map((statement) => ({ where: field, statement }));
}
