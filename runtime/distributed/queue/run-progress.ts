// How far a distributed run got, read from the dataset's `_gc_runs` (the plan) and `_gc_partitions`
// (one marker per committed partition), and the run failed naming a dead-lettered partition (committed
// ones stay) in one statement; completion is finalize.ts's.
import type { Dataset } from "../../destinations/dialect.ts";
import type { PostgresDestination } from "../../destinations/postgres/index.ts";
import { readBatches } from "../batch-registry.ts";
import { reconcilePageRanges } from "../page-ranges.ts";
import type { BatchPartition, Partition, RunPartition, RunPlan } from "../partition.ts";
import { PARTITIONS_TABLE, RUNS_TABLE, type RunStatus } from "../registry-sql.ts";

/** A committed partition's marker as `runs` shows it. */
export interface MarkerRow {
  readonly resource: string;
  readonly partition: string;
  readonly records: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly worker: string;
  readonly attempt: number;
  readonly committedAt: string;
}

export interface RunProgress {
  readonly runId: string;
  readonly status: RunStatus;
  readonly plannedAt: string;
  readonly finishedAt: string | null;
  readonly error: string | null;
  readonly plan: RunPlan;
  readonly markers: readonly MarkerRow[];
  /** The child batches its committed partitions made (batch-registry.ts); they count among its partitions. */
  readonly batches?: readonly BatchPartition[];
  /** A completed run's page ranges that fetched other than their first page announced (page-ranges.ts). */
  readonly warnings?: readonly string[];
}

/** The partitions of the plan, then the child batches, without a marker, in plan order. */
export function missingPartitions(progress: Pick<RunProgress, "plan" | "markers" | "batches">): RunPartition[] {
  const done = new Set(progress.markers.map((m) => `${m.resource}\0${m.partition}`));
  return [...progress.plan.partitions, ...(progress.batches ?? [])].filter((p) => !done.has(`${p.resource}\0${p.key}`));
}

const refs = (ds: Dataset) => ({ runs: ds.dialect.ref(ds.schema, RUNS_TABLE), partitions: ds.dialect.ref(ds.schema, PARTITIONS_TABLE) });

const RUN_COLUMNS = "run_id, status, CAST(planned_at AS text), CAST(finished_at AS text), error, CAST(plan AS text)";

/** The dataset's runs, newest first (`limit` null: all), each with its markers; [] when the dataset has no run table. */
export async function readRuns(destination: PostgresDestination, dataset: string, options: { runId?: string; limit: number | null }): Promise<RunProgress[]> {
  return destination.withDataset(
    dataset,
    async (ds) => {
      if ((await ds.dialect.columns(ds.session, ds.schema, RUNS_TABLE)).size === 0) return [];
      const { runs, partitions } = refs(ds);
      const rows =
        options.runId === undefined
          ? await ds.session.rows(`SELECT ${RUN_COLUMNS} FROM ${runs} ORDER BY planned_at DESC, run_id LIMIT $1`, [options.limit ?? 2 ** 31 - 1])
          : await ds.session.rows(`SELECT ${RUN_COLUMNS} FROM ${runs} WHERE run_id = $1`, [options.runId]);
      const result: RunProgress[] = [];
      for (const row of rows) {
        const runId = String(row[0]);
        const markers = await ds.session.rows(
          `SELECT resource, partition, records, inserted, updated, unchanged, worker, attempt, CAST(committed_at AS text) FROM ${partitions} WHERE run_id = $1 ORDER BY resource, partition`,
          [runId],
        );
        const status = String(row[1]) as RunStatus;
        const plan = JSON.parse(String(row[5])) as RunPlan;
        const committed = markers.map((m) => ({
          resource: String(m[0]),
          partition: String(m[1]),
          records: Number(m[2]),
          inserted: Number(m[3]),
          updated: Number(m[4]),
          unchanged: Number(m[5]),
          worker: String(m[6]),
          attempt: Number(m[7]),
          committedAt: String(m[8]),
        }));
        result.push({
          runId,
          status,
          plannedAt: String(row[2]),
          finishedAt: row[3] === null ? null : String(row[3]),
          error: row[4] === null ? null : String(row[4]),
          plan,
          batches: await readBatches(ds, runId),
          markers: committed,
          ...(status === "completed" && plan.pageRanges !== undefined ? { warnings: reconcilePageRanges(plan, committed) } : {}),
        });
      }
      return result;
    },
    { lock: false },
  );
}

/** One run's progress; null when the run is unknown. */
export async function readRunProgress(destination: PostgresDestination, dataset: string, runId: string): Promise<RunProgress | null> {
  return (await readRuns(destination, dataset, { runId, limit: 1 }))[0] ?? null;
}

/** Marks the run failed naming the partition (its message appended to the run's error), unless that partition has committed after all. */
export async function failRunFor(
  destination: PostgresDestination,
  dataset: string,
  partition: Pick<Partition, "runId" | "resource" | "key">,
  message: string,
): Promise<void> {
  await destination.withDataset(
    dataset,
    async (ds) => {
      const { runs, partitions } = refs(ds);
      await ds.session.exec(
        `UPDATE ${runs} SET status = 'failed', finished_at = now(), error = CASE WHEN error IS NULL THEN $4 ELSE error || E'\\n' || $4 END ` +
          `WHERE run_id = $1 AND status <> 'completed' AND NOT EXISTS (SELECT 1 FROM ${partitions} WHERE run_id = $1 AND resource = $2 AND partition = $3)`,
        [partition.runId, partition.resource, partition.key, message],
      );
    },
    { lock: false },
  );
}
