// Sync state (incremental cursors) in the dataset's `_gc_state` table, written inside a load's commit
// transaction. Each row records the load that wrote it; reading trusts only rows of completed loads
// (and rows written before loads were recorded, whose load_id is NULL).
import type { DuckDBConnection } from "@duckdb/node-api";
import type { LoadRun } from "../destination.ts";
import { LOADS_TABLE, trustedStateSql } from "../loads.ts";
import { qualifiedName } from "../sql.ts";
import { parseStateJson } from "../state-json.ts";
import { COMMIT_COLUMN, ensureCommitColumn } from "./commit-journal.ts";

/** The state table in every dataset; no resource table may take its name. */
export const STATE_TABLE = "_gc_state";

/** Columns added since the first version of the table (an older table gets them on its next write). */
const ADDED_COLUMNS = ["load_id", "resource"] as const;

/** Upserts `key` → `json` in `catalog.schema._gc_state` (creating or migrating it), recording `commit` and `run`; call inside the commit transaction. */
export async function writeState(
  conn: DuckDBConnection,
  catalog: string,
  schema: string,
  key: string,
  json: string,
  commit: bigint,
  run?: LoadRun,
): Promise<void> {
  const table = qualifiedName(catalog, schema, STATE_TABLE);
  await conn.run(`CREATE TABLE IF NOT EXISTS ${table} (key VARCHAR NOT NULL, value JSON, updated_at TIMESTAMPTZ NOT NULL, load_id VARCHAR, resource VARCHAR)`);
  const columns = await columnsOf(conn, schema, STATE_TABLE);
  for (const name of ADDED_COLUMNS) if (!columns.has(name)) await conn.run(`ALTER TABLE ${table} ADD COLUMN ${name} VARCHAR`);
  await ensureCommitColumn(conn, table, columns);
  // Delete + insert rather than a PRIMARY KEY upsert: DuckDB's over-eager unique checks reject some
  // delete-then-insert sequences of one key within a transaction.
  await conn.run(`DELETE FROM ${table} WHERE key = $1`, [key]);
  await conn.run(`INSERT INTO ${table} (key, value, updated_at, load_id, resource, ${COMMIT_COLUMN}) VALUES ($1, CAST($2 AS JSON), now(), $3, $4, $5)`, [
    key,
    json,
    run?.loadId ?? null,
    run?.resource ?? null,
    commit,
  ]);
}

/** The value stored under `key` in `catalog.schema._gc_state` by a trusted load, parsed; undefined when absent or untrusted. */
export async function readState(conn: DuckDBConnection, catalog: string, schema: string, key: string): Promise<unknown> {
  const columns = await columnsOf(conn, schema, STATE_TABLE);
  if (columns.size === 0) return undefined;
  const loads = (await columnsOf(conn, schema, LOADS_TABLE)).size > 0 ? qualifiedName(catalog, schema, LOADS_TABLE) : null;
  const trusted = columns.has("load_id") && columns.has("resource") ? trustedStateSql(loads) : "true";
  const table = qualifiedName(catalog, schema, STATE_TABLE);
  const reader = await conn.runAndReadAll(
    `SELECT CAST(s.value AS VARCHAR) FROM ${table} AS s WHERE s.key = $1 AND ${trusted} ORDER BY s.updated_at DESC LIMIT 1`,
    [key],
  );
  const text = reader.getRows()[0]?.[0];
  if (text === undefined) return undefined;
  return text === null ? null : parseStateJson(String(text), key);
}

/** The lower-cased column names of `schema.table`; empty when it does not exist. */
async function columnsOf(conn: DuckDBConnection, schema: string, table: string): Promise<Set<string>> {
  const reader = await conn.runAndReadAll(
    "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND lower(schema_name) = lower($1) AND table_name = $2",
    [schema, table],
  );
  return new Set(reader.getRows().map(([name]) => String(name).toLowerCase()));
}
