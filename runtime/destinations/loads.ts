// The dataset's load bookkeeping, `_gc_loads`: one row per resource per sync run, `running` when the
// resource starts (committed at once), `completed` with its counts inside the commit transaction
// (with the rows and the state), `failed` with the redacted error when it fails. A row left `running`
// is the trace of a killed process. SQL text is the same on DuckDB and Postgres; values are bound.
import { quoteIdent } from "./sql.ts";

/** The loads table in every dataset; no resource table may take its name. */
export const LOADS_TABLE = "_gc_loads";

export type RunStatus = "running" | "completed" | "failed";

/** Creates the loads table (`table` is its qualified, quoted name). */
export function createLoadsSql(table: string): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${table} (load_id TEXT NOT NULL, connector TEXT NOT NULL, resource TEXT NOT NULL, ` +
    "table_name TEXT NOT NULL, started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, status TEXT NOT NULL, " +
    "records BIGINT, inserted BIGINT, updated BIGINT, unchanged BIGINT, quarantined BIGINT, error TEXT, deleted BIGINT, retired BIGINT)"
  );
}

/** Columns added since the first version of the table (an older table gets them on its next completed run). */
export const ADDED_LOADS_COLUMNS = ["deleted", "retired"] as const;

/** Inserts run `$1` of resource `$3` (connector `$2`, table `$4`) as `running`. */
export function startRunSql(table: string): string {
  return `INSERT INTO ${table} (load_id, connector, resource, table_name, started_at, status) VALUES ($1, $2, $3, $4, current_timestamp, 'running')`;
}

/**
 * Sets run `$1` of resource `$2` completed with records `$3`, inserted `$4`, updated `$5`, unchanged
 * `$6`, quarantined `$7`, deleted `$8`, retired `$9` (the table has ADDED_LOADS_COLUMNS by then).
 */
export function completeRunSql(table: string): string {
  return (
    `UPDATE ${table} SET status = 'completed', finished_at = current_timestamp, records = $3, inserted = $4, updated = $5, ` +
    "unchanged = $6, quarantined = $7, deleted = $8, retired = $9, error = NULL WHERE load_id = $1 AND resource = $2"
  );
}

/** The completed row when no `running` row was recorded first: `$1`…`$9` as in completeRunSql, connector `$10`, table `$11`. */
export function insertCompletedRunSql(table: string): string {
  return (
    `INSERT INTO ${table} (load_id, resource, records, inserted, updated, unchanged, quarantined, deleted, retired, connector, table_name, ` +
    "started_at, finished_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, current_timestamp, current_timestamp, 'completed')"
  );
}

/** Sets run `$1` of resource `$2` failed with error `$3`, unless it completed. */
export function failRunSql(table: string): string {
  return `UPDATE ${table} SET status = 'failed', finished_at = current_timestamp, error = $3 WHERE load_id = $1 AND resource = $2 AND status <> 'completed'`;
}

/**
 * The condition keeping a `_gc_state` row (alias `s`) that may be trusted: written before loads were
 * recorded (no load id), or by a load whose row in `loads` (qualified, quoted; null when the dataset
 * has no loads table) is `completed`.
 */
export function trustedStateSql(loads: string | null): string {
  if (loads === null) return "s.load_id IS NULL";
  const match = `l.load_id = s.load_id AND l.resource = s.${quoteIdent("resource")} AND l.status = 'completed'`;
  return `(s.load_id IS NULL OR EXISTS (SELECT 1 FROM ${loads} AS l WHERE ${match}))`;
}

/** A message fit for the loads table: NUL (which Postgres text refuses) escaped, at most `max` characters. */
export function errorText(message: string, max = 4000): string {
  const text = message.replaceAll("\0", "\\u0000");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
