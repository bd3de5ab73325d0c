import { CLIENT_CONNECTION_AGE_RECOMMENDATION, DOCS, RESOLVER_MINIMUM_TTL_SECONDS } from "./constants";
import { RtoPart } from "./types";

/** The TTL a cached answer lives for: the record's own, but never less than what resolvers are assumed to honour. */
export function cachedAnswerPart(ttlSeconds: number, what: string, source: string, ttlAssumed: boolean): RtoPart {
    const clamped = ttlSeconds < RESOLVER_MINIMUM_TTL_SECONDS;
    return {
        part: clamped
            ? `DNS cache: ${what} TTL ${ttlSeconds} s, raised to the resolver minimum ${RESOLVER_MINIMUM_TTL_SECONDS} s`
            : `DNS cache: ${what} TTL ${ttlSeconds} s`,
        seconds: Math.max(ttlSeconds, RESOLVER_MINIMUM_TTL_SECONDS),
        source: clamped ? DOCS.resolverTtl : source,
        assumed: clamped || ttlAssumed,
    };
}

/**
 * Pooled client connections opened just before the records changed stay on the failed region for the client's
 * maximum connection age. The DNS cache already counts `cachedSeconds`; only an age beyond it adds time. Unset, the
 * client is assumed to follow the recommendation (close connections within the TTL), which adds nothing.
 */
export function connectionReusePart(cachedSeconds: number, maxConnectionAgeSeconds: number | undefined): RtoPart {
    const age = maxConnectionAgeSeconds ?? cachedSeconds;
    const shown = maxConnectionAgeSeconds === undefined ? `${CLIENT_CONNECTION_AGE_RECOMMENDATION} (recommended)` : `${age} s`;
    return {
        part: `client connection reuse: max connection age ${shown}, beyond the ${cachedSeconds} s DNS cache`,
        seconds: Math.max(0, age - cachedSeconds),
        source: DOCS.clientConnectionLifetime,
        assumed: true,
    };
}
