// A rate budget (`rate_limit: {requests, per_seconds}`) as even spacing: request starts are planned
// per_seconds / requests apart (+2%), so no window of per_seconds holds more than `requests` starts,
// whatever the concurrency. A start a timer made a little late still counts at its planned slot, so
// lateness does not accumulate (it cost 16% of a 50/s budget); a start later than that tolerance
// (or after a pause) plans the next from when it really started. Waiters take their turn one after another.
import type { Clock } from "../http/clock.ts";
import type { RateLimitSpec } from "../connector.ts";

/**
 * Starts are spaced this much wider than the budget: the server counts arrivals, and a request's
 * way from the scheduler to the socket (auth, a busy event loop) varies by a few milliseconds.
 */
const SAFETY = 1.02;

export class RateBudget {
  readonly spec: RateLimitSpec;
  readonly #intervalMs: number;
  /**
   * How late a start may be and still count at its planned slot. Starts then lie within this much
   * after slots spaced `#intervalMs` apart, so a window of per_seconds holds at most
   * (window + tolerance) / interval of them: `requests` while the tolerance stays under the 2% margin
   * of one window.
   */
  readonly #toleranceMs: number;
  #last = Number.NEGATIVE_INFINITY;
  /**
   * Whether the server has accepted every request spaced by this budget so far. While it has, a
   * `RateLimit-Remaining: 0` only says this budget's window is full, which the spacing already
   * respects; the reset the header announces is rounded up to whole seconds and would stall the run
   * for up to a second per window. A 429 proves the configured budget wrong (the server's is smaller,
   * or it counts another window): from then on the server's headers are waited on.
   */
  trusted = true;
  /** Settles when the previous waiter has started. */
  #turn: Promise<void> = Promise.resolve();

  constructor(spec: RateLimitSpec) {
    this.spec = spec;
    this.#intervalMs = ((spec.perSeconds * 1000) / spec.requests) * SAFETY;
    this.#toleranceMs = 0.9 * (SAFETY - 1) * spec.perSeconds * 1000;
  }

  /** Waits for this request's turn and spacing; `onWait` hears of a wait before it is slept. */
  async take(clock: Clock, signal: AbortSignal | undefined, onWait: (ms: number) => void): Promise<void> {
    const previous = this.#turn;
    let done: () => void = () => undefined;
    this.#turn = new Promise<void>((resolve) => {
      done = resolve;
    });
    try {
      await previous;
      signal?.throwIfAborted();
      const planned = this.#last + this.#intervalMs;
      const wait = planned - clock.now();
      if (wait > 0) {
        onWait(wait);
        await clock.sleep(wait, signal);
      }
      const started = clock.now();
      this.#last = started - planned <= this.#toleranceMs ? planned : started;
    } finally {
      done();
    }
  }

  /** e.g. `100 requests per 60 s`. */
  describe(): string {
    return `${this.spec.requests} requests per ${this.spec.perSeconds} s`;
  }
}
