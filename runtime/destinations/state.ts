// Sync state (incremental cursors) in the dataset's `_gc_state` table, written inside a load's commit
// transaction, the same on every dialect. Each row records the load that wrote it; reading trusts
// only rows of completed loads (and rows written before loads were recorded, whose load_id is NULL).
import type { LoadRun } from "./destination.ts";
import { type CommitHooks, type Dataset, targetColumns, targetRef } from "./dialect.ts";
import { LOADS_TABLE, trustedStateSql } from "./loads.ts";
import { quoteIdent } from "./sql.ts";
import { parseStateJson } from "./state-json.ts";

/** The state table in every dataset; no resource table may take its name. */
export const STATE_TABLE = "_gc_state";

/** Columns added since the first version of the table (an older table gets them on its next write). */
const ADDED_COLUMNS = ["load_id", "resource"] as const;

/**
 * Upserts `key` → `json` (creating or migrating the table), recording `run`; call inside the commit
 * transaction. Delete + insert rather than an ON CONFLICT upsert: DuckDB's over-eager unique checks
 * reject some delete-then-insert sequences of one key within a transaction, and older Postgres tables
 * keep their primary key, which delete + insert respects.
 */
export async function writeState(ds: Dataset, hooks: CommitHooks, key: string, json: string, run?: LoadRun): Promise<void> {
  const { session, dialect } = ds;
  const table = targetRef(ds, STATE_TABLE);
  const jsonType = dialect.types.target.json;
  await session.exec(
    `CREATE TABLE IF NOT EXISTS ${table} (key TEXT NOT NULL, value ${jsonType}, updated_at TIMESTAMPTZ NOT NULL, load_id TEXT, resource TEXT)`,
  );
  const columns = await targetColumns(ds, STATE_TABLE);
  for (const name of ADDED_COLUMNS) if (!columns.has(name)) await session.exec(`ALTER TABLE ${table} ADD COLUMN ${name} TEXT`);
  for (const c of hooks.columns) {
    if (!columns.has(c.name)) await session.exec(`ALTER TABLE ${table} ADD COLUMN ${quoteIdent(c.name)} ${dialect.types.target[c.dataType]}`);
  }
  await hooks.tag(table);
  await session.exec(`DELETE FROM ${table} WHERE key = $1`, [key]);
  await session.exec(`INSERT INTO ${table} (key, value, updated_at, load_id, resource) VALUES ($1, CAST($2 AS ${jsonType}), now(), $3, $4)`, [
    key,
    json,
    run?.loadId ?? null,
    run?.resource ?? null,
  ]);
}

/** The value stored under `key` by a trusted load, parsed; undefined when absent or untrusted. */
export async function readState(ds: Dataset, key: string): Promise<unknown> {
  const columns = await targetColumns(ds, STATE_TABLE);
  if (columns.size === 0) return undefined;
  const loads = (await targetColumns(ds, LOADS_TABLE)).size > 0 ? targetRef(ds, LOADS_TABLE) : null;
  const trusted = columns.has("load_id") && columns.has("resource") ? trustedStateSql(loads) : "true";
  const rows = await ds.session.rows(
    `SELECT CAST(s.value AS TEXT) FROM ${targetRef(ds, STATE_TABLE)} AS s WHERE s.key = $1 AND ${trusted} ORDER BY s.updated_at DESC LIMIT 1`,
    [key],
  );
  const text = rows[0]?.[0];
  if (text === undefined) return undefined;
  return text === null ? null : parseStateJson(String(text), key);
}
