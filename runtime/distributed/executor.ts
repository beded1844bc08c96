// The protocol without a queue: plans (or resumes) a run and applies its missing partitions in this
// process — and the child batches each parent partition commits (child-batches.ts) as they appear —
// `concurrency` at a time, each on its own connection and in its own transaction, a failure retried
// `retries` times, then finalizes it. Used by tests and as a fallback where no queue runs; a queue's
// workers do the same per job (run-partition.ts) from any number of processes.
import type { ConnectorSpec } from "../connector.ts";
import { openPostgres } from "../destinations/postgres/index.ts";
import type { BatchResult } from "./apply-batch.ts";
import type { PartitionContext, PartitionResult } from "./apply-partition.ts";
import { DEFAULT_BATCH_PARENTS } from "./child-batches.ts";
import { connectorSpecHash } from "./connector-hash.ts";
import { finalizeRun, missingPartitions, type RunSummary } from "./finalize.ts";
import { describePartition, type RunPartition, type RunPlan } from "./partition.ts";
import { type PlanOptions, planDistributedRun, requirePostgres } from "./plan-run.ts";
import { applyRunPartition } from "./run-partition.ts";
import { drain } from "./work-pool.ts";

export interface LocalRunOptions extends Omit<PlanOptions, "params" | "secrets">, Omit<PartitionContext, "connector" | "codeHash" | "destination" | "attempt"> {
  /** The destination URL (`postgres://…` only). */
  readonly destination: string;
  /** Partitions applied at once (default 4). */
  readonly concurrency?: number | undefined;
  /** Parent records per child batch (default DEFAULT_BATCH_PARENTS; 0: children stay in their parent's partition). */
  readonly batchParents?: number | undefined;
  /** Attempts after a partition's first failure before it fails the run (default 0). */
  readonly retries?: number | undefined;
}

export interface LocalRunResult {
  readonly plan: RunPlan;
  readonly results: readonly (PartitionResult | BatchResult)[];
  readonly failures: readonly { readonly partition: RunPartition; readonly error: unknown }[];
  readonly summary: RunSummary;
}

/** Plans (or resumes `options.runId`), applies every missing partition concurrently, finalizes; a failed partition fails the run naming it. */
export async function runPartitionsLocally(connector: ConnectorSpec, options: LocalRunOptions): Promise<LocalRunResult> {
  requirePostgres(options.destination);
  const codeHash = options.codeHash ?? connectorSpecHash(connector);
  const destination = await openPostgres(options.destination, { datasetLock: "none" });
  try {
    const { params, secrets } = options.client ?? {};
    const { plan } = await planDistributedRun(connector, destination, {
      ...options,
      codeHash,
      ...(params === undefined ? {} : { params }),
      ...(secrets === undefined ? {} : { secrets }),
    });
    const results: (PartitionResult | BatchResult)[] = [];
    const failures: { partition: RunPartition; error: unknown }[] = [];
    const context: PartitionContext = { ...options, connector, codeHash, destination: options.destination };
    const batchParents = options.batchParents ?? DEFAULT_BATCH_PARENTS;
    await drain(await missingPartitions(destination, plan), options.concurrency ?? 4, async (partition, add) => {
      for (let attempt = 0; ; attempt++) {
        try {
          const applied = await applyRunPartition(plan, partition, { ...context, attempt }, { batchParents });
          results.push(applied.result);
          add(applied.batches);
          return;
        } catch (error) {
          if (attempt < (options.retries ?? 0)) continue;
          failures.push({ partition, error });
          return;
        }
      }
    });
    const reason = failures.map((f) => `${describePartition(f.partition)}: ${f.error instanceof Error ? f.error.message : String(f.error)}`).join("; ");
    const summary = await finalizeRun(destination, plan, failures.length > 0 ? { failed: reason } : {});
    return { plan, results, failures, summary };
  } finally {
    await destination.close();
  }
}
