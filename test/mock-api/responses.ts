// A response as plain data (status, headers, body text) so it can be built apart from writing it.
import type { ServerResponse } from "node:http";

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_TYPE = "application/json; charset=utf-8";

/** A JSON response; the value is serialized exactly once. */
export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): MockResponse {
  return { status, headers: { "content-type": JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** A JSON `{ error, message? }` response. */
export function errorResponse(status: number, error: string, message?: string): MockResponse {
  return jsonResponse(status, message === undefined ? { error } : { error, message });
}

/** Writes a complete response with an exact content-length. */
export function send(res: ServerResponse, response: MockResponse): void {
  res.writeHead(response.status, {
    ...response.headers,
    "content-length": String(Buffer.byteLength(response.body)),
  });
  res.end(response.body);
}
