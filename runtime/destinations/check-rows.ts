// What every destination checks before applying a load, so a bad load fails with nothing applied:
// keyed rows carry their whole key, nested rows their link to a root row. Learnt from the batches as
// they are staged (a pass over the key cells), so the commit scans nothing again.
import { DestinationError } from "../errors.ts";
import { ROOT_ID, ROW_ID } from "../normalize/system-columns.ts";
import type { RowBatch } from "./destination.ts";
import type { LoadTable } from "./load-tables.ts";

interface Seen {
  readonly table: LoadTable;
  readonly columns: Set<string>;
  rows: number;
  /** Rows with a NULL (or absent) primary key cell. */
  nullKeys: number;
  /** Rows with a NULL merge key cell, and the primary key of the first, for the error. */
  nullMergeKeys: number;
  sample: string | null;
}

/** The staged rows of one load, per table, as far as the check needs them. */
export class StagedRowsCheck {
  readonly #tables = new Map<string, Seen>();

  /** Takes note of a batch staged for `table` (names already fitted). */
  add(table: LoadTable, batch: RowBatch): void {
    const name = table.spec.name;
    let seen = this.#tables.get(name);
    if (seen === undefined) {
      seen = { table, columns: new Set(), rows: 0, nullKeys: 0, nullMergeKeys: 0, sample: null };
      this.#tables.set(name, seen);
    }
    for (const c of batch.columns) seen.columns.add(c.name);
    seen.rows += batch.rows.length;
    if (table.spec.nested === undefined) seen.nullKeys += nullKeyRows(batch, table.spec.primaryKey);
    const mergeKey = table.spec.merge?.mergeKey ?? [];
    if (table.spec.nested === undefined && mergeKey.length > 0) noteNullMergeKeys(seen, batch, mergeKey);
  }

  /**
   * Throws a DestinationError for a staged table whose primary key column is missing or NULL in some
   * row, or a nested table lacking its root link.
   */
  verify(root: LoadTable): void {
    const rootColumns = this.#tables.get(root.spec.name)?.columns ?? new Set<string>();
    for (const { table, columns, rows, nullKeys, nullMergeKeys, sample } of this.#tables.values()) {
      if (rows === 0) continue;
      if (table.spec.nested !== undefined) {
        if (columns.has(ROOT_ID) && rootColumns.has(ROW_ID)) continue;
        throw new DestinationError(`${table.label}: nested rows need a "${ROOT_ID}" column and their root rows a "${ROW_ID}" column; nothing was applied`);
      }
      const keys = table.spec.primaryKey;
      if (keys.length === 0) continue;
      const absent = keys.filter((k) => !columns.has(k));
      if (absent.length > 0)
        throw new DestinationError(`${table.label}: primary key column(s) ${absent.join(", ")} never appeared in the data; nothing was applied`);
      if (nullKeys > 0) throw new DestinationError(`${table.label}: ${nullKeys} row(s) have a NULL primary key (${keys.join(", ")}); nothing was applied`);
      if (nullMergeKeys > 0) {
        const mergeKey = table.spec.merge?.mergeKey ?? [];
        throw new DestinationError(
          `${table.label}: ${nullMergeKeys} row(s) have a NULL merge key (${mergeKey.join(", ")}), e.g. the row with primary key ${sample}; ` +
            "a partition cannot be named by NULL; nothing was applied",
        );
      }
    }
  }
}

/** Rows of `batch` with a NULL key cell; a key column the batch lacks, or a row too short to reach it, is NULL. */
function nullKeyRows(batch: RowBatch, keys: readonly string[]): number {
  if (keys.length === 0 || batch.rows.length === 0) return 0;
  const at = keys.map((k) => batch.columns.findIndex((c) => c.name === k));
  if (at.includes(-1)) return batch.rows.length;
  let count = 0;
  for (const row of batch.rows) {
    for (const i of at) {
      if (row[i] === null || row[i] === undefined) {
        count += 1;
        break;
      }
    }
  }
  return count;
}

/** Counts the rows of `batch` with a NULL cell in `mergeKey`, keeping the primary key of the first as a sample. */
function noteNullMergeKeys(seen: Seen, batch: RowBatch, mergeKey: readonly string[]): void {
  const at = mergeKey.map((k) => batch.columns.findIndex((c) => c.name === k));
  const keyAt = seen.table.spec.primaryKey.map((k) => batch.columns.findIndex((c) => c.name === k));
  for (const row of batch.rows) {
    if (!at.some((i) => i < 0 || row[i] === null || row[i] === undefined)) continue;
    seen.nullMergeKeys += 1;
    seen.sample ??= JSON.stringify(Object.fromEntries(seen.table.spec.primaryKey.map((k, j) => [k, String(row[keyAt[j] ?? -1] ?? null)])));
  }
}
