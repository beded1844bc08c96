// Writes one resource's records into its destination table and nested tables: normalize, batch,
// stage, commit.
import type { Destination, LoadCounts, ResourceLoad, StateEntry } from "../destinations/destination.ts";
import { RowNormalizer } from "../normalize/row-normalizer.ts";
import type { TableSpec } from "../spec.ts";

const DEFAULT_BATCH_ROWS = 5_000;

/** Stages rows in batches (bounded memory) and applies them, every table at once, in one transaction at commit. */
export class TableWriter {
  readonly #load: ResourceLoad;
  readonly #normalizer: RowNormalizer;
  readonly #batchRows: number;
  #rows = 0;

  private constructor(load: ResourceLoad, table: TableSpec, batchRows: number) {
    this.#load = load;
    this.#normalizer = new RowNormalizer(table);
    this.#batchRows = batchRows;
  }

  /** Starts staging `table` (and the nested tables its records' lists make) in `dataset`. */
  static async open(destination: Destination, dataset: string, table: TableSpec, batchRows = DEFAULT_BATCH_ROWS): Promise<TableWriter> {
    return new TableWriter(await destination.beginLoad(dataset, table), table, batchRows);
  }

  /** Records accepted so far. */
  get rows(): number {
    return this.#rows;
  }

  /** Normalizes and stages records; flushes a batch when enough rows (of all tables) are pending. */
  async write(records: Iterable<Record<string, unknown>>): Promise<void> {
    for (const record of records) {
      this.#normalizer.add(record);
      this.#rows++;
    }
    if (this.#normalizer.pending >= this.#batchRows) await this.#flush();
  }

  /** Flushes what is pending and commits atomically, with `state` in the same transaction. */
  async commit(state?: StateEntry): Promise<LoadCounts> {
    await this.#flush();
    return this.#load.commit(state);
  }

  /** Drops everything staged; every table stays as it was. */
  async abort(): Promise<void> {
    await this.#load.abort();
  }

  async #flush(): Promise<void> {
    for (const { table, batch } of this.#normalizer.takeBatches()) await this.#load.write(table, batch);
  }
}
