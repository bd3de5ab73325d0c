import {
    deriveRoute53,
    resolveRoute53,
    route53Rto,
    route53SettingsErrors,
    Route53Settings,
    DEFAULT_ROUTE53_SETTINGS,
} from "./index";

describe("route53Rto", () => {
    test.each<[string, Route53Settings, number]>([
        // interval x threshold + 6 x threshold + 10 aggregation + 10 gate + cached answer
        ["AWS defaults, alias", DEFAULT_ROUTE53_SETTINGS, 90 + 18 + 10 + 10 + 60],
        ["fastest, alias", { requestIntervalSeconds: 10, failureThreshold: 1, recordKind: "alias" }, 10 + 6 + 20 + 60],
        ["CNAME 60 s", { requestIntervalSeconds: 10, failureThreshold: 2, recordKind: "cname", cnameTtlSeconds: 60 }, 20 + 12 + 20 + 60],
        ["CNAME 10 s is cached for the resolver minimum", { requestIntervalSeconds: 10, failureThreshold: 1, recordKind: "cname", cnameTtlSeconds: 10 }, 10 + 6 + 20 + 30],
        ["CNAME without TTL uses 60 s", { requestIntervalSeconds: 30, failureThreshold: 1, recordKind: "cname" }, 30 + 6 + 20 + 60],
        ["explicit slow settings are evaluated as given", { requestIntervalSeconds: 30, failureThreshold: 10, recordKind: "alias" }, 300 + 60 + 20 + 60],
        // Pooled clients that keep a connection 300 s stay on the failed region 240 s past the alias TTL.
        ["clients keep connections 300 s", { ...DEFAULT_ROUTE53_SETTINGS, clientMaxConnectionAgeSeconds: 300 }, 90 + 18 + 10 + 10 + 60 + 240],
        ["clients within a CNAME's 30 s TTL add nothing", { requestIntervalSeconds: 10, failureThreshold: 1, recordKind: "cname", cnameTtlSeconds: 30, clientMaxConnectionAgeSeconds: 30 }, 10 + 6 + 20 + 30],
    ])("%s", (_, settings, expected) => {
        const rto = route53Rto(settings);
        expect(rto.rtoSeconds).toBe(expected);
        expect(rto.breakdown.reduce((sum, p) => sum + p.seconds, 0)).toBe(expected);
    });

    test("marks the undocumented figures as assumed and cites every part", () => {
        const { breakdown } = route53Rto(DEFAULT_ROUTE53_SETTINGS);
        expect(breakdown.map((p) => [p.part, p.seconds, p.assumed])).toEqual([
            ["detection: interval 30 s x threshold 3", 90, false],
            ["check timeouts of a hanging endpoint: 6 s x threshold 3", 18, false],
            ["checker aggregation", 10, true],
            ["calculated gate check", 10, true],
            ["DNS cache: alias target TTL 60 s", 60, true],
            ["client connection reuse: max connection age at most the record's TTL (recommended), beyond the 60 s DNS cache", 0, true],
        ]);
        for (const part of breakdown.slice(0, -1)) expect(part.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
        expect(breakdown.at(-1)!.source).toBe("https://learn.microsoft.com/en-us/dotnet/fundamentals/networking/http/httpclient-guidelines#dns-behavior");
    });

    test("a client connection age beyond the DNS cache is counted, once", () => {
        const { breakdown } = route53Rto({ ...DEFAULT_ROUTE53_SETTINGS, clientMaxConnectionAgeSeconds: 90 });
        expect(breakdown.at(-1)).toMatchObject({ part: "client connection reuse: max connection age 90 s, beyond the 60 s DNS cache", seconds: 30, assumed: true });
    });
});

describe("deriveRoute53", () => {
    test.each<[number, Route53Settings, number]>([
        [600, DEFAULT_ROUTE53_SETTINGS, 188],
        [188, DEFAULT_ROUTE53_SETTINGS, 188],
        [187, { requestIntervalSeconds: 30, failureThreshold: 2, recordKind: "alias" }, 152],
        [130, { requestIntervalSeconds: 10, failureThreshold: 3, recordKind: "alias" }, 128],
        [96, { requestIntervalSeconds: 10, failureThreshold: 1, recordKind: "alias" }, 96],
        // The alias target's 60 s TTL puts 95 s out of reach: a CNAME with a shorter TTL is chosen.
        [95, { requestIntervalSeconds: 30, failureThreshold: 1, recordKind: "cname", cnameTtlSeconds: 39 }, 95],
        [70, { requestIntervalSeconds: 10, failureThreshold: 1, recordKind: "cname", cnameTtlSeconds: 34 }, 70],
        [66, { requestIntervalSeconds: 10, failureThreshold: 1, recordKind: "cname", cnameTtlSeconds: 30 }, 66],
    ])("target %i s", (target, settings, rtoSeconds) => {
        const derived = deriveRoute53(target);
        expect(derived).toEqual({ ok: true, settings, rto: route53Rto(settings) });
        expect(derived.ok && derived.rto.rtoSeconds).toBe(rtoSeconds);
    });

    test.each<[number, "alias" | "cname" | undefined, string]>([
        [65, undefined, "active-active:rtoTargetSeconds: 65 cannot be met with Route 53 CNAME records; the best achievable is 66 s (interval 10 s, threshold 1, TTL 30 s)"],
        [30, "cname", "active-active:rtoTargetSeconds: 30 cannot be met with Route 53 CNAME records; the best achievable is 66 s (interval 10 s, threshold 1, TTL 30 s)"],
        [95, "alias", "active-active:rtoTargetSeconds: 95 cannot be met with Route 53 alias records; the best achievable is 96 s (interval 10 s, threshold 1, TTL 60 s)"],
    ])("unreachable target %i s (record kind %s)", (target, recordKind, error) => {
        const derived = deriveRoute53(target, { recordKind });
        expect(derived.ok).toBe(false);
        if (!derived.ok) expect(derived.error).toBe(error);
    });

    test("clients that keep connections long need faster detection, and the model says when no record kind helps", () => {
        expect(deriveRoute53(188, { clientMaxConnectionAgeSeconds: 120 })).toMatchObject({
            ok: true,
            settings: { requestIntervalSeconds: 10, failureThreshold: 3, recordKind: "alias", clientMaxConnectionAgeSeconds: 120 },
            rto: { rtoSeconds: 30 + 18 + 20 + 60 + 60 },
        });
        const derived = deriveRoute53(120, { clientMaxConnectionAgeSeconds: 120 });
        expect(derived.ok).toBe(false);
        if (!derived.ok) expect(derived.best.rto.rtoSeconds).toBe(10 + 6 + 20 + 30 + 90);
    });

    test("a forced alias is kept even when a CNAME would be more tolerant", () => {
        expect(deriveRoute53(120, { recordKind: "alias" })).toMatchObject({
            ok: true,
            settings: { requestIntervalSeconds: 30, failureThreshold: 1, recordKind: "alias" },
        });
    });
});

describe("resolveRoute53", () => {
    test("defaults with no target and no explicit settings", () => {
        expect(resolveRoute53({})).toEqual({ settings: DEFAULT_ROUTE53_SETTINGS, rto: route53Rto(DEFAULT_ROUTE53_SETTINGS), errors: [] });
    });

    test("explicit settings are accepted as given and a missed target is reported", () => {
        const resolved = resolveRoute53({ rtoTargetSeconds: 120, requestIntervalSeconds: 30 });
        expect(resolved.settings).toEqual(DEFAULT_ROUTE53_SETTINGS);
        expect(resolved.errors).toEqual([
            "active-active:rtoTargetSeconds: 120 is not met by the configured Route 53 settings (interval 30 s, threshold 3, TTL 60 s): the modeled RTO is 188 s",
        ]);
    });

    test("an explicit TTL means a CNAME record", () => {
        expect(resolveRoute53({ cnameTtlSeconds: 20, failureThreshold: 1 })).toMatchObject({
            settings: { requestIntervalSeconds: 30, failureThreshold: 1, recordKind: "cname", cnameTtlSeconds: 20 },
            rto: { rtoSeconds: 30 + 6 + 20 + 30 },
            errors: [],
        });
    });

    test("an unreachable target returns the best settings and the error", () => {
        const resolved = resolveRoute53({ rtoTargetSeconds: 10 });
        expect(resolved.settings).toEqual({ requestIntervalSeconds: 10, failureThreshold: 1, recordKind: "cname", cnameTtlSeconds: 30 });
        expect(resolved.errors).toEqual([
            "active-active:rtoTargetSeconds: 10 cannot be met with Route 53 CNAME records; the best achievable is 66 s (interval 10 s, threshold 1, TTL 30 s)",
        ]);
    });
});

describe("route53SettingsErrors", () => {
    test.each<[Route53Settings, string[]]>([
        [DEFAULT_ROUTE53_SETTINGS, []],
        [{ ...DEFAULT_ROUTE53_SETTINGS, requestIntervalSeconds: 20 }, ["request interval must be 10 or 30 s, got 20"]],
        [{ ...DEFAULT_ROUTE53_SETTINGS, failureThreshold: 11 }, ["failure threshold must be an integer from 1 to 10, got 11"]],
        [{ ...DEFAULT_ROUTE53_SETTINGS, failureThreshold: 0 }, ["failure threshold must be an integer from 1 to 10, got 0"]],
        [
            { ...DEFAULT_ROUTE53_SETTINGS, cnameTtlSeconds: 60 },
            ["a TTL (60 s) applies only to CNAME records; alias records carry their target's TTL"],
        ],
        [{ ...DEFAULT_ROUTE53_SETTINGS, recordKind: "cname", cnameTtlSeconds: 5 }, ["CNAME TTL must be an integer from 10 to 300 s, got 5"]],
        [{ ...DEFAULT_ROUTE53_SETTINGS, recordKind: "cname", cnameTtlSeconds: 301 }, ["CNAME TTL must be an integer from 10 to 300 s, got 301"]],
    ])("%o", (settings, errors) => {
        expect(route53SettingsErrors(settings)).toEqual(errors);
    });
});
