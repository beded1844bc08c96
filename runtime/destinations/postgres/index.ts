// The Postgres destination: one connection, staged loads in TEMP tables, one advisory lock per dataset.
import { hostname } from "node:os";
import pg from "pg";
import { DestinationError } from "../../errors.ts";
import type { TableSpec } from "../../connector.ts";
import { Serial } from "../serial.ts";
import type { Destination, LoadRun, ResourceLoad, Scalar, TableLoad } from "../destination.ts";
import { fitIdentifier } from "../../normalize/identifier.ts";
import { beginTableLoad } from "../table-load.ts";
import { message } from "./errors.ts";
import { connectionCause } from "./connection-loss.ts";
import { lockDataset } from "./lock.ts";
import { beginPostgresLoad } from "./resource-load.ts";
import { failRun, startRun } from "../load-runs.ts";
import { readState } from "../state.ts";
import type { Dataset, StagedRows } from "../dialect.ts";
import type { DatasetAccess, DatasetAccessOptions } from "../dataset-access.ts";
import { postgresDialect } from "./dialect.ts";
import { postgresSession } from "./session.ts";
import type { Staging } from "./staging.ts";
import { failure, setLockTimeout } from "./lock-wait.ts";
import { lockTimeoutOption, redactPostgresUrl, scrubPassword } from "./url.ts";

export interface PostgresOptions {
  /**
   * `session` (default): the destination takes each dataset's session lock on first use, so one sync
   * writes a dataset at a time. `none`: the caller takes transaction-level locks itself (the distributed
   * protocol, runtime/distributed/, whose partitions commit concurrently).
   */
  readonly datasetLock?: "session" | "none";
  /**
   * Where a load of `root` commits, given the dataset (default: the dataset itself). A distributed run
   * redirects the tables it replaces to its staging tables (runtime/distributed/staging-dataset.ts).
   */
  readonly loadDataset?: LoadDataset;
}

/** Adapts the dataset a load of `root` commits to. */
export type LoadDataset = <S extends StagedRows>(root: TableSpec, ds: Dataset<S>) => Dataset<S>;

/** Connects to the database at `url` (`postgres://user:password@host:port/db?…`); errors name the URL without its password. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PostgresDestination> {
  const shown = redactPostgresUrl(url);
  const { url: connectionString, lockTimeoutMs } = lockTimeoutOption(url);
  const client = new pg.Client({ connectionString, application_name: `gen-connector (pid ${process.pid} on ${hostname()})` });
  // An idle connection's error (server restart, network) must not crash the process; the next query reports it.
  client.on("error", () => undefined);
  try {
    await client.connect();
    // Timestamps without an offset are read as UTC, whatever the server's zone.
    await client.query("SET TIME ZONE 'UTC'");
    // A lock wait (a reader's transaction left open, a LOCK TABLE) fails the statement instead of hanging the sync.
    await setLockTimeout(client, lockTimeoutMs);
    const db = await client.query<{ name: string }>("SELECT current_database() AS name");
    return new PostgresDestination(client, db.rows[0]?.name ?? "", shown, options.datasetLock ?? "session", options.loadDataset);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new DestinationError(`postgres: cannot connect to ${shown}: ${scrubPassword(url, message(error))}`, { cause: connectionCause(error) });
  }
}

/** A Destination that can also run read queries on its connection (tests, reports). */
export class PostgresDestination implements Destination, DatasetAccess {
  readonly #serial = new Serial();
  readonly #locked = new Set<string>();
  #loads = 0;
  #closed = false;

  constructor(
    private readonly client: pg.Client,
    /** The connected database's name. */
    readonly database: string,
    /** The URL without its password. */
    readonly url: string,
    /** Whether the destination takes the dataset's session lock (see PostgresOptions). */
    readonly datasetLock: "session" | "none" = "session",
    private readonly loadDataset?: LoadDataset,
  ) {}

  beginLoad(dataset: string, root: TableSpec): Promise<ResourceLoad> {
    if (this.#closed) return Promise.reject(new DestinationError("postgres: the destination is closed"));
    this.#loads += 1;
    const schema = fitIdentifier(dataset);
    const prefix = `_gc_stage_${this.#loads}`;
    const ds = this.#dataset(schema);
    return this.#lock(schema).then(() => beginPostgresLoad(this.client, this.loadDataset?.(root, ds) ?? ds, this.#serial, root, prefix));
  }

  /** A load of `table` alone (tests and tools that load one table). */
  beginTable(dataset: string, table: TableSpec): Promise<TableLoad> {
    return beginTableLoad(this, dataset, table);
  }

  /** The state value last committed under `key` in `dataset` (its `_gc_state` table); undefined when absent. Takes the dataset's lock. */
  readState(dataset: string, key: string): Promise<unknown> {
    if (this.#closed) return Promise.reject(new DestinationError("postgres: the destination is closed"));
    const schema = fitIdentifier(dataset);
    return this.#lock(schema).then(() =>
      this.#serial.run(async () => {
        try {
          return await readState(this.#dataset(schema), key);
        } catch (error) {
          throw await failure(this.client, schema, `postgres: reading state ${JSON.stringify(key)} of dataset ${JSON.stringify(dataset)}`, error);
        }
      }),
    );
  }

  /** Records `run` as running in the dataset's `_gc_loads`, committed at once. Takes the dataset's lock. */
  startRun(dataset: string, run: LoadRun): Promise<void> {
    if (this.#closed) return Promise.reject(new DestinationError("postgres: the destination is closed"));
    const schema = fitIdentifier(dataset);
    return this.#lock(schema).then(() =>
      this.#serial.run(async () => {
        try {
          await startRun(this.#dataset(schema), run);
        } catch (error) {
          throw await failure(
            this.client,
            schema,
            `postgres: recording the start of ${JSON.stringify(run.resource)} in dataset ${JSON.stringify(dataset)}`,
            error,
          );
        }
      }),
    );
  }

  /** Marks `run` failed with `error` unless it completed; never throws. */
  failRun(dataset: string, run: LoadRun, error: string): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return this.#serial.run(() => failRun(this.#dataset(fitIdentifier(dataset)), run, error));
  }

  /** Runs one statement with bound `params` and returns its rows as the driver parses them (bigint and numeric as strings). */
  query(sql: string, params: readonly Scalar[] = []): Promise<Record<string, unknown>[]> {
    if (this.#closed) return Promise.reject(new DestinationError("postgres: the destination is closed"));
    return this.#serial.run(
      async () =>
        (
          await this.client.query(
            sql,
            params.map((p) => (typeof p === "bigint" ? p.toString() : p)),
          )
        ).rows as Record<string, unknown>[],
    );
  }

  /** Runs `work` on `dataset` through this connection; with `options.lock`, after taking the dataset's lock (refused while a sync holds it). */
  withDataset<T>(dataset: string, work: (ds: Dataset) => Promise<T>, options: DatasetAccessOptions): Promise<T> {
    if (this.#closed) return Promise.reject(new DestinationError("postgres: the destination is closed"));
    const schema = fitIdentifier(dataset);
    const locked = options.lock ? this.#lock(schema) : Promise.resolve();
    return locked.then(() => this.#serial.run(() => work(this.#dataset(schema))));
  }

  /** Where schema `schema` is written, through this connection's session and dialect. */
  #dataset(schema: string): Dataset<Staging> {
    return { session: postgresSession(this.client), dialect: postgresDialect(this.client), schema };
  }

  /** Ends the connection, which drops the staging tables and releases the dataset locks. Idempotent. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    return this.#serial.run(() => this.client.end().catch(() => undefined));
  }

  /** Takes `dataset`'s advisory lock on first use by this destination. */
  #lock(dataset: string): Promise<void> {
    if (this.#locked.has(dataset) || this.datasetLock === "none") return Promise.resolve();
    return this.#serial.run(async () => {
      if (this.#locked.has(dataset)) return;
      try {
        await lockDataset(this.client, this.database, dataset);
      } catch (error) {
        if (error instanceof DestinationError) throw error;
        throw new DestinationError(`postgres: locking dataset ${JSON.stringify(dataset)} failed: ${message(error)}`, { cause: error });
      }
      this.#locked.add(dataset);
    });
  }
}
