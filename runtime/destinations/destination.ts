// The destination interface: staged, atomic loading of normalized rows, one table at a time.
import type { ColumnSpec, TableSpec } from "../spec.ts";

export type Scalar = string | number | bigint | boolean | null;

/**
 * Normalized rows in columnar-aligned form: `rows[i][j]` is the value of `columns[j]`.
 * `columns` lists every column seen so far in this load (known ones first); a row shorter than
 * `columns` has nulls for the missing tail. JSON values arrive already serialized as strings.
 */
export interface RowBatch {
  readonly columns: readonly ColumnSpec[];
  readonly rows: readonly (readonly Scalar[])[];
}

export interface LoadCounts {
  /** Rows written that did not exist before (append/replace: all rows). */
  readonly inserted: number;
  /** Merge only: primary keys that existed and whose row changed (replaced by the new version). */
  readonly updated: number;
  /** Merge only: rows identical to the stored version, left untouched. */
  readonly unchanged: number;
}

/** A state entry (e.g. an incremental cursor) committed in the same transaction as a load's rows. */
export interface StateEntry {
  readonly key: string;
  /** Any JSON-serializable value; read back by `Destination.readState`. */
  readonly value: unknown;
}

export interface TableLoad {
  /** Stages a batch; nothing is visible in the table until commit. */
  write(batch: RowBatch): Promise<void>;
  /**
   * Applies everything staged, per the table's write disposition, in one transaction; `state`, when
   * given, is upserted in that same transaction (also when no rows were staged), so rows and state
   * are committed together or not at all.
   */
  commit(state?: StateEntry): Promise<LoadCounts>;
  /** Drops what was staged; the table stays as the last commit left it. */
  abort(): Promise<void>;
}

export interface Destination {
  /** Starts loading `table` into `dataset` (a schema), creating both when absent. */
  beginTable(dataset: string, table: TableSpec): Promise<TableLoad>;
  /** The state value last committed under `key` in `dataset`; undefined when absent. */
  readState(dataset: string, key: string): Promise<unknown>;
  close(): Promise<void>;
}
