// One partition = one Postgres transaction: the dataset's lock shared (a classic sync holds it
// exclusively), each written table's lock in sorted order, the marker check (a committed partition
// changes nothing), every resource load of the partition (children first; newest version of a key wins),
// the marker row, the windowed root's cursor at the end of the contiguous committed prefix, and the
// caller's hook (a queue completing its job) — then COMMIT, or ROLLBACK on any failure. A staged load's
// tables and state are the run's staging tables (staging-dataset.ts), under the live tables' locks.
import type { IncrementalSpec, ResourceSpec } from "../connector.ts";
import type { CommitOptions, LoadCounts, OuterTransaction, StateEntry } from "../destinations/destination.ts";
import type { Dataset } from "../destinations/dialect.ts";
import type { SqlSession } from "../destinations/sql-session.ts";
import type { PostgresDestination } from "../destinations/postgres/index.ts";
import { stateJson } from "../destinations/state-json.ts";
import { readState, writeState } from "../destinations/state.ts";
import type { StagedWriter } from "../sync/unit-sink.ts";
import { QUARANTINE_TABLE } from "../sync/quarantine.ts";
import { windowState } from "../sync/windows.ts";
import { mergeParentStates } from "./child-state.ts";
import { DistributedError } from "./errors.ts";
import { datasetLockName, tableLocks, TRY_SHARED_XACT_LOCK_SQL, XACT_LOCK_SQL } from "./locks.ts";
import { addStampSql, dropOlderSql, EXTRACTED_AT, mergedOnKey, newestWinsColumn, stampSql } from "./newest-wins.ts";
import { describePartition, fromJsonCursor, type RunPartition, type WindowBounds } from "./partition.ts";
import { committedWindowsSql, insertMarkerSql, markerSql, PARTITIONS_TABLE } from "./registry-sql.ts";
import { isStaged, type RunStaging, stagedDataset } from "./staging-dataset.ts";
import { type TransactionDb, transactionDb } from "./transaction-db.ts";
import { prefixEnd } from "./window-prefix.ts";

/** One resource load of the partition, ready to commit. */
export interface PartitionLoad {
  readonly resource: ResourceSpec;
  readonly writer: StagedWriter;
  /** The state the runner would commit with it (a windowed root's is the prefix's, written here instead). */
  readonly state: StateEntry | undefined;
  readonly options: Omit<CommitOptions, "transaction">;
}

export interface PartitionCommitInput {
  /** A destination opened with `datasetLock: "none"`, used by this partition alone. */
  readonly destination: PostgresDestination;
  readonly dataset: string;
  /** A planned partition, or a child batch (its child resource's loads: no window cursor to advance). */
  readonly partition: RunPartition;
  /** Children first, the root last. */
  readonly loads: readonly PartitionLoad[];
  readonly worker: string;
  readonly attempt: number;
  /** Runs inside the transaction before COMMIT (a queue completing its job); a failure rolls everything back. */
  readonly inTransaction?: ((db: TransactionDb) => Promise<void>) | undefined;
  /** What of the run is staged (its loads' destination redirects them already); null: nothing. */
  readonly staging: RunStaging | null;
  /** When the partition began extracting (a timestamptz, the database's clock): newest wins on equal cursors by it. */
  readonly extractedAt: string;
}

/** A committed partition's marker row. */
export interface PartitionMarker {
  readonly worker: string;
  readonly attempt: number;
  readonly loadId: string;
  readonly committedAt: string;
  readonly records: number;
}

export type PartitionOutcome =
  | { readonly status: "committed"; readonly counts: LoadCounts; readonly records: number }
  | { readonly status: "already-committed"; readonly marker: PartitionMarker };

/** Commits the partition's loads in one transaction, or changes nothing when its marker exists. */
export async function commitPartition(input: PartitionCommitInput): Promise<PartitionOutcome> {
  const { destination, dataset, partition } = input;
  const root = input.loads.at(-1);
  if (root === undefined) throw new DistributedError(`${describePartition(partition)}: nothing to commit (no loaded resource)`);
  const tables = input.loads.flatMap((l) => [l.resource.table.name, ...(l.resource.table.invalidRecords === "quarantine" ? [QUARANTINE_TABLE] : [])]);
  const run = (sql: string, params: readonly (string | number | null)[] = []) => destination.query(sql, params);
  await run("BEGIN");
  try {
    const found = await destination.withDataset(
      dataset,
      async ({ session, dialect, schema }) => {
        const free = await session.rows(TRY_SHARED_XACT_LOCK_SQL, [datasetLockName(schema)]);
        if (free[0]?.[0] !== true) {
          throw new DistributedError(
            `${describePartition(partition)}: a classic sync holds dataset ${JSON.stringify(schema)}; the partition is retried after it`,
          );
        }
        for (const name of tableLocks(schema, tables)) await session.exec(XACT_LOCK_SQL, [name]);
        const rows = await session.rows(markerSql(dialect.ref(schema, PARTITIONS_TABLE)), [partition.runId, partition.resource, partition.key]);
        const row = rows[0];
        return row === undefined
          ? null
          : { worker: String(row[0]), attempt: Number(row[1]), loadId: String(row[2]), committedAt: String(row[3]), records: Number(row[4]) };
      },
      { lock: false },
    );
    if (found !== null) {
      await run("ROLLBACK");
      return { status: "already-committed", marker: found };
    }
    let counts: LoadCounts = { inserted: 0, updated: 0, unchanged: 0 };
    for (const load of input.loads) {
      const state = await sharedState(input, load);
      // Page ranges of one list have no cursor to order versions by: when each was extracted does.
      const transaction = newestWins(load.resource, input.extractedAt, partition.kind === "pages");
      counts = await load.writer.commit(state, { ...load.options, transaction });
    }
    const records = root.writer.rows;
    await destination.withDataset(
      dataset,
      async (ds) => {
        const markers = ds.dialect.ref(ds.schema, PARTITIONS_TABLE);
        const loadId = root.options.load?.run.loadId ?? partition.runId;
        await ds.session.exec(insertMarkerSql(markers), [
          partition.runId,
          partition.resource,
          partition.key,
          partition.kind,
          JSON.stringify(partition.bounds),
          records,
          counts.inserted,
          counts.updated,
          counts.unchanged,
          input.worker,
          input.attempt,
          loadId,
        ]);
        const spec = root.resource.endpoint.incremental;
        if (partition.kind !== "window" || spec === null) return;
        // The windowed root's cursor: the end of the contiguous prefix of this run's committed windows.
        const committed = await ds.session.rows(committedWindowsSql(markers), [partition.runId, partition.resource]);
        const end = prefixEnd(committed.map(([text]) => JSON.parse(String(text)) as WindowBounds));
        if (end === null || end.index < partition.bounds.index) return;
        const state = windowState(root.resource, spec, { index: end.index, start: fromJsonCursor(end.start), end: fromJsonCursor(end.end) });
        const { staging } = input;
        const target = isStaged(staging, root.resource.table) ? stagedDataset(ds, staging.runId) : ds;
        const hooks = await ds.dialect.openCommit(ds.session, ds.schema, []);
        await writeState(target, hooks, state.key, stateJson(state, root.resource.table.name), root.options.load?.run);
      },
      { lock: false },
    );
    await input.inTransaction?.(transactionDb(destination));
    await run("COMMIT");
    return { status: "committed", counts, records };
  } catch (error) {
    await run("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * The state a load commits: a windowed root's is written after the marker (the prefix's); a child's
 * per-parent cursors are merged over the row as committed now (other partitions may have moved it).
 */
async function sharedState(input: PartitionCommitInput, load: PartitionLoad): Promise<StateEntry | undefined> {
  const { resource, state } = load;
  if (state === undefined) return undefined;
  if (input.partition.kind === "window" && resource.name === input.partition.resource) return undefined;
  const spec = resource.endpoint.incremental as IncrementalSpec | null;
  if (resource.parent === null || spec === null) return state;
  const read = (where: (ds: Dataset) => Dataset) => input.destination.withDataset(input.dataset, (ds) => readState(where(ds), state.key), { lock: false });
  const { staging } = input;
  const staged = isStaged(staging, resource.table);
  // Staged: the run's own merged state; before any (not a full refresh), the live one it started from.
  let stored = staged ? await read((ds) => stagedDataset(ds, staging.runId)) : undefined;
  if (stored === undefined && !(staged && staging.fullRefresh)) stored = await read((ds) => ds);
  return mergeParentStates(spec, state, stored);
}

/**
 * The newest-wins filter of a resource's merge: before its rows are applied, the keys stored newer are
 * dropped from them; after, the keys written are stamped with the partition's extraction time.
 * `byExtraction`: without a cursor, the extraction times alone order the versions.
 */
function newestWins(resource: ResourceSpec, extractedAt: string, byExtraction: boolean): OuterTransaction {
  const cursor = newestWinsColumn(resource);
  if (cursor === null && !(byExtraction && mergedOnKey(resource))) return {};
  const keys = resource.table.primaryKey;
  // Only a materialized final (a keyed merge's) can be filtered and joined.
  const materialized = (final: { readonly ref: string } | null): final is { readonly ref: string } => final?.ref.startsWith('"pg_temp"') === true;
  return {
    beforeApply: async (session, final, target) => {
      if (!materialized(final) || (cursor !== null && !(await hasColumn(session, target, cursor)))) return;
      const stamped = await hasColumn(session, target, EXTRACTED_AT);
      if (cursor === null && !stamped) return;
      await session.exec(dropOlderSql(final.ref, target, keys, cursor, stamped), stamped ? [extractedAt] : []);
    },
    afterApply: async (session, final, target) => {
      // insert-only keeps the stored versions: their stamps stay.
      if (!materialized(final) || resource.table.merge?.strategy === "insert-only") return;
      await session.exec(addStampSql(target));
      await session.exec(stampSql(final.ref, target, keys), [extractedAt]);
    },
  };
}

async function hasColumn(session: SqlSession, table: string, column: string): Promise<boolean> {
  const rows = await session.rows("SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND NOT attisdropped", [
    table,
    column,
  ]);
  return rows.length > 0;
}
