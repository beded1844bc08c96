// Writes one resource's records into one destination table: normalize, batch, stage, commit.
import type { Destination, LoadCounts, StateEntry, TableLoad } from "../destinations/destination.ts";
import { RowNormalizer } from "../normalize/row-normalizer.ts";
import type { TableSpec } from "../spec.ts";

const DEFAULT_BATCH_ROWS = 5_000;

/** Stages rows in batches (bounded memory) and applies them in one transaction at commit. */
export class TableWriter {
  readonly #load: TableLoad;
  readonly #normalizer: RowNormalizer;
  readonly #batchRows: number;
  #rows = 0;

  private constructor(load: TableLoad, table: TableSpec, batchRows: number) {
    this.#load = load;
    this.#normalizer = new RowNormalizer(table);
    this.#batchRows = batchRows;
  }

  /** Starts staging `table` in `dataset`. */
  static async open(destination: Destination, dataset: string, table: TableSpec, batchRows = DEFAULT_BATCH_ROWS): Promise<TableWriter> {
    return new TableWriter(await destination.beginTable(dataset, table), table, batchRows);
  }

  /** Rows accepted so far. */
  get rows(): number {
    return this.#rows;
  }

  /** Normalizes and stages records; flushes a batch when enough rows are pending. */
  async write(records: Iterable<Record<string, unknown>>): Promise<void> {
    for (const record of records) {
      this.#normalizer.add(record);
      this.#rows++;
    }
    if (this.#normalizer.pending >= this.#batchRows) await this.#load.write(this.#normalizer.takeBatch());
  }

  /** Flushes what is pending and commits atomically, with `state` in the same transaction. */
  async commit(state?: StateEntry): Promise<LoadCounts> {
    if (this.#normalizer.pending > 0) await this.#load.write(this.#normalizer.takeBatch());
    return this.#load.commit(state);
  }

  /** Drops everything staged; the table stays as it was. */
  async abort(): Promise<void> {
    await this.#load.abort();
  }
}
