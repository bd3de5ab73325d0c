/** One term of a modeled failover time, with where its figure comes from. */
export interface RtoPart {
    part: string;
    seconds: number;
    /** The documentation page the figure (or the rule behind it) comes from. */
    source: string;
    /** True when the provider does not document the figure and we chose it. */
    assumed: boolean;
}

/** A modeled worst-case time until users are moved off a failed region. */
export interface Rto {
    rtoSeconds: number;
    breakdown: RtoPart[];
}

/** Settings derived from an RTO target, or the reason the target cannot be met and the best we can do. */
export type Derivation<S> =
    | { ok: true; settings: S; rto: Rto }
    | { ok: false; error: string; best: { settings: S; rto: Rto } };

/** What the config layer needs: the settings to deploy, their RTO, and every error found (empty when fine). */
export interface Resolved<S> {
    settings: S;
    rto: Rto;
    errors: string[];
}

export function sumParts(breakdown: RtoPart[]): Rto {
    return { rtoSeconds: breakdown.reduce((total, p) => total + p.seconds, 0), breakdown };
}
