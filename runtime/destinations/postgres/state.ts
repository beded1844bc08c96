// Sync state (incremental cursors) in the dataset's `_gc_state` table, written inside a load's commit transaction.
import type pg from "pg";
import { qualifiedName } from "../sql.ts";

/** The state table in every dataset; no resource table may take its name. */
export const STATE_TABLE = "_gc_state";

/** Upserts `key` → `json` in `schema._gc_state` (creating it); call inside the commit transaction. */
export async function writeState(client: pg.Client, schema: string, key: string, json: string): Promise<void> {
  const table = qualifiedName(schema, STATE_TABLE);
  await client.query(`CREATE TABLE IF NOT EXISTS ${table} (key text PRIMARY KEY, value jsonb, updated_at timestamptz NOT NULL)`);
  await client.query(
    `INSERT INTO ${table} (key, value, updated_at) VALUES ($1, CAST($2 AS jsonb), now()) ` +
      `ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
    [key, json],
  );
}

/** The value stored under `key` in `schema._gc_state`, parsed; undefined when the schema, table or key is absent. */
export async function readState(client: pg.Client, schema: string, key: string): Promise<unknown> {
  const exists = await client.query(
    "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2",
    [schema, STATE_TABLE],
  );
  if (exists.rowCount === 0) return undefined;
  const result = await client.query<{ value: string | null }>(
    `SELECT CAST(value AS text) AS value FROM ${qualifiedName(schema, STATE_TABLE)} WHERE key = $1`,
    [key],
  );
  const row = result.rows[0];
  if (row === undefined) return undefined;
  return row.value === null ? null : (JSON.parse(row.value) as unknown);
}
