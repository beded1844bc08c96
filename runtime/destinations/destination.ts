// The destination interface: staged, atomic loading of normalized rows, one resource load at a time
// spanning its root table, its nested tables and any other table written in the same transaction.
import type { TableSpec } from "../connector.ts";
import type { ExistingTables, RowBatch } from "../normalize/rows.ts";
import type { SqlSession } from "./sql-session.ts";

export type { ExistingTables, RowBatch, Scalar } from "../normalize/rows.ts";

export interface LoadCounts {
  /** Root rows written that did not exist before (append/replace: all rows). */
  readonly inserted: number;
  /** Merge only: primary keys that existed and whose root row changed (replaced by the new version). */
  readonly updated: number;
  /** Merge only: root rows identical to the stored version, left untouched. */
  readonly unchanged: number;
  /** Merge only: stored root rows deleted by a hard_delete flag or a merge key's partition; absent when none. */
  readonly deleted?: number;
  /** Stored root rows kept but ended: scd2 versions retired (valid-to set), rows newly marked by `missing: soft_delete`; absent when none. */
  readonly retired?: number;
  /** Rows inserted per nested table written in this load; absent when the load wrote none. */
  readonly children?: Readonly<Record<string, number>>;
}

/** A state entry (e.g. an incremental cursor) committed in the same transaction as a load's rows. */
export interface StateEntry {
  readonly key: string;
  /** Any JSON-serializable value; read back by `Destination.readState`. */
  readonly value: unknown;
}

/** One resource's part in a sync run, as recorded in the dataset's `_gc_loads` table (see loads.ts). */
export interface LoadRun {
  /** The sync run's id, shared by its resources: sortable (an ISO timestamp first) and unique. */
  readonly loadId: string;
  readonly connector: string;
  readonly resource: string;
  readonly table: string;
}

/** What a commit does beyond applying the staged rows, all in the same transaction. */
export interface CommitOptions {
  /** The run's `_gc_loads` row is set `completed` with these counts (and the root's); state rows record its load id. */
  readonly load?: { readonly run: LoadRun; readonly records: number; readonly quarantined: number };
  /** Full refresh: the root and its nested tables are emptied before the staged rows are applied. */
  readonly fullRefresh?: boolean;
  /**
   * The staged rows are everything the API returns for the resource (a complete extract: not
   * incremental, nothing filtered, limited or quarantined): a merge with `missing` reconciles against them.
   */
  readonly complete?: boolean;
  /**
   * The caller's transaction (the distributed protocol, runtime/distributed/): the caller has begun it on
   * the load's connection and commits or rolls it back, so the commit runs no BEGIN, COMMIT or ROLLBACK.
   */
  readonly transaction?: OuterTransaction;
}

/** A commit inside a transaction the caller owns (see CommitOptions.transaction). */
export interface OuterTransaction {
  /**
   * Runs inside the transaction just before the root's rows are applied, with the root's final rows (a
   * keyed merge's deduplicated rows, which it may delete from to keep a stored newer version) and the
   * root's target (qualified, quoted); `final` is null when nothing was staged.
   */
  beforeApply?(session: SqlSession, final: { readonly ref: string; readonly deduplicated: boolean } | null, target: string): Promise<void>;
  /** Runs inside the transaction just after every table is applied, with the same root final and target (stamping the rows it wrote). */
  afterApply?(session: SqlSession, final: { readonly ref: string; readonly deduplicated: boolean } | null, target: string): Promise<void>;
}

/**
 * One resource's load: batches for its root table and for any table found on the fly (nested tables,
 * whose spec names the root; or independent ones such as a quarantine table, applied per their own
 * write disposition and key), all committed in one transaction.
 */
export interface ResourceLoad {
  /** The tables of this load the destination already has: the root and its registered nested tables, as the catalog holds them now. */
  existingTables(): Promise<ExistingTables>;
  /** Stages a batch for `table`; nothing is visible in any table until commit. */
  write(table: TableSpec, batch: RowBatch): Promise<void>;
  /**
   * Applies everything staged, every table per its write disposition (nested tables per their root's),
   * in one transaction; `state`, when given, is upserted in that same transaction (also when no rows
   * were staged), so rows and state are committed together or not at all. Counts are the root's.
   */
  commit(state?: StateEntry, options?: CommitOptions): Promise<LoadCounts>;
  /** Drops what was staged; every table stays as the last commit left it. */
  abort(): Promise<void>;
}

/** A load of a single table (a ResourceLoad whose batches all go to its root). */
export interface TableLoad {
  write(batch: RowBatch): Promise<void>;
  commit(state?: StateEntry): Promise<LoadCounts>;
  abort(): Promise<void>;
}

export interface Destination {
  /** Starts a load into `dataset` (a schema, created when absent) whose root table is `root`. */
  beginLoad(dataset: string, root: TableSpec): Promise<ResourceLoad>;
  /** The state value last committed under `key` in `dataset` by a completed load (or before loads were recorded); undefined when absent. */
  readState(dataset: string, key: string): Promise<unknown>;
  /** Records `run` as `running` in `<dataset>._gc_loads`, committed at once (before the resource's load begins). */
  startRun(dataset: string, run: LoadRun): Promise<void>;
  /** Marks `run` `failed` with `error` (already redacted) unless it completed; best effort: never throws. */
  failRun(dataset: string, run: LoadRun, error: string): Promise<void>;
  close(): Promise<void>;
}
