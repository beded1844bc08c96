// One Postgres connection held across repeated short reads (`sync --workers N` watching its run every
// half second) instead of a connection per read. Opened on first use; any failure drops it, and a failure
// on a connection held from an earlier use (a server restart killed it while idle) is retried once on a
// fresh one, so a loss surfaces as the new connection's error (refused, starting up…), which callers
// recognise with isConnectionLoss and wait out.
import { openPostgres, type PostgresDestination } from "../../destinations/postgres/index.ts";

export interface HeldDestination {
  /** Runs `work` on the held connection (opening it when there is none). */
  use<T>(work: (destination: PostgresDestination) => Promise<T>): Promise<T>;
  /** Closes the held connection, if any. */
  close(): Promise<void>;
}

/** A held destination on `url`, without the dataset lock (the distributed protocol takes its own). */
export function heldDestination(
  url: string,
  open: (url: string) => Promise<PostgresDestination> = (u) => openPostgres(u, { datasetLock: "none" }),
): HeldDestination {
  let held: PostgresDestination | null = null;

  const drop = async (): Promise<void> => {
    const d = held;
    held = null;
    await d?.close();
  };

  const attempt = async <T>(work: (destination: PostgresDestination) => Promise<T>): Promise<T> => {
    held ??= await open(url);
    try {
      return await work(held);
    } catch (error) {
      await drop();
      throw error;
    }
  };

  return {
    async use(work) {
      if (held === null) return attempt(work);
      try {
        return await attempt(work);
      } catch {
        // The reused connection failed: a dead one reports "not queryable", not why; a fresh one says.
        return attempt(work);
      }
    },
    close: drop,
  };
}
