// The mock API's request budget: fixed windows of `perMs` holding `requests` each, as many real APIs
// count. Every answer carries RateLimit-Limit/Remaining/Reset (delay seconds); a request over the
// budget gets a 429 and is counted.
import { jsonResponse, type MockResponse } from "./responses.ts";

export interface MockRateLimit {
  readonly requests: number;
  readonly perMs: number;
  /** Send RateLimit-* headers (default true). */
  readonly headers?: boolean;
}

export class MockRateLimiter {
  readonly #limit: MockRateLimit;
  readonly #now: () => number;
  #windowStart: number;
  #used = 0;
  /** Requests answered 429 so far. */
  rejected = 0;

  constructor(limit: MockRateLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#now = now;
    this.#windowStart = now();
  }

  /** Counts one request: null when admitted (with headers to add), or the 429 to send. */
  admit(): { readonly headers: Record<string, string>; readonly rejection: MockResponse | null } {
    const now = this.#now();
    if (now - this.#windowStart >= this.#limit.perMs) {
      this.#windowStart += Math.floor((now - this.#windowStart) / this.#limit.perMs) * this.#limit.perMs;
      this.#used = 0;
    }
    const resetSeconds = Math.max(1, Math.ceil((this.#windowStart + this.#limit.perMs - now) / 1000));
    const over = this.#used >= this.#limit.requests;
    if (!over) this.#used++;
    const headers =
      this.#limit.headers === false
        ? {}
        : {
            "ratelimit-limit": String(this.#limit.requests),
            "ratelimit-remaining": String(Math.max(0, this.#limit.requests - this.#used)),
            "ratelimit-reset": String(resetSeconds),
          };
    if (!over) return { headers, rejection: null };
    this.rejected++;
    return { headers, rejection: jsonResponse(429, { error: "rate_limited" }, headers) };
  }
}
