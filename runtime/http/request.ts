// Immutable request/response values that flow between the HTTP client, auth and paginators.

export interface PageRequest {
  readonly method: "GET" | "POST";
  /** Absolute URL including the query string. */
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON body; undefined means no body. */
  readonly json?: unknown;
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
