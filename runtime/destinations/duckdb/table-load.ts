// One table's load into DuckDB: stage batches, then commit or abort exactly once.
import type { DuckDBConnection } from "@duckdb/node-api";
import { DestinationError } from "../../errors.ts";
import type { TableSpec } from "../../spec.ts";
import type { LoadCounts, RowBatch, StateEntry, TableLoad } from "../destination.ts";
import { qualifiedName } from "../sql.ts";
import { type CommitInput, commitStaged, message } from "./commit.ts";
import type { Serial } from "../serial.ts";
import { Staging, STAGING_SCHEMA } from "./staging.ts";
import { STATE_TABLE } from "./state.ts";

type State = "open" | "failed" | "committed" | "aborted";

export interface LoadTarget {
  readonly catalog: string;
  readonly schema: string;
  readonly table: TableSpec;
}

/** A staged load of one table; every statement runs through the connection's queue. */
export class DuckDbTableLoad implements TableLoad {
  #state: State = "open";

  private constructor(
    private readonly serial: Serial,
    private readonly input: CommitInput,
  ) {}

  /** Creates `catalog.schema` if absent and an empty staging table `stagingName` for the target table. */
  static async begin(conn: DuckDBConnection, serial: Serial, target: LoadTarget, stagingName: string): Promise<DuckDbTableLoad> {
    const { catalog, schema, table } = target;
    const label = `duckdb table ${JSON.stringify(schema)}.${JSON.stringify(table.name)}`;
    if (table.name.toLowerCase() === STATE_TABLE) throw new DestinationError(`${label}: table name "${STATE_TABLE}" is reserved for sync state`);
    return serial.run(async () => {
      try {
        await conn.run(`CREATE SCHEMA IF NOT EXISTS ${qualifiedName(catalog, schema)}`);
        const staging = await Staging.create(conn, catalog, stagingName, label, table.columns);
        return new DuckDbTableLoad(serial, { conn, catalog, schema, table, staging, label });
      } catch (error) {
        await conn.run(`DROP TABLE IF EXISTS ${qualifiedName(catalog, STAGING_SCHEMA, stagingName)}`).catch(() => undefined);
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
      await this.input.conn.run(`DROP TABLE IF EXISTS ${this.input.staging.ref}`);
    } catch {
      // Not fatal: the next open drops every leftover staging table; nothing in the target depends on it.
    }
  }

  #expectOpen(operation: string): void {
    if (this.#state === "open") return;
    const why = this.#state === "failed" ? "an earlier step failed; abort it" : `it was already ${this.#state}`;
    throw new DestinationError(`${this.input.label}: cannot ${operation}: ${why}`);
  }
}

function wrap(error: unknown, context: string): DestinationError {
  if (error instanceof DestinationError) return error;
  return new DestinationError(`${context}: ${message(error)}`, { cause: error });
}
