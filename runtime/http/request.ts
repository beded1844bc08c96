// Immutable request/response values that flow between the HTTP client, auth and paginators.
import { ConfigError } from "../errors.ts";
import { stringifyJson } from "../json/stringify.ts";

export interface PageRequest {
  readonly method: "GET" | "POST";
  /** Absolute URL including the query string. */
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON body; undefined means no body. */
  readonly json?: unknown;
  /**
   * Form body (dlt's `data`): a record is sent URL-encoded, a string as is with no Content-Type;
   * an empty record or string sends no body. Never together with `json`.
   */
  readonly form?: Readonly<Record<string, string>> | string;
}

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

export interface PageResponse {
  /** The URL that was requested, WITHOUT auth (auth is applied per send, never copied into the next request). */
  readonly url: URL;
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body (null when ignored). */
  readonly body: unknown;
  /** Set when a response action said `ignore`: the request sequence ends here, without error. */
  readonly ignored?: true;
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
