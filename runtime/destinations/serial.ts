// One connection runs one thing at a time: a transaction, an appender or a COPY must not interleave
// with another table's statements (DuckDB and Postgres destinations alike).

/** A FIFO queue of async tasks; each starts after the previous one settles. */
export class Serial {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it; resolves or rejects with its result. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
