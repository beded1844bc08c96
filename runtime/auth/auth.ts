// The auth interface: adds credentials to a request, and may refresh them after a 401.
import type { Clock } from "../http/clock.ts";
import type { PageRequest } from "../http/request.ts";
import type { RetrySpec } from "../connector.ts";

/** Adds credentials to requests; the HttpClient calls `apply` before every attempt. */
export interface Auth {
  /** A copy of `request` with credentials (may first fetch them, e.g. an OAuth2 token). */
  apply(request: PageRequest, signal?: AbortSignal): PageRequest | Promise<PageRequest>;
  /** Called once per send on a 401; true when credentials were refreshed, so the request is retried once. */
  onUnauthorized?(signal?: AbortSignal): Promise<boolean>;
}

/** I/O and limits for auths that make their own requests (OAuth2 token requests). */
export interface AuthOptions {
  /** Defaults to cross-fetch's fetch. */
  readonly fetch?: typeof fetch | undefined;
  /** Defaults to systemClock; used for token expiry and retry waits. */
  readonly clock?: Clock | undefined;
  /** Defaults to the seed retry settings (3 retries, factor 2, max delay 300 s). */
  readonly retry?: RetrySpec | undefined;
  /** Seconds per token request attempt; defaults to 60. */
  readonly timeoutSeconds?: number | undefined;
}
