import { errorResponse, etag, json, noContent, type HttpResponse } from "./http";
import { sortedKeys } from "./idempotency";
import type { Item, WriteResult } from "./items";

/**
 * How a write's result becomes its HTTP answer, and what of it the idempotency record keeps.
 *
 * The record keeps the outcome only (which one, the version, when and where): never the data, so a record stays a
 * few hundred bytes whatever the item's size, and a deleted item leaves no copy of its data behind (security review
 * F8, F9). The answer is rebuilt from the outcome and the request's own data: a retry with the same key carries the
 * same data (Powertools compares the fingerprint), so the replay is the first answer byte for byte. Data is served
 * with its object keys sorted, so the bytes do not depend on the order a client or DynamoDB listed them in.
 */

export type WriteOutcome =
    | { outcome: "created" | "updated"; version: number; updatedAt: string; updatedIn: string }
    | { outcome: "deleted" }
    | { outcome: "already_exists"; currentVersion: number }
    | { outcome: "version_mismatch"; currentVersion: number | null }
    | { outcome: "not_found" };

/** Header set on responses that are replays of a stored result. */
export const REPLAY_HEADER = "idempotent-replayed";

/** The outcome of an item store write, without the data. */
export function outcomeOf(result: WriteResult): WriteOutcome {
    switch (result.outcome) {
        case "created":
        case "updated": {
            const { version, updatedAt, updatedIn } = result.item;
            return { outcome: result.outcome, version, updatedAt, updatedIn };
        }
        case "deleted":
            return { outcome: "deleted" };
        default:
            return result;
    }
}

/** An item as the API serves it. */
export function itemBody(item: Item): Record<string, unknown> {
    return { id: item.id, version: item.version, data: sortedKeys(item.data), updatedAt: item.updatedAt, updatedIn: item.updatedIn };
}

/** The answer to a write: `data` is what the request wrote (null for DELETE). */
export function writeResponse(id: string, outcome: WriteOutcome, expectedVersion: number | undefined, data: Record<string, unknown> | null): HttpResponse {
    switch (outcome.outcome) {
        case "created":
        case "updated": {
            const item: Item = { id, version: outcome.version, data: data ?? {}, updatedAt: outcome.updatedAt, updatedIn: outcome.updatedIn };
            return json(outcome.outcome === "created" ? 201 : 200, itemBody(item), { etag: etag(outcome.version) });
        }
        case "deleted":
            return noContent();
        case "already_exists":
            return errorResponse(
                409,
                "item_already_exists",
                `Item ${id} already exists at version ${outcome.currentVersion}; send If-Match: "${outcome.currentVersion}" to update it.`,
                {},
                { currentVersion: outcome.currentVersion },
            );
        case "version_mismatch":
            return errorResponse(
                409,
                "version_mismatch",
                outcome.currentVersion === null
                    ? `Item ${id} does not exist, so it is not at version ${expectedVersion}.`
                    : `Item ${id} is at version ${outcome.currentVersion}, not ${expectedVersion}.`,
                {},
                { currentVersion: outcome.currentVersion },
            );
        case "not_found":
            return errorResponse(404, "item_not_found", `Item ${id} does not exist.`);
    }
}
