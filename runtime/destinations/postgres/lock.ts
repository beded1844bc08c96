// One sync per dataset: a session-level advisory lock keyed on the dataset (advisory locks are already
// per database). It is held until the destination closes and released by the server if the process
// dies, so a stale lock never outlives its holder. A distributed run (runtime/distributed/) holds no
// session lock between its partitions' transactions, so taking the lock also checks `_gc_runs`.
import type pg from "pg";
import { DestinationError } from "../../errors.ts";
import { qualifiedName } from "../sql.ts";

/** The text hashed into the lock key: namespaced so other applications' advisory locks do not collide. */
export const lockName = (dataset: string) => `gen-connector dataset ${dataset}`;

/** The distributed runs of a dataset (runtime/distributed/run-registry.ts); a `running` one excludes a classic sync. */
export const RUNS_TABLE = "_gc_runs";

/** Takes the dataset's lock for this session; DestinationError naming the dataset and the holder when another session has it. */
export async function lockDataset(client: pg.Client, database: string, dataset: string): Promise<void> {
  const taken = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [lockName(dataset)]);
  if (taken.rows[0]?.ok === true) return refuseDuringDistributedRun(client, database, dataset);
  throw new DestinationError(
    `postgres: another sync holds the lock on dataset ${JSON.stringify(dataset)} in database ${JSON.stringify(database)}` +
      `${await holder(client, dataset)}; wait for it to finish (the lock is released when its connection ends)`,
  );
}

/** Releases the lock just taken and refuses when a distributed run of the dataset is in progress. */
async function refuseDuringDistributedRun(client: pg.Client, database: string, dataset: string): Promise<void> {
  const runs = qualifiedName(dataset, RUNS_TABLE);
  const exists = await client.query<{ t: string | null }>("SELECT CAST(to_regclass($1) AS text) AS t", [runs]);
  if (exists.rows[0]?.t == null) return;
  const found = await client.query<{ run_id: string; planned_at: string }>(
    `SELECT run_id, CAST(planned_at AS text) AS planned_at FROM ${runs} WHERE status = 'running' ORDER BY planned_at LIMIT 1`,
  );
  const run = found.rows[0];
  if (run === undefined) return;
  await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockName(dataset)]);
  throw new DestinationError(
    `postgres: dataset ${JSON.stringify(dataset)} in database ${JSON.stringify(database)} has a distributed run in progress ` +
      `(run ${run.run_id}, planned at ${run.planned_at}); a classic sync or a reset would race its partitions: wait for the run to finish ` +
      "(or mark it failed), then try again",
  );
}

/** ` (held by <application_name>, backend pid P, since T)` when the holder is visible; empty otherwise. */
async function holder(client: pg.Client, dataset: string): Promise<string> {
  try {
    const result = await client.query<{ app: string; pid: number; since: string }>(
      `SELECT a.application_name AS app, a.pid, CAST(a.backend_start AS text) AS since FROM pg_catalog.pg_locks l
         JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
          AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
          AND l.classid = CAST((hashtextextended($1, 0) >> 32) & 4294967295 AS oid)
          AND l.objid = CAST(hashtextextended($1, 0) & 4294967295 AS oid)`,
      [lockName(dataset)],
    );
    const row = result.rows[0];
    return row === undefined ? "" : ` (held by ${row.app || "an unnamed client"}, backend pid ${row.pid}, connected since ${row.since})`;
  } catch {
    return "";
  }
}
