import type { AppConfig } from "./config";

/**
 * Single-table key layout (both key attributes are strings; their names come from the config):
 *
 * | Entity             | partition key                      | sort key      |
 * |--------------------|------------------------------------|---------------|
 * | item               | `item#<id>`                        | `item`        |
 * | region heartbeat   | `heartbeat#<region>`               | `heartbeat`   |
 * | idempotency record | `idempotency#<service>#<hash>`     | `idempotency` |
 *
 * Each entity has its own partition key value, so load spreads over partitions (no hot "all idempotency records"
 * partition).
 */

export function itemKey(config: AppConfig, id: string): Record<string, string> {
    return { [config.partitionKey]: `item#${id}`, [config.sortKey]: "item" };
}

export function heartbeatKey(config: AppConfig, region: string): Record<string, string> {
    return { [config.partitionKey]: `heartbeat#${region}`, [config.sortKey]: "heartbeat" };
}

export function idempotencyKey(config: AppConfig, hashedKey: string): Record<string, string> {
    return { [config.partitionKey]: `idempotency#${hashedKey}`, [config.sortKey]: "idempotency" };
}
