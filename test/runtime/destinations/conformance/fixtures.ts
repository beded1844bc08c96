// Shared helpers of the destination conformance tests (not a test file itself): records loaded the
// way a sync loads them, and table contents read back in one form on every destination.
import type { LoadCounts, Scalar, StateEntry } from "../../../../runtime/destinations/destination.ts";
import { quoteIdent } from "../../../../runtime/destinations/sql.ts";
import { COMMIT_COLUMN } from "../../../../runtime/destinations/duckdb/commit-journal.ts";
import { MERGE_HASH } from "../../../../runtime/destinations/row-hash.ts";
import type { TableSpec } from "../../../../runtime/connector.ts";
import { TableWriter } from "../../../../runtime/sync/table-writer.ts";
import type { TestDestination } from "./destinations.ts";

export const DATASET = "shop";

type Row = Record<string, unknown>;

/** The root table `orders` (merge on `id` unless overridden). */
export function orders(over: Partial<TableSpec> = {}): TableSpec {
  return { name: "orders", writeDisposition: "merge", primaryKey: ["id"], columns: [], ...over };
}

export interface SyncOptions {
  readonly state?: StateEntry;
  /** Rows per staged batch (default 2, so a load spans several batches). */
  readonly batchRows?: number;
  /** Commit as a full refresh (`--full-refresh`). */
  readonly fullRefresh?: boolean;
}

/** Loads `records` through the TableWriter, one record per write (as pages arrive), and commits. */
export async function sync(dest: TestDestination, table: TableSpec, records: readonly Row[], options: SyncOptions = {}): Promise<LoadCounts> {
  const writer = await TableWriter.open(dest, DATASET, table, options.batchRows ?? 2);
  try {
    for (const record of records) await writer.write([record]);
    return await writer.commit(options.state, { fullRefresh: options.fullRefresh === true });
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** `dataset.table` quoted. */
export function ref(table: string, dataset = DATASET): string {
  return `${quoteIdent(dataset)}.${quoteIdent(table)}`;
}

/**
 * Rows with every non-null value as text (JSON re-serialized compactly), the same on every destination:
 * without DuckDB's commit column, which is that destination's crash bookkeeping (tested in duckdb-repair.test.ts).
 */
export async function rows(dest: TestDestination, sql: string, params: readonly Scalar[] = []): Promise<Row[]> {
  const result = await dest.query(sql, params);
  return result.map((row) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([k]) => k !== COMMIT_COLUMN && k !== MERGE_HASH)
        .map(([k, v]) => [k, text(v)]),
    ),
  );
}

function text(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A JSON column's value as data (DuckDB returns its text, Postgres' jsonb its parsed value). */
export function json(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

/** The dataset's table names, sorted. */
export async function tableNames(dest: TestDestination, dataset = DATASET): Promise<string[]> {
  const found = await dest.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name", [dataset]);
  return found.map((r) => String(r["table_name"]));
}

/** A table's column names in table order (without DuckDB's commit column and a merge's row hash, as `rows`). */
export async function columnNames(dest: TestDestination, table: string, dataset = DATASET): Promise<string[]> {
  const found = await dest.query(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name <> $3 AND column_name <> $4 ORDER BY ordinal_position",
    [dataset, table, COMMIT_COLUMN, MERGE_HASH],
  );
  return found.map((r) => String(r["column_name"]));
}

/** Every row of every table of the dataset (ordered by `_gc_id` where there is one), to compare before and after. */
export async function snapshot(dest: TestDestination, dataset = DATASET): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of await tableNames(dest, dataset)) {
    const order = (await columnNames(dest, table, dataset)).includes("_gc_id") ? "_gc_id" : "1";
    out[table] = await rows(dest, `SELECT * FROM ${ref(table, dataset)} ORDER BY ${order}`);
  }
  return out;
}

/** `items` as `{id: [values…]}`: each root key's nested `column` values in list order (via the row links). */
export async function itemsByRoot(dest: TestDestination, root: string, nested: string, column: string): Promise<Record<string, string[]>> {
  const found = await rows(
    dest,
    `SELECT r.id, c.${quoteIdent(column)} AS v FROM ${ref(root)} AS r JOIN ${ref(nested)} AS c ON c._gc_parent_id = r._gc_id AND c._gc_root_id = r._gc_id ORDER BY r.id, c._gc_list_idx`,
  );
  const out: Record<string, string[]> = {};
  for (const row of found) (out[String(row["id"])] ??= []).push(String(row["v"]));
  return out;
}

/** Nested rows whose root or parent row does not exist (must always be 0). */
export async function orphans(dest: TestDestination, root: string, nested: string, parent = root): Promise<number> {
  const [row] = await rows(
    dest,
    `SELECT count(*) AS n FROM ${ref(nested)} AS c WHERE NOT EXISTS (SELECT 1 FROM ${ref(root)} AS r WHERE r._gc_id = c._gc_root_id) ` +
      `OR NOT EXISTS (SELECT 1 FROM ${ref(parent)} AS p WHERE p._gc_id = c._gc_parent_id)`,
  );
  return Number(row?.["n"]);
}

/** The seeded PRNG: the same seeded loads on every run and destination. */
export { random } from "../../../helpers/random.ts";
