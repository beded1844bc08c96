// What auths that make their own requests are given (the Auth interface itself is declared with the
// other hooks beside the connector contract, ../hooks.ts).
import type { Clock } from "../http/clock.ts";
import type { RetrySpec } from "../connector.ts";

/** Kept for importers that still take Auth from here (stream/page-stream.ts). */
export type { Auth } from "../hooks.ts";

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
