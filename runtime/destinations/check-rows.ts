// What every destination checks before applying a load, so a bad load fails with nothing applied:
// keyed rows carry their whole key, nested rows their link to a root row.
import { DestinationError } from "../errors.ts";
import { ROOT_ID, ROW_ID } from "../normalize/system-columns.ts";
import type { ColumnSpec } from "../spec.ts";
import type { LoadTable } from "./load-tables.ts";
import { quoteIdent } from "./sql.ts";

/** One staged table as the check sees it. */
export interface StagedShape {
  readonly table: LoadTable;
  readonly columns: readonly ColumnSpec[];
  readonly rowCount: number;
}

/**
 * Throws a DestinationError for a staged table whose primary key column is missing or NULL in some
 * row, or a nested table lacking its root link; `countWhere(condition)` counts its staged rows
 * matching an SQL condition.
 */
export async function checkStagedRows(staged: StagedShape, root: StagedShape, countWhere: (condition: string) => Promise<number>): Promise<void> {
  const { table, rowCount } = staged;
  if (rowCount === 0) return;
  const has = (shape: StagedShape, name: string) => shape.columns.some((c) => c.name === name);
  if (table.spec.nested !== undefined) {
    if (has(staged, ROOT_ID) && has(root, ROW_ID)) return;
    throw new DestinationError(`${table.label}: nested rows need a "${ROOT_ID}" column and their root rows a "${ROW_ID}" column; nothing was applied`);
  }
  const keys = table.spec.primaryKey;
  if (keys.length === 0) return;
  const absent = keys.filter((k) => !has(staged, k));
  if (absent.length > 0) throw new DestinationError(`${table.label}: primary key column(s) ${absent.join(", ")} never appeared in the data; nothing was applied`);
  const nulls = await countWhere(keys.map((k) => `${quoteIdent(k)} IS NULL`).join(" OR "));
  if (nulls > 0) throw new DestinationError(`${table.label}: ${nulls} row(s) have a NULL primary key (${keys.join(", ")}); nothing was applied`);
}
