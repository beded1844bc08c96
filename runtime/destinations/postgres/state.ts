// Sync state (incremental cursors) in the dataset's `_gc_state` table, written inside a load's commit
// transaction. Each row records the load that wrote it; reading trusts only rows of completed loads
// (and rows written before loads were recorded, whose load_id is NULL).
import type pg from "pg";
import type { LoadRun } from "../destination.ts";
import { LOADS_TABLE, trustedStateSql } from "../loads.ts";
import { qualifiedName } from "../sql.ts";
import { parseStateJson } from "../state-json.ts";

/** The state table in every dataset; no resource table may take its name. */
export const STATE_TABLE = "_gc_state";

/** Columns added since the first version of the table (an older table gets them on its next write). */
const ADDED_COLUMNS = ["load_id", "resource"] as const;

/** Upserts `key` → `json` in `schema._gc_state` (creating or migrating it), recording `run`; call inside the commit transaction. */
export async function writeState(client: pg.Client, schema: string, key: string, json: string, run?: LoadRun): Promise<void> {
  const table = qualifiedName(schema, STATE_TABLE);
  await client.query(`CREATE TABLE IF NOT EXISTS ${table} (key text PRIMARY KEY, value jsonb, updated_at timestamptz NOT NULL, load_id text, resource text)`);
  const columns = await columnsOf(client, schema, STATE_TABLE);
  for (const name of ADDED_COLUMNS) if (!columns.has(name)) await client.query(`ALTER TABLE ${table} ADD COLUMN ${name} text`);
  await client.query(
    `INSERT INTO ${table} (key, value, updated_at, load_id, resource) VALUES ($1, CAST($2 AS jsonb), now(), $3, $4) ` +
      `ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, load_id = EXCLUDED.load_id, resource = EXCLUDED.resource`,
    [key, json, run?.loadId ?? null, run?.resource ?? null],
  );
}

/** The value stored under `key` in `schema._gc_state` by a trusted load, parsed; undefined when absent or untrusted. */
export async function readState(client: pg.Client, schema: string, key: string): Promise<unknown> {
  const columns = await columnsOf(client, schema, STATE_TABLE);
  if (columns.size === 0) return undefined;
  const loads = (await columnsOf(client, schema, LOADS_TABLE)).size > 0 ? qualifiedName(schema, LOADS_TABLE) : null;
  const trusted = columns.has("load_id") && columns.has("resource") ? trustedStateSql(loads) : "true";
  const result = await client.query<{ value: string | null }>(
    `SELECT CAST(s.value AS text) AS value FROM ${qualifiedName(schema, STATE_TABLE)} AS s WHERE s.key = $1 AND ${trusted}`,
    [key],
  );
  const row = result.rows[0];
  if (row === undefined) return undefined;
  return row.value === null ? null : parseStateJson(row.value, key);
}

/** The column names of `schema.table`; empty when it does not exist. */
async function columnsOf(client: pg.Client, schema: string, table: string): Promise<Set<string>> {
  const result = await client.query<{ name: string }>(
    "SELECT a.attname AS name FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid " +
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped",
    [schema, table],
  );
  return new Set(result.rows.map((r) => r.name));
}
