// The end of a distributed run: which partitions committed (markers) and which are missing, what each
// resource's loads did (`_gc_loads` rows of the run's load ids), and the run's status — completed when
// every partition committed, failed (naming the missing ones) when the caller says they are dead, else
// still running. Committed partitions always stay; rerunning the run id runs only the missing ones. A
// run completing swaps its staging tables in (staging-swap.ts) in the transaction that marks it; a run
// that fails leaves the live tables untouched and its staging tables for a rerun of its id.
import type { PostgresDestination } from "../destinations/postgres/index.ts";
import { LOADS_TABLE } from "../destinations/loads.ts";
import { readBatches } from "./batch-registry.ts";
import { reconcilePageRanges } from "./page-ranges.ts";
import { describePartition, type RunPartition, type RunPlan } from "./partition.ts";
import { inTransaction } from "./run-registry.ts";
import { PARTITIONS_TABLE, RUNS_TABLE, type RunStatus } from "./registry-sql.ts";
import { swapStaging } from "./staging-swap.ts";

export interface ResourceTotals {
  readonly resource: string;
  readonly records: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Completed loads (one per partition the resource was in). */
  readonly loads: number;
}

export interface RunSummary {
  readonly runId: string;
  readonly dataset: string;
  readonly status: RunStatus;
  readonly planned: number;
  readonly committed: number;
  /** Partitions without a marker (planned ones and child batches). */
  readonly missing: readonly RunPartition[];
  readonly resources: readonly ResourceTotals[];
  /** Why the run failed (the missing partitions named); null otherwise. */
  readonly error: string | null;
  /** Live tables this call replaced with the run's staging tables (empty when none, or swapped by an earlier call). */
  readonly swapped: readonly string[];
  /** A completed run's page ranges that fetched other than their first page announced (page-ranges.ts): one line each. */
  readonly warnings: readonly string[];
}

export interface FinalizeOptions {
  /** The missing partitions are dead (a queue gave up on them): mark the run failed naming them, with this reason. */
  readonly failed?: string | undefined;
}

/** The run's partitions without a marker, planned ones and child batches of committed parents (what a rerun of the run id runs). */
export async function missingPartitions(destination: PostgresDestination, plan: RunPlan): Promise<RunPartition[]> {
  const { committed, batches } = await committedKeys(destination, plan);
  return [...plan.partitions, ...batches].filter((p) => !committed.has(`${p.resource}\0${p.key}`));
}

/** Marks the run completed (every partition committed) or failed (when told), and summarizes it. */
export async function finalizeRun(destination: PostgresDestination, plan: RunPlan, options: FinalizeOptions = {}): Promise<RunSummary> {
  return inTransaction(destination, plan.dataset, async (ds) => {
    const ref = (table: string) => ds.dialect.ref(ds.schema, table);
    const markers = (await ds.session.rows(`SELECT resource, partition, records FROM ${ref(PARTITIONS_TABLE)} WHERE run_id = $1`, [plan.runId])).map(
      ([resource, partition, records]) => ({ resource: String(resource), partition: String(partition), records: Number(records) }),
    );
    const committed = new Set(markers.map((m) => `${m.resource}\0${m.partition}`));
    // Child batches count once their parent committed them (batch-registry.ts).
    const expected: readonly RunPartition[] = [...plan.partitions, ...(await readBatches(ds, plan.runId))];
    const missing = expected.filter((p) => !committed.has(`${p.resource}\0${p.key}`));
    const status: RunStatus = missing.length === 0 ? "completed" : options.failed !== undefined ? "failed" : "running";
    const error =
      status === "failed"
        ? `${missing.length} of ${expected.length} partitions did not commit (${missing.map(describePartition).join(", ")}): ${options.failed}`
        : null;
    const swapped = status === "completed" ? await swapStaging(ds, plan) : [];
    if (status !== "running") {
      await ds.session.exec(`UPDATE ${ref(RUNS_TABLE)} SET status = $2, finished_at = now(), error = $3 WHERE run_id = $1`, [plan.runId, status, error]);
    }
    const rows = await ds.session.rows(
      `SELECT resource, sum(records), sum(inserted), sum(updated), sum(unchanged), count(*) FROM ${ref(LOADS_TABLE)} ` +
        "WHERE status = 'completed' AND (load_id = $1 OR load_id LIKE $2 OR load_id LIKE $3 OR load_id LIKE $4) GROUP BY resource ORDER BY resource",
      [plan.runId, `${escapeLike(plan.runId)}-w%`, `${escapeLike(plan.runId)}-b%`, `${escapeLike(plan.runId)}-p%`],
    );
    const resources = rows.map(([resource, records, inserted, updated, unchanged, loads]) => ({
      resource: String(resource),
      records: Number(records),
      inserted: Number(inserted),
      updated: Number(updated),
      unchanged: Number(unchanged),
      loads: Number(loads),
    }));
    return {
      runId: plan.runId,
      dataset: plan.dataset,
      status,
      planned: expected.length,
      committed: expected.length - missing.length,
      missing,
      resources,
      error,
      swapped,
      warnings: status === "completed" ? reconcilePageRanges(plan, markers) : [],
    };
  });
}

const escapeLike = (text: string) => text.replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_");

async function committedKeys(destination: PostgresDestination, plan: RunPlan): Promise<{ committed: Set<string>; batches: RunPartition[] }> {
  return destination.withDataset(
    plan.dataset,
    async (ds) => {
      if ((await ds.dialect.columns(ds.session, ds.schema, PARTITIONS_TABLE)).size === 0) return { committed: new Set<string>(), batches: [] };
      const rows = await ds.session.rows(`SELECT resource, partition FROM ${ds.dialect.ref(ds.schema, PARTITIONS_TABLE)} WHERE run_id = $1`, [plan.runId]);
      return { committed: new Set(rows.map(([r, k]) => `${String(r)}\0${String(k)}`)), batches: await readBatches(ds, plan.runId) };
    },
    { lock: false },
  );
}
