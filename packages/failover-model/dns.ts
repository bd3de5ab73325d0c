import { DOCS, RESOLVER_MINIMUM_TTL_SECONDS } from "./constants";
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
