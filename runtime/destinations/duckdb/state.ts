// Sync state (incremental cursors) in the dataset's `_gc_state` table, written inside a load's commit transaction.
import type { DuckDBConnection } from "@duckdb/node-api";
import { qualifiedName } from "../sql.ts";

/** The state table in every dataset; no resource table may take its name. */
export const STATE_TABLE = "_gc_state";


/** Upserts `key` → `json` in `catalog.schema._gc_state` (creating it); call inside the commit transaction. */
export async function writeState(conn: DuckDBConnection, catalog: string, schema: string, key: string, json: string): Promise<void> {
  const table = qualifiedName(catalog, schema, STATE_TABLE);
  await conn.run(`CREATE TABLE IF NOT EXISTS ${table} (key VARCHAR NOT NULL, value JSON, updated_at TIMESTAMPTZ NOT NULL)`);
  // Delete + insert rather than a PRIMARY KEY upsert: DuckDB's over-eager unique checks reject some
  // delete-then-insert sequences of one key within a transaction.
  await conn.run(`DELETE FROM ${table} WHERE key = $1`, [key]);
  await conn.run(`INSERT INTO ${table} (key, value, updated_at) VALUES ($1, CAST($2 AS JSON), now())`, [key, json]);
}

/** The value stored under `key` in `catalog.schema._gc_state`, parsed; undefined when the schema, table or key is absent. */
export async function readState(conn: DuckDBConnection, catalog: string, schema: string, key: string): Promise<unknown> {
  const exists = await conn.runAndReadAll(
    "SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND lower(schema_name) = lower($1) AND table_name = $2",
    [schema, STATE_TABLE],
  );
  if (exists.getRows().length === 0) return undefined;
  const table = qualifiedName(catalog, schema, STATE_TABLE);
  const reader = await conn.runAndReadAll(`SELECT CAST(value AS VARCHAR) FROM ${table} WHERE key = $1 ORDER BY updated_at DESC LIMIT 1`, [key]);
  const text = reader.getRows()[0]?.[0];
  if (text === undefined) return undefined;
  return text === null ? null : (JSON.parse(String(text)) as unknown);
}
