import { AWS_REGIONS } from "@active-active/aws-facts";
import { isRegionName, mrscRegionSet, regionInText } from "./aws-facts";
import { declaredRegion, endpointCheckRegion, healthCheckKind, isDeclaredGlobal, poolRegion } from "./conventions";
import { isWildcardAction, statementsOf } from "./iam";
import { plain, UNKNOWN } from "./values";

describe("aws-facts", () => {
    test("every AWS region the config accepts is a region name, and is found inside names", () => {
        for (const r of AWS_REGIONS) {
            expect(isRegionName(r)).toBe(true);
            expect(regionInText(`app-${r}-check`)).toBe(r);
        }
    });
    test.each<[string, string | undefined]>([
        ["abc.execute-api.eu-west-1.amazonaws.com", "eu-west-1"],
        ["active-active-routing-ap-southeast-2-gate", "ap-southeast-2"],
        ["active-active-routing-any-region", undefined],
        ["us-east-10x", undefined],
        ["api.example.com", undefined],
    ])("regionInText(%s)", (text, region) => {
        expect(regionInText(text)).toBe(region);
    });
    test("mrscRegionSet", () => {
        expect(mrscRegionSet(["us-east-1", "us-east-2", "us-west-2"])).toBe("US");
        expect(mrscRegionSet(["us-east-1", "eu-west-1"])).toBeUndefined();
    });
});

describe("conventions", () => {
    const hc = (name: string, props: Record<string, any>) => ({ name, props });
    test("region by tag first, then by logical name", () => {
        expect(declaredRegion(hc("app-eu-west-1-gate", { tags: { "activeactive:region": "us-west-2" } }))).toBe("us-west-2");
        expect(declaredRegion(hc("app-eu-west-1-gate", { tags: { "activeactive:region": "nowhere" } }))).toBe("eu-west-1");
        expect(endpointCheckRegion(hc("app-check", { type: "HTTPS", fqdn: "x.execute-api.sa-east-1.amazonaws.com" }))).toBe("sa-east-1");
    });
    test("global monitoring by tag or by name", () => {
        expect(isDeclaredGlobal(hc("app-alarms", { tags: { "activeactive:scope": "global" } }))).toBe(true);
        expect(isDeclaredGlobal(hc("app-routing-any-region-alarm", {}))).toBe(true);
        expect(isDeclaredGlobal(hc("app-routing-all-regions", {}))).toBe(true);
        expect(isDeclaredGlobal(hc("app-company-region", {}))).toBe(false);
    });
    test.each<[string, Record<string, any>, string]>([
        ["app-eu-west-1-check", { type: "HTTPS" }, "endpoint"],
        ["app-eu-west-1-gate", { type: "CALCULATED", childHealthchecks: ["a"] }, "gate"],
        ["app-gate", { type: "CALCULATED", childHealthchecks: ["a"] }, "gate"],
        ["app-any-region", { type: "CALCULATED", childHealthchecks: ["a", "b"] }, "all-regions"],
        ["app-overall", { type: "CALCULATED", childHealthchecks: ["a", "b", "c"] }, "all-regions"],
        ["app-alarm-check", { type: "CLOUDWATCH_METRIC" }, "other"],
    ])("healthCheckKind(%s)", (name, props, kind) => {
        expect(healthCheckKind(hc(name, props))).toBe(kind);
    });
    test("a pool's region from its origin, then its name", () => {
        expect(poolRegion(hc("p", { origins: [{ name: "ap-northeast-1" }] }))).toBe("ap-northeast-1");
        expect(poolRegion(hc("p", { name: "app-eu-west-2", origins: [{ name: "primary" }] }))).toBe("eu-west-2");
    });
});

describe("values", () => {
    test("plain: unknown sentinels and the mock runtime's unknown marker become UNKNOWN; secrets are revealed", () => {
        expect(
            plain({
                a: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
                b: [{ __pulumiUnknown: true }],
                c: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cret" },
                d: 1,
            }),
        ).toEqual({ a: UNKNOWN, b: [UNKNOWN], c: "s3cret", d: 1 });
    });
});

describe("iam", () => {
    test("statements in every accepted shape", () => {
        expect(
            statementsOf({
                Statement: { Sid: "One", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Principal: { AWS: ["arn:aws:iam::1:root", "*"] }, Condition: {} },
            }),
        ).toEqual([
            { label: "One", effect: "Allow", actions: ["s3:GetObject"], notActions: [], resources: ["arn:aws:s3:::b/*"], notResources: [], principals: ["arn:aws:iam::1:root", "*"], notPrincipals: [], hasCondition: true, conditionKeys: [] },
        ]);
        expect(statementsOf({ statements: [{ effect: "Deny", actions: ["*"], principals: [{ type: "AWS", identifiers: ["*"] }] }] })).toEqual([
            { label: "Statement[0]", effect: "Deny", actions: ["*"], notActions: [], resources: [], notResources: [], principals: ["*"], notPrincipals: [], hasCondition: false, conditionKeys: [] },
        ]);
        expect(statementsOf("[")).toEqual({ error: "is not valid JSON" });
        expect(statementsOf(UNKNOWN)).toBe(UNKNOWN);
    });
    test.each<[string, boolean]>([
        ["*", true],
        ["*:*", true],
        ["dynamodb:*", true],
        ["dynamodb:Get*", true],
        ["dynamodb:**", true],
        ["iam:?*", true],
        ["kms:*crypt*", true],
        ["dynamodb:GetItem", false],
    ])("isWildcardAction(%s)", (action, wildcard) => {
        expect(isWildcardAction(action)).toBe(wildcard);
    });
});
