/**
 * Which input changes replace a resource instead of updating it in place, for the resources whose replacement the
 * program has to get right, read from the terraform AWS provider @pulumi/aws 7 wraps (`ForceNew` in each schema):
 *
 * - aws_acm_certificate (internal/service/acm/certificate.go): domain_name, subject_alternative_names,
 *   validation_method, key_algorithm, certificate_authority_arn and validation_option are ForceNew. Its delete retries
 *   DeleteCertificate on ResourceInUseException for up to 20 minutes ("Removal of ACM Certificates from API Gateway
 *   Custom Domains can take >15 minutes"), so the old certificate goes once API Gateway lets it go.
 * - aws_acm_certificate_validation (certificate_validation.go): certificate_arn and validation_record_fqdns are
 *   ForceNew; there is no update at all.
 * - aws_apigatewayv2_domain_name (internal/service/apigatewayv2/domain_name.go): only domain_name is ForceNew;
 *   domain_name_configuration (its certificate_arn included) is updated in place with UpdateDomainName, waiting
 *   until the domain is AVAILABLE again.
 * - aws_apigatewayv2_api_mapping: api_id and domain_name are ForceNew; stage updates in place.
 *
 * Pulumi replaces create-before-delete unless the resource sets `deleteBeforeReplace` (the kit records it).
 */
export const REPLACING_INPUTS: Readonly<Record<string, readonly string[]>> = {
    "aws:acm/certificate:Certificate": ["domainName", "subjectAlternativeNames", "validationMethod", "keyAlgorithm", "certificateAuthorityArn", "validationOptions"],
    "aws:acm/certificateValidation:CertificateValidation": ["certificateArn", "validationRecordFqdns"],
    "aws:apigatewayv2/domainName:DomainName": ["domainName"],
    "aws:apigatewayv2/apiMapping:ApiMapping": ["apiId", "domainName"],
};

export type ChangeKind = "none" | "update" | "replace";

function same(a: unknown, b: unknown): boolean {
    return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** What moving a resource of `type` from inputs `before` to `after` does. Types not listed here are not known. */
export function changeKind(type: string, before: Record<string, unknown>, after: Record<string, unknown>): ChangeKind {
    const replacing = REPLACING_INPUTS[type];
    if (!replacing) throw new Error(`mock kit: no replacement facts for ${type}; add them to mock-kit/replacements.ts with their source`);
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changed = keys.filter((k) => !same(before[k], after[k]));
    if (changed.length === 0) return "none";
    return changed.some((k) => replacing.includes(k)) ? "replace" : "update";
}
