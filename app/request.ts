import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { HttpError } from "./http";
import { DATA_BUDGET_BYTES, dynamoSize } from "./item-size";

/**
 * Request parsing and validation. Everything here throws `HttpError` with a 4xx status and a precise message;
 * nothing here touches the table. Messages never echo what the client sent (security review F15): a field name,
 * path, method or media type appears only when it is a plain word, else it is shown as `?`.
 */

export const MAX_ID_LENGTH = 128;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]+$/;
/** DynamoDB allows 32 levels of nesting; the item itself uses one. */
export const MAX_DATA_DEPTH = 16;

export type ItemRoute = { kind: "item"; id: string; method: "GET" | "PUT" | "DELETE" };
export type Route = { kind: "health" } | ItemRoute;

/** Keys the DynamoDB marshaller cannot take (it probes `value.constructor`; `__proto__` marshals to nothing). */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

const PLAIN_WORD = /^[A-Za-z0-9_-]{1,64}$/;

/** A client-chosen name, shown only when it cannot carry markup or control characters. */
function shown(name: string): string {
    return PLAIN_WORD.test(name) ? name : "?";
}

export function methodOf(event: APIGatewayProxyEventV2): string {
    return (event.requestContext?.http?.method ?? "").toUpperCase();
}

/** The request path without the stage prefix (HTTP APIs include a named stage in `rawPath`). */
export function pathOf(event: APIGatewayProxyEventV2): string {
    let path = event.rawPath ?? event.requestContext?.http?.path ?? "/";
    const stage = event.requestContext?.stage;
    if (stage !== undefined && stage !== "$default" && (path === `/${stage}` || path.startsWith(`/${stage}/`))) {
        path = path.slice(stage.length + 1) || "/";
    }
    return path;
}

export function resolveRoute(event: APIGatewayProxyEventV2): Route {
    const method = methodOf(event);
    const path = pathOf(event);

    if (path === "/health") {
        if (method !== "GET") {
            throw new HttpError(405, "method_not_allowed", `Method ${shown(method)} is not allowed on /health; use GET.`, { allow: "GET" });
        }
        return { kind: "health" };
    }

    if (path === "/items" || path === "/items/" || path.startsWith("/items/")) {
        const rest = path.slice("/items/".length);
        if (rest.includes("/")) {
            throw new HttpError(404, "route_not_found", "No route for this path; the routes are /items/{id} and /health.");
        }
        if (method !== "GET" && method !== "PUT" && method !== "DELETE") {
            throw new HttpError(405, "method_not_allowed", `Method ${shown(method)} is not allowed on /items/{id}; use GET, PUT or DELETE.`, {
                allow: "GET, PUT, DELETE",
            });
        }
        return { kind: "item", id: parseItemId(rest), method };
    }

    throw new HttpError(404, "route_not_found", "No route for this path; the routes are /items/{id} and /health.");
}

export function parseItemId(rawSegment: string): string {
    if (rawSegment === "") {
        throw new HttpError(400, "missing_id", "The item id is missing: use /items/{id}.");
    }
    let id: string;
    try {
        id = decodeURIComponent(rawSegment);
    } catch {
        throw new HttpError(400, "invalid_id", "The item id is not valid percent-encoding.");
    }
    if (id.length > MAX_ID_LENGTH) {
        throw new HttpError(400, "invalid_id", `The item id is ${id.length} characters long; the limit is ${MAX_ID_LENGTH}.`);
    }
    if (!ID_PATTERN.test(id)) {
        throw new HttpError(
            400,
            "invalid_id",
            "The item id may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit.",
        );
    }
    return id;
}

/** Header lookup that does not depend on the casing API Gateway (or a test) used. */
export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
    const headers = event.headers ?? {};
    const wanted = name.toLowerCase();
    for (const [key, value] of Object.entries(headers)) {
        if (key.toLowerCase() === wanted && value !== undefined) return value;
    }
    return undefined;
}

/** The raw body bytes, or `null` when there is none. Oversized bodies are rejected with 413. */
export function readBody(event: APIGatewayProxyEventV2, maxBytes: number): Buffer | null {
    if (event.body === undefined || event.body === null || event.body === "") return null;
    const bytes = event.isBase64Encoded ? Buffer.from(event.body, "base64") : Buffer.from(event.body, "utf8");
    if (bytes.length > maxBytes) {
        throw new HttpError(413, "payload_too_large", `The request body is ${bytes.length} bytes; the limit is ${maxBytes}.`);
    }
    return bytes.length === 0 ? null : bytes;
}

function parseJsonBody(event: APIGatewayProxyEventV2, bytes: Buffer): unknown {
    const contentType = header(event, "content-type");
    if (contentType !== undefined && contentType.trim() !== "") {
        const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
        if (mediaType !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) {
            const named = /^[a-z0-9.+-]{1,64}\/[a-z0-9.+-]{1,64}$/.test(mediaType) ? mediaType : "?";
            throw new HttpError(415, "unsupported_media_type", `Content-Type ${named} is not supported; send application/json.`);
        }
    }
    let text: string;
    try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
        throw new HttpError(400, "invalid_json", "The request body is not valid UTF-8.");
    }
    try {
        return JSON.parse(text) as unknown;
    } catch {
        throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
    }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkFields(body: Record<string, unknown>, allowed: readonly string[]): void {
    for (const key of Object.keys(body)) {
        if (!allowed.includes(key)) {
            throw new HttpError(400, "invalid_body", `Unknown field ${JSON.stringify(shown(key))} in the request body; allowed: ${allowed.join(", ")}.`);
        }
    }
}

function parseVersionField(body: Record<string, unknown>): number | undefined {
    if (!("expectedVersion" in body) || body.expectedVersion === null) return undefined;
    const value = body.expectedVersion;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
        throw new HttpError(400, "invalid_body", '"expectedVersion" must be a positive integer.');
    }
    return value;
}

/** Checks that `data` can be stored as a DynamoDB map (nesting, keys, number range). `path` is already safe to show. */
function checkData(value: unknown, path: string, depth: number): void {
    if (depth > MAX_DATA_DEPTH) {
        throw new HttpError(400, "invalid_body", `"data" is nested more than ${MAX_DATA_DEPTH} levels deep.`);
    }
    if (typeof value === "number") {
        const magnitude = Math.abs(value);
        if (!Number.isFinite(value) || magnitude > Number.MAX_SAFE_INTEGER) {
            throw new HttpError(400, "invalid_body", `${path} is a number beyond +/-${Number.MAX_SAFE_INTEGER}; send such numbers as strings.`);
        }
        if (magnitude !== 0 && magnitude < 1e-130) {
            throw new HttpError(400, "invalid_body", `${path} is a number too close to zero for DynamoDB (below 1e-130).`);
        }
        return;
    }
    if (Array.isArray(value)) {
        value.forEach((element, index) => checkData(element, `${path}[${index}]`, depth + 1));
        return;
    }
    if (isPlainObject(value)) {
        for (const [key, element] of Object.entries(value)) {
            if (key === "") {
                throw new HttpError(400, "invalid_body", `${path} has an empty key; object keys must not be empty.`);
            }
            if (FORBIDDEN_KEYS.has(key)) {
                throw new HttpError(400, "invalid_body", `${path} has a key named __proto__, constructor or prototype; such keys are not allowed.`);
            }
            checkData(element, `${path}.${shown(key)}`, depth + 1);
        }
    }
}

/**
 * The data's size as it will be stored and served: re-serialized (numbers can grow: `9e15` is 4 bytes sent and 16
 * stored and served) and as a DynamoDB item. Checked before anything is written, so a write is either refused whole
 * or applied and acknowledged, never applied and then answered 500.
 */
function checkDataSize(data: Record<string, unknown>, maxBytes: number): void {
    const reserialized = Buffer.byteLength(JSON.stringify(data), "utf8");
    if (reserialized > maxBytes) {
        throw new HttpError(413, "payload_too_large", `The data is ${reserialized} bytes once re-serialized as JSON; the limit is ${maxBytes}.`);
    }
    const stored = dynamoSize(data);
    if (stored > DATA_BUDGET_BYTES) {
        throw new HttpError(413, "payload_too_large", `The data would take ${stored} bytes in a DynamoDB item; the limit is ${DATA_BUDGET_BYTES}.`);
    }
}

export interface PutBody {
    data: Record<string, unknown>;
    expectedVersion: number | undefined;
}

export function parsePutBody(event: APIGatewayProxyEventV2, bytes: Buffer | null, maxBytes: number): PutBody {
    if (bytes === null) {
        throw new HttpError(400, "missing_body", 'PUT /items/{id} needs a JSON body such as {"data": {...}}.');
    }
    const body = parseJsonBody(event, bytes);
    if (!isPlainObject(body)) {
        throw new HttpError(400, "invalid_body", "The request body must be a JSON object.");
    }
    checkFields(body, ["data", "expectedVersion"]);
    if (!isPlainObject(body.data)) {
        throw new HttpError(400, "invalid_body", 'The request body needs a "data" field holding a JSON object.');
    }
    checkData(body.data, "data", 1);
    checkDataSize(body.data, maxBytes);
    return { data: body.data, expectedVersion: parseVersionField(body) };
}

export function parseDeleteBody(event: APIGatewayProxyEventV2, bytes: Buffer | null): { expectedVersion: number | undefined } {
    if (bytes === null) return { expectedVersion: undefined };
    const body = parseJsonBody(event, bytes);
    if (!isPlainObject(body)) {
        throw new HttpError(400, "invalid_body", "The request body must be a JSON object.");
    }
    checkFields(body, ["expectedVersion"]);
    return { expectedVersion: parseVersionField(body) };
}

/** `If-Match: "3"` (or `3`) -> 3. Only one strong version is accepted; `*` and weak tags are not. */
export function parseIfMatch(event: APIGatewayProxyEventV2): number | undefined {
    const value = header(event, "if-match");
    if (value === undefined) return undefined;
    const match = /^\s*(?:"(\d{1,15})"|(\d{1,15}))\s*$/.exec(value);
    const digits = match?.[1] ?? match?.[2];
    const version = digits === undefined ? NaN : Number(digits);
    if (!Number.isSafeInteger(version) || version < 1) {
        throw new HttpError(400, "invalid_if_match", 'If-Match must be one item version as returned in the ETag header, e.g. "3".');
    }
    return version;
}

/** Reconciles `If-Match` and the body's `expectedVersion`; they may both be given only if they agree. */
export function expectedVersionOf(fromHeader: number | undefined, fromBody: number | undefined): number | undefined {
    if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody) {
        throw new HttpError(
            400,
            "conflicting_versions",
            `If-Match asks for version ${fromHeader} but the body's expectedVersion is ${fromBody}; send one, or the same in both.`,
        );
    }
    return fromHeader ?? fromBody;
}

/** `Idempotency-Key: abc` or the structured-header form `"abc"`. */
export function parseIdempotencyKey(event: APIGatewayProxyEventV2): string | undefined {
    const raw = header(event, "idempotency-key");
    if (raw === undefined) return undefined;
    let key = raw.trim();
    if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) key = key.slice(1, -1);
    if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
        throw new HttpError(
            400,
            "invalid_idempotency_key",
            `Idempotency-Key must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters (no spaces).`,
        );
    }
    return key;
}
