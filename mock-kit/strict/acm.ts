/**
 * ACM: RequestCertificate for `aws.acm.Certificate`, and the wait for DNS validation of
 * `aws.acm.CertificateValidation`. The DNS validation records themselves are checked with Route 53's records
 * (route53.ts), against what this module remembers a certificate asks for.
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html
 */
import { ACM_DOMAIN_NAME_MAX_LENGTH } from "../../packages/aws-facts";
import { computeOutputs } from "../outputs";
import { DnsValidation, Problems, ResourceRule, dnsKey, list } from "./common";

const DOMAIN = /^(\*\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$/;
const KEY_ALGORITHMS = ["RSA_2048", "EC_prime256v1", "EC_secp384r1"];
const VALIDATION_METHODS = ["DNS", "EMAIL"];

/** Whether a certificate for `names` covers `domain` (exactly, or one level below a wildcard). */
export function certificateCovers(names: readonly string[], domain: string): boolean {
    const d = dnsKey(domain);
    return names.some((n) => {
        const name = dnsKey(n);
        return name === d || (name.startsWith("*.") && d.slice(d.indexOf(".") + 1) === name.slice(2));
    });
}

const certificate: ResourceRule = {
    check(r) {
        const i = r.inputs;
        const p = new Problems("ValidationException");
        p.length("domainName", i.domainName, 1, ACM_DOMAIN_NAME_MAX_LENGTH);
        p.pattern("domainName", i.domainName, DOMAIN);
        list(i.subjectAlternativeNames).forEach((n, k) => {
            p.length(`subjectAlternativeNames.${k + 1}.member`, n, 1, 253);
            p.pattern(`subjectAlternativeNames.${k + 1}.member`, n, DOMAIN);
        });
        p.oneOf("validationMethod", i.validationMethod, VALIDATION_METHODS);
        p.oneOf("keyAlgorithm", i.keyAlgorithm, KEY_ALGORITHMS);
        return p.list();
    },
    remember(r, s) {
        if (!r.region || typeof r.inputs.domainName !== "string") return;
        const { state } = computeOutputs({ type: r.type, name: r.name, inputs: r.inputs, region: r.region });
        const validation = (state.domainValidationOptions ?? []) as DnsValidation[];
        const arn = state.arn as string;
        s.certificates.set(arn, { region: r.region, names: [r.inputs.domainName, ...list<string>(r.inputs.subjectAlternativeNames)], validation });
        for (const v of validation) s.validationRecords.set(dnsKey(v.resourceRecordName), { ...v, certificateArn: arn });
    },
};

const certificateValidation: ResourceRule = {
    check(r, s) {
        const i = r.inputs;
        const cert = s.certificates.get(i.certificateArn);
        if (!cert || !Array.isArray(i.validationRecordFqdns) || i.validationRecordFqdns.some((f: unknown) => f === undefined)) return [];
        const given = new Set(i.validationRecordFqdns.map((f: string) => dnsKey(f)));
        // The provider's own check before it waits: every name of the certificate needs its record in the list.
        return cert.validation
            .filter((v) => !given.has(dnsKey(v.resourceRecordName)))
            .map((v) => `missing ${v.domainName} DNS validation record: ${v.resourceRecordName}`);
    },
};

export const ACM_RULES: Record<string, ResourceRule> = {
    "aws:acm/certificate:Certificate": certificate,
    "aws:acm/certificateValidation:CertificateValidation": certificateValidation,
};
