import type { AppConfig } from "./config";
import { principalDigest } from "./principal";

/**
 * Single-table key layout (both key attributes are strings; their names come from the config):
 *
 * | Entity             | partition key                          | sort key      |
 * |--------------------|----------------------------------------|---------------|
 * | item               | `item#<sha256(owner)>#<id>`            | `item`        |
 * | region heartbeat   | `heartbeat#<region>`                   | `heartbeat`   |
 * | idempotency record | `idempotency#<service>#<hash>`         | `idempotency` |
 *
 * Each entity has its own partition key value, so load spreads over partitions (no hot "all idempotency records"
 * partition). Items live in their owner's namespace: an id is the owner's own name for an item, so two principals
 * using one id hold two items, and a create never learns whether someone else's item exists. The owner is also
 * stored as the `owner` attribute and checked on every read and in every condition.
 */

export function itemKey(config: AppConfig, owner: string, id: string): Record<string, string> {
    return { [config.partitionKey]: `item#${principalDigest(owner)}#${id}`, [config.sortKey]: "item" };
}

export function heartbeatKey(config: AppConfig, region: string): Record<string, string> {
    return { [config.partitionKey]: `heartbeat#${region}`, [config.sortKey]: "heartbeat" };
}

export function idempotencyKey(config: AppConfig, hashedKey: string): Record<string, string> {
    return { [config.partitionKey]: `idempotency#${hashedKey}`, [config.sortKey]: "idempotency" };
}
