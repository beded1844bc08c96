// How many records the windows of a backfill may hold in memory between them. Windows are fetched
// ahead of the one committing (up to `concurrency` of them) and hold their records until their turn;
// without a bound, a backfill of large windows (a day of 500,000 records, four at a time) holds them
// all. Past `limit` records held, a window fetched ahead waits at its next page until the windows
// before it commit. The head (the next window to commit) never waits, so the run always moves on, and
// writes into its load instead of holding its records (unit-sink.ts): memory holds at most `limit`
// records and the pages each waiting window has read ahead (fewer than `concurrency`).

/** The default `limit`: 50,000 records, ~50–100 MB of JavaScript objects for typical API records. */
export const AHEAD_RECORDS = 50_000;

export class AheadBudget {
  readonly limit: number;
  #held = 0;
  #head: number;
  #closed = false;
  #waiters: (() => void)[] = [];

  /** A budget of `limit` records for units committed in index order from `head`. */
  constructor(limit: number, head = 0) {
    this.limit = limit;
    this.#head = head;
  }

  /** Records held now. */
  get held(): number {
    return this.#held;
  }

  /**
   * Takes room for `records` more records of unit `unit`: at once for the head unit, for any unit when
   * nothing is held (a page larger than the limit still goes), or once the records held leave room.
   */
  async reserve(unit: number, records: number): Promise<void> {
    while (!this.#closed && unit !== this.#head && this.#held > 0 && this.#held + records > this.limit) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    this.#held += records;
  }

  /** Gives back room for `records` (a unit's records went into its load, or were dropped). */
  release(records: number): void {
    this.#held = Math.max(0, this.#held - records);
    this.#wake();
  }

  /** Whether `unit` is the next to commit (its records go straight into its load). */
  isHead(unit: number): boolean {
    return unit === this.#head;
  }

  /** Unit `head` is now the next to commit. */
  advance(head: number): void {
    this.#head = head;
    this.#wake();
  }

  /** Stops all waiting (the run failed): every waiter and later reserve goes on at once. */
  close(): void {
    this.#closed = true;
    this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resume of waiters) resume();
  }
}
