// The interfaces a `$hook` implements (a custom Auth or Paginator), declared beside the connector
// contract that holds them, with the request and response values they see. Plain types: the
// HTTP client, the built-in auth and paginator kinds and the user's modules all meet here.

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

/** Adds credentials to requests; the HttpClient calls `apply` before every attempt. */
export interface Auth {
  /** A copy of `request` with credentials (may first fetch them, e.g. an OAuth2 token). */
  apply(request: PageRequest, signal?: AbortSignal): PageRequest | Promise<PageRequest>;
  /** Called once per send on a 401; true when credentials were refreshed, so the request is retried once. */
  onUnauthorized?(signal?: AbortSignal): Promise<boolean>;
}

/** The requests a paginator plans from a total: iterated once, in order, as they are sent. */
export interface PlannedRequests extends Iterable<PageRequest> {
  /** How many there are. */
  readonly length: number;
}

/** Pure functions from (request, response) to the next request. */
export interface Paginator {
  /** The first request of a sequence (e.g. sets offset=0&limit=100). */
  first(request: PageRequest): PageRequest;
  /**
   * The next request after `response` (whose selected records are `records`), or undefined when
   * paging is over. Throws PaginationError when the response cannot be paged (e.g. missing total).
   */
  next(request: PageRequest, response: PageResponse, records: readonly unknown[]): PageRequest | undefined;
  /**
   * Optional: every request still to come after `response`, in order, when the response tells how far
   * the sequence goes (a total); the first is what `next` returns. The runtime requests them
   * concurrently but still asks `next` after each page, so stop rules keep their meaning. Empty when
   * the length is unknown. An array will do; a lazy sequence with its length (as the offset and
   * page_number paginators return) is better: the runtime makes each request only as it sends it, so
   * a sequence of 100,000 pages costs no more memory than one of ten.
   */
  ahead?(request: PageRequest, response: PageResponse, records: readonly unknown[]): PlannedRequests;
  /**
   * Optional, asked once `next` returned undefined: whether paging ended at the paginator's own cap
   * (e.g. `maximum_offset`) rather than at the API's end, so the extract may be partial.
   */
  capped?(request: PageRequest, response: PageResponse, records: readonly unknown[]): boolean;
}
