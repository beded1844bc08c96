// One table's side of normalization: its columns, the source field paths mapped onto them and its
// pending rows. Objects flatten into `parent__child` columns and lists are handed to nested tables
// while the nesting level allows (dlt's max_table_nesting); deeper data is stored as JSON.
import type { RowBatch, Scalar } from "../destinations/destination.ts";
import { RecordValidationError } from "../errors.ts";
import type { ColumnSpec, DataType, TableSpec } from "../spec.ts";
import { describeType, fitValue, inferType, isNestedObject, MISMATCH } from "./coerce.ts";
import { joinIdentifiers, normalizeIdentifier } from "./identifier.ts";
import type { FoundList, PathNode, RecordContext, Row } from "./record-context.ts";
import { NESTED_COLUMNS, ROOT_COLUMNS } from "./system-columns.ts";

interface Column {
  readonly name: string;
  dataType: DataType;
  readonly nullable: boolean;
  readonly declared: boolean;
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
  #rows: Row[] = [];
  #batchTaken = false;
  /** Indexes of the link columns, once created. */
  #links: number[] | null = null;

  constructor(spec: TableSpec, sourcePrefix: string) {
    this.spec = spec;
    this.sourcePrefix = sourcePrefix;
    for (const c of spec.columns) {
      if (this.#byName.has(c.name)) continue;
      this.#byName.set(c.name, this.#columns.length);
      this.#columns.push({ name: c.name, dataType: c.dataType, nullable: c.nullable, declared: true, owner: null });
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
    this.#addObject(obj, this.#fields, null, row, level, lists, ctx);
    return row;
  }

  /**
   * Sets a root row's link columns (ROOT_COLUMNS order), created after the first row's own columns;
   * a source field holding one of their names is an error.
   */
  linkRoot(row: Row, id: string, seq: number, ctx: RecordContext): void {
    const at = this.#links ?? this.#createLinks(ROOT_COLUMNS, ctx);
    setCell(row, at[0] as number, id);
    setCell(row, at[1] as number, seq);
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
        this.#columns.push({ name: spec.name, dataType: spec.dataType, nullable: spec.nullable, declared: true, owner: SYSTEM });
        this.#byName.set(spec.name, index);
        ctx.undo.push(() => {
          this.#columns.pop();
          this.#byName.delete(spec.name);
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
      throw this.#mismatch(node, `object (flattened into ${node.name}__*)`, value, ctx);
    }
    if (node.table !== null) {
      if (!isList || !expands) throw this.#mismatch(node, `list (nested table "${node.table.name}")`, value, ctx);
      if ((value as unknown[]).length > 0) lists.push({ node, items: value as unknown[] });
      return;
    }
    if (node.column >= 0) {
      const col = this.#columns[node.column] as Column;
      // An inferred integer column meeting a fraction widens to double, unless rows already left as bigint.
      if (col.dataType === "bigint" && !col.declared && !this.#batchTaken && typeof value === "number" && Number.isFinite(value)) {
        col.dataType = "double";
        ctx.undo.push(() => (col.dataType = "bigint"));
        return setCell(row, node.column, value);
      }
      throw this.#mismatch(node, col.dataType, value, ctx);
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
      node.table = ctx.nestedTable(this, node);
      ctx.undo.push(() => (node.table = null));
      lists.push({ node, items: value as unknown[] });
      return;
    }
    const index = this.#columns.length;
    this.#columns.push({ name: node.name, dataType: inferType(value), nullable: true, declared: false, owner: node });
    this.#byName.set(node.name, index);
    node.column = index;
    ctx.undo.push(() => {
      this.#columns.pop();
      this.#byName.delete(node.name);
      node.column = -1;
    });
    this.#store(node, value, row, nesting, lists, ctx);
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

  #mismatch(node: PathNode, expected: string, value: unknown, ctx: RecordContext): RecordValidationError {
    return new RecordValidationError(
      `table "${this.name}": column "${node.name}" (source field ${this.source(node.path)}) expects ${expected}, ` +
        `found ${describeType(value)} (record ${ctx.describeKey()})`,
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
