import { EventEmitter } from "node:events";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A small HTTP proxy in front of a DynamoDB-compatible server that injects faults. Loopback only: it listens on
 * 127.0.0.1 and refuses to forward anywhere but a loopback address.
 *
 * Faults (per request, chosen by the first matching one-shot rule, else the standing fault):
 * - `throttle`: answer 400 `ProvisionedThroughputExceededException`, as DynamoDB does when throttling.
 * - `hang`: hold the request without answering until `releaseHeld()` (forwards it) or `close()`; a slowness "beyond
 *   any timeout" that needs no clock. `delay` holds for a number of milliseconds, then forwards.
 * - `reset`: destroy the connection before forwarding (the engine never sees the request).
 * - `drop-response`: forward, wait for the engine's full answer, then destroy the connection instead of answering:
 *   the write happened but the client never hears about it.
 * - `server-error`: answer 500 `InternalServerError` without forwarding.
 * - `validation`: answer 400 `ValidationException` without forwarding, as DynamoDB does for an item it refuses.
 * `down()` stops listening (connections are refused) and `up()` listens again on the same port.
 */

export type Fault =
    | { kind: "throttle" }
    | { kind: "hang" }
    | { kind: "delay"; ms: number }
    | { kind: "reset" }
    | { kind: "drop-response" }
    | { kind: "server-error" }
    | { kind: "validation" };

export interface ProxiedRequest {
    /** DynamoDB operation from `X-Amz-Target`, e.g. `PutItem`. */
    operation: string;
    body: string;
    /** The fault applied, or `null` when forwarded normally. */
    fault: Fault["kind"] | null;
}

export interface FailRule {
    /** Fail the nth matching request counted from now (1 = the next one). */
    nth: number;
    /** Only requests for this operation count. */
    operation?: string;
    /** Only requests whose JSON body contains this text count. */
    bodyIncludes?: string;
    fault: Fault;
}

interface PendingRule extends FailRule {
    seen: number;
}

interface Held {
    forward: () => void;
    destroy: () => void;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export class FaultProxy {
    private readonly server: Server;
    private readonly target: URL;
    private readonly sockets = new Set<Socket>();
    private readonly events = new EventEmitter();
    private readonly rules: PendingRule[] = [];
    private readonly held = new Set<Held>();
    private standing: Fault | null = null;
    private port = 0;
    private listening = false;
    /** Every request the proxy received, in order. */
    readonly requests: ProxiedRequest[] = [];
    /** Held requests whose client gave up (closed the connection) before an answer. */
    clientAborts = 0;

    private constructor(target: URL) {
        this.target = target;
        this.server = createServer((req, res) => void this.onRequest(req, res));
        this.server.on("connection", (socket) => {
            this.sockets.add(socket);
            socket.on("close", () => this.sockets.delete(socket));
        });
    }

    static async start(targetEndpoint: string): Promise<FaultProxy> {
        const target = new URL(targetEndpoint);
        if (!LOOPBACK_HOSTS.has(target.hostname) || target.protocol !== "http:") {
            throw new Error(`FaultProxy forwards to http loopback addresses only; got ${targetEndpoint}`);
        }
        const proxy = new FaultProxy(target);
        await proxy.listen(0);
        return proxy;
    }

    get endpoint(): string {
        return `http://127.0.0.1:${this.port}`;
    }

    /** The fault applied to every request without a matching one-shot rule; `null` forwards normally. */
    setFault(fault: Fault | null): void {
        this.standing = fault;
    }

    /** Apply `rule.fault` to the nth request matching the rule, once. */
    failRequest(rule: FailRule): void {
        if (!Number.isInteger(rule.nth) || rule.nth < 1) throw new Error("nth must be a positive integer");
        this.rules.push({ ...rule, seen: 0 });
    }

    /** Resolves once at least `count` requests are being held. */
    waitForHeld(count: number): Promise<void> {
        return this.waitUntil(() => this.held.size >= count);
    }

    /** Resolves once at least `count` held requests were abandoned by their client. */
    waitForClientAborts(count: number): Promise<void> {
        return this.waitUntil(() => this.clientAborts >= count);
    }

    /** Forward every held request. */
    releaseHeld(): void {
        for (const h of [...this.held]) h.forward();
    }

    get heldCount(): number {
        return this.held.size;
    }

    /** Stop listening and drop open connections: new connections are refused. */
    async down(): Promise<void> {
        if (!this.listening) return;
        this.listening = false;
        await new Promise<void>((resolve) => {
            this.server.close(() => resolve());
            for (const h of [...this.held]) h.destroy();
            for (const socket of this.sockets) socket.destroy();
        });
    }

    /** Listen again on the same port. */
    async up(): Promise<void> {
        if (this.listening) return;
        await this.listen(this.port);
    }

    async close(): Promise<void> {
        this.rules.length = 0;
        this.standing = null;
        await this.down();
    }

    private listen(port: number): Promise<void> {
        return new Promise<void>((resolve, reject) => {
            this.server.once("error", reject);
            this.server.listen(port, "127.0.0.1", () => {
                this.server.off("error", reject);
                this.port = (this.server.address() as AddressInfo).port;
                this.listening = true;
                resolve();
            });
        });
    }

    private waitUntil(predicate: () => boolean): Promise<void> {
        return new Promise<void>((resolve) => {
            const check = (): void => {
                if (predicate()) {
                    this.events.off("change", check);
                    resolve();
                }
            };
            this.events.on("change", check);
            check();
        });
    }

    private chooseFault(operation: string, body: string): Fault | null {
        for (let i = 0; i < this.rules.length; i++) {
            const rule = this.rules[i]!;
            if (rule.operation !== undefined && rule.operation !== operation) continue;
            if (rule.bodyIncludes !== undefined && !body.includes(rule.bodyIncludes)) continue;
            rule.seen += 1;
            if (rule.seen === rule.nth) {
                this.rules.splice(i, 1);
                return rule.fault;
            }
        }
        return this.standing;
    }

    private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        const target = String(req.headers["x-amz-target"] ?? "");
        const operation = target.includes(".") ? target.slice(target.indexOf(".") + 1) : target;
        const fault = this.chooseFault(operation, body.toString("utf8"));
        this.requests.push({ operation, body: body.toString("utf8"), fault: fault?.kind ?? null });

        switch (fault?.kind) {
            case undefined:
                this.forward(req, res, body, false);
                return;
            case "throttle":
                this.answer(res, 400, {
                    __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                    message: "The level of configured provisioned throughput for the table was exceeded.",
                });
                return;
            case "server-error":
                this.answer(res, 500, { __type: "com.amazonaws.dynamodb.v20120810#InternalServerError", message: "Internal server error" });
                return;
            case "validation":
                this.answer(res, 400, {
                    __type: "com.amazon.coral.validate#ValidationException",
                    message: "One or more parameter values were invalid: an AttributeValue may not contain an empty string",
                });
                return;
            case "reset":
                req.socket.destroy();
                return;
            case "drop-response":
                this.forward(req, res, body, true);
                return;
            case "hang":
            case "delay": {
                let done = false;
                const entry: Held = {
                    forward: () => {
                        if (done) return;
                        done = true;
                        this.held.delete(entry);
                        if (timer !== undefined) clearTimeout(timer);
                        this.forward(req, res, body, false);
                        this.events.emit("change");
                    },
                    destroy: () => {
                        if (done) return;
                        done = true;
                        this.held.delete(entry);
                        if (timer !== undefined) clearTimeout(timer);
                        req.socket.destroy();
                        this.events.emit("change");
                    },
                };
                const timer = fault.kind === "delay" ? setTimeout(entry.forward, fault.ms) : undefined;
                res.on("close", () => {
                    if (done) return;
                    // The client gave up before we answered.
                    done = true;
                    this.held.delete(entry);
                    if (timer !== undefined) clearTimeout(timer);
                    this.clientAborts += 1;
                    this.events.emit("change");
                });
                this.held.add(entry);
                this.events.emit("change");
                return;
            }
        }
    }

    private answer(res: ServerResponse, status: number, payload: unknown): void {
        const text = JSON.stringify(payload);
        res.writeHead(status, {
            "content-type": "application/x-amz-json-1.0",
            "content-length": Buffer.byteLength(text),
            "x-amzn-requestid": `fault-proxy-${this.requests.length}`,
        });
        res.end(text);
    }

    private forward(req: IncomingMessage, res: ServerResponse, body: Buffer, dropResponse: boolean): void {
        const upstream = httpRequest(
            {
                hostname: this.target.hostname.replace(/^\[|\]$/g, ""),
                port: this.target.port,
                method: req.method,
                path: req.url,
                headers: { ...req.headers, host: this.target.host, "content-length": String(body.length) },
            },
            (upstreamRes) => {
                const chunks: Buffer[] = [];
                upstreamRes.on("data", (chunk: Buffer) => chunks.push(chunk));
                upstreamRes.on("end", () => {
                    if (dropResponse) {
                        // The engine has applied the request; the client never learns the outcome.
                        req.socket.destroy();
                        return;
                    }
                    const headers = { ...upstreamRes.headers };
                    delete headers["transfer-encoding"];
                    const payload = Buffer.concat(chunks);
                    headers["content-length"] = String(payload.length);
                    res.writeHead(upstreamRes.statusCode ?? 502, headers);
                    res.end(payload);
                });
            },
        );
        upstream.on("error", () => req.socket.destroy());
        upstream.end(body);
    }
}
