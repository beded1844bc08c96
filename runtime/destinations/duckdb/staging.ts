// A staging table holding one load's rows until commit, filled through the Appender. It lives in the
// database file (schema `_gc_staging`), not in TEMP: DuckDB keeps TEMP tables in memory, while file
// tables go through the buffer pool and spill, so staging memory stays bounded at any row count.
//
// One Appender stays open across batches: each Appender flush is a transaction committed on its own
// (a WAL write and an fsync), so an Appender per batch cost one commit per batch. It is flushed every
// FLUSH_ROWS rows (bounding the rows it buffers outside the buffer pool), closed before a new column
// is added (an Appender has fixed columns) and before the commit reads the table (`finish`), and its
// buffered rows are dropped on abort (`discard`). Crash safety is unchanged: whatever a flush wrote
// is a `_gc_staging` leftover, dropped at the next open; unflushed rows vanish with the process.
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { DestinationError } from "../../errors.ts";
import type { ColumnSpec, DataType } from "../../spec.ts";
import type { RowBatch, Scalar } from "../destination.ts";
import { qualifiedName, quoteIdent } from "../sql.ts";
import { decimalProblem, stagingType } from "./types.ts";

/** The staging ordinal: the row's position in the load, so the last version of a key wins. */
export const SEQ_COLUMN = "_gc_seq";

/** The schema that holds staging tables; dropped whole when a database is opened (no run can be using it). */
export const STAGING_SCHEMA = "_gc_staging";

/** Rows the open Appender may buffer before it is flushed (one small committed transaction per flush). */
const FLUSH_ROWS = 50_000;

/** Staged rows of one table load. */
export class Staging {
  readonly #conn: DuckDBConnection;
  readonly #label: string;
  readonly #columns: ColumnSpec[] = [];
  readonly #types = new Map<string, DataType>();
  #rows = 0;
  /** The open Appender (null until the next write, or after `finish` / `discard` / a new column). */
  #appender: DuckDBAppender | null = null;
  /** Rows appended since the Appender last flushed. */
  #unflushed = 0;

  private constructor(conn: DuckDBConnection, readonly catalog: string, readonly name: string, label: string) {
    this.#conn = conn;
    this.#label = label;
  }

  /** Creates the staging table `name` with `columns` plus the ordinal; `label` names the target in errors. */
  static async create(conn: DuckDBConnection, catalog: string, name: string, label: string, columns: readonly ColumnSpec[]): Promise<Staging> {
    const staging = new Staging(conn, catalog, name, label);
    await conn.run(`CREATE SCHEMA IF NOT EXISTS ${qualifiedName(catalog, STAGING_SCHEMA)}`);
    await conn.run(`CREATE OR REPLACE TABLE ${staging.ref} (${quoteIdent(SEQ_COLUMN)} BIGINT NOT NULL)`);
    await staging.#addColumns(columns);
    return staging;
  }

  /** The temp table's reference in SQL. */
  get ref(): string {
    return qualifiedName(this.catalog, STAGING_SCHEMA, this.name);
  }

  /** Columns staged so far, in table order (without the ordinal). */
  get columns(): readonly ColumnSpec[] {
    return this.#columns;
  }

  /** Rows staged so far. */
  get rowCount(): number {
    return this.#rows;
  }

  /** Adds the batch's new columns, then appends its rows through the open Appender (flushed every FLUSH_ROWS rows). */
  async write(batch: RowBatch): Promise<void> {
    await this.#addColumns(batch.columns);
    const source = this.#columns.map((c) => batch.columns.findIndex((b) => b.name === c.name));
    const types = this.#columns.map((c) => c.dataType);
    this.#appender ??= await this.#conn.createAppender(this.name, STAGING_SCHEMA, this.catalog);
    const appender = this.#appender;
    let seq = this.#rows;
    try {
      for (const row of batch.rows) {
        appender.appendBigInt(BigInt(seq++));
        for (let s = 0; s < types.length; s++) {
          const j = source[s] as number;
          const value = j < 0 ? null : (row[j] ?? null);
          if (value === null) appender.appendNull();
          else {
            const type = types[s] as DataType;
            // DuckDB's cast from text would round what DECIMAL(38,9) cannot hold: refuse it instead.
            const problem = type === "decimal" && typeof value !== "boolean" ? decimalProblem(String(value)) : null;
            if (problem !== null) {
              throw new DestinationError(`${this.#label}: column "${this.#columns[s]?.name}" row ${seq - 1} holds ${problem}; the load is refused and nothing was applied`);
            }
            if (!appendValue(appender, type, value)) {
              throw new DestinationError(`${this.#label}: column "${this.#columns[s]?.name}" is ${type} but row ${seq - 1} holds a ${typeof value}`);
            }
          }
        }
        appender.endRow();
      }
      this.#unflushed += batch.rows.length;
      if (this.#unflushed >= FLUSH_ROWS) {
        appender.flushSync();
        this.#unflushed = 0;
      }
    } catch (error) {
      // The load fails (only abort remains), so the rows of earlier batches still buffered go too.
      this.discard();
      throw error;
    }
    this.#rows = seq;
  }

  /** Flushes and closes the open Appender, so every staged row is in the table: before the commit reads it. */
  finish(): void {
    const appender = this.#appender;
    if (appender === null) return;
    this.#appender = null;
    this.#unflushed = 0;
    appender.closeSync();
  }

  /** Drops the open Appender's buffered rows and closes it (abort, or a failed write); never throws. */
  discard(): void {
    const appender = this.#appender;
    if (appender === null) return;
    this.#appender = null;
    this.#unflushed = 0;
    try {
      appender.clear();
      appender.closeSync();
    } catch {
      // Already failed; the original error is the one to report.
    }
  }

  async #addColumns(columns: readonly ColumnSpec[]): Promise<void> {
    for (const col of columns) {
      if (col.name === SEQ_COLUMN) throw new DestinationError(`${this.#label}: column name "${SEQ_COLUMN}" is reserved`);
      const known = this.#types.get(col.name);
      if (known === col.dataType) continue;
      if (known !== undefined) {
        throw new DestinationError(`${this.#label}: column "${col.name}" changed type within one load from ${known} to ${col.dataType}`);
      }
      this.finish(); // an Appender's columns are fixed: flush it, then reopen after the ALTER
      await this.#conn.run(`ALTER TABLE ${this.ref} ADD COLUMN ${quoteIdent(col.name)} ${stagingType(col.dataType)}`);
      this.#types.set(col.name, col.dataType);
      this.#columns.push({ name: col.name, dataType: col.dataType, nullable: col.nullable });
    }
  }
}

/** Appends one non-null value in its staging type; false when its JS type does not fit. */
function appendValue(appender: DuckDBAppender, type: DataType, value: Exclude<Scalar, null>): boolean {
  switch (type) {
    case "bigint":
      if (typeof value === "bigint") appender.appendBigInt(value);
      else if (typeof value === "number" && Number.isSafeInteger(value)) appender.appendBigInt(BigInt(value));
      else return false;
      return true;
    case "double":
      if (typeof value !== "number" && typeof value !== "bigint") return false;
      appender.appendDouble(Number(value));
      return true;
    case "bool":
      if (typeof value !== "boolean") return false;
      appender.appendBoolean(value);
      return true;
    case "decimal":
      if (typeof value === "boolean") return false;
      appender.appendVarchar(String(value));
      return true;
    default:
      if (typeof value !== "string") return false;
      appender.appendVarchar(value);
      return true;
  }
}
