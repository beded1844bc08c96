// A target table in Postgres: what the catalog holds, creating (with the indexes merges look rows up
// by) or evolving it from its staged columns, and the small helpers the commit uses.
import type pg from "pg";
import { ROOT_ID } from "../../normalize/system-columns.ts";
import { evolveTarget, storedColumns } from "../evolve.ts";
import type { LoadTable } from "../load-tables.ts";
import { identList, qualifiedName } from "../sql.ts";
import type { Staging } from "./staging.ts";
import { COLUMN_TYPES } from "./types.ts";

/** One table of a load with its staged rows. */
export interface StagedTable {
  readonly table: LoadTable;
  readonly staging: Staging;
}

export interface Dataset {
  readonly client: pg.Client;
  readonly schema: string;
}

/** The target's qualified, quoted name. */
export function targetRef(ds: Dataset, name: string): string {
  return qualifiedName(ds.schema, name);
}

/**
 * Creates the target from the staged columns, or adds the ones it lacks (refusing a type change).
 * A new table gets the index its merges look rows up by: the primary key, or a nested table's root id.
 */
export async function prepareTarget(ds: Dataset, staged: StagedTable, rootMerges: boolean): Promise<void> {
  const { table, staging } = staged;
  const target = targetRef(ds, table.spec.name);
  const columns = storedColumns(staging);
  const existing = await targetColumns(ds, table.spec.name);
  for (const sql of evolveTarget(table.label, target, columns, existing, COLUMN_TYPES)) await ds.client.query(sql);
  if (existing.size > 0 || columns.length === 0) return;
  const key = table.spec.nested !== undefined ? [ROOT_ID] : table.spec.primaryKey;
  if (rootMerges && key.length > 0 && key.every((k) => columns.some((c) => c.name === k)))
    await ds.client.query(`CREATE INDEX ON ${target} (${identList(key)})`);
}

/** The target's columns (exact name → `format_type`); empty when the table does not exist. */
export async function targetColumns(ds: Dataset, table: string): Promise<Map<string, string>> {
  const result = await ds.client.query<{ name: string; type: string }>(
    "SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_catalog.pg_attribute a " +
      "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
      "WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
    [ds.schema, table],
  );
  return new Map(result.rows.map((r) => [r.name, r.type]));
}

export async function count(client: pg.Client, sql: string): Promise<number> {
  const result = await client.query<{ n: string }>(sql);
  return Number(result.rows[0]?.n ?? 0);
}
