import { child, CLOUDFLARE_ZONE, deploy, Deployed, REGIONS, ZONE } from "../fixtures/regional-service";

describe("Route 53 validation", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy();
    });

    test("one validation record for every region, from the first certificate", async () => {
        const records = d.kit.resourcesOfType("aws:route53/record:Record");
        expect(records.map((r) => r.name)).toEqual(["orders-cert-validation"]);
        const record = records[0]!;
        expect(d.kit.providerRegion(record)).toBe("us-east-1");
        const option = child(d.kit, "aws:acm/certificate:Certificate", "us-east-1", "cert").outputs.domainValidationOptions[0];
        expect(record.inputs).toEqual({
            zoneId: ZONE,
            name: option.resourceRecordName.replace(/\.$/, ""),
            type: "CNAME",
            records: [option.resourceRecordValue.replace(/\.$/, "")],
            ttl: 60,
        });
        for (const r of REGIONS) {
            expect(child(d.kit, "aws:acm/certificateValidation:CertificateValidation", r, "cert-validation").inputs).toEqual({
                certificateArn: child(d.kit, "aws:acm/certificate:Certificate", r, "cert").outputs.arn,
                validationRecordFqdns: [option.resourceRecordName.replace(/\.$/, "")],
            });
        }
    });
});

test("Cloudflare validation: one DNS-only record for every region", async () => {
    const { kit } = await deploy({ validationKind: "cloudflare" });
    expect(kit.resourcesOfType("aws:route53/record:Record")).toEqual([]);
    const records = kit.resourcesOfType("cloudflare:index/dnsRecord:DnsRecord");
    expect(records.map((r) => r.name)).toEqual(["orders-cert-validation"]);
    const option = child(kit, "aws:acm/certificate:Certificate", "us-east-1", "cert").outputs.domainValidationOptions[0];
    expect(records[0]!.inputs).toEqual({
        zoneId: CLOUDFLARE_ZONE,
        name: option.resourceRecordName.replace(/\.$/, ""),
        type: "CNAME",
        content: option.resourceRecordValue.replace(/\.$/, ""),
        ttl: 60,
        proxied: false,
        comment: "ACM DNS validation, shared by every regional certificate of this name",
    });
    for (const r of REGIONS) {
        expect(child(kit, "aws:acm/certificateValidation:CertificateValidation", r, "cert-validation").inputs.validationRecordFqdns).toEqual([
            option.resourceRecordName.replace(/\.$/, ""),
        ]);
    }
});
