// A worker: claims partition jobs from the queue and applies each (apply-partition.ts), completing the
// job inside the partition's commit transaction when the queue shares the destination database; asks
// for the run's finalize once every partition has its marker; finalizes runs; and marks a run failed
// when one of its partitions is dead-lettered. Engine-agnostic: any PartitionQueue.
import type { ConnectorSpec } from "../../connector.ts";
import { openPostgres, type PostgresDestination } from "../../destinations/postgres/index.ts";
import type { ClientOptions } from "../../stream/options.ts";
import { applyPartition } from "../apply-partition.ts";
import { finalizeRun } from "../finalize.ts";
import { describePartition, type Partition, type RunPlan } from "../partition.ts";
import { checkConnector } from "./payload.ts";
import type { ClaimedJob, PartitionPayload, PartitionQueue } from "./queue.ts";
import { shareRateLimits } from "./rate-share.ts";
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
}

/** The payload of `partition` of `plan`: the plan's identity and the partition's place, nothing else. */
export function partitionPayload(plan: RunPlan, partition: Partition): PartitionPayload {
  return {
    runId: plan.runId,
    dataset: plan.dataset,
    connector: plan.connector,
    codeHash: plan.codeHash,
    resource: partition.resource,
    partition: partition.key,
    bounds: partition.bounds === null ? null : { ...partition.bounds },
  };
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
  const plans = new Map<string, RunPlan>();

  const planOf = async (p: { runId: string; dataset: string }): Promise<RunPlan> => {
    const known = plans.get(p.runId);
    if (known !== undefined) return known;
    const progress = await withDestination(options.destination, (d) => readRunProgress(d, p.dataset, p.runId));
    if (progress === null) throw new Error(`run ${p.runId} is not in dataset ${JSON.stringify(p.dataset)}'s _gc_runs: was it planned into another database?`);
    plans.set(p.runId, progress.plan);
    return progress.plan;
  };

  const partitionOf = (plan: RunPlan, p: PartitionPayload): Partition => {
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
    const result = await applyPartition(plan, partition, {
      connector,
      codeHash: options.codeHash,
      destination: options.destination,
      client: options.client,
      worker: options.worker,
      attempt: job.attempt,
      inTransaction: queue.transactional
        ? async (db) => {
            // Fenced to this attempt: a claim the engine took away (heartbeat lost) rolls the partition back; its retry commits it.
            if (!(await queue.complete(job, db)))
              throw new Error(`run ${p.runId}: ${name}: the queue no longer holds this worker's claim (attempt ${job.attempt})`);
          }
        : undefined,
    });
    log(
      result.status === "committed"
        ? `run ${p.runId}: ${name} committed: ${result.records} records (attempt ${job.attempt})`
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
