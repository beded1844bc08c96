// The DuckDB destination: one process-exclusive database file (or `:memory:`), one connection.
import { resolve } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { DestinationError } from "../../errors.ts";
import type { TableSpec } from "../../connector.ts";
import type { Destination, LoadRun, ResourceLoad, Scalar, TableLoad } from "../destination.ts";
import { fitIdentifier } from "../../normalize/identifier.ts";
import { qualifiedName } from "../sql.ts";
import { Serial } from "../serial.ts";
import { beginTableLoad } from "../table-load.ts";
import { beginDuckDbLoad } from "./resource-load.ts";
import { configuredSettings, DEFAULT_MEMORY_LIMIT, LoadSettings, openSettings } from "./settings.ts";
import { SpoolDir } from "./spool.ts";
import { failRun, startRun } from "../load-runs.ts";
import { readState } from "../state.ts";
import type { Dataset } from "../dialect.ts";
import type { DatasetAccess, DatasetAccessOptions } from "../dataset-access.ts";
import { duckDbDialect } from "./dialect.ts";
import { CatalogMemo } from "./catalog-memo.ts";
import { duckDbSession } from "./session.ts";
import type { Staging } from "./staging.ts";
import { repairTornCommits } from "./repair.ts";

/** Where versions before 2026-12 kept a commit's helper tables (now TEMP tables). */
const LEGACY_HELPER_SCHEMA = "_gc_staging";

/** Database files open in this process: DuckDB's file lock only keeps other processes out. */
const openFiles = new Set<string>();

/**
 * DuckDB's buffer pool is capped so a sync's memory stays bounded however many rows it loads: past
 * the cap, a merge's deduplicated rows and joins spill to `temp_directory` (staged rows are on disk
 * anyway, see staging.ts); a commit's threads and memory derive from it (settings.ts). Override with
 * `duckdb:file?memory_limit=2GB&threads=4`.
 */
export const DEFAULT_DUCKDB_OPTIONS: Readonly<Record<string, string>> = { memory_limit: DEFAULT_MEMORY_LIMIT };

/** Opens (creating if absent) the DuckDB database at `path`; `:memory:` for a throwaway one. `options` are DuckDB settings. */
export async function openDuckDb(path: string, options: Readonly<Record<string, string>> = {}): Promise<DuckDbDestination> {
  const key = path === ":memory:" || path === "" ? null : resolve(path);
  if (key !== null && openFiles.has(key)) {
    throw new DestinationError(`duckdb: database file ${path} is already open in this process (another sync running?)`);
  }
  let instance: DuckDBInstance;
  const opened = openSettings(key, options);
  try {
    instance = await DuckDBInstance.create(path, opened);
  } catch (error) {
    throw openError(path, error);
  }
  try {
    const conn = await instance.connect();
    // Timestamps without an offset are read as UTC, whatever the machine's zone (one round trip with the catalog's name).
    const catalog = String((await conn.runAndReadAll("SET TimeZone = 'UTC'; SELECT current_database()")).getRows()[0]?.[0]);
    // Leftovers of a killed run: spool files (below), and the helper tables of versions before they
    // became TEMP tables (which vanish with their process). Never visible in targets, so safe to drop
    // (the file lock is ours).
    await conn.run(`DROP SCHEMA IF EXISTS ${qualifiedName(catalog, LEGACY_HELPER_SCHEMA)} CASCADE`);
    await repairTornCommits(conn, catalog); // rows of a commit a killed process left unfinished
    const settings = new LoadSettings(await configuredSettings(conn, options, opened));
    const spool = await SpoolDir.forDatabase(key);
    if (key !== null) openFiles.add(key);
    return new DuckDbDestination(instance, conn, spool, settings, catalog, () => key !== null && openFiles.delete(key));
  } catch (error) {
    instance.closeSync();
    throw openError(path, error);
  }
}

/** A Destination that can also run read queries on its connection (tests, state, reports). */
export class DuckDbDestination implements Destination, DatasetAccess {
  readonly #serial = new Serial();
  /** The dataset tables' columns as last read; every statement on the connection passes it. */
  readonly #memo = new CatalogMemo();
  #loads = 0;
  #closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    /** Where loads spool their staged rows. */
    private readonly spool: SpoolDir,
    /** The threads and memory limit its commits run with. */
    private readonly settings: LoadSettings,
    /** The database's catalog name (the file's base name, or `memory`). */
    private readonly catalog: string,
    private readonly release: () => void,
  ) {}

  beginLoad(dataset: string, root: TableSpec): Promise<ResourceLoad> {
    if (this.#closed) return Promise.reject(new DestinationError("duckdb: the destination is closed"));
    this.#loads += 1;
    return beginDuckDbLoad(this.conn, this.#dataset(dataset), this.#serial, this.spool, root, `_gc_staging_${this.#loads}`);
  }

  /** A load of `table` alone (tests and tools that load one table). */
  beginTable(dataset: string, table: TableSpec): Promise<TableLoad> {
    return beginTableLoad(this, dataset, table);
  }

  /** The state value last committed under `key` in `dataset` (its `_gc_state` table); undefined when absent. */
  readState(dataset: string, key: string): Promise<unknown> {
    if (this.#closed) return Promise.reject(new DestinationError("duckdb: the destination is closed"));
    return this.#serial.run(async () => {
      try {
        return await readState(this.#dataset(dataset), key);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new DestinationError(`duckdb: reading state ${JSON.stringify(key)} of dataset ${JSON.stringify(dataset)} failed: ${reason}`, { cause: error });
      }
    });
  }

  /** Records `run` as running in the dataset's `_gc_loads`, committed at once. */
  startRun(dataset: string, run: LoadRun): Promise<void> {
    if (this.#closed) return Promise.reject(new DestinationError("duckdb: the destination is closed"));
    return this.#serial.run(async () => {
      try {
        await startRun(this.#dataset(dataset), run);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new DestinationError(`duckdb: recording the start of ${JSON.stringify(run.resource)} in dataset ${JSON.stringify(dataset)} failed: ${reason}`, {
          cause: error,
        });
      }
    });
  }

  /** Marks `run` failed with `error` unless it completed; never throws. */
  failRun(dataset: string, run: LoadRun, error: string): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return this.#serial.run(() => failRun(this.#dataset(dataset), run, error));
  }

  /** Runs one statement with bound `params` and returns its rows, JSON-friendly (BIGINT, DECIMAL, times as strings). */
  query(sql: string, params: readonly Scalar[] = []): Promise<Record<string, unknown>[]> {
    if (this.#closed) return Promise.reject(new DestinationError("duckdb: the destination is closed"));
    return this.#serial.run(async () => {
      this.#memo.forget(); // SQL from outside the runtime may change any table
      return (await this.conn.runAndReadAll(sql, [...params])).getRowObjectsJson();
    });
  }

  /** Runs `work` on `dataset` through this connection (the file lock already keeps every other sync out). */
  withDataset<T>(dataset: string, work: (ds: Dataset) => Promise<T>, _options: DatasetAccessOptions): Promise<T> {
    if (this.#closed) return Promise.reject(new DestinationError("duckdb: the destination is closed"));
    return this.#serial.run(() => work(this.#dataset(dataset)));
  }

  /** Where `dataset` (fitted to a schema name) is written, through this connection's session and dialect. */
  #dataset(dataset: string): Dataset<Staging> {
    return {
      session: duckDbSession(this.conn, this.#memo),
      dialect: duckDbDialect(this.conn, this.catalog, this.settings, this.#memo),
      schema: fitIdentifier(dataset),
    };
  }

  /** Checkpoints the WAL into the file and releases the file lock. Idempotent. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    return this.#serial.run(async () => {
      try {
        await this.conn.run("CHECKPOINT");
      } catch {
        // Not fatal: DuckDB replays the WAL on the next open.
      }
      this.conn.closeSync();
      this.instance.closeSync();
      await this.spool.remove();
      this.release();
    });
  }
}

function openError(path: string, error: unknown): DestinationError {
  const reason = error instanceof Error ? error.message : String(error);
  if (/could not set lock|conflicting lock/i.test(reason)) {
    return new DestinationError(`duckdb: database file ${path} is locked by another process (another sync running?): ${reason}`, {
      cause: error,
    });
  }
  return new DestinationError(`duckdb: cannot open database ${path}: ${reason}`, { cause: error });
}
