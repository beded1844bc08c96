// The client settings a config may leave out (DESIGN §3), resolved by the generator's model and by
// the runtime alike (the OAuth2 token request uses them when it is given none).
import type { RetrySpec } from "../connector.ts";

/** dlt's retry policy: 3 retries, waits of 2 × 2^(n−1) s capped at 300 s, on 429 and 5xx gateway errors. */
export const DEFAULT_RETRY: RetrySpec = { maxRetries: 3, backoffFactor: 2, statusCodes: [429, 500, 502, 503, 504], maxDelay: 300 };

/** Seconds a request may take. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/**
 * Well above real API pages (typically under 10 MB); a sync peaks at about 14 times the page size in
 * RSS (a 45 MiB page of records: 1.0 GB, a 90 MiB one: 1.7 GB), so 32 MiB keeps a page at the limit under ~0.8 GB.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** serde_json's default; real API bodies nest a few tens of levels at most. */
export const DEFAULT_MAX_JSON_DEPTH = 128;
