// What really differs between the SQL destinations, declared once per destination: column types, the
// catalog, scratch tables, how staged rows are read and deduplicated, optional tuning around bulk
// statements, and what a commit does besides the shared protocol (DuckDB's journal). The protocol
// itself (commit.ts, apply.ts, write-table.ts, nested.ts, state.ts, loads-rows.ts) is written once over this.
import type { ColumnSpec } from "../connector.ts";
import type { DestinationError } from "../errors.ts";
import type { ColumnTypes } from "./evolve.ts";
import type { LoadTable } from "./load-tables.ts";
import type { LoadRun } from "./destination.ts";
import type { SqlSession } from "./sql-session.ts";

/** One table's staged rows, as every destination's staging exposes them. */
export interface StagedRows {
  /** A name unique to the load (scratch tables derive theirs from it). */
  readonly name: string;
  /** The staged rows in SQL (a table or view), with the ordinal `_gc_seq` and every staged column. */
  readonly ref: string;
  /** Columns staged so far, in order (without the ordinal). */
  readonly columns: readonly ColumnSpec[];
  readonly rowCount: number;
  /**
   * Whether staging proved that the table's dedup key never repeats in the load (the keys arrived in
   * strictly increasing or decreasing order, key-order.ts): the commit then skips the repeated-key check
   * and the dedup. False or absent: not proven, the commit checks.
   */
  readonly distinctKeys?: boolean;
  /** Makes the staged rows readable through `ref` (DuckDB: the last spool file, the view). */
  finish?(): Promise<void>;
}

/** One table of a load with its staged rows. */
export interface StagedTable<S extends StagedRows = StagedRows> {
  readonly table: LoadTable;
  readonly staging: S;
}

/** The staged rows of a table cast to their target types, as the commit's writes read them. */
export interface Final {
  /** A relation: a table, a view or a parenthesized SELECT. Every staged column, cast. */
  readonly ref: string;
  /** Whether a key repeated within the load and only its last version is in `ref`. */
  readonly deduplicated: boolean;
  /**
   * Set when the dialect found the target empty while making the final (the commit is its only writer
   * until it ends) and knows the rows in `ref`: the merge then counts neither, skipping two scans.
   */
  readonly intoEmpty?: { readonly rows: number };
}

/** What one commit does besides the shared protocol; DuckDB keeps its journal here. */
export interface CommitHooks {
  /** Columns every target and the state table carry for the destination (added when absent). */
  readonly columns: readonly ColumnSpec[];
  /** Runs before the transaction begins, after the finals are made. */
  beforeBegin(run: LoadRun | undefined): Promise<void>;
  /** Called for every table created or evolved inside the transaction (`ref`: qualified, quoted). */
  tag(ref: string): Promise<void>;
  /** The last statement inside the transaction. */
  finish(): Promise<void>;
  /** After a rollback. Never throws. */
  abandon(): Promise<void>;
  /** After the commit ended either way (settings restored). Never throws. */
  close(): Promise<void>;
}

export interface Dialect<S extends StagedRows = StagedRows> {
  readonly name: "duckdb" | "postgres";
  readonly types: ColumnTypes;
  /** Names the dialect adds to every target for itself (left out when describing stored tables). */
  readonly ownColumns: readonly string[];
  /** Whether a new merge table gets an index on its key (a nested table: on its root id). */
  readonly indexesKeys: boolean;
  /**
   * Whether an upsert updates its changed rows in place. False: when the load has every column of the
   * target, they are deleted and inserted again instead — the same rows, without an in-place UPDATE's
   * memory (DuckDB holds every updated value until the commit: +200 MB for 100,000 rows of 13 columns).
   */
  readonly updatesInPlace: boolean;
  /** A table's qualified, quoted name. */
  ref(schema: string, table: string): string;
  /** A table's columns (name → catalog type, names lower-cased when types.caseInsensitive); empty when absent. */
  columns(session: SqlSession, schema: string, table: string): Promise<Map<string, string>>;
  /** Creates the dataset's schema when absent. */
  ensureSchema(session: SqlSession, schema: string): Promise<void>;
  /** Creates a helper table of the commit from `select` and returns its reference. */
  scratchTable(session: SqlSession, name: string, select: string): Promise<string>;
  /** Drops a helper table; never throws. */
  dropScratch(session: SqlSession, ref: string): Promise<void>;
  /**
   * The staged rows cast (and, for a keyed merge, deduplicated: the last `_gc_seq` of a key wins), or
   * null when nothing was staged. Made before the transaction begins.
   */
  finalRows(session: SqlSession, schema: string, staged: StagedTable<S>, merges: boolean): Promise<Final | null>;
  /** Drops what finalRows made; never throws. */
  dropFinal(session: SqlSession, final: Final): Promise<void>;
  /** The row hash of the row `alias` over `columns` (row-hash.ts), as text: the same row always gives the same text. */
  rowHash(columns: readonly ColumnSpec[], alias: string): string;
  /** Runs an order-free INSERT … SELECT; `plain`: a plain scan of that staged table (tuning may apply). */
  streamed<T>(session: SqlSession, plain: StagedTable<S> | null, run: () => Promise<T>): Promise<T>;
  /** Starts a commit of `tables` into `schema` (before the finals are made). */
  openCommit(session: SqlSession, schema: string, tables: readonly StagedTable<S>[]): Promise<CommitHooks>;
  /** The driver's message for `error`, fit for a DestinationError. */
  message(error: unknown): string;
  /** The error for a failed commit (after the rollback); DestinationErrors pass through. */
  commitError(session: SqlSession, schema: string, context: string, error: unknown): Promise<DestinationError>;
}

/** Where a commit writes: the session, the dialect and the dataset's schema. */
export interface Dataset<S extends StagedRows = StagedRows> {
  readonly session: SqlSession;
  readonly dialect: Dialect<S>;
  readonly schema: string;
}

/** A target's qualified, quoted name in the dataset. */
export function targetRef(ds: Dataset, name: string): string {
  return ds.dialect.ref(ds.schema, name);
}

/** A target's columns in the dataset; empty when absent. */
export function targetColumns(ds: Dataset, name: string): Promise<Map<string, string>> {
  return ds.dialect.columns(ds.session, ds.schema, name);
}
