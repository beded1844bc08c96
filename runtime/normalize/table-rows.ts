// One table's side of normalization: its columns, the source field paths mapped onto them and its
// pending rows. Objects flatten into `parent__child` columns and lists are handed to nested tables
// while the nesting level allows (dlt's max_table_nesting); deeper data is stored as JSON.
//
// Schema contract: the columns the destination already stores are known from the start (`stored`), so
// a new column or a changed type is judged against the stored table, not only within this load. A field
// with no column (declared, stored or made earlier) is a new column (the `columns` mode) and a value
// that does not fit its column a type change (the `data_type` mode). As in dlt, columns evolve freely
// while a table is being created: for the whole first load of a root table (dlt's "evolve columns
// once"), and for the first row of a new nested table.
import { variantColumn } from "./variant.ts";
import { enforce, SchemaContractError } from "../schema-contract/violation.ts";
import type { RowBatch, Scalar } from "./rows.ts";
import { RecordValidationError } from "../errors.ts";
import type { ColumnSpec, DataType, TableSpec } from "../connector.ts";
import { describeType, fitValue, inferType, isNestedObject, MISMATCH } from "./coerce.ts";
import { fitIdentifier, joinIdentifiers, normalizeIdentifier } from "./identifier.ts";
import type { FoundList, PathNode, RecordContext, Row } from "./record-context.ts";
import { NESTED_COLUMNS, ROOT_COLUMNS, SCD2_ROOT_COLUMNS } from "./system-columns.ts";

interface Column {
  readonly name: string;
  dataType: DataType;
  readonly nullable: boolean;
  /** Declared, stored or a variant: its type never widens. */
  readonly fixed: boolean;
  /** What fills this column: a source field, SYSTEM for a link column, null until a record maps one. */
  owner: PathNode | typeof SYSTEM | null;
}

const SYSTEM = Symbol("system column");

/** Rows of one table and the mapping from source fields to its columns. */
export class TableRows {
  readonly spec: TableSpec;
  /** How a source path is written in messages: `items[].` inside a nested table, empty at the root. */
  readonly sourcePrefix: string;
  readonly #columns: Column[] = [];
  readonly #byName = new Map<string, number>();
  readonly #fields = new Map<string, PathNode>();
  /** The destination's columns (destination name → type); empty when the table is not stored yet. */
  readonly #stored: ReadonlyMap<string, DataType>;
  /** A root table's first load: every field becomes a column whatever the `columns` mode. */
  readonly #evolveOnce: boolean;
  /** Whether the row being filled may add columns whatever the `columns` mode (see the header). */
  #columnsOpen = false;
  /** Link columns appended by `#createLinks` (not data columns). */
  #linkColumns = 0;
  #rows: Row[] = [];
  #batchTaken = false;
  /** Indexes of the link columns, once created. */
  #links: number[] | null = null;

  /**
   * `stored`: the columns the destination has for this table (by their destination names), undefined
   * when it has no such table; `evolveOnce`: the load creates this table (a root), so its columns evolve.
   */
  constructor(spec: TableSpec, sourcePrefix: string, stored: readonly ColumnSpec[] | undefined = undefined, evolveOnce = false) {
    this.spec = spec;
    this.sourcePrefix = sourcePrefix;
    this.#stored = new Map((stored ?? []).map((c) => [c.name, c.dataType]));
    this.#evolveOnce = evolveOnce;
    for (const c of spec.columns) {
      if (this.#byName.has(c.name)) continue;
      this.#byName.set(c.name, this.#columns.length);
      // The stored type wins over a declared one: it is what the destination column holds.
      const dataType = this.#storedType(c.name) ?? c.dataType;
      this.#columns.push({ name: c.name, dataType, nullable: c.nullable, fixed: true, owner: null });
    }
  }

  get name(): string {
    return this.spec.name;
  }

  /** Rows added since the last `takeBatch`. */
  get pending(): number {
    return this.#rows.length;
  }

  /** Every column so far, declared ones first. */
  get columns(): readonly ColumnSpec[] {
    return this.#columns.map((c) => ({ name: c.name, dataType: c.dataType, nullable: c.nullable }));
  }

  /** The rows added since the last call (with every column so far); starts a new batch. */
  takeBatch(): RowBatch {
    const batch: RowBatch = { columns: this.columns, rows: this.#rows };
    this.#rows = [];
    this.#batchTaken = true;
    return batch;
  }

  /** Keeps a row whose record was normalized without error. */
  push(row: Row): void {
    this.#rows.push(row);
  }

  /** The value a row holds in column `name` (null when the column does not exist yet). */
  cell(row: Row, name: string): Scalar {
    const index = this.#byName.get(name);
    return index === undefined ? null : (row[index] ?? null);
  }

  /**
   * Fills a new row from `obj` at nesting `level` (levels left for objects and lists) and returns it;
   * the non-empty lists to expand into nested tables are pushed onto `lists`.
   */
  fill(obj: object, level: number, lists: FoundList[], ctx: RecordContext): Row {
    const row: Row = new Array<Scalar>(this.#columns.length).fill(null);
    this.#columnsOpen = this.#evolveOnce || (this.#stored.size === 0 && this.#columns.length === this.#linkColumns);
    this.#addObject(obj, this.#fields, null, row, level, lists, ctx);
    return row;
  }

  /**
   * Sets a root row's link columns (ROOT_COLUMNS order; with scd2's row `hash`, SCD2_ROOT_COLUMNS),
   * created after the first row's own columns; a source field holding one of their names is an error.
   */
  linkRoot(row: Row, id: string, seq: number, ctx: RecordContext, hash?: string): void {
    const at = this.#links ?? this.#createLinks(hash === undefined ? ROOT_COLUMNS : SCD2_ROOT_COLUMNS, ctx);
    setCell(row, at[0] as number, id);
    setCell(row, at[1] as number, seq);
    if (hash !== undefined) setCell(row, at[2] as number, hash);
  }

  /** Sets a nested row's link columns (see `linkRoot`). */
  linkNested(row: Row, id: string, parentId: string, index: number, rootId: string, rootSeq: number, ctx: RecordContext): void {
    const at = this.#links ?? this.#createLinks(NESTED_COLUMNS, ctx);
    setCell(row, at[0] as number, id);
    setCell(row, at[1] as number, parentId);
    setCell(row, at[2] as number, index);
    setCell(row, at[3] as number, rootId);
    setCell(row, at[4] as number, rootSeq);
  }

  #createLinks(system: readonly ColumnSpec[], ctx: RecordContext): number[] {
    const at = system.map((spec) => {
      let index = this.#byName.get(spec.name);
      if (index === undefined) {
        index = this.#columns.length;
        this.#columns.push({ name: spec.name, dataType: spec.dataType, nullable: spec.nullable, fixed: true, owner: SYSTEM });
        this.#byName.set(spec.name, index);
        this.#linkColumns++;
        ctx.undo.push(() => {
          this.#columns.pop();
          this.#byName.delete(spec.name);
          this.#linkColumns--;
        });
        return index;
      }
      const col = this.#columns[index] as Column;
      if (col.owner !== SYSTEM && col.owner !== null) throw this.#reserved(col.owner, col.name, ctx);
      col.owner = SYSTEM;
      return index;
    });
    this.#links = at;
    ctx.undo.push(() => (this.#links = null));
    return at;
  }

  #addObject(obj: object, level: Map<string, PathNode>, parent: PathNode | null, row: Row, nesting: number, lists: FoundList[], ctx: RecordContext): void {
    for (const key of Object.keys(obj)) {
      const value: unknown = (obj as Record<string, unknown>)[key];
      let node = level.get(key);
      if (node === undefined) {
        const segment = normalizeIdentifier(key);
        node = {
          path: parent === null ? [key] : [...parent.path, key],
          name: parent === null ? segment : joinIdentifiers(parent.name, segment),
          column: -1,
          children: null,
          table: null,
        };
        level.set(key, node);
      }
      if (value === null || value === undefined) continue;
      if (node.column >= 0) {
        const fitted = fitValue(value, (this.#columns[node.column] as Column).dataType);
        if (fitted !== MISMATCH) {
          setCell(row, node.column, fitted);
          continue;
        }
      }
      this.#addSlow(node, value, row, nesting, lists, ctx);
    }
  }

  /** Everything but a value fitting its bound column: flattening, lists, binding, new columns, widening, errors. */
  #addSlow(node: PathNode, value: unknown, row: Row, nesting: number, lists: FoundList[], ctx: RecordContext): void {
    const isList = Array.isArray(value);
    const isObject = isNestedObject(value);
    // dlt counts a level for each object flattened and each list expanded; at 0 the value stays JSON.
    const expands = (isList || isObject) && nesting - (node.path.length - 1) > 0;
    if (node.children !== null) {
      if (isObject && expands) return this.#addObject(value as object, node.children, node, row, nesting, lists, ctx);
      return this.#misfit(node, `object (flattened into ${node.name}__*)`, value, row, ctx);
    }
    if (node.table !== null) {
      if (!isList || !expands) return this.#misfit(node, `list (nested table "${node.table.name}")`, value, row, ctx);
      if ((value as unknown[]).length > 0) lists.push({ node, items: value as unknown[] });
      return;
    }
    if (node.column >= 0) {
      const col = this.#columns[node.column] as Column;
      // An inferred integer column meeting a fraction widens to double, unless rows already left as bigint.
      if (col.dataType === "bigint" && !col.fixed && !this.#batchTaken && typeof value === "number" && Number.isFinite(value)) {
        col.dataType = "double";
        ctx.undo.push(() => (col.dataType = "bigint"));
        return setCell(row, node.column, value);
      }
      return this.#misfit(node, col.dataType, value, row, ctx);
    }
    const existing = this.#byName.get(node.name);
    if (existing !== undefined) return this.#bind(node, existing, value, row, nesting, lists, ctx);
    if (expands && isObject) {
      node.children = new Map();
      ctx.undo.push(() => (node.children = null));
      return this.#addObject(value as object, node.children, node, row, nesting, lists, ctx);
    }
    if (expands) {
      if ((value as unknown[]).length === 0) return; // no rows, and no table until a list has items
      const table = ctx.nestedTable(this, node);
      if (table === null) return; // dropped by the `tables` contract
      node.table = table;
      ctx.undo.push(() => (node.table = null));
      lists.push({ node, items: value as unknown[] });
      return;
    }
    const stored = this.#storedType(node.name);
    if (stored === undefined && !this.#columnsOpen && enforce(ctx.contract.columns, () => this.#newColumn(node, ctx)) === "discard_value")
      return ctx.discardValue();
    node.column = this.#addColumn(node.name, stored ?? inferType(value), stored !== undefined, node, ctx);
    ctx.undo.push(() => (node.column = -1));
    this.#store(node, value, row, nesting, lists, ctx);
  }

  /** Appends a column owned by `node` (undone if the record fails) and returns its index. */
  #addColumn(name: string, dataType: DataType, fixed: boolean, node: PathNode, ctx: RecordContext): number {
    const index = this.#columns.length;
    this.#columns.push({ name, dataType, nullable: true, fixed, owner: node });
    this.#byName.set(name, index);
    ctx.undo.push(() => {
      this.#columns.pop();
      this.#byName.delete(name);
    });
    return index;
  }

  /** The type the destination stores column `name` with; undefined when it has no such column. */
  #storedType(name: string): DataType | undefined {
    return this.#stored.size === 0 ? undefined : this.#stored.get(fitIdentifier(name));
  }

  /** A value that does not fit what its field holds (`expected`): the `data_type` contract decides. */
  #misfit(node: PathNode, expected: string, value: unknown, row: Row, ctx: RecordContext): void {
    if (enforce(ctx.contract.dataType, () => this.#mismatch(node, expected, value, ctx)) === "discard_value") return ctx.discardValue();
    // evolve: the value goes to its variant column, created (or bound to the stored one) on first use.
    const type = inferType(value);
    const name = variantColumn(node.name, type);
    let index = this.#byName.get(name);
    if (index === undefined) index = this.#addColumn(name, this.#storedType(name) ?? type, true, node, ctx);
    const col = this.#columns[index] as Column;
    if (col.owner !== node) {
      if (col.owner !== null) throw this.#variantTaken(node, col, ctx);
      col.owner = node;
      ctx.undo.push(() => (col.owner = null));
    }
    const fitted = fitValue(value, col.dataType);
    if (fitted === MISMATCH) throw this.#mismatch(node, expected, value, ctx);
    setCell(row, index, fitted);
  }

  /** Binds a field to an existing column of the same name, refusing a second field for one column. */
  #bind(node: PathNode, index: number, value: unknown, row: Row, nesting: number, lists: FoundList[], ctx: RecordContext): void {
    const col = this.#columns[index] as Column;
    if (col.owner === SYSTEM) throw this.#reserved(node, col.name, ctx);
    if (col.owner !== null && col.owner !== node) {
      throw new RecordValidationError(
        `table "${this.name}": source fields ${this.source(col.owner.path)} and ${this.source(node.path)} ` +
          `both normalize to column "${col.name}"; refusing to merge them (record ${ctx.describeKey()})`,
      );
    }
    col.owner = node;
    node.column = index;
    ctx.undo.push(() => {
      col.owner = null;
      node.column = -1;
    });
    this.#store(node, value, row, nesting, lists, ctx);
  }

  #store(node: PathNode, value: unknown, row: Row, nesting: number, lists: FoundList[], ctx: RecordContext): void {
    const fitted = fitValue(value, (this.#columns[node.column] as Column).dataType);
    if (fitted === MISMATCH) return this.#addSlow(node, value, row, nesting, lists, ctx);
    setCell(row, node.column, fitted);
  }

  /** A source path as messages show it, from the record's top (`items[].price`). */
  source(path: readonly string[]): string {
    return this.sourcePrefix + path.map((s) => (/^[A-Za-z0-9_$-]+$/.test(s) ? s : JSON.stringify(s))).join(".");
  }

  /** The `freeze` error for a type change: column, old type, new type, the record's key. */
  #mismatch(node: PathNode, expected: string, value: unknown, ctx: RecordContext): SchemaContractError {
    const type = inferType(value);
    const variant = variantColumn(node.name, type);
    const why =
      ctx.contract.dataType === "freeze"
        ? `schema_contract data_type is "freeze" (with "evolve" such values load into variant column "${variant}")`
        : `its variant column "${variant}" holds another type`;
    return new SchemaContractError(
      `table "${this.name}": column "${node.name}" (source field ${this.source(node.path)}) expects ${expected}, ` +
        `found ${describeType(value)} (data type ${type}) in record ${ctx.describeKey()}; ${why}`,
    );
  }

  /** The `freeze` error for a new column. */
  #newColumn(node: PathNode, ctx: RecordContext): SchemaContractError {
    return new SchemaContractError(
      `table "${this.name}": source field ${this.source(node.path)} would add new column "${node.name}" (record ${ctx.describeKey()}); ` +
        `schema_contract columns is "freeze"`,
    );
  }

  #variantTaken(node: PathNode, col: Column, ctx: RecordContext): RecordValidationError {
    const other = col.owner === SYSTEM || col.owner === null ? "a link column" : `source field ${this.source(col.owner.path)}`;
    return new RecordValidationError(
      `table "${this.name}": variant column "${col.name}" of source field ${this.source(node.path)} is already taken by ${other}; ` +
        `refusing to merge them (record ${ctx.describeKey()})`,
    );
  }

  #reserved(node: PathNode, column: string, ctx: RecordContext): RecordValidationError {
    return new RecordValidationError(
      `table "${this.name}": source field ${this.source(node.path)} normalizes to column "${column}", which gen-connector ` +
        `reserves for row links; rename it in a processing step (record ${ctx.describeKey()})`,
    );
  }
}

function setCell(row: Row, index: number, value: Scalar): void {
  while (row.length < index) row.push(null);
  row[index] = value;
}
