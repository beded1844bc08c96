// The SQL pieces every merge strategy shares, the same on every dialect: which strategy a table
// merges with, key matches, the hard-delete flag, the winner of a key repeated within a load.
import type { MergeSpec } from "../connector.ts";
import type { StagedTable } from "./dialect.ts";
import { quoteIdent } from "./sql.ts";
import { SEQ_COLUMN } from "./staged-columns.ts";

const DEFAULT_MERGE: MergeSpec = { strategy: "delete-insert" };

/** The table's merge spec (delete-insert on the primary key when it declares none). */
export function mergeOf(staged: StagedTable): MergeSpec {
  return staged.table.spec.merge ?? DEFAULT_MERGE;
}

/** `t.k = f.k AND …` over `columns` (compared column by column, never as concatenated text). */
export function matchSql(columns: readonly string[], left = "t", right = "f"): string {
  return columns.map((k) => `${left}.${quoteIdent(k)} = ${right}.${quoteIdent(k)}`).join(" AND ");
}

/**
 * Counts the rows of `rows` whose key (`keys`) `target` (both quoted) already stores: EXISTS in WHERE
 * (a semi-join), never in a select list, where it would rescan the target per row.
 */
export function storedKeysSql(rows: string, target: string, keys: readonly string[]): string {
  return `SELECT count(*) FROM ${rows} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${matchSql(keys)})`;
}

/**
 * The condition flagging a staged row (alias `f`) as a hard delete: a bool column when true, any
 * other type when not NULL; null when the table has no hard_delete column or the load never staged it.
 */
export function hardDeleteSql(staged: StagedTable, alias = "f"): string | null {
  const name = mergeOf(staged).hardDelete;
  const column = name === undefined ? undefined : staged.staging.columns.find((c) => c.name === name);
  if (column === undefined) return null;
  const ref = `${alias}.${quoteIdent(column.name)}`;
  return column.dataType === "bool" ? `${ref} IS TRUE` : `${ref} IS NOT NULL`;
}

/**
 * The rows of `cast` (a SELECT of the ordinal and every staged column, cast) with one row per key of
 * `keys`: the last `_gc_seq` wins, or with `dedupSort` the highest (desc) or lowest (asc) value of its
 * column, ties going to the last. `columns` is the select list of the result.
 */
export function dedupSql(cast: string, keys: string, columns: string, dedupSort: MergeSpec["dedupSort"]): string {
  const seq = quoteIdent(SEQ_COLUMN);
  const by = dedupSort === undefined ? "" : `${quoteIdent(dedupSort.column)} ${dedupSort.order === "desc" ? "DESC" : "ASC"} NULLS LAST, `;
  return (
    `SELECT ${columns} FROM (SELECT *, row_number() OVER (PARTITION BY ${keys} ORDER BY ${by}${seq} DESC) AS "_gc_rank" FROM (${cast}) AS c) AS r ` +
    `WHERE "_gc_rank" = 1`
  );
}
