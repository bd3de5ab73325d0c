import {
    CLOUDFLARE_REGION_CODES,
    cloudflareRto,
    cloudflareSettingsErrors,
    cloudflareSteering,
    CloudflareSettings,
    deriveCloudflare,
    DEFAULT_CLOUDFLARE_SETTINGS,
    resolveCloudflare,
} from "./index";

describe("cloudflareRto", () => {
    test.each<[string, CloudflareSettings, number]>([
        // interval x down + timeout x (retries + 1) x down + 10 propagation + DNS cache
        ["defaults, proxied", DEFAULT_CLOUDFLARE_SETTINGS, 60 + 15 + 10 + 0],
        ["defaults, DNS-only", { ...DEFAULT_CLOUDFLARE_SETTINGS, proxied: false }, 60 + 15 + 10 + 30],
        ["DNS-only with a 120 s TTL", { ...DEFAULT_CLOUDFLARE_SETTINGS, proxied: false, ttlSeconds: 120 }, 60 + 15 + 10 + 120],
        ["enterprise, 10 s, down 3, no retries", { intervalSeconds: 10, consecutiveDown: 3, retries: 0, timeoutSeconds: 2, proxied: true }, 30 + 6 + 10],
        // Clients that keep pooled connections past the TTL stay on the failed origin that much longer.
        ["DNS-only, clients keep connections 300 s", { ...DEFAULT_CLOUDFLARE_SETTINGS, proxied: false, clientMaxConnectionAgeSeconds: 300 }, 60 + 15 + 10 + 30 + 270],
        // Proxied, clients hold connections to the edge, which picks a pool per request.
        ["proxied, clients keep connections 300 s", { ...DEFAULT_CLOUDFLARE_SETTINGS, clientMaxConnectionAgeSeconds: 300 }, 60 + 15 + 10],
    ])("%s", (_, settings, expected) => {
        expect(cloudflareRto(settings).rtoSeconds).toBe(expected);
    });

    test("breakdown", () => {
        expect(cloudflareRto(DEFAULT_CLOUDFLARE_SETTINGS).breakdown.map((p) => [p.part, p.seconds, p.assumed])).toEqual([
            ["detection: interval 60 s x consecutive down 1", 60, false],
            ["check timeouts of a hanging origin: 5 s x 3 attempts x consecutive down 1", 15, true],
            ["health propagation to the edge", 10, true],
            ["DNS cache: none (proxied)", 0, false],
            ["client connection reuse: none (proxied: the edge picks a pool per request)", 0, false],
        ]);
    });

    test("DNS-only: the client connection term beyond the DNS cache, assumed, cited", () => {
        const parts = cloudflareRto({ ...DEFAULT_CLOUDFLARE_SETTINGS, proxied: false }).breakdown.slice(3);
        expect(parts.map((p) => [p.part, p.seconds, p.assumed])).toEqual([
            ["DNS cache: load balancer TTL 30 s", 30, true],
            ["client connection reuse: max connection age at most the record's TTL (recommended), beyond the 30 s DNS cache", 0, true],
        ]);
        expect(parts[1]!.source).toBe("https://learn.microsoft.com/en-us/dotnet/fundamentals/networking/http/httpclient-guidelines#dns-behavior");
    });
});

describe("cloudflareSteering", () => {
    test("dynamic latency probed from every region: nobody falls back to failover order", () => {
        expect(cloudflareSteering("dynamic_latency", [...CLOUDFLARE_REGION_CODES])).toEqual({
            policy: "dynamic_latency",
            checkRegions: [...CLOUDFLARE_REGION_CODES],
            failoverOrderRegions: [],
            basis: "fastest pool by the monitor's RTT from 13 Cloudflare regions; every region has RTT data for every pool",
            source: "https://developers.cloudflare.com/load-balancing/understand-basics/traffic-steering/steering-policies/dynamic-steering/",
        });
    });

    test("dynamic latency probed from each pool's own region only (the old layout): most of the world gets failover order", () => {
        const steering = cloudflareSteering("dynamic_latency", ["ENAM", "WNAM", "WEU"]);
        expect(steering.failoverOrderRegions).toEqual(["EEU", "NSAM", "SSAM", "OC", "ME", "NAF", "SAF", "SAS", "SEAS", "NEAS"]);
        expect(steering.basis).toBe(
            "fastest pool by the monitor's RTT from 3 Cloudflare regions; users in EEU, NSAM, SSAM, OC, ME, NAF, SAF, SAS, SEAS, NEAS have no RTT data and get failover order (config order)",
        );
    });

    test("proximity needs no RTT data: the probing regions decide health only", () => {
        expect(cloudflareSteering("proximity", ["ENAM"])).toMatchObject({ failoverOrderRegions: [], basis: "nearest pool by its coordinates; health from 1 Cloudflare region" });
    });
});

describe("deriveCloudflare", () => {
    test.each<[number, "free" | "pro" | "business" | "enterprise", boolean, number, number]>([
        [300, "pro", true, 60, 85],
        [85, "enterprise", true, 60, 85],
        [84, "enterprise", true, 30, 55],
        [40, "business", true, 15, 40],
        [39, "enterprise", true, 10, 35],
        [100, "enterprise", false, 30, 85],
    ])("target %i s on %s (proxied %s)", (target, plan, proxied, intervalSeconds, rtoSeconds) => {
        const derived = deriveCloudflare(target, { plan, proxied });
        expect(derived.ok).toBe(true);
        if (!derived.ok) return;
        expect(derived.settings).toEqual({ ...DEFAULT_CLOUDFLARE_SETTINGS, intervalSeconds, proxied });
        expect(derived.rto.rtoSeconds).toBe(rtoSeconds);
    });

    test.each<[number, "free" | "pro" | "business" | "enterprise", boolean, string]>([
        [60, "pro", true, "active-active:rtoTargetSeconds: 60 cannot be met with a proxied Cloudflare load balancer on the pro plan; the best achievable is 85 s (interval 60 s, consecutive down 1, retries 2)"],
        [30, "enterprise", true, "active-active:rtoTargetSeconds: 30 cannot be met with a proxied Cloudflare load balancer on the enterprise plan; the best achievable is 35 s (interval 10 s, consecutive down 1, retries 2)"],
        [60, "enterprise", false, "active-active:rtoTargetSeconds: 60 cannot be met with a DNS-only Cloudflare load balancer on the enterprise plan; the best achievable is 65 s (interval 10 s, consecutive down 1, retries 2, TTL 30 s)"],
    ])("unreachable target %i s on %s (proxied %s)", (target, plan, proxied, error) => {
        const derived = deriveCloudflare(target, { plan, proxied });
        expect(derived.ok).toBe(false);
        if (!derived.ok) expect(derived.error).toBe(error);
    });

    test("the plan defaults to pro", () => {
        expect(deriveCloudflare(80)).toMatchObject({ ok: false, best: { settings: { intervalSeconds: 60 } } });
    });
});

describe("resolveCloudflare", () => {
    test("explicit settings are accepted as given; a too-short interval and a missed target are both reported", () => {
        const resolved = resolveCloudflare({ plan: "pro", intervalSeconds: 30, rtoTargetSeconds: 30 });
        expect(resolved.settings).toEqual({ ...DEFAULT_CLOUDFLARE_SETTINGS, intervalSeconds: 30 });
        expect(resolved.errors).toEqual([
            "monitor interval must be an integer of at least 60 s on the pro plan, got 30",
            "active-active:rtoTargetSeconds: 30 is not met by the configured Cloudflare monitor (interval 30 s, consecutive down 1, retries 2): the modeled RTO is 55 s",
        ]);
    });

    test("derives from the target when nothing is explicit", () => {
        expect(resolveCloudflare({ plan: "business", rtoTargetSeconds: 60 })).toMatchObject({
            settings: { intervalSeconds: 30 },
            rto: { rtoSeconds: 55 },
            errors: [],
        });
    });
});

describe("cloudflareSettingsErrors", () => {
    test.each<[Partial<CloudflareSettings>, string[]]>([
        [{}, []],
        [{ consecutiveDown: 0 }, ["consecutive down must be an integer of at least 1, got 0"]],
        [{ retries: -1 }, ["retries must be an integer of at least 0, got -1"]],
        [{ timeoutSeconds: 0 }, ["timeout must be positive, got 0"]],
        [{ ttlSeconds: 30 }, ["a TTL (30 s) applies only to unproxied load balancers"]],
    ])("%o", (change, errors) => {
        expect(cloudflareSettingsErrors({ ...DEFAULT_CLOUDFLARE_SETTINGS, ...change }, "pro")).toEqual(errors);
    });
});
