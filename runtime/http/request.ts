// Immutable request/response values that flow between the HTTP client, auth and paginators (the
// types are declared with the hooks that see them, ../hooks.ts): body encoding, params and headers.
import { ConfigError } from "../errors.ts";
import type { PageRequest } from "../hooks.ts";
import { stringifyJson } from "../json/stringify.ts";

export type { PageRequest, PageResponse } from "../hooks.ts";

/** The bytes to send for a request and the Content-Type they imply (undefined: none). */
export interface EncodedBody {
  readonly bytes: Uint8Array<ArrayBuffer> | undefined;
  readonly contentType: string | undefined;
}

const encoder = new TextEncoder();

/** Encodes the JSON or form body of `request`; throws ConfigError for both at once or a body on GET. */
export function encodeBody(request: PageRequest): EncodedBody {
  if (request.json !== undefined && request.form !== undefined) {
    throw new ConfigError("request", [{ path: "endpoint", message: "cannot send both a JSON body (json) and a form body (data) in one request" }]);
  }
  const encoded = encodeEither(request);
  if (encoded.bytes !== undefined && request.method === "GET") {
    const which = request.json === undefined ? "a form body (data)" : "a JSON body (json or a paginator body path)";
    throw new ConfigError("request", [{ path: "endpoint.method", message: `GET cannot send ${which}; use method POST` }]);
  }
  return encoded;
}

function encodeEither(request: PageRequest): EncodedBody {
  const { json, form } = request;
  // Exact numbers: a bigint (an id or cursor beyond 2^53) is written as its digits, where JSON.stringify throws.
  if (json !== undefined) return { bytes: encoder.encode(stringifyJson(json) ?? "null"), contentType: "application/json" };
  if (typeof form === "string") return { bytes: form === "" ? undefined : encoder.encode(form), contentType: undefined };
  if (form === undefined || Object.keys(form).length === 0) return { bytes: undefined, contentType: undefined };
  return { bytes: encoder.encode(new URLSearchParams(form).toString()), contentType: "application/x-www-form-urlencoded" };
}

/** Returns a copy of `request` with query parameter `name` set to `value`. */
export function withParam(request: PageRequest, name: string, value: string): PageRequest {
  const url = new URL(request.url);
  url.searchParams.set(name, value);
  return { ...request, url };
}

/** Returns a copy of `request` with header `name` set to `value`. */
export function withHeader(request: PageRequest, name: string, value: string): PageRequest {
  return { ...request, headers: { ...request.headers, [name]: value } };
}

/** The name of the header of `request` matching `name` case-insensitively (as HTTP compares them), if any. */
export function findHeader(request: PageRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(request.headers).find((key) => key.toLowerCase() === lower);
}
