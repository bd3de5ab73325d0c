import {
    DOCS,
    RESOLVER_MINIMUM_TTL_SECONDS,
    ROUTE53_ALIAS_TARGET_TTL_SECONDS,
    ROUTE53_CALCULATED_CHECK_SECONDS,
    ROUTE53_CHECKER_AGGREGATION_SECONDS,
    ROUTE53_CHECK_TIMEOUT_SECONDS,
    ROUTE53_CNAME_TTL_SECONDS,
    ROUTE53_DEFAULT_FAILURE_THRESHOLD,
    ROUTE53_DEFAULT_REQUEST_INTERVAL_SECONDS,
    ROUTE53_FAILURE_THRESHOLD,
    ROUTE53_REQUEST_INTERVALS,
} from "./constants";
import { cachedAnswerPart, connectionReusePart } from "./dns";
import { Derivation, Resolved, Rto, RtoPart, sumParts } from "./types";

/** `alias`: an alias A/AAAA record to the regional custom domain (its TTL is the target's); `cname`: our own TTL. */
export type RecordKind = "alias" | "cname";

export interface Route53Settings {
    /** Seconds between a checker's response and its next request: 10 or 30. */
    requestIntervalSeconds: number;
    /** Consecutive failures before a checker reports the endpoint unhealthy: 1 to 10. */
    failureThreshold: number;
    recordKind: RecordKind;
    /** CNAME records only: the record's TTL. Absent for alias records, which carry their target's TTL. */
    cnameTtlSeconds?: number;
    /**
     * The longest the service's clients keep a pooled connection open. Unset: clients follow docs/traffic.md and
     * close them within the record's TTL (assumed), which adds nothing to the RTO.
     */
    clientMaxConnectionAgeSeconds?: number;
}

/** AWS's health check defaults with an alias record: the modeled RTO is 188 s. */
export const DEFAULT_ROUTE53_SETTINGS: Route53Settings = {
    requestIntervalSeconds: ROUTE53_DEFAULT_REQUEST_INTERVAL_SECONDS,
    failureThreshold: ROUTE53_DEFAULT_FAILURE_THRESHOLD,
    recordKind: "alias",
};

/** The detection terms only: what the health check settings cost before any DNS cache. */
function route53DetectionParts(s: Route53Settings): RtoPart[] {
    return [
        {
            part: `detection: interval ${s.requestIntervalSeconds} s x threshold ${s.failureThreshold}`,
            seconds: s.requestIntervalSeconds * s.failureThreshold,
            source: DOCS.route53HealthStatus,
            assumed: false,
        },
        {
            part: `check timeouts of a hanging endpoint: ${ROUTE53_CHECK_TIMEOUT_SECONDS} s x threshold ${s.failureThreshold}`,
            seconds: ROUTE53_CHECK_TIMEOUT_SECONDS * s.failureThreshold,
            source: DOCS.route53HealthStatus,
            assumed: false,
        },
        {
            part: "checker aggregation",
            seconds: ROUTE53_CHECKER_AGGREGATION_SECONDS,
            source: DOCS.route53HealthStatus,
            assumed: true,
        },
        {
            part: "calculated gate check",
            seconds: ROUTE53_CALCULATED_CHECK_SECONDS,
            source: DOCS.route53HealthCheckValues,
            assumed: true,
        },
    ];
}

/** Modeled worst-case RTO of latency records gated by health checks with these settings (taken as given). */
export function route53Rto(s: Route53Settings): Rto {
    const dns =
        s.recordKind === "alias"
            ? cachedAnswerPart(ROUTE53_ALIAS_TARGET_TTL_SECONDS, "alias target", DOCS.route53AliasTtl, true)
            : cachedAnswerPart(s.cnameTtlSeconds ?? ROUTE53_CNAME_TTL_SECONDS.default, "CNAME", DOCS.route53RecordTtl, false);
    return sumParts([...route53DetectionParts(s), dns, connectionReusePart(dns.seconds, s.clientMaxConnectionAgeSeconds)]);
}

/** Range errors in explicit settings (empty when valid). The caller prefixes its config key. */
export function route53SettingsErrors(s: Route53Settings): string[] {
    const errors: string[] = [];
    if (!ROUTE53_REQUEST_INTERVALS.includes(s.requestIntervalSeconds)) {
        errors.push(`request interval must be 10 or 30 s, got ${s.requestIntervalSeconds}`);
    }
    const { min, max } = ROUTE53_FAILURE_THRESHOLD;
    if (!Number.isInteger(s.failureThreshold) || s.failureThreshold < min || s.failureThreshold > max) {
        errors.push(`failure threshold must be an integer from ${min} to ${max}, got ${s.failureThreshold}`);
    }
    if (s.recordKind === "alias" && s.cnameTtlSeconds !== undefined) {
        errors.push(`a TTL (${s.cnameTtlSeconds} s) applies only to CNAME records; alias records carry their target's TTL`);
    }
    const ttl = s.cnameTtlSeconds;
    if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < ROUTE53_CNAME_TTL_SECONDS.min || ttl > ROUTE53_CNAME_TTL_SECONDS.max)) {
        errors.push(
            `CNAME TTL must be an integer from ${ROUTE53_CNAME_TTL_SECONDS.min} to ${ROUTE53_CNAME_TTL_SECONDS.max} s, got ${ttl}`,
        );
    }
    return errors;
}

/** "interval 10 s, threshold 1, TTL 30 s" */
export function describeRoute53(s: Route53Settings): string {
    const ttl = s.recordKind === "alias" ? ROUTE53_ALIAS_TARGET_TTL_SECONDS : (s.cnameTtlSeconds ?? ROUTE53_CNAME_TTL_SECONDS.default);
    return `interval ${s.requestIntervalSeconds} s, threshold ${s.failureThreshold}, TTL ${ttl} s`;
}

/**
 * Detection settings from the most tolerant (AWS's defaults: fewest false failovers, cheapest) to the fastest.
 * Thresholds above AWS's default of 3 only slow detection, so derivation never picks them.
 */
const DETECTION_CANDIDATES: Array<Pick<Route53Settings, "requestIntervalSeconds" | "failureThreshold">> = [30, 10]
    .flatMap((requestIntervalSeconds) =>
        [3, 2, 1].map((failureThreshold) => ({ requestIntervalSeconds, failureThreshold })),
    )
    .map((c) => ({ c, seconds: route53Rto({ ...c, recordKind: "alias" }).rtoSeconds }))
    .sort((a, b) => b.seconds - a.seconds || b.c.requestIntervalSeconds - a.c.requestIntervalSeconds)
    .map(({ c }) => c);

/** The client's connection age, when one is given, carried on every settings object the model returns. */
type ClientAge = Pick<Route53Settings, "clientMaxConnectionAgeSeconds">;

function clientAge(age: number | undefined): ClientAge {
    return age === undefined ? {} : { clientMaxConnectionAgeSeconds: age };
}

function fit(targetSeconds: number, recordKind: RecordKind, client: ClientAge): Route53Settings | undefined {
    for (const detection of DETECTION_CANDIDATES) {
        if (recordKind === "alias") {
            const settings: Route53Settings = { ...detection, recordKind, ...client };
            if (route53Rto(settings).rtoSeconds <= targetSeconds) return settings;
            continue;
        }
        const budget = targetSeconds - sumParts(route53DetectionParts({ ...detection, recordKind })).rtoSeconds;
        const ttl = Math.min(ROUTE53_CNAME_TTL_SECONDS.default, Math.floor(budget));
        if (ttl < ROUTE53_CNAME_TTL_SECONDS.min) continue;
        const settings: Route53Settings = { ...detection, recordKind, cnameTtlSeconds: ttl, ...client };
        if (route53Rto(settings).rtoSeconds <= targetSeconds) return settings;
    }
    return undefined;
}

function fastest(recordKind: RecordKind, client: ClientAge): Route53Settings {
    const detection = DETECTION_CANDIDATES[DETECTION_CANDIDATES.length - 1]!;
    return recordKind === "alias"
        ? { ...detection, recordKind, ...client }
        : { ...detection, recordKind, cnameTtlSeconds: Math.max(ROUTE53_CNAME_TTL_SECONDS.min, RESOLVER_MINIMUM_TTL_SECONDS), ...client };
}

/**
 * The most tolerant settings whose modeled RTO meets the target. With no `recordKind` an alias record is preferred
 * and a CNAME with a short TTL is used only when the alias target's TTL puts the target out of reach.
 */
export function deriveRoute53(
    targetSeconds: number,
    options: { recordKind?: RecordKind; clientMaxConnectionAgeSeconds?: number } = {},
): Derivation<Route53Settings> {
    const kinds: RecordKind[] = options.recordKind ? [options.recordKind] : ["alias", "cname"];
    const client = clientAge(options.clientMaxConnectionAgeSeconds);
    for (const kind of kinds) {
        const settings = fit(targetSeconds, kind, client);
        if (settings) return { ok: true, settings, rto: route53Rto(settings) };
    }
    const bestKind = kinds[kinds.length - 1]!;
    const best = fastest(bestKind, client);
    const rto = route53Rto(best);
    return {
        ok: false,
        error:
            `active-active:rtoTargetSeconds: ${targetSeconds} cannot be met with Route 53 ${bestKind === "alias" ? "alias" : "CNAME"} records; ` +
            `the best achievable is ${rto.rtoSeconds} s (${describeRoute53(best)})`,
        best: { settings: best, rto },
    };
}

export interface Route53Request {
    /** `active-active:rtoTargetSeconds`: derive settings that meet it, or check explicit ones against it. */
    rtoTargetSeconds?: number;
    /** Force the record kind; otherwise alias, or CNAME when the target needs it (or when a TTL is given). */
    recordKind?: RecordKind;
    /** Explicit settings are taken as given (missing ones from AWS's defaults) and evaluated, never adjusted. */
    requestIntervalSeconds?: number;
    failureThreshold?: number;
    cnameTtlSeconds?: number;
    /** The clients' longest pooled-connection age, when they keep connections longer than the record's TTL. */
    clientMaxConnectionAgeSeconds?: number;
}

/** One call for the config layer: explicit settings, else settings derived from the target, else the defaults. */
export function resolveRoute53(request: Route53Request): Resolved<Route53Settings> {
    const { rtoTargetSeconds: target, recordKind, requestIntervalSeconds, failureThreshold, cnameTtlSeconds, clientMaxConnectionAgeSeconds } = request;
    const explicit = requestIntervalSeconds !== undefined || failureThreshold !== undefined || cnameTtlSeconds !== undefined;

    if (!explicit && target !== undefined) {
        const derived = deriveRoute53(target, { recordKind, clientMaxConnectionAgeSeconds });
        return derived.ok
            ? { settings: derived.settings, rto: derived.rto, errors: [] }
            : { settings: derived.best.settings, rto: derived.best.rto, errors: [derived.error] };
    }

    const kind = recordKind ?? (cnameTtlSeconds !== undefined ? "cname" : "alias");
    const settings: Route53Settings = {
        requestIntervalSeconds: requestIntervalSeconds ?? DEFAULT_ROUTE53_SETTINGS.requestIntervalSeconds,
        failureThreshold: failureThreshold ?? DEFAULT_ROUTE53_SETTINGS.failureThreshold,
        recordKind: kind,
        ...(kind === "cname" || cnameTtlSeconds !== undefined
            ? { cnameTtlSeconds: cnameTtlSeconds ?? ROUTE53_CNAME_TTL_SECONDS.default }
            : {}),
        ...clientAge(clientMaxConnectionAgeSeconds),
    };
    const rto = route53Rto(settings);
    const errors = route53SettingsErrors(settings);
    if (target !== undefined && rto.rtoSeconds > target) {
        errors.push(
            `active-active:rtoTargetSeconds: ${target} is not met by the configured Route 53 settings ` +
                `(${describeRoute53(settings)}): the modeled RTO is ${rto.rtoSeconds} s`,
        );
    }
    return { settings, rto, errors };
}
