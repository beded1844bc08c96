// The distributed protocol's public surface (engine-free; a queue adapter builds on it): plan a run into
// partitions and register it, apply one partition in one transaction, finalize the run, or run every
// partition in this process. Postgres only: a DuckDB file has one writer.
export { applyBatch, batchLoadId, type BatchResult } from "./apply-batch.ts";
export { applyPartition, checkPlan, partitionLoadId, unitOf, type PartitionContext, type PartitionResult } from "./apply-partition.ts";
export { BATCHES_TABLE, readBatches } from "./batch-registry.ts";
export { batchParents, childBatcher, DEFAULT_BATCH_PARENTS, unsplittable } from "./child-batches.ts";
export { connectorSpecHash, generatedCodeHash } from "./connector-hash.ts";
export { DistributedError } from "./errors.ts";
export { runPartitionsLocally, type LocalRunOptions, type LocalRunResult } from "./executor.ts";
export { finalizeRun, missingPartitions, type FinalizeOptions, type ResourceTotals, type RunSummary } from "./finalize.ts";
export {
  type BatchBounds,
  type BatchPartition,
  describePartition,
  type JsonCursor,
  type Partition,
  type PartitionKind,
  type RunPartition,
  type RunPlan,
  type WindowBounds,
} from "./partition.ts";
export type { PartitionMarker, PartitionOutcome } from "./partition-commit.ts";
export { planPartitions, type PartitionPlanInput } from "./plan-partitions.ts";
export { planDistributedRun, requirePostgres, type PlanOptions } from "./plan-run.ts";
export { PARTITIONS_TABLE, RUNS_TABLE, type RunStatus } from "./registry-sql.ts";
export { applyRunPartition, type RunPartitionOptions, type RunPartitionResult } from "./run-partition.ts";
export { readRun, registerRun, type RegisteredRun } from "./run-registry.ts";
export { transactionDb, type TransactionDb } from "./transaction-db.ts";
