// A worker: claims partition jobs from the queue and applies each (apply-partition.ts, apply-batch.ts),
// completing the job inside the partition's commit transaction when the queue shares the destination
// database — where a parent's partition also records and enqueues its child batches (child-batches.ts);
// asks for the run's finalize once every partition has its marker; finalizes runs; and marks a run
// failed when one of its partitions is dead-lettered. Engine-agnostic: any PartitionQueue.
import type { ConnectorSpec } from "../../connector.ts";
import { openPostgres, type PostgresDestination } from "../../destinations/postgres/index.ts";
import type { ClientOptions } from "../../stream/options.ts";
import { DEFAULT_BATCH_PARENTS } from "../child-batches.ts";
import { finalizeRun } from "../finalize.ts";
import { type BatchBounds, type BatchPartition, describePartition, type RunPartition, type RunPlan } from "../partition.ts";
import { applyRunPartition } from "../run-partition.ts";
import type { TransactionDb } from "../transaction-db.ts";
import { checkConnector } from "./payload.ts";
import type { ClaimedJob, PartitionPayload, PartitionQueue } from "./queue.ts";
import { apiGroup, shareRateLimits } from "./rate-share.ts";
import { failRunFor, missingPartitions, readRunProgress } from "./run-progress.ts";

export interface WorkerOptions {
  readonly queue: PartitionQueue;
  /** The connector this worker loaded, and its generated code's hash: jobs planned from other code are refused. */
  readonly connector: ConnectorSpec;
  readonly codeHash: string;
  /** The destination's `postgres://…` URL. */
  readonly destination: string;
  /** Secrets (this process's environment), params, base URL, clock… */
  readonly client: Omit<ClientOptions, "onRetry" | "onWait">;
  readonly concurrency: number;
  readonly perApi: number;
  /** Who commits, for the markers. */
  readonly worker: string;
  /** One line per event (claimed, committed, skipped, finalized, failed), for stderr. */
  readonly log: (line: string) => void;
  /** Parent records per child batch (0: children stay in their parent's partition); default DEFAULT_BATCH_PARENTS. */
  readonly batchParents?: number | undefined;
}

/** The payload of `partition` of `plan`: the plan's identity and the partition's place (a batch: its parents' needed fields), nothing else. */
export function partitionPayload(plan: RunPlan, partition: RunPartition): PartitionPayload {
  const place = {
    runId: plan.runId,
    dataset: plan.dataset,
    connector: plan.connector,
    codeHash: plan.codeHash,
    resource: partition.resource,
    partition: partition.key,
  };
  if (partition.kind === "batch") return { ...place, kind: "batch", bounds: { ...partition.bounds }, parents: partition.parents };
  return { ...place, bounds: partition.bounds === null ? null : { ...partition.bounds } };
}

/** The child batch a payload carries (checked by payload.ts). */
function batchOf(p: PartitionPayload): BatchPartition {
  return { runId: p.runId, resource: p.resource, key: p.partition, kind: "batch", bounds: p.bounds as unknown as BatchBounds, parents: p.parents ?? [] };
}

/** Runs `work` on a connection of its own with the dataset lock left to the protocol. */
async function withDestination<T>(url: string, work: (d: PostgresDestination) => Promise<T>): Promise<T> {
  const destination = await openPostgres(url, { datasetLock: "none" });
  try {
    return await work(destination);
  } finally {
    await destination.close();
  }
}

/** Registers the worker's handlers on the queue; jobs run until the queue is stopped. */
export async function startWorker(options: WorkerOptions): Promise<void> {
  const { queue, log } = options;
  const connector = shareRateLimits(options.connector, options.perApi);
  const api = apiGroup(options.connector, options.client.baseUrl);
  const plans = new Map<string, RunPlan>();

  const planOf = async (p: { runId: string; dataset: string }): Promise<RunPlan> => {
    const known = plans.get(p.runId);
    if (known !== undefined) return known;
    const progress = await withDestination(options.destination, (d) => readRunProgress(d, p.dataset, p.runId));
    if (progress === null) throw new Error(`run ${p.runId} is not in dataset ${JSON.stringify(p.dataset)}'s _gc_runs: was it planned into another database?`);
    plans.set(p.runId, progress.plan);
    return progress.plan;
  };

  const partitionOf = (plan: RunPlan, p: PartitionPayload): RunPartition => {
    if (p.kind === "batch") return batchOf(p);
    const found = plan.partitions.find((x) => x.resource === p.resource && x.key === p.partition);
    if (found === undefined) throw new Error(`run ${p.runId} has no partition ${p.resource}/${p.partition} in its plan`);
    return found;
  };

  const runPartition = async (job: ClaimedJob<PartitionPayload>): Promise<void> => {
    const p = job.payload;
    checkConnector(p, options.connector.name, options.codeHash);
    const plan = await planOf(p);
    const partition = partitionOf(plan, p);
    const name = describePartition(partition);
    log(`run ${p.runId}: ${name} started (attempt ${job.attempt})`);
    const context = {
      connector,
      codeHash: options.codeHash,
      destination: options.destination,
      client: options.client,
      worker: options.worker,
      attempt: job.attempt,
    };
    const enqueueBatches = (made: readonly BatchPartition[], tx?: TransactionDb) =>
      queue.enqueue(
        made.map((b) => partitionPayload(plan, b)),
        api,
        tx,
      );
    const complete = async (db: TransactionDb): Promise<void> => {
      // Fenced to this attempt: a claim the engine took away (heartbeat lost) rolls the partition back; its retry commits it.
      if (!(await queue.complete(job, db))) throw new Error(`run ${p.runId}: ${name}: the queue no longer holds this worker's claim (attempt ${job.attempt})`);
    };
    const transactional = queue.transactional;
    const { result, batches } = await applyRunPartition(
      plan,
      partition,
      { ...context, inTransaction: transactional ? complete : undefined },
      {
        batchParents: options.batchParents ?? DEFAULT_BATCH_PARENTS,
        // The parent's rows, its batches' record, their jobs and its own completion: one transaction.
        withBatches: transactional ? async (db, made) => void (await enqueueBatches(made, db)) : undefined,
      },
    );
    // A queue elsewhere: enqueued after the commit (a crash in between leaves them recorded: finalize names them, a rerun runs them).
    if (!transactional && batches.length > 0) await enqueueBatches(batches);
    const made = batches.length === 0 ? "" : `, ${batches.length} child batches enqueued`;
    log(
      result.status === "committed"
        ? `run ${p.runId}: ${name} committed: ${result.records} records${made} (attempt ${job.attempt})`
        : `run ${p.runId}: ${name} was already committed by ${result.marker.worker} (attempt ${result.marker.attempt}): skipped`,
    );
    // Every partition has its marker: the run's finalize step (one queued per run).
    const progress = await withDestination(options.destination, (d) => readRunProgress(d, p.dataset, p.runId));
    if (progress !== null && progress.status !== "completed" && missingPartitions(progress).length === 0) {
      await queue.enqueueFinalize({ runId: p.runId, dataset: p.dataset, connector: p.connector, codeHash: p.codeHash });
    }
  };

  await queue.work(
    { concurrency: options.concurrency, perApi: options.perApi },
    {
      partition: runPartition,
      finalize: async (job) => {
        const plan = await planOf(job.payload);
        const summary = await withDestination(options.destination, (d) => finalizeRun(d, plan));
        if (summary.status === "completed") log(`run ${plan.runId}: completed (${summary.committed} partitions)`);
        for (const warning of summary.warnings) log(`run ${plan.runId}: warning: ${warning}`);
      },
      dead: async (job) => {
        const { payload, error } = job.payload;
        const plan = await planOf(payload);
        const partition = partitionOf(plan, payload);
        const message = `${describePartition(partition)} failed after its retries: ${error}`;
        await withDestination(options.destination, (d) => failRunFor(d, payload.dataset, partition, message));
        log(`run ${payload.runId}: ${message}`);
      },
    },
  );
}
