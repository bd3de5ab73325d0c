import { createHash, randomUUID } from "node:crypto";
import type { AttributeValue, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import type { Context } from "aws-lambda";
import { idempotencyExpiryAttribute, type AppConfig } from "./config";
import { idempotencyKey } from "./keys";

/**
 * `Idempotency-Key` support, built on Powertools for AWS Lambda's idempotency utility with its DynamoDB persistence
 * layer on the service's own table.
 *
 * What Powertools 2.35 sends (read from its source, checked against dynalite in the tests):
 * - PutItem (in-progress record) with `attribute_not_exists(<pk>) OR <expiry> < :now OR (in-progress expired)` and
 *   `ReturnValuesOnConditionCheckFailure: ALL_OLD`. dynalite silently drops that parameter (it deletes request
 *   fields it does not know), so the ConditionalCheckFailedException carries no item and Powertools falls back to
 *   a strongly consistent GetItem, the same path it takes with any backend that returns no item.
 * - UpdateItem to store the completed response, DeleteItem to drop the in-progress record when the request failed,
 *   GetItem to read an existing record. No transactions, TTL API or streams.
 *
 * One method is overridden, `getKey`: with a sort key configured, Powertools puts every record under one partition
 * key value (`idempotency#<AWS_LAMBDA_FUNCTION_NAME>`). That is one hot partition for the whole service, and the
 * function name usually differs per region (Pulumi auto-naming adds a random suffix), so a retry sent to another region would never find
 * the record. Instead each record gets its own partition key, `idempotency#<SERVICE_NAME>#<hash>`, the same in every
 * region.
 *
 * Expiry: records carry their expiry (epoch seconds) in the TTL attribute, so with TTL DynamoDB deletes them.
 * DynamoDB TTL deletes lazily and strong-consistency tables have no TTL at all, so expiry is also enforced on every
 * request: the in-progress PutItem may overwrite a record whose expiry has passed, and a record read back with a past
 * expiry counts as expired (Powertools' `IdempotencyRecord.isExpired`), never as a stored result. Without TTL the
 * expiry attribute is `idempotencyExpiry`, a plain attribute.
 */

export class SpreadKeyPersistenceLayer extends DynamoDBPersistenceLayer {
    private readonly appConfig: AppConfig;

    constructor(appConfig: AppConfig, client: DynamoDBClient) {
        super({
            tableName: appConfig.tableName,
            keyAttr: appConfig.partitionKey,
            sortKeyAttr: appConfig.sortKey,
            expiryAttr: idempotencyExpiryAttribute(appConfig),
            awsSdkV3Client: client,
        });
        this.appConfig = appConfig;
    }

    protected override getKey(hashedKey: string): Record<string, AttributeValue> {
        const key = idempotencyKey(this.appConfig, hashedKey);
        const result: Record<string, AttributeValue> = {};
        for (const [name, value] of Object.entries(key)) result[name] = { S: value };
        return result;
    }
}

/** What identifies one logical write. Two requests with the same key must carry the same fingerprint. */
export interface WriteFingerprint {
    /** The caller: a key or a request of another principal is never the same write. */
    principal: string;
    method: "PUT" | "DELETE";
    id: string;
    expectedVersion: number | null;
    data: Record<string, unknown> | null;
}

export interface IdempotentWrite {
    /** The client's Idempotency-Key within its principal's namespace (see `scopedKey`). */
    scopedKey: string;
    fingerprint: WriteFingerprint;
}

/**
 * The key Powertools hashes into the record's key: the principal and the client's key together, so one caller can
 * neither replay another's stored result nor claim another's key ahead of them (security review F3).
 */
export function scopedKey(principal: string, idempotencyKey: string): string {
    return JSON.stringify([principal, idempotencyKey]);
}

export function idempotentWrite(principal: string, idempotencyKey: string, fingerprint: Omit<WriteFingerprint, "principal">): IdempotentWrite {
    return { scopedKey: scopedKey(principal, idempotencyKey), fingerprint: { principal, ...fingerprint } };
}

export interface IdempotentResult<T> {
    value: T;
    /** True when `value` is the stored result of an earlier request with the same key. */
    replayed: boolean;
}

export interface Idempotency {
    /**
     * Runs `execute` once per Idempotency-Key (within the expiry) and returns its result to every retry. The result is
     * what the record stores: keep it small (a write's outcome and version, never the data; security review F8, F9).
     */
    run<T extends object>(write: IdempotentWrite, context: Context, execute: () => Promise<T>): Promise<IdempotentResult<T>>;
}

const REPLAYED = "__replayed";

export function createIdempotency(appConfig: AppConfig, client: DynamoDBClient): Idempotency {
    const persistenceStore = new SpreadKeyPersistenceLayer(appConfig, client);
    const config = new IdempotencyConfig({
        eventKeyJmesPath: "scopedKey",
        payloadValidationJmesPath: "fingerprint",
        throwOnNoIdempotencyKey: true,
        expiresAfterSeconds: appConfig.idempotencyExpirySeconds,
        hashFunction: "sha256",
        // Applied to stored results only: it marks a replay.
        responseHook: (response) => ({ ...(response as object), [REPLAYED]: true }) as never,
    });
    // The wrapped function receives the work to do next to the payload Powertools hashes.
    const idempotent = makeIdempotent(
        async (_write: IdempotentWrite, execute: () => Promise<object>): Promise<object> => execute(),
        { persistenceStore, config, keyPrefix: appConfig.serviceName, dataIndexArgument: 0 },
    );
    return {
        async run<T extends object>(write: IdempotentWrite, context: Context, execute: () => Promise<T>): Promise<IdempotentResult<T>> {
            // Powertools sets the in-progress record's own expiry from the time this invocation has left.
            config.registerLambdaContext(context);
            const result = (await idempotent(write, execute)) as T & { [REPLAYED]?: boolean };
            const { [REPLAYED]: replayed, ...value } = result;
            return { value: value as T, replayed: replayed === true };
        },
    };
}

/**
 * The `writeId` stored on the item by a write. With an Idempotency-Key it is derived from the principal, the key and
 * the request, so a retry of the same request (even after the idempotency record is gone) recognises its own earlier
 * write; without one it is random, which still lets SDK-level retries of one request recognise each other.
 */
export function writeIdFor(write: IdempotentWrite | null): string {
    if (write === null) return `r:${randomUUID()}`;
    const digest = createHash("sha256").update(canonicalJson([write.scopedKey, write.fingerprint])).digest("base64url");
    return `k:${digest}`;
}

/** JSON with object keys sorted, so equal values always give equal strings. */
export function canonicalJson(value: unknown): string {
    return JSON.stringify(sortedKeys(value)) ?? "null";
}

/** The value with every object's keys in sorted order (arrays keep their order). */
export function sortedKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sortedKeys);
    if (typeof value === "object" && value !== null) {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value).sort()) out[key] = sortedKeys((value as Record<string, unknown>)[key]);
        return out;
    }
    return value;
}
