import { DynamoDBDocumentClient, GetCommand, UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import type { AppConfig } from "./config";
import type { Clock } from "./clock";
import { itemKey } from "./keys";

/**
 * Items with optimistic concurrency, each belonging to the principal that created it.
 *
 * Layout: one item per owner and id, key `{ <pk>: "item#<sha256(owner)>#<id>", <sk>: "item" }` (keys.ts), attributes
 * `entity`, `id`, `owner` (the principal; prod's `by-owner` index keys on it), `data` (a map holding the client's JSON
 * object, so client fields can never collide with ours), `version`, `updatedAt`, `updatedIn` (region), `writeId` and,
 * on tombstones, `deleted` (+ the TTL attribute).
 *
 * - Every write is one conditional `UpdateItem` whose condition includes `owner = <caller>`, and every read checks
 *   the owner: another principal's item is "not found", never "forbidden".
 * - DELETE writes a tombstone (`deleted: true`, version + 1, no data) instead of removing the item, so versions never
 *   go backwards when an id is deleted and created again, and a retried delete can recognise its own tombstone.
 *   Tombstones expire through TTL after `IDEMPOTENCY_EXPIRY_SECONDS` where the table has TTL.
 * - Versions never repeat for an id, even once TTL removed a tombstone: a new item's first version is the creation
 *   time in milliseconds, and each write adds one. An earlier item under the id started no later than its own
 *   creation and gained at most one version per millisecond of its life (one item lives in one partition, and a
 *   partition takes at most 1,000 write units a second: `DYNAMODB_PARTITION_MAX_WCU` in aws-facts), so its last version
 *   is at most about the time of its delete; TTL removes the tombstone no earlier than
 *   `IDEMPOTENCY_EXPIRY_SECONDS` (at least 60 s) after that, and the new first version is later still. An old ETag
 *   can therefore never name a later item.
 * - Every write stores a `writeId`. When a conditional write fails, the item is read back (strongly consistent) and,
 *   if it carries our `writeId`, an earlier attempt of this same request already succeeded (the SDK retried after a
 *   lost response, or the client retried with the same Idempotency-Key): the write is reported as done, not as a
 *   conflict. That is what keeps "acknowledged exactly once" true across lost responses.
 */

export interface Item {
    id: string;
    version: number;
    data: Record<string, unknown>;
    updatedAt: string;
    updatedIn: string;
}

interface StoredRecord extends Item {
    owner: string;
    writeId: string;
    deleted: boolean;
}

export type WriteResult =
    | { outcome: "created" | "updated"; item: Item }
    | { outcome: "deleted"; id: string; version: number }
    | { outcome: "already_exists"; currentVersion: number }
    | { outcome: "version_mismatch"; currentVersion: number | null }
    | { outcome: "not_found" };

export interface PutInput {
    /** The caller: the item's owner. */
    owner: string;
    id: string;
    data: Record<string, unknown>;
    /** Update only if the stored version is this one; `undefined`: create only if absent. */
    expectedVersion: number | undefined;
    writeId: string;
}

export interface DeleteInput {
    owner: string;
    id: string;
    /** Delete only if the stored version is this one; `undefined`: delete whatever version exists. */
    expectedVersion: number | undefined;
    writeId: string;
}

/** A conditional write can fail and then find a state in which it would succeed (a concurrent change); retry it this often. */
const MAX_WRITE_ATTEMPTS = 3;

export function isConditionalCheckFailed(error: unknown): boolean {
    return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

export class ItemStore {
    constructor(
        private readonly doc: DynamoDBDocumentClient,
        private readonly config: AppConfig,
        private readonly clock: Clock,
    ) {}

    /** The owner's live item, or `null` when it does not exist or is deleted. Strongly consistent within this region. */
    async get(owner: string, id: string): Promise<Item | null> {
        const record = await this.read(owner, id);
        return record === null || record.deleted ? null : toItem(record);
    }

    async put(input: PutInput): Promise<WriteResult> {
        for (let attempt = 1; ; attempt++) {
            try {
                const result = await this.doc.send(new UpdateCommand(this.putCommand(input)));
                const record = toRecord(result.Attributes);
                if (record === null) throw new Error("UpdateItem returned no attributes");
                return { outcome: input.expectedVersion === undefined ? "created" : "updated", item: toItem(record) };
            } catch (error) {
                if (!isConditionalCheckFailed(error)) throw error;
            }
            const current = await this.read(input.owner, input.id);
            if (current !== null && current.writeId === input.writeId && !current.deleted) {
                // An earlier attempt of this very request is what is stored.
                return { outcome: input.expectedVersion === undefined ? "created" : "updated", item: toItem(current) };
            }
            const live = current !== null && !current.deleted ? current : null;
            if (input.expectedVersion === undefined) {
                if (live !== null) return { outcome: "already_exists", currentVersion: live.version };
            } else if (live === null || live.version !== input.expectedVersion) {
                return { outcome: "version_mismatch", currentVersion: live?.version ?? null };
            }
            // The state now satisfies the condition: it changed between the write and the read. Try again.
            if (attempt >= MAX_WRITE_ATTEMPTS) {
                return live === null
                    ? { outcome: "version_mismatch", currentVersion: null }
                    : { outcome: "version_mismatch", currentVersion: live.version };
            }
        }
    }

    async delete(input: DeleteInput): Promise<WriteResult> {
        for (let attempt = 1; ; attempt++) {
            try {
                const result = await this.doc.send(new UpdateCommand(this.deleteCommand(input)));
                const record = toRecord(result.Attributes);
                if (record === null) throw new Error("UpdateItem returned no attributes");
                return { outcome: "deleted", id: input.id, version: record.version };
            } catch (error) {
                if (!isConditionalCheckFailed(error)) throw error;
            }
            const current = await this.read(input.owner, input.id);
            if (current !== null && current.writeId === input.writeId && current.deleted) {
                return { outcome: "deleted", id: input.id, version: current.version };
            }
            const live = current !== null && !current.deleted ? current : null;
            if (live === null) return { outcome: "not_found" };
            if (input.expectedVersion !== undefined && live.version !== input.expectedVersion) {
                return { outcome: "version_mismatch", currentVersion: live.version };
            }
            if (attempt >= MAX_WRITE_ATTEMPTS) return { outcome: "version_mismatch", currentVersion: live.version };
        }
    }

    /** The owner's record under `id`; a record of anyone else is never returned (defence in depth: keys are per owner). */
    private async read(owner: string, id: string): Promise<StoredRecord | null> {
        const result = await this.doc.send(
            new GetCommand({ TableName: this.config.tableName, Key: itemKey(this.config, owner, id), ConsistentRead: true }),
        );
        const record = toRecord(result.Item);
        return record !== null && record.owner === owner ? record : null;
    }

    private putCommand(input: PutInput): UpdateCommandInput {
        const { config } = this;
        const names: Record<string, string> = {
            "#entity": "entity",
            "#id": "id",
            "#owner": "owner",
            "#data": "data",
            "#version": "version",
            "#updatedAt": "updatedAt",
            "#updatedIn": "updatedIn",
            "#writeId": "writeId",
            "#deleted": "deleted",
        };
        const values: Record<string, unknown> = {
            ":entity": "item",
            ":id": input.id,
            ":owner": input.owner,
            ":data": input.data,
            ":updatedAt": new Date(this.clock.now()).toISOString(),
            ":updatedIn": config.region,
            ":writeId": input.writeId,
        };
        const set = "SET #entity = :entity, #id = :id, #owner = :owner, #data = :data, #updatedAt = :updatedAt, #updatedIn = :updatedIn, #writeId = :writeId";
        let update: string;
        let condition: string;
        if (input.expectedVersion === undefined) {
            // Create: the id must be free, or hold the owner's tombstone whose version we continue from. A free id
            // starts at the creation time in milliseconds (see above: versions never repeat).
            names["#pk"] = config.partitionKey;
            values[":base"] = this.clock.now() - 1;
            values[":one"] = 1;
            values[":true"] = true;
            update = `${set}, #version = if_not_exists(#version, :base) + :one REMOVE #deleted`;
            if (config.ttlAttribute !== null) {
                names["#ttl"] = config.ttlAttribute;
                update += ", #ttl";
            }
            condition = "attribute_not_exists(#pk) OR (#deleted = :true AND #owner = :owner)";
        } else {
            values[":expected"] = input.expectedVersion;
            values[":next"] = input.expectedVersion + 1;
            update = `${set}, #version = :next`;
            condition = "#version = :expected AND attribute_not_exists(#deleted) AND #owner = :owner";
        }
        return {
            TableName: config.tableName,
            Key: itemKey(config, input.owner, input.id),
            UpdateExpression: update,
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: "ALL_NEW",
        };
    }

    private deleteCommand(input: DeleteInput): UpdateCommandInput {
        const { config } = this;
        const names: Record<string, string> = {
            "#pk": config.partitionKey,
            "#owner": "owner",
            "#data": "data",
            "#version": "version",
            "#updatedAt": "updatedAt",
            "#updatedIn": "updatedIn",
            "#writeId": "writeId",
            "#deleted": "deleted",
        };
        const values: Record<string, unknown> = {
            ":true": true,
            ":one": 1,
            ":owner": input.owner,
            ":updatedAt": new Date(this.clock.now()).toISOString(),
            ":updatedIn": config.region,
            ":writeId": input.writeId,
        };
        let update = "SET #deleted = :true, #version = #version + :one, #updatedAt = :updatedAt, #updatedIn = :updatedIn, #writeId = :writeId";
        if (config.ttlAttribute !== null) {
            names["#ttl"] = config.ttlAttribute;
            values[":expiresAt"] = Math.floor(this.clock.now() / 1000) + config.idempotencyExpirySeconds;
            update += ", #ttl = :expiresAt";
        }
        update += " REMOVE #data";
        let condition = "attribute_exists(#pk) AND attribute_not_exists(#deleted) AND #owner = :owner";
        if (input.expectedVersion !== undefined) {
            values[":expected"] = input.expectedVersion;
            condition += " AND #version = :expected";
        }
        return {
            TableName: config.tableName,
            Key: itemKey(config, input.owner, input.id),
            UpdateExpression: update,
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: "ALL_NEW",
        };
    }
}

function toRecord(attributes: Record<string, unknown> | undefined): StoredRecord | null {
    if (attributes === undefined) return null;
    const data = attributes.data;
    return {
        id: String(attributes.id ?? ""),
        owner: String(attributes.owner ?? ""),
        version: Number(attributes.version ?? 0),
        data: typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
        updatedAt: String(attributes.updatedAt ?? ""),
        updatedIn: String(attributes.updatedIn ?? ""),
        writeId: String(attributes.writeId ?? ""),
        deleted: attributes.deleted === true,
    };
}

function toItem(record: StoredRecord): Item {
    return { id: record.id, version: record.version, data: record.data, updatedAt: record.updatedAt, updatedIn: record.updatedIn };
}
