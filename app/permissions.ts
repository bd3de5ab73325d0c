/**
 * The DynamoDB actions the service sends, and nothing else. The infrastructure grants exactly these on the
 * table (no wildcard). Who sends what:
 *
 * - `dynamodb:GetItem`: item reads, the re-read after a failed conditional write, heartbeat reads, and
 *   Powertools idempotency record reads.
 * - `dynamodb:PutItem`: heartbeat writes and Powertools' "in progress" idempotency record.
 * - `dynamodb:UpdateItem`: item create / update / delete (deletes write a tombstone) and Powertools' "completed"
 *   idempotency record.
 * - `dynamodb:DeleteItem`: Powertools removes the "in progress" record when the request failed.
 *
 * The runtime tests record every command the app sends and check it against this list.
 */
export const DYNAMODB_ACTIONS = [
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
] as const;

export type DynamoDbAction = (typeof DYNAMODB_ACTIONS)[number];
