import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/**
 * HTTP helpers shared by the routes. Every response body is JSON; every error body is
 * `{ "error": { "code": "<machine-readable>", "message": "<human-readable>" } }` (conflicts add `currentVersion`).
 */

/** Sent on every response: a browser must never sniff a JSON body into markup (security review F15). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = { "x-content-type-options": "nosniff" };

/** The response shape the handler returns. Headers always set, and never `undefined` values (it is stored by the idempotency layer). */
export interface HttpResponse extends APIGatewayProxyStructuredResultV2 {
    statusCode: number;
    headers: Record<string, string>;
    body?: string;
}

export interface ErrorBody {
    error: { code: string; message: string; currentVersion?: number | null };
}

export function json(statusCode: number, payload: unknown, headers: Record<string, string> = {}): HttpResponse {
    return {
        statusCode,
        headers: { "content-type": "application/json", "cache-control": "no-store", ...SECURITY_HEADERS, ...headers },
        body: JSON.stringify(payload),
    };
}

export function noContent(headers: Record<string, string> = {}): HttpResponse {
    return { statusCode: 204, headers: { "cache-control": "no-store", ...SECURITY_HEADERS, ...headers } };
}

export function errorResponse(
    statusCode: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
    extra: { currentVersion?: number | null } = {},
): HttpResponse {
    const body: ErrorBody = { error: { code, message, ...extra } };
    return json(statusCode, body, headers);
}

/** A rejected request. Thrown by the request parsing code and turned into a 4xx response by the router. */
export class HttpError extends Error {
    readonly statusCode: number;
    readonly code: string;
    readonly headers: Record<string, string>;

    constructor(statusCode: number, code: string, message: string, headers: Record<string, string> = {}) {
        super(message);
        this.name = "HttpError";
        this.statusCode = statusCode;
        this.code = code;
        this.headers = headers;
    }

    toResponse(): HttpResponse {
        return errorResponse(this.statusCode, this.code, this.message, this.headers);
    }
}

/** Quoted strong ETag for an item version, e.g. `"3"`. */
export function etag(version: number): string {
    return `"${version}"`;
}
