/** changeKind: the provider's ForceNew inputs decide between an update in place and a replacement. */
import { changeKind } from "../../mock-kit";

const CERT = "aws:acm/certificate:Certificate";
const DOMAIN = "aws:apigatewayv2/domainName:DomainName";

test.each<[string, string, Record<string, unknown>, Record<string, unknown>, string]>([
    ["nothing changed", CERT, { domainName: "a.example.com" }, { domainName: "a.example.com" }, "none"],
    ["a SAN added to a certificate", CERT, { domainName: "a.example.com" }, { domainName: "a.example.com", subjectAlternativeNames: ["b.example.com"] }, "replace"],
    ["a certificate's tags", CERT, { domainName: "a.example.com", tags: {} }, { domainName: "a.example.com", tags: { env: "x" } }, "update"],
    ["a domain's certificate", DOMAIN, { domainName: "a.example.com", domainNameConfiguration: { certificateArn: "old" } }, { domainName: "a.example.com", domainNameConfiguration: { certificateArn: "new" } }, "update"],
    ["a domain's name", DOMAIN, { domainName: "a.example.com" }, { domainName: "b.example.com" }, "replace"],
])("%s: %s", (_, type, before, after, expected) => {
    expect(changeKind(type, before, after)).toBe(expected);
});

test("a type without recorded facts is refused, not guessed", () => {
    expect(() => changeKind("aws:s3/bucket:Bucket", {}, {})).toThrow(
        "mock kit: no replacement facts for aws:s3/bucket:Bucket; add them to mock-kit/replacements.ts with their source",
    );
});
