// The lifecycle every destination's table load shares: stage batches, then commit or abort exactly
// once, each step through the connection's queue. A destination supplies only its operations.
import { DestinationError } from "../errors.ts";
import type { LoadCounts, RowBatch, StateEntry, TableLoad } from "./destination.ts";
import type { Serial } from "./serial.ts";

/** What a destination does for one table load. */
export interface LoadOperations {
  /** Names the target in error messages. */
  readonly label: string;
  stage(batch: RowBatch): Promise<void>;
  /** Applies the staged rows (and `state`) in one transaction. */
  apply(state: StateEntry | undefined): Promise<LoadCounts>;
  /** Drops the staging table; must not throw (a leftover is cleaned up later). */
  drop(): Promise<void>;
  /** The destination's error for a failed step (DestinationErrors pass through). */
  wrap(error: unknown, context: string): DestinationError;
}

type State = "open" | "failed" | "committed" | "aborted";

/** A TableLoad over a destination's operations; a failed write or commit leaves only `abort`. */
export class StagedLoad implements TableLoad {
  #state: State = "open";

  constructor(
    private readonly serial: Serial,
    private readonly ops: LoadOperations,
  ) {}

  /** Stages a batch; a failure leaves the load unusable (only `abort` remains). */
  write(batch: RowBatch): Promise<void> {
    return this.serial.run(async () => {
      this.#expectOpen("write");
      try {
        await this.ops.stage(batch);
      } catch (error) {
        this.#state = "failed";
        throw this.ops.wrap(error, `${this.ops.label}: staging ${batch.rows.length} rows failed`);
      }
    });
  }

  /** Applies the staged rows, and `state` when given, in one transaction and drops the staging table. */
  commit(state?: StateEntry): Promise<LoadCounts> {
    return this.serial.run(async () => {
      this.#expectOpen("commit");
      try {
        const counts = await this.ops.apply(state);
        this.#state = "committed";
        await this.ops.drop();
        return counts;
      } catch (error) {
        this.#state = "failed";
        throw this.ops.wrap(error, `${this.ops.label}: commit failed`);
      }
    });
  }

  /** Drops the staging table; the target stays as the last commit left it. Idempotent. */
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
    throw new DestinationError(`${this.ops.label}: cannot ${operation}: ${why}`);
  }
}
