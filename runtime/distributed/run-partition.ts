// Applies any partition of a run: a child batch (apply-batch.ts), or a planned partition whose
// splittable children become batches (child-batches.ts) — recorded in the parent's own commit
// transaction, then handed to `withBatches` in that transaction (a queue enqueueing their jobs), then
// the caller's `inTransaction` (a queue completing the parent's job). Returns the batches made.
import { applyBatch, type BatchResult } from "./apply-batch.ts";
import { applyPartition, type PartitionContext, type PartitionResult } from "./apply-partition.ts";
import { recordBatches } from "./batch-registry.ts";
import { childBatcher } from "./child-batches.ts";
import type { BatchPartition, RunPartition, RunPlan } from "./partition.ts";
import type { TransactionDb } from "./transaction-db.ts";

export interface RunPartitionOptions {
  /** Parent records per child batch; 0: children stay in their parent's partition. */
  readonly batchParents: number;
  /** Runs in the parent's commit transaction with the batches it made (none: not called). */
  readonly withBatches?: ((db: TransactionDb, batches: readonly BatchPartition[]) => Promise<void>) | undefined;
}

export interface RunPartitionResult {
  readonly result: PartitionResult | BatchResult;
  /** The child batches the partition committed (none when it was a batch, or already committed). */
  readonly batches: readonly BatchPartition[];
}

/** Fetches and commits `partition` of `plan`, recording its child batches with it. */
export async function applyRunPartition(
  plan: RunPlan,
  partition: RunPartition,
  ctx: PartitionContext,
  options: RunPartitionOptions,
): Promise<RunPartitionResult> {
  if (partition.kind === "batch") return { result: await applyBatch(plan, partition, ctx), batches: [] };
  const batcher = childBatcher(partition, options.batchParents);
  let batches: BatchPartition[] = [];
  const result = await applyPartition(plan, partition, {
    ...ctx,
    split: (planned, redact) => batcher.split(planned, redact),
    inTransaction: async (db) => {
      batches = batcher.batches();
      if (batches.length > 0) {
        await recordBatches(db, plan.dataset, batches);
        await options.withBatches?.(db, batches);
      }
      await ctx.inTransaction?.(db);
    },
  });
  return { result, batches: result.status === "committed" ? batches : [] };
}
