/**
 * DNS validation records for the regional ACM certificates of one service name.
 *
 * ACM derives the validation record from the account and the name, so a certificate for api.example.com in
 * us-east-1 and one in eu-west-1 ask for the very same CNAME. Created once per region, the second `pulumi up`
 * step fails ("record already exists"). The stack therefore creates one `ValidationRecords` and hands it to
 * every RegionalService: the first certificate it sees creates the record, every later one reuses it, and
 * each region still validates its own certificate with its own `aws.acm.CertificateValidation`.
 *
 * A region-pinned name (`<region>.<service name>`, a SAN of its region's certificate) is asked for by one certificate
 * only, so it gets a record of its own.
 *
 * This is a helper, not a resource: it has no state of its own, and the records it creates are children of
 * `parent`, so their URNs do not depend on which region happened to ask first.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type * as cloudflare from "@pulumi/cloudflare";

/** Short, so a renewed or replaced certificate is validated within minutes. */
export const VALIDATION_RECORD_TTL_SECONDS = 60;

interface CommonArgs {
    /** The DNS zone that holds the service name. */
    zoneId: pulumi.Input<string>;
    /** Parent of the record, usually the stack component. @default none (the stack) */
    parent?: pulumi.Resource;
}

export interface Route53ValidationArgs extends CommonArgs {
    kind: "route53";
    /** The provider Route 53 is called through (the stack's global provider). */
    provider: aws.Provider;
}

export interface CloudflareValidationArgs extends CommonArgs {
    kind: "cloudflare";
    provider: cloudflare.Provider;
}

export type ValidationRecordsArgs = Route53ValidationArgs | CloudflareValidationArgs;

const SHARED_COMMENT = "ACM DNS validation, shared by every regional certificate of this name";
const PINNED_COMMENT = "ACM DNS validation of a region-pinned name";

type ValidationOption = { domainName: string; resourceRecordName: string; resourceRecordType: string; resourceRecordValue: string };

function withoutTrailingDot(s: string): string {
    return s.endsWith(".") ? s.slice(0, -1) : s;
}

/** The validation option of one of the certificate's names. */
function optionFor(domain: string, options: ValidationOption[]): ValidationOption {
    const option = options.find((o) => o.domainName === domain);
    if (!option) {
        throw new Error(`ACM certificate for "${domain}" has no DNS validation option for that name; found ${JSON.stringify(options.map((o) => o.domainName))}`);
    }
    return option;
}

export class ValidationRecords {
    readonly name: string;
    private readonly args: ValidationRecordsArgs;
    private created?: { recordName: pulumi.Output<string>; fqdns: pulumi.Output<string[]> };

    constructor(name: string, args: ValidationRecordsArgs) {
        this.name = name;
        this.args = args;
    }

    /**
     * The FQDNs to pass to `aws.acm.CertificateValidation.validationRecordFqdns` for `cert`. The certificate's own
     * name (the service name) is validated by the shared record: the first call creates it (`<name>-cert-validation`);
     * later calls return the same FQDN, after checking that their certificate asks for the same record (it does not
     * when it is for another name or another account). A region-pinned name among its SANs (`pinned`) is asked for by
     * this certificate only, so it gets a record of its own, named `pinned.logicalName`.
     */
    recordFqdns(cert: aws.acm.Certificate, pinned?: { domainName: string; logicalName: string }): pulumi.Output<string[]> {
        const options = cert.domainValidationOptions as pulumi.Output<ValidationOption[]>;
        const shared = this.sharedFqdns(cert.domainName.apply((domain) => domain), options);
        if (!pinned) return shared;
        const own = this.createRecord(options.apply((o) => optionFor(pinned.domainName, o)), pinned.logicalName, PINNED_COMMENT).fqdns;
        return pulumi.all([shared, own]).apply(([a, b]) => [...a, ...b]);
    }

    private sharedFqdns(domain: pulumi.Output<string>, options: pulumi.Output<ValidationOption[]>): pulumi.Output<string[]> {
        const option = pulumi.all([domain, options]).apply(([d, o]) => optionFor(d, o));
        if (!this.created) {
            this.created = this.createRecord(option, `${this.name}-cert-validation`, SHARED_COMMENT);
            return this.created.fqdns;
        }
        const { recordName, fqdns } = this.created;
        return pulumi.all([recordName, option, fqdns]).apply(([expected, o, f]) => {
            const wanted = withoutTrailingDot(o.resourceRecordName);
            if (wanted !== expected) {
                throw new Error(
                    `ValidationRecords "${this.name}": the certificate for "${o.domainName}" asks for the validation record "${wanted}", ` +
                        `but the record created for the first certificate is "${expected}"; allowed: certificates for one name in one account`,
                );
            }
            return f;
        });
    }

    private createRecord(option: pulumi.Output<ValidationOption>, logical: string, comment: string): { recordName: pulumi.Output<string>; fqdns: pulumi.Output<string[]> } {
        const recordName = option.apply((o) => withoutTrailingDot(o.resourceRecordName));
        const recordType = option.apply((o) => o.resourceRecordType);
        const recordValue = option.apply((o) => withoutTrailingDot(o.resourceRecordValue));
        const args = this.args;
        if (args.kind === "route53") {
            const record = new aws.route53.Record(
                logical,
                { zoneId: args.zoneId, name: recordName, type: recordType, records: [recordValue], ttl: VALIDATION_RECORD_TTL_SECONDS },
                { parent: args.parent, provider: args.provider },
            );
            return { recordName, fqdns: record.fqdn.apply((f) => [withoutTrailingDot(f)]) };
        }
        // Loaded here, on the Cloudflare path only (a Route 53 stack never loads the Cloudflare SDK).
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const { DnsRecord } = require("@pulumi/cloudflare") as typeof cloudflare;
        const record = new DnsRecord(
            logical,
            {
                zoneId: args.zoneId,
                name: recordName,
                type: recordType,
                content: recordValue,
                ttl: VALIDATION_RECORD_TTL_SECONDS,
                // ACM must see the CNAME itself, not a Cloudflare edge address.
                proxied: false,
                comment,
            },
            { parent: args.parent, provider: args.provider },
        );
        return { recordName, fqdns: record.name.apply((n) => [withoutTrailingDot(n)]) };
    }
}
