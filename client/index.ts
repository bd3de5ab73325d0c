/**
 * active-active/client: failover faster than DNS, for clients that can take it. It calls the region-pinned names
 * (`https://<region>.<domain>`, the stack's `regionalEndpoints` output), sends every write with one Idempotency-Key
 * for all its attempts, and when a region fails the request (connection refused or reset, no answer within the attempt
 * timeout, or a 5xx) it sends the same request to the next region, within a time budget. A hard regional failure then
 * costs a request about one attempt timeout instead of the DNS failover time; later requests start with the region
 * that answered. Browsers and third-party clients cannot do this: they need the server-side routing modes
 * (docs/traffic.md, "Clients that fail over themselves"). fetch only, no dependencies; hedging is not done.
 */

export interface RegionEndpoint {
    region: string;
    /** e.g. `https://eu-west-1.api.example.com` (no trailing slash). */
    baseUrl: string;
}

export interface ClientOptions {
    /** The regions in preference order: endpoints, or the stack's domain and its regions (`https://<region>.<domain>`). */
    regions: RegionEndpoint[] | { domain: string; regions: string[] };
    /** How long one attempt may take before the next region is tried. @default 2000 */
    attemptTimeoutMs?: number;
    /** How long one request may take over all its attempts; no attempt starts after it. @default attemptTimeoutMs x regions */
    budgetMs?: number;
    /** Headers for every request (an Authorization header, say), or a function that returns them. @default none */
    headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
    /** @default globalThis.fetch */
    fetch?: typeof fetch;
    /** @default crypto.randomUUID */
    newIdempotencyKey?: () => string;
    /** @default Date.now */
    now?: () => number;
}

export interface RequestOptions {
    body?: unknown;
    headers?: Record<string, string>;
    /** The key every attempt of this request carries; @default a new one for each unsafe request (PUT, POST, PATCH, DELETE) */
    idempotencyKey?: string;
}

/** What happened to one attempt. */
export interface Attempt {
    region: string;
    outcome: "ok" | "connection" | "timeout" | "server-error";
    status?: number;
}

export interface ClientResponse {
    status: number;
    headers: Headers;
    /** The body parsed as JSON, or its text when it is not JSON; undefined when empty. */
    body: unknown;
    /** The region that answered. */
    region: string;
    attempts: Attempt[];
    idempotencyKey?: string;
}

/** Every region failed the request (or the budget ran out); `attempts` says how. */
export class AllRegionsFailedError extends Error {
    constructor(readonly attempts: Attempt[], readonly last?: ClientResponse) {
        super(`every region failed the request: ${attempts.map((a) => `${a.region} ${a.outcome}${a.status ? ` ${a.status}` : ""}`).join(", ")}`);
        this.name = "AllRegionsFailedError";
    }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 2000;

function endpointsOf(regions: ClientOptions["regions"]): RegionEndpoint[] {
    return Array.isArray(regions) ? regions.map((r) => ({ ...r, baseUrl: r.baseUrl.replace(/\/$/, "") })) : regions.regions.map((region) => ({ region, baseUrl: `https://${region}.${regions.domain}` }));
}

export class ActiveActiveClient {
    private readonly endpoints: RegionEndpoint[];
    private readonly attemptTimeoutMs: number;
    private readonly budgetMs: number;
    private readonly fetch: typeof fetch;
    private readonly newKey: () => string;
    private readonly now: () => number;
    /** The region that answered last: the next request starts there. */
    private preferred: string;

    constructor(private readonly options: ClientOptions) {
        this.endpoints = endpointsOf(options.regions);
        if (this.endpoints.length === 0) throw new Error("ActiveActiveClient: regions is empty; give at least one region-pinned endpoint");
        this.attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
        this.budgetMs = options.budgetMs ?? this.attemptTimeoutMs * this.endpoints.length;
        this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
        this.newKey = options.newIdempotencyKey ?? (() => globalThis.crypto.randomUUID());
        this.now = options.now ?? Date.now;
        this.preferred = this.endpoints[0]!.region;
    }

    /** Regions in the order this request tries them: the last one that answered first, then the configured order. */
    order(): RegionEndpoint[] {
        const first = this.endpoints.find((e) => e.region === this.preferred)!;
        return [first, ...this.endpoints.filter((e) => e !== first)];
    }

    async request(method: string, path: string, options: RequestOptions = {}): Promise<ClientResponse> {
        const verb = method.toUpperCase();
        const base = typeof this.options.headers === "function" ? await this.options.headers() : this.options.headers ?? {};
        // One Idempotency-Key header whatever case the caller spelled it in: fetch joins two of one name ("k1, k2").
        const isKey = (name: string) => name.toLowerCase() === "idempotency-key";
        const merged = Object.entries({ ...base, ...options.headers });
        const key = options.idempotencyKey ?? [...merged].reverse().find(([name]) => isKey(name))?.[1] ?? (UNSAFE.has(verb) ? this.newKey() : undefined);
        const headers: Record<string, string> = Object.fromEntries(merged.filter(([name]) => !isKey(name)));
        if (key) headers["Idempotency-Key"] = key;
        const body = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
        if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
        const started = this.now();
        const attempts: Attempt[] = [];
        let last: ClientResponse | undefined;
        for (const endpoint of this.order()) {
            if (attempts.length > 0 && this.now() - started >= this.budgetMs) break;
            const result = await this.attempt(endpoint, verb, path, headers, body);
            attempts.push(result.attempt);
            if (result.response) {
                last = { ...result.response, attempts: [...attempts], ...(key ? { idempotencyKey: key } : {}) };
                if (result.attempt.outcome === "ok") {
                    this.preferred = endpoint.region;
                    return last;
                }
            }
        }
        throw new AllRegionsFailedError(attempts, last);
    }

    /** One attempt on one region, bounded by the attempt timeout. */
    private async attempt(endpoint: RegionEndpoint, method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<{ attempt: Attempt; response?: Omit<ClientResponse, "attempts"> }> {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), this.attemptTimeoutMs);
        try {
            const res = await this.fetch(`${endpoint.baseUrl}${path}`, { method, headers, body, signal: controller.signal });
            const text = await res.text();
            const response = { status: res.status, headers: res.headers, body: parse(text), region: endpoint.region };
            const outcome = res.status >= 500 ? "server-error" : "ok";
            return { attempt: { region: endpoint.region, outcome, status: res.status }, response };
        } catch {
            return { attempt: { region: endpoint.region, outcome: controller.signal.aborted ? "timeout" : "connection" } };
        } finally {
            clearTimeout(timer);
        }
    }
}

function parse(text: string): unknown {
    if (text === "") return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
