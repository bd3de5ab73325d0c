/**
 * The app served over HTTP on 127.0.0.1 as one region, for the client's tests: each region is the real app
 * (tests/app/support.ts buildTestApp) on a shared dynalite table (a global table with no replication lag), behind a
 * node:http server whose failure the test chooses: refuse connections, hang, answer 502, or run the request and then
 * hang (the write commits, the answer is lost).
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { DynamoServer } from "../helpers/dynamo-server";
import { buildTestApp, httpEvent, lambdaContext, type TestApp } from "../app/support";

export type Failure = "none" | "refuse" | "hang" | "bad-gateway" | "commit-then-hang";

export class LocalRegion {
    failure: Failure = "none";
    /** Requests that reached the app (whatever became of their answer). */
    handled = 0;
    readonly app: TestApp;
    private readonly server: http.Server;
    private readonly held: http.ServerResponse[] = [];
    baseUrl = "";

    constructor(readonly region: string, db: DynamoServer) {
        this.app = buildTestApp(db, db.endpoint, { env: { REGION: region, PEER_REGIONS: region === "us-east-1" ? "eu-west-1" : "us-east-1" } });
        this.server = http.createServer((req, res) => void this.serve(req, res));
    }

    async start(): Promise<this> {
        await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
        this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this;
    }

    /** The region goes down hard: the listener closes and every open connection is cut, so new ones are refused. */
    kill(): void {
        this.failure = "refuse";
        this.server.close();
        this.server.closeAllConnections();
    }

    async stop(): Promise<void> {
        for (const res of this.held) res.destroy();
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
        this.app.clients.data.destroy();
        this.app.clients.health.destroy();
    }

    private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        if (this.failure === "hang") return void this.held.push(res);
        if (this.failure === "bad-gateway") return void res.writeHead(502, { "content-type": "application/json" }).end('{"message":"Bad Gateway"}');
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([, v]) => typeof v === "string") as [string, string][]);
        const body = chunks.length > 0 ? Buffer.concat(chunks).toString("utf8") : undefined;
        const event = httpEvent(req.method!, req.url!, { headers, ...(body !== undefined ? { body } : {}) });
        const answer = await this.app.app.handle(event, lambdaContext());
        this.handled += 1;
        if (this.failure === "commit-then-hang") return void this.held.push(res);
        res.writeHead(answer.statusCode, answer.headers).end(answer.body ?? "");
    }
}
