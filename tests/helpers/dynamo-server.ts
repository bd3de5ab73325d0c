import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createAppTable, listenDynalite } from "../../gameday/engine";

/**
 * An in-process, in-memory DynamoDB-compatible server (dynalite) on 127.0.0.1 with a random port, and one table with
 * string partition and sort keys. dynalite has no transactions, TTL API, streams or
 * `ReturnValuesOnConditionCheckFailure` (it silently drops that parameter), which the app does not need.
 */

/** Credentials for the local server; dynalite does not check signatures, the SDK only needs something to sign with. */
export const TEST_CREDENTIALS = { accessKeyId: "AKIDLOCALTEST", secretAccessKey: "local-test-secret" } as const;
export const TEST_REGION = "eu-west-1";

export interface DynamoServer {
    /** `http://127.0.0.1:<port>` */
    readonly endpoint: string;
    readonly port: number;
    readonly tableName: string;
    readonly partitionKey: string;
    readonly sortKey: string;
    /** A plain client on the server for arranging and inspecting state in tests. */
    client(): DynamoDBClient;
    /** Stops the server (open connections included); later requests are refused. Idempotent. */
    close(): Promise<void>;
}

export interface DynamoServerOptions {
    tableName?: string;
    partitionKey?: string;
    sortKey?: string;
}

export async function startDynamoServer(options: DynamoServerOptions = {}): Promise<DynamoServer> {
    const tableName = options.tableName ?? "active-active-test";
    const partitionKey = options.partitionKey ?? "pk";
    const sortKey = options.sortKey ?? "sk";

    const { server, endpoint, port } = await listenDynalite();

    const clients: DynamoDBClient[] = [];
    const client = (): DynamoDBClient => {
        const created = new DynamoDBClient({ region: TEST_REGION, endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
        clients.push(created);
        return created;
    };
    await createAppTable(client(), { tableName, partitionKey, sortKey });

    let closed: Promise<void> | null = null;
    return {
        endpoint,
        port,
        tableName,
        partitionKey,
        sortKey,
        client,
        close() {
            closed ??= new Promise<void>((resolve) => {
                for (const c of clients) c.destroy();
                server.close(() => resolve());
                server.closeAllConnections();
            });
            return closed;
        },
    };
}
