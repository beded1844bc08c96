// A rate budget (`rate_limit: {requests, per_seconds}`) as even spacing: request starts are at least
// per_seconds / requests apart, so no window of per_seconds ever holds more than `requests` starts,
// whatever the concurrency. Pure: the caller passes the time and sleeps the returned wait.

import type { RateLimitSpec } from "../connector.ts";

export class RateBudget {
  readonly spec: RateLimitSpec;
  readonly #intervalMs: number;
  /** The earliest time (ms) the next request may start. */
  #next = Number.NEGATIVE_INFINITY;

  constructor(spec: RateLimitSpec) {
    this.spec = spec;
    this.#intervalMs = (spec.perSeconds * 1000) / spec.requests;
  }

  /** Reserves the next start at or after `nowMs`; returns how long to wait for it (0: start now). */
  reserve(nowMs: number): number {
    const start = Math.max(nowMs, this.#next);
    this.#next = start + this.#intervalMs;
    return start - nowMs;
  }

  /** e.g. `100 requests per 60 s`. */
  describe(): string {
    return `${this.spec.requests} requests per ${this.spec.perSeconds} s`;
  }
}
