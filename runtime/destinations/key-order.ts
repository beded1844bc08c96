// Whether a load's dedup key can repeat, decided while its rows are staged: keys that arrive in strictly
// increasing (or strictly decreasing) order are all different, which proves that no key repeats without
// the commit grouping every staged row by key. APIs usually page in key order (offset paging over an
// id, newest first), so most loads prove it and skip the check and the dedup; any other order, a NULL
// or a value whose equality the database could judge differently ends the proof, and the commit checks
// as before. Memory stays one key whatever the row count. Pure.
import type { DataType } from "../connector.ts";
import type { RowBatch, Scalar } from "./destination.ts";

/** The key seen last, or why there is no proof. */
type Order = { readonly direction: -1 | 0 | 1; readonly last: readonly Scalar[] | null } | null;

export class KeyOrder {
  #order: Order = { direction: 0, last: null };

  /** Watches the columns `names` (the table's dedup key, in key order). */
  constructor(readonly names: readonly string[]) {}

  /** Whether every row observed so far has a key no other row has (true for none or one row). */
  get distinct(): boolean {
    return this.#order !== null;
  }

  /** Observes a staged batch's rows in staging order; `types` are the staged columns' types by name. */
  observe(batch: RowBatch, types: ReadonlyMap<string, DataType>): void {
    if (this.#order === null || batch.rows.length === 0) return;
    const columns = this.names.map((name) => {
      const index = batch.columns.findIndex((c) => c.name === name);
      const type = types.get(name);
      return index >= 0 && (type === "bigint" || type === "text") ? { index, type } : null;
    });
    if (columns.some((c) => c === null)) return void (this.#order = null);
    let { direction, last } = this.#order;
    for (const row of batch.rows) {
      const key: Scalar[] = [];
      for (const column of columns) {
        const value = row[(column as { index: number }).index] ?? null;
        if (!comparable(value, (column as { type: "bigint" | "text" }).type)) return void (this.#order = null);
        key.push(value);
      }
      if (last !== null) {
        const step = compare(last, key);
        if (step === 0 || (direction !== 0 && step !== direction)) return void (this.#order = null);
        direction = step;
      }
      last = key;
    }
    this.#order = { direction, last };
  }
}

/**
 * Values whose JavaScript order agrees with the database's equality: integers (number or bigint, compared
 * by value), and well-formed strings (distinct UTF-16 strings stay distinct in UTF-8; a lone surrogate is
 * written as U+FFFD, so two different ones would be equal in the database). Anything else ends the proof:
 * timestamps, for one, are equal as instants in different texts.
 */
function comparable(value: Scalar, type: "bigint" | "text"): boolean {
  if (type === "bigint") return typeof value === "bigint" || (typeof value === "number" && Number.isSafeInteger(value));
  return typeof value === "string" && value.isWellFormed();
}

/** 1 when `b` comes after `a` (column by column), -1 before, 0 equal. */
function compare(a: readonly Scalar[], b: readonly Scalar[]): -1 | 0 | 1 {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string | number | bigint;
    const y = b[i] as string | number | bigint;
    if (x < y) return 1;
    if (x > y) return -1;
  }
  return 0;
}
