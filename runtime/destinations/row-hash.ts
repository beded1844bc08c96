// The stored row hash of a keyed merge (delete-insert, upsert): a hash of the row's stored columns,
// computed by the database as rows are written (each dialect picks its function, see rowHash), so a rerun tells most changed rows from unchanged
// ones by comparing one column. Equal hashes are always verified column by column (a collision never
// drops a change); a stored row without a hash (written before the column existed) is compared
// column by column, and gets its hash when found unchanged.
import type { ColumnSpec, TableSpec } from "../connector.ts";
import { MERGE_HASH } from "../normalize/system-columns.ts";
import { quoteIdent } from "./sql.ts";

export { MERGE_HASH };

/** The hash column, as a target gains it (nullable: rows written before it have none). */
export const MERGE_HASH_COLUMN: ColumnSpec = { name: MERGE_HASH, dataType: "text", nullable: true };

/** Whether a table's target carries the row hash: a root merged by delete-insert or upsert on its primary key. */
export function storesRowHash(spec: TableSpec): boolean {
  if (spec.writeDisposition !== "merge" || spec.nested !== undefined || spec.primaryKey.length === 0) return false;
  const strategy = spec.merge?.strategy ?? "delete-insert";
  return strategy === "delete-insert" || strategy === "upsert";
}

/** `columns` in name order, without the hash itself: the order a row hash reads them in, whatever the load's order. */
function hashed(columns: readonly ColumnSpec[]): ColumnSpec[] {
  return columns.filter((c) => c.name !== MERGE_HASH).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Postgres's row hash of `alias` over `columns`: an MD5 of the values as text in name order, NULLs
 * left out (a column added later, NULL in old rows, changes no hash), timestamps as epoch seconds
 * (their text depends on the session's time zone).
 */
export function md5RowHashSql(columns: readonly ColumnSpec[], alias: string): string {
  const parts = hashed(columns).map((c) => {
    const ref = `${alias}.${quoteIdent(c.name)}`;
    return c.dataType === "timestamp" ? `CAST(extract(epoch FROM ${ref}) AS TEXT)` : `CAST(${ref} AS TEXT)`;
  });
  return `md5(concat_ws(chr(31), ${parts.join(", ")}))`;
}

/**
 * DuckDB's row hash: the XOR of `hash(name, value)` over the columns not NULL, as text (its built-in
 * hash is vectorized; an MD5 of the row's text made a million-row first load's commit 2× slower).
 * NULLs contribute nothing, as above; a timestamp hashes its instant, not its text.
 */
export function duckDbRowHashSql(columns: readonly ColumnSpec[], alias: string): string {
  const parts = hashed(columns).map((c) => {
    const ref = `${alias}.${quoteIdent(c.name)}`;
    return `CASE WHEN ${ref} IS NULL THEN CAST(0 AS UBIGINT) ELSE hash('${c.name.replaceAll("'", "''")}', ${ref}) END`;
  });
  return `CAST(${xorTree(parts)} AS TEXT)`;
}

/** `xor` over `parts` as a balanced tree (a chain over a 1,300-column table would nest 1,300 deep). */
function xorTree(parts: readonly string[]): string {
  if (parts.length === 0) return "CAST(0 AS UBIGINT)";
  if (parts.length === 1) return parts[0] as string;
  const half = Math.ceil(parts.length / 2);
  return `xor(${xorTree(parts.slice(0, half))}, ${xorTree(parts.slice(half))})`;
}
