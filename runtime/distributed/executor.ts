// The protocol without a queue: plans (or resumes) a run and applies its missing partitions in this
// process, `concurrency` at a time, each on its own connection and in its own transaction, then
// finalizes it. Used by tests and as a fallback where no queue runs; a queue's workers do the same
// per job (apply-partition.ts) from any number of processes.
import type { ConnectorSpec } from "../connector.ts";
import { openPostgres } from "../destinations/postgres/index.ts";
import { eachLimited } from "../sync/limit.ts";
import { type PartitionContext, type PartitionResult, applyPartition } from "./apply-partition.ts";
import { connectorSpecHash } from "./connector-hash.ts";
import { finalizeRun, missingPartitions, type RunSummary } from "./finalize.ts";
import { describePartition, type Partition, type RunPlan } from "./partition.ts";
import { type PlanOptions, planDistributedRun, requirePostgres } from "./plan-run.ts";

export interface LocalRunOptions extends Omit<PlanOptions, "params" | "secrets">, Omit<PartitionContext, "connector" | "codeHash" | "destination" | "attempt"> {
  /** The destination URL (`postgres://…` only). */
  readonly destination: string;
  /** Partitions applied at once (default 4). */
  readonly concurrency?: number | undefined;
}

export interface LocalRunResult {
  readonly plan: RunPlan;
  readonly results: readonly PartitionResult[];
  readonly failures: readonly { readonly partition: Partition; readonly error: unknown }[];
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
    const results: PartitionResult[] = [];
    const failures: { partition: Partition; error: unknown }[] = [];
    const context: PartitionContext = { ...options, connector, codeHash, destination: options.destination };
    await eachLimited(await missingPartitions(destination, plan), options.concurrency ?? 4, async (partition) => {
      try {
        results.push(await applyPartition(plan, partition, context));
      } catch (error) {
        failures.push({ partition, error });
      }
    });
    const reason = failures.map((f) => `${describePartition(f.partition)}: ${f.error instanceof Error ? f.error.message : String(f.error)}`).join("; ");
    const summary = await finalizeRun(destination, plan, failures.length > 0 ? { failed: reason } : {});
    return { plan, results, failures, summary };
  } finally {
    await destination.close();
  }
}
