// A staging table holding one load's rows until commit, filled through the Appender. It lives in the
// database file (schema `_gc_staging`), not in TEMP: DuckDB keeps TEMP tables in memory, while file
// tables go through the buffer pool and spill, so staging memory stays bounded at any row count.
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

/** Staged rows of one table load. */
export class Staging {
  readonly #conn: DuckDBConnection;
  readonly #label: string;
  readonly #columns: ColumnSpec[] = [];
  readonly #types = new Map<string, DataType>();
  #rows = 0;

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

  /** Adds the batch's new columns, then appends its rows in bulk. */
  async write(batch: RowBatch): Promise<void> {
    await this.#addColumns(batch.columns);
    const source = this.#columns.map((c) => batch.columns.findIndex((b) => b.name === c.name));
    const types = this.#columns.map((c) => c.dataType);
    const appender = await this.#conn.createAppender(this.name, STAGING_SCHEMA, this.catalog);
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
      appender.closeSync();
    } catch (error) {
      discard(appender);
      throw error;
    }
    this.#rows = seq;
  }

  async #addColumns(columns: readonly ColumnSpec[]): Promise<void> {
    for (const col of columns) {
      if (col.name === SEQ_COLUMN) throw new DestinationError(`${this.#label}: column name "${SEQ_COLUMN}" is reserved`);
      const known = this.#types.get(col.name);
      if (known === col.dataType) continue;
      if (known !== undefined) {
        throw new DestinationError(`${this.#label}: column "${col.name}" changed type within one load from ${known} to ${col.dataType}`);
      }
      await this.#conn.run(`ALTER TABLE ${this.ref} ADD COLUMN ${quoteIdent(col.name)} ${stagingType(col.dataType)}`);
      this.#types.set(col.name, col.dataType);
      this.#columns.push({ name: col.name, dataType: col.dataType, nullable: col.nullable });
    }
  }
}

/** Drops an appender's buffered rows; the caller marks the load failed, as earlier flushes may have landed. */
function discard(appender: DuckDBAppender): void {
  try {
    appender.clear();
    appender.closeSync();
  } catch {
    // Already failed; the original error is the one to report.
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
