/**
 * "Did you mean ...?" for a value that is not one of a known list: the closest candidate by edit distance, offered
 * only when it is close enough to be a typo (a quarter of the value's length, at least one edit). Used by every
 * message that lists what is allowed, so the likely fix is read before the list.
 */

/** Levenshtein distance with adjacent transpositions counted as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
            d[i]![j] = best;
        }
    }
    return d[a.length]![b.length]!;
}

/** The candidate closest to `value` when it is within typo distance; ties go to the earlier candidate. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
    const limit = Math.max(1, Math.floor(value.length / 4));
    let best: { candidate: string; distance: number } | undefined;
    for (const candidate of candidates) {
        if (candidate === value) continue;
        const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
        if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance };
    }
    return best?.candidate;
}

/** ` (did you mean "x"?)` to append to a reason, or "" when nothing is close. */
export function didYouMean(value: unknown, candidates: readonly string[]): string {
    if (typeof value !== "string") return "";
    const match = closest(value, candidates);
    return match === undefined ? "" : ` (did you mean "${match}"?)`;
}
