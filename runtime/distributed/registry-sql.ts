// The distributed protocol's tables in a dataset (pure SQL text; values are bound): `_gc_runs`, one row
// per distributed run with its plan, at most one `running` per dataset; `_gc_partitions`, one marker row
// per committed partition, written in the partition's commit transaction.
import { RUNS_TABLE } from "../destinations/postgres/lock.ts";

export { RUNS_TABLE };

/** The markers of committed partitions; no resource table may take its name. */
export const PARTITIONS_TABLE = "_gc_partitions";

export type RunStatus = "running" | "completed" | "failed";

/** `runs` and `partitions` are qualified, quoted names; `index` is the partial unique index's bare name. */
export function createRunsSql(runs: string, index: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${runs} (run_id TEXT PRIMARY KEY, dataset TEXT NOT NULL, connector TEXT NOT NULL, code_hash TEXT NOT NULL, ` +
      "planned_at TIMESTAMPTZ NOT NULL, plan JSONB NOT NULL, status TEXT NOT NULL, finished_at TIMESTAMPTZ, error TEXT)",
    // At most one running distributed run per dataset.
    `CREATE UNIQUE INDEX IF NOT EXISTS ${index} ON ${runs} (dataset) WHERE status = 'running'`,
  ];
}

export function createPartitionsSql(partitions: string): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${partitions} (run_id TEXT NOT NULL, resource TEXT NOT NULL, partition TEXT NOT NULL, kind TEXT NOT NULL, ` +
    "bounds JSONB, records BIGINT NOT NULL, inserted BIGINT NOT NULL, updated BIGINT NOT NULL, unchanged BIGINT NOT NULL, " +
    "worker TEXT NOT NULL, attempt INTEGER NOT NULL, load_id TEXT NOT NULL, committed_at TIMESTAMPTZ NOT NULL, " +
    "PRIMARY KEY (run_id, resource, partition))"
  );
}

/** `$1` run, `$2` resource, `$3` partition: the marker if committed. */
export function markerSql(partitions: string): string {
  return `SELECT worker, attempt, load_id, CAST(committed_at AS text) AS committed_at, records FROM ${partitions} WHERE run_id = $1 AND resource = $2 AND partition = $3`;
}

/** Inserts a marker: `$1`…`$12` as the columns run_id … load_id, committed_at now(). */
export function insertMarkerSql(partitions: string): string {
  return (
    `INSERT INTO ${partitions} (run_id, resource, partition, kind, bounds, records, inserted, updated, unchanged, worker, attempt, load_id, committed_at) ` +
    "VALUES ($1, $2, $3, $4, CAST($5 AS jsonb), $6, $7, $8, $9, $10, $11, $12, now())"
  );
}

/** `$1` run, `$2` resource: the committed windows' indexes and bounds. */
export function committedWindowsSql(partitions: string): string {
  return `SELECT CAST(bounds AS text) FROM ${partitions} WHERE run_id = $1 AND resource = $2 AND kind = 'window'`;
}
