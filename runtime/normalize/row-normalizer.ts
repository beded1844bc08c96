// Turns validated records into rows for one table: nested objects flatten into `parent__child`
// columns, lists become JSON, new fields add columns typed by their first non-null value.
import type { RowBatch, Scalar } from "../destinations/destination.ts";
import { RecordValidationError } from "../errors.ts";
import type { ColumnSpec, DataType, TableSpec } from "../spec.ts";
import { describeType, fitValue, inferType, MISMATCH } from "./coerce.ts";
import { joinIdentifiers, normalizeIdentifier } from "./identifier.ts";

interface Column {
  readonly name: string;
  dataType: DataType;
  readonly nullable: boolean;
  readonly declared: boolean;
  /** The source field that fills this column; null until a record maps a field to it. */
  owner: PathNode | null;
}

/** One source field path, cached so a known field costs a single Map lookup per record. */
interface PathNode {
  readonly path: readonly string[];
  readonly name: string;
  /** Index into the columns, or -1 while none is bound. */
  column: number;
  /** Set once the field was seen as an object and flattened. */
  children: Map<string, PathNode> | null;
}

type Row = Scalar[];

/** Accumulates normalized rows for one table and hands them out in batches. */
export class RowNormalizer {
  readonly #table: TableSpec;
  readonly #columns: Column[] = [];
  readonly #byName = new Map<string, number>();
  readonly #root = new Map<string, PathNode>();
  #rows: Row[] = [];
  #batchTaken = false;
  /** Structural changes made by the record being added, undone if it fails. */
  readonly #undo: (() => void)[] = [];

  constructor(table: TableSpec) {
    this.#table = table;
    for (const c of table.columns) {
      if (this.#byName.has(c.name)) continue;
      this.#byName.set(c.name, this.#columns.length);
      this.#columns.push({ name: c.name, dataType: c.dataType, nullable: c.nullable, declared: true, owner: null });
    }
  }

  /** Rows added since the last `takeBatch`. */
  get pending(): number {
    return this.#rows.length;
  }

  /** Every column so far, declared ones first. */
  get columns(): readonly ColumnSpec[] {
    return this.#columns.map((c) => ({ name: c.name, dataType: c.dataType, nullable: c.nullable }));
  }

  /** Normalizes one record into a row; throws RecordValidationError and changes nothing if it does not fit. */
  add(record: Record<string, unknown>): void {
    const row: Row = new Array<Scalar>(this.#columns.length).fill(null);
    try {
      this.#addObject(record, this.#root, null, row, record);
    } catch (error) {
      for (let i = this.#undo.length - 1; i >= 0; i--) this.#undo[i]?.();
      throw error;
    } finally {
      if (this.#undo.length > 0) this.#undo.length = 0;
    }
    this.#rows.push(row);
  }

  /** Returns the rows added since the last call (with every column so far) and starts a new batch. */
  takeBatch(): RowBatch {
    const batch: RowBatch = { columns: this.columns, rows: this.#rows };
    this.#rows = [];
    this.#batchTaken = true;
    return batch;
  }

  #addObject(obj: object, level: Map<string, PathNode>, parent: PathNode | null, row: Row, record: object): void {
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
      this.#addSlow(node, value, row, record);
    }
  }

  /** Everything but a value fitting its bound column: flattening, binding, new columns, widening, errors. */
  #addSlow(node: PathNode, value: unknown, row: Row, record: object): void {
    const isObject = typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
    if (node.children !== null) {
      if (isObject) return this.#addObject(value as object, node.children, node, row, record);
      throw this.#mismatch(node, `object (flattened into ${node.name}__*)`, value, record);
    }
    if (node.column >= 0) {
      const col = this.#columns[node.column] as Column;
      // An inferred integer column meeting a fraction widens to double, unless rows already left as bigint.
      if (col.dataType === "bigint" && !col.declared && !this.#batchTaken && typeof value === "number" && Number.isFinite(value)) {
        col.dataType = "double";
        this.#undo.push(() => (col.dataType = "bigint"));
        return setCell(row, node.column, value);
      }
      throw this.#mismatch(node, col.dataType, value, record);
    }
    const existing = this.#byName.get(node.name);
    if (existing !== undefined) return this.#bind(node, existing, value, row, record);
    if (isObject) {
      node.children = new Map();
      this.#undo.push(() => (node.children = null));
      return this.#addObject(value as object, node.children, node, row, record);
    }
    const dataType = inferType(value);
    const index = this.#columns.length;
    this.#columns.push({ name: node.name, dataType, nullable: true, declared: false, owner: node });
    this.#byName.set(node.name, index);
    node.column = index;
    this.#undo.push(() => {
      this.#columns.pop();
      this.#byName.delete(node.name);
      node.column = -1;
    });
    this.#store(node, value, row, record);
  }

  /** Binds a field to an existing column of the same name, refusing a second field for one column. */
  #bind(node: PathNode, index: number, value: unknown, row: Row, record: object): void {
    const col = this.#columns[index] as Column;
    if (col.owner !== null && col.owner !== node) {
      throw new RecordValidationError(
        `table "${this.#table.name}": source fields ${formatPath(col.owner.path)} and ${formatPath(node.path)} ` +
          `both normalize to column "${col.name}"; refusing to merge them (record ${this.#describeKey(record)})`,
      );
    }
    col.owner = node;
    node.column = index;
    this.#undo.push(() => {
      col.owner = null;
      node.column = -1;
    });
    this.#store(node, value, row, record);
  }

  #store(node: PathNode, value: unknown, row: Row, record: object): void {
    const fitted = fitValue(value, (this.#columns[node.column] as Column).dataType);
    if (fitted === MISMATCH) return this.#addSlow(node, value, row, record);
    setCell(row, node.column, fitted);
  }

  #mismatch(node: PathNode, expected: string, value: unknown, record: object): RecordValidationError {
    return new RecordValidationError(
      `table "${this.#table.name}": column "${node.name}" (source field ${formatPath(node.path)}) expects ${expected}, ` +
        `found ${describeType(value)} (record ${this.#describeKey(record)})`,
    );
  }

  /** The record's primary key as `name=value` pairs, for error messages. */
  #describeKey(record: object): string {
    const pk = this.#table.primaryKey;
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

function setCell(row: Row, index: number, value: Scalar): void {
  while (row.length < index) row.push(null);
  row[index] = value;
}

function formatPath(path: readonly string[]): string {
  return path.map((s) => (/^[A-Za-z0-9_$-]+$/.test(s) ? s : JSON.stringify(s))).join(".");
}

function preview(value: unknown): string {
  const text = typeof value === "bigint" ? value.toString() : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
