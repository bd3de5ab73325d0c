import { child, CLOUDFLARE_ZONE, deploy, Deployed, DOMAIN, REGIONS, ZONE } from "../fixtures/regional-service";

const noDot = (s: string) => s.replace(/\.$/, "");

/** The certificate's validation options: [service name, region-pinned name]. */
function options(d: Deployed, region: string): { resourceRecordName: string; resourceRecordValue: string; domainName: string }[] {
    return child(d.kit, "aws:acm/certificate:Certificate", region, "cert").outputs.domainValidationOptions;
}

describe("Route 53 validation", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy();
    });

    test("one shared record for the service name, and one record per region-pinned name", async () => {
        const records = d.kit.resourcesOfType("aws:route53/record:Record");
        expect(records.map((r) => r.name).sort()).toEqual(["orders-cert-validation", ...REGIONS.map((r) => `orders-${r}-pinned-validation`)].sort());
        for (const record of records) expect(d.kit.providerRegion(record)).toBe("us-east-1");
        const [service] = options(d, "us-east-1");
        expect(service!.domainName).toBe(DOMAIN);
        expect(d.kit.get("aws:route53/record:Record", "orders-cert-validation").inputs).toEqual({
            zoneId: ZONE,
            name: noDot(service!.resourceRecordName),
            type: "CNAME",
            records: [noDot(service!.resourceRecordValue)],
            ttl: 60,
        });
        for (const r of REGIONS) {
            const [, pinned] = options(d, r);
            expect(pinned!.domainName).toBe(`${r}.${DOMAIN}`);
            expect(d.kit.get("aws:route53/record:Record", `orders-${r}-pinned-validation`).inputs).toEqual({
                zoneId: ZONE,
                name: noDot(pinned!.resourceRecordName),
                type: "CNAME",
                records: [noDot(pinned!.resourceRecordValue)],
                ttl: 60,
            });
            expect(child(d.kit, "aws:acm/certificateValidation:CertificateValidation", r, "cert-validation").inputs).toEqual({
                certificateArn: child(d.kit, "aws:acm/certificate:Certificate", r, "cert").outputs.arn,
                validationRecordFqdns: [noDot(service!.resourceRecordName), noDot(pinned!.resourceRecordName)],
            });
        }
    });
});

test("Cloudflare validation: one DNS-only record for the service name, one per pinned name", async () => {
    const d = await deploy({ validationKind: "cloudflare" });
    expect(d.kit.resourcesOfType("aws:route53/record:Record")).toEqual([]);
    const records = d.kit.resourcesOfType("cloudflare:index/dnsRecord:DnsRecord");
    expect(records.map((r) => r.name).sort()).toEqual(["orders-cert-validation", ...REGIONS.map((r) => `orders-${r}-pinned-validation`)].sort());
    const [service] = options(d, "us-east-1");
    const dnsOnly = { zoneId: CLOUDFLARE_ZONE, type: "CNAME", ttl: 60, proxied: false };
    expect(d.kit.get("cloudflare:index/dnsRecord:DnsRecord", "orders-cert-validation").inputs).toEqual({
        ...dnsOnly,
        name: noDot(service!.resourceRecordName),
        content: noDot(service!.resourceRecordValue),
        comment: "ACM DNS validation, shared by every regional certificate of this name",
    });
    for (const r of REGIONS) {
        const [, pinned] = options(d, r);
        expect(d.kit.get("cloudflare:index/dnsRecord:DnsRecord", `orders-${r}-pinned-validation`).inputs).toEqual({
            ...dnsOnly,
            name: noDot(pinned!.resourceRecordName),
            content: noDot(pinned!.resourceRecordValue),
            comment: "ACM DNS validation of a region-pinned name",
        });
        expect(child(d.kit, "aws:acm/certificateValidation:CertificateValidation", r, "cert-validation").inputs.validationRecordFqdns).toEqual([
            noDot(service!.resourceRecordName),
            noDot(pinned!.resourceRecordName),
        ]);
    }
});
