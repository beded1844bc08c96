// The scheduler's concurrency limit under additive increase, multiplicative decrease: a 429 halves
// it (once per burst: requests sent before the last decrease do not count again), every success
// adds 1/limit (about +1 per round of `limit` requests), never above the configured maximum.

export class AimdLimit {
  readonly max: number;
  #limit: number;
  /** Bumped at each decrease; a permit remembers the epoch it was issued in. */
  #epoch = 0;

  constructor(max: number) {
    this.max = max;
    this.#limit = max;
  }

  /** Requests that may be in flight now (≥ 1). */
  get current(): number {
    return Math.max(1, Math.floor(this.#limit));
  }

  get epoch(): number {
    return this.#epoch;
  }

  /** A success: grows back toward the maximum. */
  increase(): void {
    this.#limit = Math.min(this.max, this.#limit + 1 / Math.max(1, this.#limit));
  }

  /** A 429 on a request issued in `epoch`: halves the limit unless an answer from the same burst already did. Returns whether it changed. */
  decrease(epoch: number): boolean {
    if (epoch < this.#epoch) return false;
    this.#epoch++;
    const before = this.current;
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    return this.current !== before;
  }
}
