// One table's load into Postgres: stage batches, then commit or abort exactly once.
import type pg from "pg";
import { DestinationError } from "../../errors.ts";
import type { TableSpec } from "../../spec.ts";
import type { Serial } from "../serial.ts";
import type { LoadCounts, RowBatch, StateEntry, TableLoad } from "../destination.ts";
import { qualifiedName } from "../sql.ts";
import { type CommitInput, commitStaged } from "./commit.ts";
import { wrap } from "./errors.ts";
import { Staging } from "./staging.ts";

type State = "open" | "failed" | "committed" | "aborted";

/** A staged load of one table; every statement runs through the connection's queue. */
export class PostgresTableLoad implements TableLoad {
  #state: State = "open";

  private constructor(
    private readonly serial: Serial,
    private readonly input: CommitInput,
  ) {}

  /** Creates an empty TEMP staging table `stagingName` for `schema.table` (the target is created at commit). */
  static async begin(client: pg.Client, serial: Serial, schema: string, table: TableSpec, stagingName: string, label: string): Promise<PostgresTableLoad> {
    return serial.run(async () => {
      try {
        const staging = await Staging.create(client, stagingName, label, table.columns);
        return new PostgresTableLoad(serial, { client, schema, table, staging, label });
      } catch (error) {
        await client.query(`DROP TABLE IF EXISTS ${qualifiedName("pg_temp", stagingName)}`).catch(() => undefined);
        throw wrap(error, `${label}: cannot start the load`);
      }
    });
  }

  /** Stages a batch; a failure leaves the load unusable (only `abort` remains). */
  write(batch: RowBatch): Promise<void> {
    return this.serial.run(async () => {
      this.#expectOpen("write");
      try {
        await this.input.staging.write(batch);
      } catch (error) {
        this.#state = "failed";
        throw wrap(error, `${this.input.label}: staging ${batch.rows.length} rows failed`);
      }
    });
  }

  /** Applies the staged rows, and `state` when given, in one transaction and drops the staging table. */
  commit(state?: StateEntry): Promise<LoadCounts> {
    return this.serial.run(async () => {
      this.#expectOpen("commit");
      try {
        const counts = await commitStaged(this.input, state);
        this.#state = "committed";
        await this.#dropStaging();
        return counts;
      } catch (error) {
        this.#state = "failed";
        throw wrap(error, `${this.input.label}: commit failed`);
      }
    });
  }

  /** Drops the staging table; the target stays as the last commit left it. Idempotent. */
  abort(): Promise<void> {
    return this.serial.run(async () => {
      if (this.#state === "committed" || this.#state === "aborted") return;
      this.#state = "aborted";
      await this.#dropStaging();
    });
  }

  async #dropStaging(): Promise<void> {
    try {
      await this.input.client.query(`DROP TABLE IF EXISTS ${this.input.staging.ref}`);
    } catch {
      // Not fatal: TEMP tables vanish with the connection; nothing in the target depends on it.
    }
  }

  #expectOpen(operation: string): void {
    if (this.#state === "open") return;
    const why = this.#state === "failed" ? "an earlier step failed; abort it" : `it was already ${this.#state}`;
    throw new DestinationError(`${this.input.label}: cannot ${operation}: ${why}`);
  }
}
