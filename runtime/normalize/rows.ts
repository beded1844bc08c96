// The row vocabulary normalization produces and destinations load: a cell value, a batch of rows in
// columnar-aligned form, and the stored tables a load is judged against.
import type { ColumnSpec } from "../connector.ts";

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

/**
 * Stored tables by destination name (as fitted to 63 bytes), each with its columns; a column whose
 * catalog type maps to no DataType (altered by hand) is left out.
 */
export type ExistingTables = ReadonlyMap<string, readonly ColumnSpec[]>;
