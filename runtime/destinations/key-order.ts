// Whether a load's dedup key can repeat, decided while its rows are staged: keys that arrive in strictly
// increasing (or strictly decreasing) order are all different, which proves that no key repeats without
// the commit grouping every staged row by key. APIs usually page in key order (offset paging over an
// id, newest first), so most loads prove it and skip the check and the dedup; any other order, a NULL
// or a value whose equality the database could judge differently ends the proof, and the commit checks
// as before. Memory stays one key whatever the row count, and a row costs no allocation. Pure.
import type { DataType } from "../connector.ts";
import type { RowBatch, Scalar } from "./destination.ts";

type Comparable = string | number | bigint;

export class KeyOrder {
  /** Whether the proof still holds. */
  #proven = true;
  /** 1: increasing, -1: decreasing, 0: not known yet (fewer than two rows). */
  #direction: -1 | 0 | 1 = 0;
  /** The last row's key (valid once `#seen`). */
  readonly #last: Comparable[];
  #seen = false;

  /** Watches the columns `names` (the table's dedup key, in key order). */
  constructor(readonly names: readonly string[]) {
    this.#last = new Array(names.length);
  }

  /** Whether every row observed so far has a key no other row has (true for none or one row). */
  get distinct(): boolean {
    return this.#proven;
  }

  /** Observes a staged batch's rows in staging order; `types` are the staged columns' types by name. */
  observe(batch: RowBatch, types: ReadonlyMap<string, DataType>): void {
    if (!this.#proven || batch.rows.length === 0) return;
    const indexes: number[] = [];
    const texts: boolean[] = [];
    for (const name of this.names) {
      const index = batch.columns.findIndex((c) => c.name === name);
      const type = types.get(name);
      if (index < 0 || (type !== "bigint" && type !== "text")) return this.#lose();
      indexes.push(index);
      texts.push(type === "text");
    }
    const last = this.#last;
    for (const row of batch.rows) {
      // The first differing column orders two keys; every column must be comparable either way.
      let step: -1 | 0 | 1 = 0;
      for (let k = 0; k < indexes.length; k++) {
        const value = row[indexes[k] as number] ?? null;
        if (!comparable(value, texts[k] as boolean)) return this.#lose();
        if (step === 0 && this.#seen) {
          const before = last[k] as Comparable;
          if (before < value) step = 1;
          else if (before > value) step = -1;
        }
      }
      if (this.#seen) {
        if (step === 0 || (this.#direction !== 0 && step !== this.#direction)) return this.#lose();
        this.#direction = step;
      }
      for (let k = 0; k < indexes.length; k++) last[k] = row[indexes[k] as number] as Comparable;
      this.#seen = true;
    }
  }

  #lose(): void {
    this.#proven = false;
  }
}

/**
 * Values whose JavaScript order agrees with the database's equality: integers (number or bigint, compared
 * by value), and well-formed strings (distinct UTF-16 strings stay distinct in UTF-8; a lone surrogate is
 * written as U+FFFD, so two different ones would be equal in the database). Anything else ends the proof:
 * timestamps, for one, are equal as instants in different texts.
 */
function comparable(value: Scalar, text: boolean): value is Comparable {
  if (!text) return typeof value === "bigint" || (typeof value === "number" && Number.isSafeInteger(value));
  return typeof value === "string" && value.isWellFormed();
}
