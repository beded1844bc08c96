// Turns validated records into rows in dlt's layout: the record's row in its table, the items of each
// list in a nested table `<table>__<field>` (recursively), linked by `_gc_id`, `_gc_parent_id`,
// `_gc_list_idx` and `_gc_root_id`. Data deeper than the table's max_table_nesting stays JSON.
// The table's schema contract applies throughout, judged against the tables the destination already
// has (`existing`); a record it drops (`discard_row`) leaves no row in any table, like one that fails.
import { DEFAULT_CONTRACT } from "../schema-contract/contract.ts";
import { DISCARD_ROW, enforce, SchemaContractError } from "../schema-contract/violation.ts";
import type { ExistingTables, RowBatch, Scalar } from "./rows.ts";
import { RecordValidationError } from "../errors.ts";
import { stringifyJson } from "../json/stringify.ts";
import type { ColumnSpec, TableSpec } from "../connector.ts";
import { isNestedObject } from "./coerce.ts";
import { fitIdentifier, joinIdentifiers, normalizeIdentifier } from "./identifier.ts";
import { childRowId, keyRowId, recordHash, UniqueRowIds } from "./row-ids.ts";
import { LIST_FIELD, VALUE_FIELD } from "./system-columns.ts";
import type { FoundList, PathNode, RecordContext, Row } from "./record-context.ts";
import { TableRows } from "./table-rows.ts";

/** Rows for one table of a resource load. */
export interface TableBatch {
  readonly table: TableSpec;
  readonly batch: RowBatch;
}

/** Accumulates normalized rows for a root table and its nested tables, and hands them out in batches. */
export class RowNormalizer {
  readonly #root: TableRows;
  /** Every table so far by name, the root first; `owner` names the source field that made a nested one. */
  readonly #tables = new Map<string, { readonly rows: TableRows; readonly owner: string }>();
  readonly #maxNesting: number;
  /** Whether root ids come from the primary key (stable across loads, so merge can replace nested rows). */
  readonly #keyed: boolean;
  /** scd2: root ids come from the version (null: not scd2; undefined column: the row hash). */
  readonly #scd2: { readonly column: string | undefined } | null;
  readonly #ids = new UniqueRowIds();
  readonly #existing: ExistingTables;
  #discardedRows = 0;
  #discardedValues = 0;
  /** Values the contract dropped from the record being added (counted once it is kept). */
  #recordDiscards = 0;
  /** Root rows added so far: the next root row's ordinal. */
  #seq = 0;
  /** The record being added, its structural changes (undone if it fails) and its rows (kept if it does not). */
  #record: object = {};
  readonly #undo: (() => void)[] = [];
  /** Pairs: table, row, table, row, … (flat, to allocate nothing per row). */
  readonly #emitted: (TableRows | Row)[] = [];
  /** Made once: a closure per record would cost more than the record. */
  readonly #ctx: RecordContext;

  /** `existing`: the tables the destination already has (root and nested, by destination name) and their columns. */
  constructor(table: TableSpec, existing: ExistingTables = new Map()) {
    this.#existing = existing;
    this.#ctx = {
      undo: this.#undo,
      contract: table.contract ?? DEFAULT_CONTRACT,
      discardValue: () => void this.#recordDiscards++,
      describeKey: () => this.#describeKey(this.#record),
      nestedTable: (parent, node) => this.#nestedTable(parent, node),
    };
    const stored = existing.get(fitIdentifier(table.name));
    this.#root = new TableRows(table, "", stored, stored === undefined);
    this.#tables.set(table.name, { rows: this.#root, owner: "" });
    this.#maxNesting = table.maxTableNesting ?? Number.POSITIVE_INFINITY;
    // Appended rows are versions, not entities: two versions of a key must not share an id.
    this.#keyed = table.primaryKey.length > 0 && table.writeDisposition !== "append";
    const merge = table.writeDisposition === "merge" ? table.merge : undefined;
    this.#scd2 = merge?.strategy === "scd2" ? { column: merge.scd2?.rowVersionColumn } : null;
  }

  /** Rows (of every table) added since they were last taken. */
  get pending(): number {
    let n = 0;
    for (const { rows } of this.#tables.values()) n += rows.pending;
    return n;
  }

  /** Every column of the root table so far, declared ones first. */
  get columns(): readonly ColumnSpec[] {
    return this.#root.columns;
  }

  /** Records dropped by a `discard_row` contract so far. */
  get discardedRows(): number {
    return this.#discardedRows;
  }

  /** Values (fields or lists) dropped by a `discard_value` contract so far, in records that were kept. */
  get discardedValues(): number {
    return this.#discardedValues;
  }

  /**
   * Normalizes one record into its rows; throws RecordValidationError and changes nothing if it does
   * not fit. Returns false when the contract dropped it (`discard_row`), also changing nothing.
   */
  add(record: Record<string, unknown>): boolean {
    const ctx = this.#ctx;
    const emitted = this.#emitted;
    this.#record = record;
    this.#recordDiscards = 0;
    try {
      const seq = this.#seq;
      const lists: FoundList[] = [];
      const row = this.#root.fill(record, this.#maxNesting, lists, ctx);
      let hash: string | undefined;
      let id: string;
      if (this.#scd2 !== null) {
        // A version's id is derived from the version, so a reinserted version's nested rows are the stored
        // ones. The row hash is already 132 bits of a SHA-256, so it is the id itself (dlt's scd2 does the
        // same with `_dlt_id`): hashing it again cost a second SHA-256 per record (~0.75 s per million).
        if (this.#scd2.column === undefined) id = hash = recordHash(record);
        else id = keyRowId(this.#root.name, [this.#version(row, this.#scd2.column)]);
      } else id = this.#keyed ? keyRowId(this.#root.name, this.#key(row)) : this.#ids.next(seq);
      this.#root.linkRoot(row, id, seq, ctx, hash);
      emitted.push(this.#root, row);
      if (lists.length > 0) this.#expand(lists, id, id, seq, this.#maxNesting);
    } catch (error) {
      for (let i = this.#undo.length - 1; i >= 0; i--) this.#undo[i]?.();
      emitted.length = 0;
      if (error !== DISCARD_ROW) throw error;
      this.#discardedRows++;
      return false;
    } finally {
      this.#undo.length = 0;
      this.#record = {};
    }
    for (let i = 0; i < emitted.length; i += 2) (emitted[i] as TableRows).push(emitted[i + 1] as Row);
    emitted.length = 0;
    this.#discardedValues += this.#recordDiscards;
    this.#seq++;
    return true;
  }

  /** The pending rows of every table that has some (the root first), each with every column so far. */
  takeBatches(): TableBatch[] {
    const out: TableBatch[] = [];
    for (const { rows } of this.#tables.values()) if (rows.pending > 0) out.push({ table: rows.spec, batch: rows.takeBatch() });
    return out;
  }

  /** The root table's pending rows; for records without lists (throws when nested rows are pending: use takeBatches). */
  takeBatch(): RowBatch {
    const nested = [...this.#tables.values()].filter(({ rows }) => rows !== this.#root && rows.pending > 0);
    if (nested.length > 0) throw new Error(`RowNormalizer.takeBatch: nested table ${JSON.stringify(nested[0]?.rows.name)} has pending rows; use takeBatches()`);
    return this.#root.takeBatch();
  }

  /** Adds the items of each found list to its nested table, one row per item, then their own lists. */
  #expand(lists: readonly FoundList[], parentId: string, rootId: string, rootSeq: number, level: number): void {
    for (const { node, items } of lists) {
      const table = node.table as TableRows;
      for (let index = 0; index < items.length; index++) {
        const item = items[index];
        const id = childRowId(parentId, index);
        // dlt's rules: an object is the row; a scalar is `{value}`; a list is `{list}` one level up,
        // so lists of lists cost no extra level.
        const isList = Array.isArray(item);
        const obj = isList ? { [LIST_FIELD]: item } : isNestedObject(item) ? item : { [VALUE_FIELD]: item };
        const itemLevel = isList ? level : level - 1;
        const inner: FoundList[] = [];
        const row = table.fill(obj, itemLevel, inner, this.#ctx);
        table.linkNested(row, id, parentId, index, rootId, rootSeq, this.#ctx);
        this.#emitted.push(table, row);
        if (inner.length > 0) this.#expand(inner, id, rootId, rootSeq, itemLevel);
      }
    }
  }

  /** scd2's row version column value of `row`; a record without one cannot be versioned. */
  #version(row: Row, column: string): Scalar {
    const value = this.#root.cell(row, column);
    if (value === null) {
      throw new RecordValidationError(
        `table "${this.#root.name}": record ${this.#describeKey(this.#record)} has no value in row_version_column_name "${column}"; scd2 needs one per record`,
      );
    }
    return value;
  }

  /** The root row's primary key values. */
  #key(row: Row): Scalar[] {
    const pk = this.#root.spec.primaryKey;
    const out: Scalar[] = new Array<Scalar>(pk.length);
    for (let i = 0; i < pk.length; i++) out[i] = this.#root.cell(row, pk[i] as string);
    return out;
  }

  /**
   * Creates the nested table for list field `node` of `parent`; two fields may not share one. A table
   * the destination lacks is new: the `tables` contract decides (null: the list is dropped).
   */
  #nestedTable(parent: TableRows, node: PathNode): TableRows | null {
    const ctx = this.#ctx;
    const name = joinIdentifiers(parent.name, node.name);
    const source = parent.source(node.path);
    const known = this.#tables.get(name);
    if (known !== undefined) {
      throw new RecordValidationError(
        `table "${parent.name}": source fields ${known.owner || "(the root table)"} and ${source} both normalize to table "${name}"; ` +
          `refusing to merge them (record ${ctx.describeKey()})`,
      );
    }
    const stored = this.#existing.get(fitIdentifier(name));
    if (stored === undefined) {
      const refuse = () =>
        new SchemaContractError(
          `table "${parent.name}": source field ${source} would add new nested table "${name}" (record ${ctx.describeKey()}); schema_contract tables is "freeze"`,
        );
      if (enforce(ctx.contract.tables, refuse) === "discard_value") {
        ctx.discardValue();
        return null;
      }
    }
    const root = this.#root.spec;
    const spec: TableSpec = { name, writeDisposition: root.writeDisposition, primaryKey: [], columns: [], nested: { parent: parent.name, root: root.name } };
    const rows = new TableRows(spec, `${source}[].`, stored);
    this.#tables.set(name, { rows, owner: source });
    ctx.undo.push(() => this.#tables.delete(name));
    return rows;
  }

  /** The record's primary key as `name=value` pairs, for error messages. */
  #describeKey(record: object): string {
    const pk = this.#root.spec.primaryKey;
    if (pk.length === 0) return "without primary key";
    const entries = Object.entries(record);
    return pk
      .map((name) => {
        const found = entries.find(([key]) => normalizeIdentifier(key) === name);
        return `${name}=${found === undefined ? "(missing)" : preview(found[1])}`;
      })
      .join(", ");
  }
}

function preview(value: unknown): string {
  const text = stringifyJson(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
