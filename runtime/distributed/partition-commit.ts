// One partition = one Postgres transaction: the dataset's lock shared (a classic sync holds it
// exclusively), each written table's lock in sorted order, the marker check (a committed partition
// changes nothing), every resource load of the partition (children first; newest version of a key wins),
// the marker row, the windowed root's cursor at the end of the contiguous committed prefix, and the
// caller's hook (a queue completing its job) — then COMMIT, or ROLLBACK on any failure.
import type { IncrementalSpec, ResourceSpec } from "../connector.ts";
import type { CommitOptions, LoadCounts, OuterTransaction, StateEntry } from "../destinations/destination.ts";
import type { PostgresDestination } from "../destinations/postgres/index.ts";
import { stateJson } from "../destinations/state-json.ts";
import { readState, writeState } from "../destinations/state.ts";
import type { StagedWriter } from "../sync/unit-sink.ts";
import { QUARANTINE_TABLE } from "../sync/quarantine.ts";
import { windowState } from "../sync/windows.ts";
import { mergeParentStates } from "./child-state.ts";
import { DistributedError } from "./errors.ts";
import { datasetLockName, tableLocks, TRY_SHARED_XACT_LOCK_SQL, XACT_LOCK_SQL } from "./locks.ts";
import { dropOlderSql, newestWinsColumn } from "./newest-wins.ts";
import { describePartition, fromJsonCursor, type RunPartition, type WindowBounds } from "./partition.ts";
import { committedWindowsSql, insertMarkerSql, markerSql, PARTITIONS_TABLE } from "./registry-sql.ts";
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
      const beforeApply = newestWins(load.resource);
      const transaction: OuterTransaction = beforeApply === undefined ? {} : { beforeApply };
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
        if (partition.kind === "batch" || partition.bounds === null || spec === null) return;
        // The windowed root's cursor: the end of the contiguous prefix of this run's committed windows.
        const committed = await ds.session.rows(committedWindowsSql(markers), [partition.runId, partition.resource]);
        const end = prefixEnd(committed.map(([text]) => JSON.parse(String(text)) as WindowBounds));
        if (end === null || end.index < partition.bounds.index) return;
        const state = windowState(root.resource, spec, { index: end.index, start: fromJsonCursor(end.start), end: fromJsonCursor(end.end) });
        const hooks = await ds.dialect.openCommit(ds.session, ds.schema, []);
        await writeState(ds, hooks, state.key, stateJson(state, root.resource.table.name), root.options.load?.run);
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
  const stored = await input.destination.withDataset(input.dataset, (ds) => readState(ds, state.key), { lock: false });
  return mergeParentStates(spec, state, stored);
}

/** The newest-wins filter of a resource's merge, or undefined when it has no cursor to compare. */
function newestWins(resource: ResourceSpec): OuterTransaction["beforeApply"] {
  const cursor = newestWinsColumn(resource);
  if (cursor === null) return undefined;
  return async (session, final, target) => {
    // Only a materialized final (a keyed merge's) can be filtered; the target must hold the cursor column.
    if (final === null || !final.ref.startsWith('"pg_temp"')) return;
    const has = await session.rows("SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND NOT attisdropped", [
      target,
      cursor,
    ]);
    if (has.length > 0) await session.exec(dropOlderSql(final.ref, target, resource.table.primaryKey, cursor));
  };
}
