/**
 * Users in a few locations calling the items API the way the app asks callers to: a fixed mix of reads, creates and
 * conditional updates (If-Match, and on a version mismatch: read again and re-apply), an Idempotency-Key on every
 * write that stays the same across retries of one request, retries with backoff on timeouts, 429 and 5xx (and
 * `retry-after` when given), a JWT from the local identity provider, and one keep-alive connection per client that
 * is reused until it fails or reaches its maximum age: a pooled connection outlives the DNS answer that opened it.
 */
import { AllRegionsFailedError, type ActiveActiveClient } from "../client";
import type { IdentityProvider } from "./jwt";
import { pinnedClient } from "./pinned";
import type { LatencyMatrix } from "./geography";
import type { Network } from "./network";
import type { HttpRequest, Region } from "./region";
import type { Random, Scheduler } from "./scheduler";

export interface ClientSettings {
    /** `dns`: the service name through the traffic layer; `pinned`: active-active/client over the region-pinned names. */
    mode: "dns" | "pinned";
    /** pinned: how long one attempt may take before the client tries the next region, ms. */
    pinnedAttemptTimeoutMs: number;
    perLocation: number;
    /** Mean time between two operations of one client, ms. */
    thinkMs: number;
    requestTimeoutMs: number;
    connectTimeoutMs: number;
    maxAttempts: number;
    backoffBaseMs: number;
    backoffCapMs: number;
    maxConnectionAgeSeconds: number;
    /** Share of reads, creates and updates in the mix. */
    mix: { read: number; create: number; update: number };
}

/** How a client reaches a region: DNS (Route 53) or an edge that picks per request (Cloudflare, proxied). */
export interface Router {
    /** Route 53: the region a new connection goes to (the resolver's answer); Cloudflare: null (the edge). */
    connect(location: string): string | null;
    /** The region that serves one request on a connection. */
    serve(location: string, connectedTo: string | null): string;
    /** Extra round trip of the path (Cloudflare's edge), ms. */
    edgeRttMs: number;
}

export interface RequestLog {
    client: string;
    location: string;
    op: string;
    kind: string;
    sentAt: number;
    doneAt: number;
    region: string | null;
    status: number | "timeout" | "connect_timeout";
    ok: boolean;
    attempt: number;
    /** True when this attempt opened a new connection. */
    newConnection: boolean;
    /** Simulated time the connection carrying it was opened. */
    connectionOpenedAt: number;
    /** The answer was a stored result replayed for a repeated Idempotency-Key. */
    replayed: boolean;
}

export interface OpLog {
    op: string;
    client: string;
    kind: "read" | "create" | "update";
    item: string;
    firstAt: number;
    ackAt: number | null;
    ackRegion: string | null;
    outcome: "ok" | "failed";
}

interface Connection {
    region: string | null;
    openedAt: number;
}

interface Attempt {
    status: RequestLog["status"];
    body: string;
    headers: Record<string, string>;
    region: string | null;
}

export class Client {
    private conn: Connection | null = null;
    private opened = 0;
    private readonly items = new Map<string, number>();
    private seq = 0;
    private readonly token: string;
    private readonly pinned: ActiveActiveClient | null;
    private current: { op: OpLog; kind: string; attempt: number } | null = null;

    constructor(
        readonly id: string,
        readonly location: string,
        private readonly w: World,
    ) {
        const nowS = Math.floor(w.epochMs / 1000);
        this.token = w.idp.sign({ sub: id, iss: w.idp.issuer, client_id: w.audience, scope: "items:read items:write", iat: nowS, exp: nowS + 86_400, token_use: "access" });
        this.pinned =
            w.settings.mode === "pinned"
                ? pinnedClient(w, location, w.settings.pinnedAttemptTimeoutMs, this.token, (e) => {
                      const c = this.current!;
                      w.requests.push({ client: id, location, op: c.op.op, kind: c.kind, attempt: c.attempt, newConnection: false, connectionOpenedAt: e.sentAt, ...e });
                  })
                : null;
    }

    start(): void {
        this.w.sched.after(this.w.rng.exponential(this.w.settings.thinkMs), () => this.nextOp());
    }

    private async nextOp(): Promise<void> {
        if (this.w.stopAt <= this.w.sched.now) return;
        const m = this.w.settings.mix;
        const r = this.w.rng.next() * (m.read + m.create + m.update);
        const known = [...this.items.keys()];
        const kind = known.length === 0 || (r >= m.read && r < m.read + m.create) ? "create" : r < m.read ? "read" : "update";
        const item = kind === "create" ? `${this.id}-${++this.seq}` : this.w.rng.pick(known);
        const op: OpLog = { op: `${this.id}.${++this.seq}`, client: this.id, kind, item, firstAt: this.w.sched.now, ackAt: null, ackRegion: null, outcome: "failed" };
        this.w.ops.push(op);
        await this.runOp(op);
        this.w.sched.after(this.w.rng.exponential(this.w.settings.thinkMs), () => this.nextOp());
    }

    private async runOp(op: OpLog): Promise<void> {
        if (op.kind === "read") {
            const got = await this.call(op, { method: "GET", path: `/items/${op.item}`, headers: {} });
            if (got !== null) this.finish(op, got);
            if (got?.status === 200) this.items.set(op.item, versionOf(got.body));
            return;
        }
        for (let round = 0; round < 3; round++) {
            const expected = op.kind === "update" ? this.items.get(op.item) : undefined;
            const headers: Record<string, string> = { "content-type": "application/json", "idempotency-key": `${op.op}.r${round}` };
            if (expected !== undefined) headers["if-match"] = `"${expected}"`;
            const body = JSON.stringify({ data: { op: op.op, round } });
            const got = await this.call(op, { method: "PUT", path: `/items/${op.item}`, headers, body });
            if (got === null) return;
            if (got.status === 200 || got.status === 201) {
                this.items.set(op.item, versionOf(got.body));
                this.finish(op, got);
                return;
            }
            if (got.status !== 409) return;
            // A version mismatch: read the item again and re-apply the change on top of what is there.
            const read = await this.call(op, { method: "GET", path: `/items/${op.item}`, headers: {} });
            if (read === null || read.status !== 200) return;
            this.items.set(op.item, versionOf(read.body));
            op.kind = "update";
        }
    }

    private finish(op: OpLog, got: Attempt): void {
        op.ackAt = this.w.sched.now;
        op.ackRegion = got.region;
        op.outcome = "ok";
    }

    /** One request with the retry policy; null when every attempt failed. */
    private async call(op: OpLog, req: HttpRequest): Promise<Attempt | null> {
        const s = this.w.settings;
        for (let attempt = 1; attempt <= s.maxAttempts; attempt++) {
            const got = this.pinned !== null ? await this.pinnedAttempt(op, req, attempt) : await this.attempt(op, req, attempt);
            // 409 request_in_progress: the same Idempotency-Key is still running; the app asks to retry shortly.
            const inProgress = got.status === 409 && errorCode(got.body) === "request_in_progress";
            const retryable = inProgress || typeof got.status !== "number" || got.status === 429 || got.status >= 500;
            if (!retryable) return got;
            if (attempt === s.maxAttempts) break;
            const after = Number(got.headers["retry-after"] ?? NaN);
            const backoff = Number.isFinite(after) ? after * 1000 : this.w.rng.uniform(0, Math.min(s.backoffCapMs, s.backoffBaseMs * 2 ** (attempt - 1)));
            await this.sleep(backoff);
        }
        return null;
    }

    /** One request through active-active/client: it tries the regions in turn itself, one Idempotency-Key for all. */
    private async pinnedAttempt(op: OpLog, req: HttpRequest, attempt: number): Promise<Attempt> {
        this.current = { op, kind: req.method === "GET" ? "read" : "write", attempt };
        const { "idempotency-key": key, ...headers } = req.headers;
        try {
            const res = await this.pinned!.request(req.method, req.path, { ...(req.body !== undefined ? { body: req.body } : {}), headers, ...(key !== undefined ? { idempotencyKey: key } : {}) });
            return { status: res.status, body: typeof res.body === "string" ? res.body : JSON.stringify(res.body ?? {}), headers: Object.fromEntries(res.headers), region: res.region };
        } catch (e) {
            const last = e instanceof AllRegionsFailedError ? e.last : undefined;
            if (last === undefined) return { status: "timeout", body: "", headers: {}, region: null };
            return { status: last.status, body: JSON.stringify(last.body ?? {}), headers: Object.fromEntries(last.headers), region: last.region };
        }
    }

    private sleep(ms: number): Promise<void> {
        return this.w.sched.sleep(ms);
    }

    private async attempt(op: OpLog, req: HttpRequest, attempt: number): Promise<Attempt> {
        const w = this.w;
        const s = w.settings;
        const sentAt = w.sched.now;
        let newConnection = false;
        if (this.conn !== null && sentAt - this.conn.openedAt >= s.maxConnectionAgeSeconds * 1000) this.conn = null;
        if (this.conn === null) {
            const region = w.router.connect(this.location);
            const rtt = region === null ? w.router.edgeRttMs : w.latency.rtt(this.location, region);
            if (region !== null && w.network.isDown(region)) {
                await this.sleep(s.connectTimeoutMs);
                return this.log(op, req, attempt, sentAt, { status: "connect_timeout", body: "", headers: {}, region }, false, sentAt);
            }
            await this.sleep(2 * rtt); // TCP and TLS 1.3 handshakes
            // The first connection stands for one opened earlier in steady state: its age is spread over the maximum.
            const age = this.opened++ === 0 ? w.rng.uniform(0, s.maxConnectionAgeSeconds * 1000) : 0;
            this.conn = { region, openedAt: w.sched.now - age };
            newConnection = true;
        }
        const conn = this.conn;
        const region = w.router.serve(this.location, conn.region);
        const rtt = w.latency.rtt(this.location, region) + (conn.region === null ? w.router.edgeRttMs : 0);
        await this.sleep(rtt / 2);
        if (w.network.isDown(region)) {
            await this.sleep(s.requestTimeoutMs - rtt / 2);
            this.conn = null;
            return this.log(op, req, attempt, sentAt, { status: "timeout", body: "", headers: {}, region }, newConnection, conn.openedAt);
        }
        const answer = await w.regions.get(region)!.request({ ...req, headers: { ...req.headers, authorization: `Bearer ${this.token}` } });
        if (rtt + answer.serviceMs > s.requestTimeoutMs) {
            await this.sleep(s.requestTimeoutMs - rtt / 2);
            this.conn = null;
            return this.log(op, req, attempt, sentAt, { status: "timeout", body: "", headers: {}, region }, newConnection, conn.openedAt);
        }
        await this.sleep(rtt / 2 + answer.serviceMs);
        if (w.network.isDown(region)) {
            // The region died with the answer on its way: the work is done, the client never hears of it.
            await this.sleep(Math.max(0, s.requestTimeoutMs - rtt - answer.serviceMs));
            this.conn = null;
            return this.log(op, req, attempt, sentAt, { status: "timeout", body: "", headers: {}, region }, newConnection, conn.openedAt);
        }
        if (answer.statusCode >= 500) this.conn = null;
        return this.log(op, req, attempt, sentAt, { status: answer.statusCode, body: answer.body, headers: answer.headers, region }, newConnection, conn.openedAt);
    }

    private log(op: OpLog, req: HttpRequest, attempt: number, sentAt: number, got: Attempt, newConnection: boolean, openedAt: number): Attempt {
        const ok = typeof got.status === "number" && got.status < 500 && got.status !== 429;
        this.w.requests.push({
            client: this.id,
            location: this.location,
            op: op.op,
            kind: req.method === "GET" ? "read" : "write",
            sentAt,
            doneAt: this.w.sched.now,
            region: got.region,
            status: got.status,
            ok,
            attempt,
            newConnection,
            connectionOpenedAt: openedAt,
            replayed: got.headers["idempotent-replayed"] === "true",
        });
        return got;
    }
}

function errorCode(body: string): string | null {
    try {
        return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? null;
    } catch {
        return null;
    }
}

function versionOf(body: string): number {
    return (JSON.parse(body) as { version: number }).version;
}

/** What clients share: the simulated world. */
export interface World {
    sched: Scheduler;
    rng: Random;
    network: Network;
    latency: LatencyMatrix;
    regions: ReadonlyMap<string, Region>;
    router: Router;
    idp: IdentityProvider;
    audience: string;
    epochMs: number;
    settings: ClientSettings;
    stopAt: number;
    requests: RequestLog[];
    ops: OpLog[];
}
