/**
 * One DynamoDB-compatible engine per region: dynalite, in-process and in memory, with the stack's table (its name
 * and key schema from the plan). The app reaches it through its own SDK clients; the simulator's replication and
 * fault models sit in a middleware on those clients (region.ts) and use a plain client of their own here.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";

type DynaliteFactory = (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;
// dynalite ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require("dynalite") as DynaliteFactory;

/** dynalite checks no signature; the SDK needs something to sign with. */
export const LOCAL_CREDENTIALS = { accessKeyId: "AKIDGAMEDAY", secretAccessKey: "gameday-local-secret" } as const;

export interface Engine {
    readonly region: string;
    readonly endpoint: string;
    /** A plain client (one attempt, no fault middleware) for replication and inspection. */
    readonly raw: DynamoDBClient;
    close(): Promise<void>;
}

export interface TableShape {
    tableName: string;
    partitionKey: string;
    sortKey: string;
}

/**
 * dynalite on 127.0.0.1 with a random port, tables made ACTIVE at once: the one home of the local engine, shared by
 * the game day and the runtime tests (tests/helpers/dynamo-server.ts).
 */
export async function listenDynalite(): Promise<{ server: Server; endpoint: string; port: number }> {
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    // Node closes a keep-alive connection after 5 s idle (server.keepAliveTimeout); a client that reuses it in that
    // instant gets ECONNRESET (the SDK reports "TimeoutError: read ECONNRESET"). A region's engine can sit idle that
    // long while a scenario holds its replication, and one such reset failed a game day on a loaded machine. 0 keeps
    // idle connections open; close() ends them (closeAllConnections).
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            server.off("error", reject);
            resolve();
        });
    });
    const port = (server.address() as AddressInfo).port;
    return { server, endpoint: `http://127.0.0.1:${port}`, port };
}

/** Creates the app's table (string partition and sort keys, on demand) and waits for ACTIVE, not for a duration. */
export async function createAppTable(client: DynamoDBClient, table: TableShape): Promise<void> {
    await client.send(
        new CreateTableCommand({
            TableName: table.tableName,
            KeySchema: [
                { AttributeName: table.partitionKey, KeyType: "HASH" },
                { AttributeName: table.sortKey, KeyType: "RANGE" },
            ],
            AttributeDefinitions: [
                { AttributeName: table.partitionKey, AttributeType: "S" },
                { AttributeName: table.sortKey, AttributeType: "S" },
            ],
            BillingMode: "PAY_PER_REQUEST",
        }),
    );
    // With createTableMs 0 the table turns ACTIVE on the next tick.
    for (;;) {
        const described = await client.send(new DescribeTableCommand({ TableName: table.tableName }));
        if (described.Table?.TableStatus === "ACTIVE") break;
        await new Promise<void>((resolve) => setImmediate(resolve));
    }
}

export async function startEngine(region: string, table: TableShape): Promise<Engine> {
    const { server, endpoint } = await listenDynalite();
    const raw = new DynamoDBClient({ region, endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    await createAppTable(raw, table);
    return {
        region,
        endpoint,
        raw,
        close: () =>
            new Promise<void>((resolve) => {
                raw.destroy();
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}
