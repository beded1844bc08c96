// A pool of work that grows as it runs: each item may add more (a parent partition its child batches),
// at most `limit` in flight. `run` handles its own failures; one that throws anyway fails the pool.

/** Runs `run` over `initial` and every item added along the way, `limit` at a time; resolves when none is left. */
export function drain<T>(initial: readonly T[], limit: number, run: (item: T, add: (more: readonly T[]) => void) => Promise<void>): Promise<void> {
  const queue = [...initial];
  let active = 0;
  return new Promise((resolve, reject) => {
    const pump = (): void => {
      if (queue.length === 0 && active === 0) return resolve();
      while (active < Math.max(1, limit) && queue.length > 0) {
        const item = queue.shift() as T;
        active++;
        run(item, (more) => void queue.push(...more)).then(() => {
          active--;
          pump();
        }, reject);
      }
    };
    pump();
  });
}
