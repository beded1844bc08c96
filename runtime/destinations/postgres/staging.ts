// A TEMP staging table holding one load's rows until commit, filled with COPY … FROM STDIN. TEMP tables
// are private to the session (no clash with other syncs), unlogged, spill to disk, and vanish with the
// connection, so a killed run leaves nothing behind.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { ColumnSpec } from "../../connector.ts";
import type { RowBatch } from "../destination.ts";
import { identList, qualifiedName, quoteIdent } from "../sql.ts";
import { KeyOrder } from "../key-order.ts";
import { SEQ_COLUMN, StagedColumns } from "../staged-columns.ts";
import { type CopyColumn, encodeRows } from "./copy.ts";
import { stagingType } from "./types.ts";

/** Staged rows of one table load. */
export class Staging {
  readonly #client: pg.Client;
  readonly #label: string;
  readonly #columns: StagedColumns;
  readonly #keys: KeyOrder | null;
  #rows = 0;

  private constructor(
    client: pg.Client,
    readonly name: string,
    label: string,
    keys: readonly string[],
  ) {
    this.#client = client;
    this.#label = label;
    this.#columns = new StagedColumns(label);
    this.#keys = keys.length === 0 ? null : new KeyOrder(keys);
  }

  /**
   * Creates the TEMP table `name` with `columns` plus the ordinal; `label` names the target in errors;
   * `keys`, the dedup key of a keyed merge, are watched for order (see distinctKeys).
   */
  static async create(client: pg.Client, name: string, label: string, columns: readonly ColumnSpec[], keys: readonly string[] = []): Promise<Staging> {
    const staging = new Staging(client, name, label, keys);
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
    return this.#columns.list;
  }

  /** Rows staged so far. */
  get rowCount(): number {
    return this.#rows;
  }

  /** Whether the watched keys are proven distinct (see StagedRows.distinctKeys). */
  get distinctKeys(): boolean {
    return this.#keys?.distinct ?? false;
  }

  /** Adds the batch's new columns, checks and encodes every row, then streams them in with one COPY. */
  async write(batch: RowBatch): Promise<void> {
    await this.#addColumns(batch.columns);
    if (batch.rows.length === 0) return;
    const sources = this.#columns.sources(batch);
    const columns: CopyColumn[] = this.#columns.list.map((c, i) => ({ name: c.name, type: c.dataType, source: sources[i] ?? -1 }));
    const chunks = encodeRows(this.#label, columns, batch.rows, this.#rows);
    const names = identList([SEQ_COLUMN, ...this.#columns.list.map((c) => c.name)]);
    const stream = this.#client.query(copyFrom(`COPY ${this.ref} (${names}) FROM STDIN`));
    await pipeline(Readable.from(chunks.map((c) => Buffer.from(c, "utf8"))), stream);
    this.#keys?.observe(batch, this.#columns.types);
    this.#rows += batch.rows.length;
  }

  async #addColumns(columns: readonly ColumnSpec[]): Promise<void> {
    for (const col of this.#columns.admit(columns)) {
      await this.#client.query(`ALTER TABLE ${this.ref} ADD COLUMN ${quoteIdent(col.name)} ${stagingType(col.dataType)}`);
    }
  }
}
