// The distributed protocol's advisory locks (pure: names and SQL). A partition's commit takes the
// dataset's lock shared (a classic sync holds it exclusively for its whole run) and one exclusive
// transaction-level lock per table it writes, in sorted order so two partitions never wait on each other.
import { lockName } from "../destinations/postgres/lock.ts";

export { lockName as datasetLockName };

/** The text hashed into a table's lock key. */
export function tableLockName(schema: string, table: string): string {
  return `gen-connector table ${schema}.${table}`;
}

/** The text hashed into the lock serializing a dataset's bootstrap (its tables created before fan-out). */
export function bootstrapLockName(schema: string): string {
  return `gen-connector bootstrap ${schema}`;
}

/** Each table's lock name once, sorted: the order every partition takes them in. */
export function tableLocks(schema: string, tables: Iterable<string>): string[] {
  return [...new Set([...tables].map((t) => tableLockName(schema, t)))].sort();
}

/** Waits for an exclusive transaction-level lock on `$1` (within the session's lock_timeout). */
export const XACT_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";

/** Tries a shared transaction-level lock on `$1`: false while a classic sync holds it. */
export const TRY_SHARED_XACT_LOCK_SQL = "SELECT pg_try_advisory_xact_lock_shared(hashtextextended($1, 0)) AS ok";
