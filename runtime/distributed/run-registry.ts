// A dataset's distributed runs (`_gc_runs`): the bootstrap before fan-out (schema and bookkeeping tables
// created once, serially, so partitions never race creating them) and the run's registration — refused
// while a classic sync holds the dataset or another distributed run is in progress; a known run id
// resumes its stored plan (rerun: only the partitions without a marker run).
import type { Dataset } from "../destinations/dialect.ts";
import { createLoadsSql, LOADS_TABLE, ADDED_LOADS_COLUMNS } from "../destinations/loads.ts";
import { createRegistrySql, NESTED_REGISTRY } from "../destinations/nested-sql.ts";
import type { PostgresDestination } from "../destinations/postgres/index.ts";
import { STATE_TABLE } from "../destinations/state.ts";
import { quoteIdent } from "../destinations/sql.ts";
import { BATCHES_TABLE, createBatchesSql } from "./batch-registry.ts";
import { DistributedError } from "./errors.ts";
import { bootstrapLockName, datasetLockName, TRY_SHARED_XACT_LOCK_SQL, XACT_LOCK_SQL } from "./locks.ts";
import type { RunPlan } from "./partition.ts";
import { createPartitionsSql, createRunsSql, PARTITIONS_TABLE, RUNS_TABLE, type RunStatus } from "./registry-sql.ts";

export interface RegisteredRun {
  /** The plan to run: the given one, or for a known run id the stored one. */
  readonly plan: RunPlan;
  /** The run id was known: its committed partitions are skipped. */
  readonly resumed: boolean;
  readonly status: RunStatus;
}

/** What a run needs made (or checked) before its partitions fan out, in its registering transaction: `plan` is the one to run. */
export type PrepareRun = (ds: Dataset, plan: RunPlan, resumed: boolean) => Promise<void>;

/** Creates the dataset's schema and bookkeeping tables, then records `plan` as running (or resumes its run id), then `prepare`s it. */
export async function registerRun(destination: PostgresDestination, plan: RunPlan, prepare?: PrepareRun): Promise<RegisteredRun> {
  return inTransaction(destination, plan.dataset, async (ds) => {
    await bootstrap(ds);
    const runs = ds.dialect.ref(ds.schema, RUNS_TABLE);
    const known = await ds.session.rows(`SELECT CAST(plan AS text), status FROM ${runs} WHERE run_id = $1`, [plan.runId]);
    const running = await ds.session.rows(`SELECT run_id, CAST(planned_at AS text) FROM ${runs} WHERE dataset = $1 AND status = 'running' AND run_id <> $2`, [
      ds.schema,
      plan.runId,
    ]);
    const other = running[0];
    const status = known[0]?.[1] as RunStatus | undefined;
    if (status === "completed") return { plan: JSON.parse(String(known[0]?.[0])) as RunPlan, resumed: true, status };
    if (other !== undefined) {
      throw new DistributedError(
        `dataset ${JSON.stringify(ds.schema)} already has a distributed run in progress: run ${String(other[0])}, planned at ${String(other[1])}; ` +
          "one distributed run per dataset: wait for it to finish, or mark it failed, then plan again",
      );
    }
    if (status !== undefined) {
      await ds.session.exec(`UPDATE ${runs} SET status = 'running', finished_at = NULL, error = NULL WHERE run_id = $1`, [plan.runId]);
      const stored = JSON.parse(String(known[0]?.[0])) as RunPlan;
      await prepare?.(ds, stored, true);
      return { plan: stored, resumed: true, status: "running" };
    }
    await ds.session.exec(
      `INSERT INTO ${runs} (run_id, dataset, connector, code_hash, planned_at, plan, status) VALUES ($1, $2, $3, $4, CAST($5 AS timestamptz), CAST($6 AS jsonb), 'running')`,
      [plan.runId, ds.schema, plan.connector, plan.codeHash, plan.plannedAt, JSON.stringify(plan)],
    );
    await prepare?.(ds, plan, false);
    return { plan, resumed: false, status: "running" };
  });
}

/** The stored plan of run `runId` in `dataset` and its status; null when unknown. */
export async function readRun(destination: PostgresDestination, dataset: string, runId: string): Promise<{ plan: RunPlan; status: RunStatus } | null> {
  return destination.withDataset(
    dataset,
    async (ds) => {
      const runs = ds.dialect.ref(ds.schema, RUNS_TABLE);
      if ((await ds.dialect.columns(ds.session, ds.schema, RUNS_TABLE)).size === 0) return null;
      const rows = await ds.session.rows(`SELECT CAST(plan AS text), status FROM ${runs} WHERE run_id = $1`, [runId]);
      const row = rows[0];
      return row === undefined ? null : { plan: JSON.parse(String(row[0])) as RunPlan, status: row[1] as RunStatus };
    },
    { lock: false },
  );
}

/**
 * The bookkeeping tables every partition writes, created under the dataset's bootstrap lock (two
 * planners wait for each other); refused while a classic sync holds the dataset's session lock.
 */
async function bootstrap(ds: Dataset): Promise<void> {
  const { session, dialect, schema } = ds;
  await session.exec(XACT_LOCK_SQL, [bootstrapLockName(schema)]);
  const free = await session.rows(TRY_SHARED_XACT_LOCK_SQL, [datasetLockName(schema)]);
  if (free[0]?.[0] !== true) {
    throw new DistributedError(
      `dataset ${JSON.stringify(schema)}: a classic sync holds its lock; a distributed run would race it: wait for the sync to finish, then plan the run`,
    );
  }
  await dialect.ensureSchema(session, schema);
  const ref = (table: string) => dialect.ref(schema, table);
  for (const sql of createRunsSql(ref(RUNS_TABLE), quoteIdent(`${RUNS_TABLE}_one_running`))) await session.exec(sql);
  await session.exec(createPartitionsSql(ref(PARTITIONS_TABLE)));
  await session.exec(createBatchesSql(ref(BATCHES_TABLE)));
  await session.exec(createLoadsSql(ref(LOADS_TABLE)));
  for (const column of ADDED_LOADS_COLUMNS) await session.exec(`ALTER TABLE ${ref(LOADS_TABLE)} ADD COLUMN IF NOT EXISTS ${column} BIGINT`);
  await session.exec(
    `CREATE TABLE IF NOT EXISTS ${ref(STATE_TABLE)} (key TEXT NOT NULL, value ${dialect.types.target.json}, updated_at TIMESTAMPTZ NOT NULL, load_id TEXT, resource TEXT)`,
  );
  for (const column of ["load_id", "resource"]) await session.exec(`ALTER TABLE ${ref(STATE_TABLE)} ADD COLUMN IF NOT EXISTS ${column} TEXT`);
  await session.exec(createRegistrySql(ref(NESTED_REGISTRY)));
}

/** Runs `work` in one transaction on `dataset` through the destination's connection. */
export function inTransaction<T>(destination: PostgresDestination, dataset: string, work: (ds: Dataset) => Promise<T>): Promise<T> {
  return destination.withDataset(
    dataset,
    async (ds) => {
      await ds.session.exec("BEGIN");
      try {
        const result = await work(ds);
        await ds.session.exec("COMMIT");
        return result;
      } catch (error) {
        await ds.session.exec("ROLLBACK").catch(() => 0);
        throw error;
      }
    },
    { lock: false },
  );
}
