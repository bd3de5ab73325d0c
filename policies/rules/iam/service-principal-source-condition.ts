/**
 * aws-iam-service-principal-source-condition
 *
 * Requires: every `Allow` statement that grants to an AWS service principal (`lambda.amazonaws.com`,
 * `codedeploy.amazonaws.com`, `dynamodb.amazonaws.com`, ...) in a role's trust policy, a KMS key policy, an SNS
 * topic policy, a DynamoDB resource policy or a Lambda permission carries a source condition: `aws:SourceAccount`,
 * `aws:SourceArn`, `aws:SourceOrgID`/`aws:SourceOrgPaths`, or for CloudWatch Logs the log group encryption
 * context. A Lambda permission's `sourceArn`, `sourceAccount` and `principalOrgId` are such conditions.
 * Why: a service principal acts for every customer of the service. Without a source condition, a resource of
 * another account can make the service use our role, key, topic or function for it (the cross-service confused
 * deputy).
 * Severity: high.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention
 */
import { hasSourceCondition, isServicePrincipal } from "../../lib/iam";
import { resourceRule } from "../../lib/policy";
import { RESOURCE_POLICY_TYPES, resourceAllowStatements } from "../../lib/resource-policies";

export const servicePrincipalSourceCondition = resourceRule({
    name: "aws-iam-service-principal-source-condition",
    description: "Grants to AWS service principals in trust, key, topic, table and function policies carry an aws:SourceAccount or aws:SourceArn condition.",
    severity: "high",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention",
    remediationSteps: 'Add Condition: { StringEquals: { "aws:SourceAccount": "<account>" } } (and aws:SourceArn where the service documents it); on a Lambda permission set sourceArn and sourceAccount.',
    types: RESOURCE_POLICY_TYPES,
    validate: ({ type, props }, report) => {
        for (const { where, statement: s } of resourceAllowStatements(type, props, report)) {
            const services = s.principals.filter(isServicePrincipal);
            if (services.length > 0 && !hasSourceCondition(s)) {
                report(`${where} ${s.label}: grants to ${services.join(", ")} without a source condition; allowed: a condition on aws:SourceAccount, aws:SourceArn or aws:SourceOrgID`);
            }
        }
    },
});
