// A target table in DuckDB: what the catalog holds, creating or evolving it from its staged columns,
// and the small statement helpers the commit uses.
import type { DuckDBConnection } from "@duckdb/node-api";
import { DestinationError } from "../../errors.ts";
import { evolveTarget, storedColumns } from "../evolve.ts";
import type { LoadTable } from "../load-tables.ts";
import { qualifiedName } from "../sql.ts";
import type { LoadSettings } from "./settings.ts";
import type { Staging } from "./staging.ts";
import { COLUMN_TYPES } from "./types.ts";
import { COMMIT_COLUMN_SPEC, tagInserts } from "./commit-journal.ts";

/** One table of a load with its staged rows. */
export interface StagedTable {
  readonly table: LoadTable;
  readonly staging: Staging;
}

/** Where targets live: the database (catalog, always named, as a schema may share its name) and schema. */
export interface Dataset {
  readonly conn: DuckDBConnection;
  readonly catalog: string;
  readonly schema: string;
  /** The threads and memory limit commits run with (see settings.ts). */
  readonly settings: LoadSettings;
}

/** The target's qualified, quoted name. */
export function targetRef(ds: Dataset, name: string): string {
  return qualifiedName(ds.catalog, ds.schema, name);
}

/**
 * Creates the target from the staged columns, or adds the ones it lacks (refusing a type change), with
 * the commit column (commit-journal.ts), whose default becomes `commit`: every row the commit inserts
 * carries it without being listed (listing it in a wide INSERT … SELECT cost DuckDB more memory).
 */
export async function prepareTarget(ds: Dataset, { table, staging }: StagedTable, commit: bigint): Promise<void> {
  const existing = await targetColumns(ds, table.spec.name);
  const columns = storedColumns(staging);
  if (columns.length === 0 && existing.size === 0) return; // nothing to create it from (see evolveTarget)
  const target = targetRef(ds, table.spec.name);
  for (const sql of evolveTarget(table.label, target, [...columns, COMMIT_COLUMN_SPEC], existing, COLUMN_TYPES)) await ds.conn.run(sql);
  await tagInserts(ds.conn, target, commit);
}

/** The target's columns (lower-cased name → catalog type); empty when the table does not exist. */
export async function targetColumns(ds: Dataset, table: string): Promise<Map<string, string>> {
  const reader = await ds.conn.runAndReadAll(
    "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() " +
      "AND lower(schema_name) = lower($1) AND lower(table_name) = lower($2) ORDER BY column_index",
    [ds.schema, table],
  );
  return new Map(reader.getRows().map(([name, type]) => [String(name).toLowerCase(), String(type)]));
}

export async function count(conn: DuckDBConnection, sql: string): Promise<number> {
  const reader = await conn.runAndReadAll(sql);
  return Number(reader.getRows()[0]?.[0] ?? 0);
}

/** Runs a statement that prepares the commit; its failure says what was being done and that nothing was applied. */
export async function runStep(conn: DuckDBConnection, label: string, doing: string, sql: string): Promise<void> {
  try {
    await conn.run(sql);
  } catch (error) {
    throw new DestinationError(`${label}: ${doing} failed, nothing was applied: ${message(error)}`, { cause: error });
  }
}

/** The driver's message without DuckDB's trailing `LINE n:` excerpt of our SQL. */
export function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split(/\n\s*LINE \d+:/)[0]?.trim() ?? text;
}
