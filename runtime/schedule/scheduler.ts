// One request scheduler per run: every request of the run (pages, child sequences, windows,
// parallelized resources) waits here for a slot among at most `concurrency` in flight (lowered on
// 429s, AIMD), then for its rate budget (the client's, or its endpoint's own), then for any reset a
// server's rate-limit headers asked for (under a configured budget, only once a 429 has shown the
// budget wrong: see RateBudget.trusted). Each wait is reported (why, how long).
import type { Clock } from "../http/clock.ts";
import type { Permit, RequestGate, WaitEvent } from "../http/gate.ts";
import { RateLimitWaitError } from "../errors.ts";
import { AimdLimit } from "./aimd.ts";
import type { RateLimitSpec } from "../connector.ts";
import { RateBudget } from "./rate-budget.ts";
import { readRateHeaders } from "../http/rate-headers.ts";

/**
 * Requests in flight when neither --concurrency nor client.concurrency says: enough to hide most of
 * an API's latency (4× a sequential client), few enough that an API without a published limit is
 * not hit by a burst; AIMD lowers it further on 429s.
 */
export const DEFAULT_CONCURRENCY = 4;

export interface SchedulerOptions {
  readonly concurrency: number;
  /** The client's budget; absent: none. */
  readonly rateLimit?: RateLimitSpec | undefined;
  readonly clock: Clock;
  readonly onWait?: ((event: WaitEvent) => void) | undefined;
}

export class Scheduler implements RequestGate {
  readonly #clock: Clock;
  readonly #limit: AimdLimit;
  readonly #client: RateBudget | null;
  readonly #endpoints = new Map<string, RateBudget>();
  readonly #onWait: ((event: WaitEvent) => void) | undefined;
  readonly #waiting: (() => void)[] = [];
  #inFlight = 0;
  /** A server said its budget is spent until then (ms since the epoch, on the clock). */
  #blockedUntil = 0;
  #blockedBy = "";
  /** The most requests in flight at once so far. */
  maxInFlight = 0;

  constructor(options: SchedulerOptions) {
    this.#clock = options.clock;
    this.#limit = new AimdLimit(options.concurrency);
    this.#client = options.rateLimit === undefined ? null : new RateBudget(options.rateLimit);
    this.#onWait = options.onWait;
  }

  /** The configured maximum of requests in flight. */
  get concurrency(): number {
    return this.#limit.max;
  }

  /** The current limit (below the maximum after 429s). */
  get limit(): number {
    return this.#limit.current;
  }

  /** Gives `resource` its endpoint's own budget, replacing the client's for its requests (kept if already set). */
  limitResource(resource: string, spec: RateLimitSpec): void {
    if (!this.#endpoints.has(resource)) this.#endpoints.set(resource, new RateBudget(spec));
  }

  async acquire(resource: string, maxWaitMs: number, signal?: AbortSignal): Promise<Permit> {
    await this.#slot(resource, signal);
    try {
      await this.#serverReset(resource, maxWaitMs, signal);
      const budget = this.#endpoints.get(resource) ?? this.#client;
      await budget?.take(this.#clock, signal, (waitMs) => this.#onWait?.({ resource, reason: `rate_limit ${budget.describe()}`, waitMs }));
    } catch (error) {
      this.#free();
      throw error;
    }
    const epoch = this.#limit.epoch;
    let released = false;
    return {
      release: (response) => {
        if (released) return;
        released = true;
        this.#free();
        if (response !== null) this.#observe(resource, response, epoch);
      },
    };
  }

  async #slot(resource: string, signal: AbortSignal | undefined): Promise<void> {
    if (this.#waiting.length === 0 && this.#inFlight < this.#limit.current) {
      this.#inFlight++;
    } else {
      const started = this.#clock.now();
      const lowered = this.#limit.current < this.#limit.max;
      // #wake counts the request in flight before it resolves the wait.
      await new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          const i = this.#waiting.indexOf(go);
          if (i >= 0) this.#waiting.splice(i, 1);
          reject(signal?.reason);
        };
        const go = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        this.#waiting.push(go);
      });
      const waited = this.#clock.now() - started;
      if (lowered && waited > 0) this.#onWait?.({ resource, reason: `concurrency lowered to ${this.#limit.current} after HTTP 429`, waitMs: waited });
    }
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
  }

  #free(): void {
    this.#inFlight--;
    this.#wake();
  }

  /** Admits waiting requests while the limit allows. */
  #wake(): void {
    while (this.#waiting.length > 0 && this.#inFlight < this.#limit.current) {
      const next = this.#waiting.shift();
      if (next === undefined) return;
      this.#inFlight++;
      next();
    }
  }

  async #serverReset(resource: string, maxWaitMs: number, signal: AbortSignal | undefined): Promise<void> {
    const wait = this.#blockedUntil - this.#clock.now();
    if (wait <= 0) return;
    if (wait > maxWaitMs) {
      throw new RateLimitWaitError(
        `${resource}: the server's ${this.#blockedBy} asks to wait ${wait / 1000} s, above the max_delay cap of ${maxWaitMs / 1000} s; not waiting`,
      );
    }
    await this.#sleep({ resource, reason: `server rate limit spent (${this.#blockedBy})`, waitMs: wait }, signal);
  }

  #observe(resource: string, response: { readonly status: number; readonly headers: Headers }, epoch: number): void {
    const now = this.#clock.now();
    const headers = readRateHeaders(response.headers, now);
    const budget = this.#endpoints.get(resource) ?? this.#client;
    if (response.status === 429 && budget !== null && budget.trusted) {
      budget.trusted = false;
      this.#onWait?.({ resource, reason: `HTTP 429 under rate_limit ${budget.describe()}: waiting on the server's rate-limit headers from now on`, waitMs: 0 });
    }
    const spent = headers.remaining === 0 && (budget === null || !budget.trusted);
    if (spent && headers.resetMs !== null && headers.resetMs > 0 && now + headers.resetMs > this.#blockedUntil) {
      this.#blockedUntil = now + headers.resetMs;
      this.#blockedBy = headers.resetHeader ?? "rate-limit headers";
    }
    if (response.status === 429) {
      const before = this.#limit.current;
      if (this.#limit.decrease(epoch) && this.#limit.current < before) {
        this.#onWait?.({ resource, reason: `HTTP 429: concurrency lowered from ${before} to ${this.#limit.current}`, waitMs: 0 });
      }
    } else if (response.status < 400) {
      this.#limit.increase();
      this.#wake();
    }
  }

  async #sleep(event: WaitEvent, signal: AbortSignal | undefined): Promise<void> {
    this.#onWait?.(event);
    await this.#clock.sleep(event.waitMs, signal);
  }
}
