// A TEMP staging table holding one load's rows until commit, filled with COPY … FROM STDIN. TEMP tables
// are private to the session (no clash with other syncs), unlogged, spill to disk, and vanish with the
// connection, so a killed run leaves nothing behind.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { DestinationError } from "../../errors.ts";
import type { ColumnSpec, DataType } from "../../spec.ts";
import type { RowBatch } from "../destination.ts";
import { identList, qualifiedName, quoteIdent } from "../sql.ts";
import { type CopyColumn, encodeRows } from "./copy.ts";
import { stagingType } from "./types.ts";

/** The staging ordinal: the row's position in the load, so the last version of a key wins. */
export const SEQ_COLUMN = "_gc_seq";

/** Staged rows of one table load. */
export class Staging {
  readonly #client: pg.Client;
  readonly #label: string;
  readonly #columns: ColumnSpec[] = [];
  readonly #types = new Map<string, DataType>();
  #rows = 0;

  private constructor(client: pg.Client, readonly name: string, label: string) {
    this.#client = client;
    this.#label = label;
  }

  /** Creates the TEMP table `name` with `columns` plus the ordinal; `label` names the target in errors. */
  static async create(client: pg.Client, name: string, label: string, columns: readonly ColumnSpec[]): Promise<Staging> {
    const staging = new Staging(client, name, label);
    await client.query(`DROP TABLE IF EXISTS ${staging.ref}`);
    await client.query(`CREATE TEMP TABLE ${quoteIdent(name)} (${quoteIdent(SEQ_COLUMN)} bigint NOT NULL)`);
    await staging.#addColumns(columns);
    return staging;
  }

  /** The temp table's reference in SQL. */
  get ref(): string {
    return qualifiedName("pg_temp", this.name);
  }

  /** Columns staged so far, in table order (without the ordinal). */
  get columns(): readonly ColumnSpec[] {
    return this.#columns;
  }

  /** Rows staged so far. */
  get rowCount(): number {
    return this.#rows;
  }

  /** Adds the batch's new columns, checks and encodes every row, then streams them in with one COPY. */
  async write(batch: RowBatch): Promise<void> {
    await this.#addColumns(batch.columns);
    if (batch.rows.length === 0) return;
    const columns: CopyColumn[] = this.#columns.map((c) => ({
      name: c.name,
      type: c.dataType,
      source: batch.columns.findIndex((b) => b.name === c.name),
    }));
    const chunks = encodeRows(this.#label, columns, batch.rows, this.#rows);
    const names = identList([SEQ_COLUMN, ...this.#columns.map((c) => c.name)]);
    const stream = this.#client.query(copyFrom(`COPY ${this.ref} (${names}) FROM STDIN`));
    await pipeline(Readable.from(chunks.map((c) => Buffer.from(c, "utf8"))), stream);
    this.#rows += batch.rows.length;
  }

  async #addColumns(columns: readonly ColumnSpec[]): Promise<void> {
    for (const col of columns) {
      if (col.name === SEQ_COLUMN) throw new DestinationError(`${this.#label}: column name "${SEQ_COLUMN}" is reserved`);
      const known = this.#types.get(col.name);
      if (known === col.dataType) continue;
      if (known !== undefined) {
        throw new DestinationError(`${this.#label}: column "${col.name}" changed type within one load from ${known} to ${col.dataType}`);
      }
      await this.#client.query(`ALTER TABLE ${this.ref} ADD COLUMN ${quoteIdent(col.name)} ${stagingType(col.dataType)}`);
      this.#types.set(col.name, col.dataType);
      this.#columns.push({ name: col.name, dataType: col.dataType, nullable: col.nullable });
    }
  }
}
