// Writes one resource's records into its destination table and nested tables: normalize, batch,
// stage, commit.
import type { CommitOptions, Destination, ExistingTables, LoadCounts, ResourceLoad, StateEntry } from "../destinations/destination.ts";
import { RecordValidationError } from "../errors.ts";
import { RowNormalizer } from "../normalize/row-normalizer.ts";
import type { TableSpec } from "../connector.ts";
import { type Quarantine, QUARANTINE_SPEC, type RecordOrigin } from "./quarantine.ts";

/**
 * Rows per staged batch. Small enough that a batch dies young in V8 (5,000-row batches outlived two
 * scavenges and were promoted: at 1M rows into DuckDB 1,000 cut GC and CSV encoding time, ~0.4 s, and
 * ~20–40 MB of peak; into Postgres the same time and 40 MB less).
 */
const DEFAULT_BATCH_ROWS = 1_000;

/** Stages rows in batches (bounded memory) and applies them, every table at once, in one transaction at commit. */
export class TableWriter {
  readonly #load: ResourceLoad;
  readonly #normalizer: RowNormalizer;
  readonly #batchRows: number;
  /** Where refused records go; null: a refused record fails the load. */
  readonly #quarantine: Quarantine | null;
  #rows = 0;

  private constructor(load: ResourceLoad, table: TableSpec, existing: ExistingTables, batchRows: number, quarantine: Quarantine | null) {
    this.#load = load;
    this.#normalizer = new RowNormalizer(table, existing);
    this.#batchRows = batchRows;
    this.#quarantine = quarantine;
  }

  /** Starts staging `table` (and the nested tables its records' lists make, and `quarantine`'s rows) in `dataset`. */
  static async open(
    destination: Destination,
    dataset: string,
    table: TableSpec,
    batchRows = DEFAULT_BATCH_ROWS,
    quarantine?: Quarantine,
  ): Promise<TableWriter> {
    const load = await destination.beginLoad(dataset, table);
    let existing: ExistingTables;
    try {
      // The schema contract judges new columns and type changes against what is stored.
      existing = await load.existingTables();
    } catch (error) {
      await load.abort();
      throw error;
    }
    return new TableWriter(load, table, existing, batchRows, quarantine ?? null);
  }

  /** What the schema contract dropped (`discard_row`, `discard_value`), for the summary: only the nonzero counts. */
  get discards(): { readonly discardedRows?: number; readonly discardedValues?: number } {
    const rows = this.#normalizer.discardedRows;
    const values = this.#normalizer.discardedValues;
    return { ...(rows === 0 ? {} : { discardedRows: rows }), ...(values === 0 ? {} : { discardedValues: values }) };
  }

  /** Whether refused records are quarantined (otherwise they fail the load). */
  get quarantines(): boolean {
    return this.#quarantine !== null;
  }

  /** Records quarantined so far. */
  get quarantined(): number {
    return this.#quarantine?.count ?? 0;
  }

  /** Quarantines a record refused before it reached the writer (schema, primary key); throws without a quarantine. */
  refuse(origin: RecordOrigin, reason: string): void {
    if (this.#quarantine === null) throw new Error("TableWriter.refuse: this load has no quarantine");
    this.#quarantine.add(origin, reason);
  }

  /** Records accepted so far. */
  get rows(): number {
    return this.#rows;
  }

  /**
   * Normalizes and stages records; flushes a batch when enough rows (of all tables) are pending. A
   * record the normalizer refuses is quarantined when there is a quarantine and `origins[i]` says
   * where record i came from; otherwise it fails the write. Returns the records accepted.
   */
  async write(records: Iterable<Record<string, unknown>>, origins?: readonly RecordOrigin[]): Promise<Record<string, unknown>[]> {
    const accepted: Record<string, unknown>[] = [];
    let i = 0;
    for (const record of records) {
      const origin = origins?.[i++];
      try {
        this.#normalizer.add(record);
      } catch (error) {
        if (!(error instanceof RecordValidationError) || this.#quarantine === null || origin === undefined) throw error;
        this.#quarantine.add(origin, error.message);
        continue;
      }
      accepted.push(record);
      this.#rows++;
    }
    if (this.#normalizer.pending + (this.#quarantine?.pending ?? 0) >= this.#batchRows) await this.#flush();
    return accepted;
  }

  /** Flushes what is pending and commits atomically, with `state` (and what `options` asks) in the same transaction. */
  async commit(state?: StateEntry, options?: CommitOptions): Promise<LoadCounts> {
    await this.#flush();
    return this.#load.commit(state, options);
  }

  /** Drops everything staged; every table stays as it was. */
  async abort(): Promise<void> {
    await this.#load.abort();
  }

  async #flush(): Promise<void> {
    for (const { table, batch } of this.#normalizer.takeBatches()) await this.#load.write(table, batch);
    const refused = this.#quarantine?.take() ?? null;
    if (refused !== null) await this.#load.write(QUARANTINE_SPEC, refused);
  }
}
