// The lifecycle every destination's resource load shares: stage batches for any of the load's tables,
// then commit or abort exactly once, each step through the connection's queue. A destination supplies
// only its operations; table names are fitted and checked here, once for all destinations.
import { DestinationError } from "../errors.ts";
import { StagedRowsCheck } from "./check-rows.ts";
import type { CommitOptions, ExistingTables, LoadCounts, ResourceLoad, RowBatch, StateEntry } from "./destination.ts";
import type { LoadTable, LoadTables } from "./load-tables.ts";
import type { Serial } from "./serial.ts";
import type { TableSpec } from "../connector.ts";

/** What a destination does for one resource load. */
export interface LoadOperations {
  /** The load's tables the destination already has, with their columns (see ResourceLoad.existingTables). */
  describe(): Promise<ExistingTables>;
  /** Stages a batch (names already fitted) for `table`, creating its staging table on first use. */
  stage(table: LoadTable, batch: RowBatch): Promise<void>;
  /** Applies every staged table (and `state`, and what `options` asks) in one transaction. */
  apply(state: StateEntry | undefined, options: CommitOptions): Promise<LoadCounts>;
  /** Drops the staging tables; must not throw (a leftover is cleaned up later). */
  drop(): Promise<void>;
  /** The destination's error for a failed step (DestinationErrors pass through). */
  wrap(error: unknown, context: string): DestinationError;
}

type State = "open" | "failed" | "committed" | "aborted";

/** A ResourceLoad over a destination's operations; a failed write or commit leaves only `abort`. */
export class StagedLoad implements ResourceLoad {
  #state: State = "open";
  readonly #check = new StagedRowsCheck();

  constructor(
    private readonly serial: Serial,
    private readonly tables: LoadTables,
    private readonly ops: LoadOperations,
  ) {}

  /** The load's tables the destination already has, read from its catalog. */
  existingTables(): Promise<ExistingTables> {
    return this.serial.run(async () => {
      this.#expectOpen("describe tables");
      try {
        return await this.ops.describe();
      } catch (error) {
        throw this.ops.wrap(error, `${this.tables.root.label}: reading the stored tables failed`);
      }
    });
  }

  /** Stages a batch for `table`; a failure leaves the load unusable (only `abort` remains). */
  write(table: TableSpec, batch: RowBatch): Promise<void> {
    return this.serial.run(async () => {
      this.#expectOpen("write");
      let target: LoadTable | undefined;
      try {
        target = this.tables.admit(table);
        const fitted = this.tables.fitBatch(target, batch);
        this.#check.add(target, fitted);
        await this.ops.stage(target, fitted);
      } catch (error) {
        this.#state = "failed";
        throw this.ops.wrap(error, `${target?.label ?? this.tables.root.label}: staging ${batch.rows.length} rows failed`);
      }
    });
  }

  /**
   * Checks the staged rows' keys and links, then applies every staged table, and `state` when given, in
   * one transaction; drops the staging tables either way.
   */
  commit(state?: StateEntry, options: CommitOptions = {}): Promise<LoadCounts> {
    return this.serial.run(async () => {
      this.#expectOpen("commit");
      try {
        this.#check.verify(this.tables.root);
        const counts = await this.ops.apply(state, options);
        this.#state = "committed";
        await this.ops.drop();
        return counts;
      } catch (error) {
        this.#state = "failed";
        await this.ops.drop(); // nothing was applied, and a load commits once: its staging goes now
        throw this.ops.wrap(error, `${this.tables.root.label}: commit failed`);
      }
    });
  }

  /** Drops the staging tables; every target stays as the last commit left it. Idempotent. */
  abort(): Promise<void> {
    return this.serial.run(async () => {
      if (this.#state === "committed" || this.#state === "aborted") return;
      this.#state = "aborted";
      await this.ops.drop();
    });
  }

  #expectOpen(operation: string): void {
    if (this.#state === "open") return;
    const why = this.#state === "failed" ? "an earlier step failed; abort it" : `it was already ${this.#state}`;
    throw new DestinationError(`${this.tables.root.label}: cannot ${operation}: ${why}`);
  }
}
