// What the normalization of one record shares across the tables it fills: the cached source field
// paths, the lists found in a row, and the record's undo log and error context.
import type { SchemaContract } from "../schema-contract/contract.ts";
import type { Scalar } from "./rows.ts";
import type { TableRows } from "./table-rows.ts";

export type Row = Scalar[];

/** One source field path of a row, cached so a known field costs a single Map lookup per record. */
export interface PathNode {
  /** Source keys from the row object down to this field. */
  readonly path: readonly string[];
  readonly name: string;
  /** Index into the columns, or -1 while none is bound. */
  column: number;
  /** Set once the field was seen as an object and flattened. */
  children: Map<string, PathNode> | null;
  /** Set once the field was seen as a non-empty list: the nested table its items go to. */
  table: TableRows | null;
}

/** A non-empty list found in a row, expanded into its nested table once the row's id is known. */
export interface FoundList {
  readonly node: PathNode;
  readonly items: readonly unknown[];
}

/** What one record's normalization shares across its tables. */
export interface RecordContext {
  /** Structural changes made so far, undone in reverse if the record fails. */
  readonly undo: (() => void)[];
  /** The record's key for error messages (`id=7`). */
  describeKey(): string;
  /** The resource's schema contract: what a new column, nested table or misfit value does. */
  readonly contract: SchemaContract;
  /** Counts a value the contract dropped (`discard_value`); the count is kept only if the record is. */
  discardValue(): void;
  /**
   * The nested table for a list field of `parent`, created (and registered) on first use as the
   * `tables` contract allows; null when the contract drops the list (`discard_value`).
   */
  nestedTable(parent: TableRows, node: PathNode): TableRows | null;
}
