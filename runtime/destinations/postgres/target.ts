// A target table in Postgres: what the catalog holds, creating (with the indexes merges look rows up
// by) or evolving it from its staged columns, and the small helpers the commit uses.
import type pg from "pg";
import { ROOT_ID, ROOT_SEQ } from "../../normalize/system-columns.ts";
import type { ColumnSpec } from "../../spec.ts";
import { missingColumns } from "../evolve.ts";
import type { LoadTable } from "../load-tables.ts";
import { identList, qualifiedName, quoteIdent } from "../sql.ts";
import type { Staging } from "./staging.ts";
import { needsCast, sameType, TARGET_TYPE } from "./types.ts";

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


/** The staged columns that reach the target (the load ordinal of root rows stays in staging). */
export function storedColumns(staging: Staging): readonly ColumnSpec[] {
  return staging.columns.filter((c) => c.name !== ROOT_SEQ);
}

/** The select list moving staged columns into target types (text-staged types are cast). */
export function castList(columns: readonly ColumnSpec[]): string {
  return columns
    .map((c) => (needsCast(c.dataType) ? `CAST(${quoteIdent(c.name)} AS ${TARGET_TYPE[c.dataType]}) AS ${quoteIdent(c.name)}` : quoteIdent(c.name)))
    .join(", ");
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
  if (existing.size === 0) {
    if (columns.length === 0) return;
    const defs = columns.map((c) => `${quoteIdent(c.name)} ${TARGET_TYPE[c.dataType]}${c.nullable ? "" : " NOT NULL"}`);
    await ds.client.query(`CREATE TABLE ${target} (${defs.join(", ")})`);
    const has = (name: string) => columns.some((c) => c.name === name);
    const key = table.spec.nested !== undefined ? [ROOT_ID] : table.spec.primaryKey;
    if (rootMerges && key.length > 0 && key.every(has)) await ds.client.query(`CREATE INDEX ON ${target} (${identList(key)})`);
    return;
  }
  const missing = missingColumns(table.label, columns, (name) => existing.get(name), { target: TARGET_TYPE, sameType });
  for (const col of missing) await ds.client.query(`ALTER TABLE ${target} ADD COLUMN ${quoteIdent(col.name)} ${TARGET_TYPE[col.dataType]}`);
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
