// A rate budget (`rate_limit: {requests, per_seconds}`) as even spacing: request starts are at least
// per_seconds / requests apart (measured when each actually starts, so a late timer never bunches
// the starts behind it), so no window of per_seconds holds more than `requests` starts, whatever
// the concurrency. Waiters take their turn one after another.
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
  #last = Number.NEGATIVE_INFINITY;
  /** Settles when the previous waiter has started. */
  #turn: Promise<void> = Promise.resolve();

  constructor(spec: RateLimitSpec) {
    this.spec = spec;
    this.#intervalMs = ((spec.perSeconds * 1000) / spec.requests) * SAFETY;
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
      const wait = this.#last + this.#intervalMs - clock.now();
      if (wait > 0) {
        onWait(wait);
        await clock.sleep(wait, signal);
      }
      this.#last = clock.now();
    } finally {
      done();
    }
  }

  /** e.g. `100 requests per 60 s`. */
  describe(): string {
    return `${this.spec.requests} requests per ${this.spec.perSeconds} s`;
  }
}
