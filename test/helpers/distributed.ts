// The distributed protocol's tests share: a run planned and registered on a database, and the context a
// partition is applied with (the windowed seed connector against the mock API, a sentinel API key).
import type { ConnectorSpec } from "../../runtime/connector.ts";
import { applyPartition, type PartitionContext, type PartitionResult } from "../../runtime/distributed/apply-partition.ts";
import { connectorSpecHash } from "../../runtime/distributed/connector-hash.ts";
import type { Partition, RunPlan } from "../../runtime/distributed/partition.ts";
import { planDistributedRun, type PlanOptions } from "../../runtime/distributed/plan-run.ts";
import { openPostgres } from "../../runtime/destinations/postgres/index.ts";
import { fakeClock } from "./fake-clock.ts";

/** The API key every distributed test syncs with: it must never reach a plan, a marker or a state row. */
export const DISTRIBUTED_API_KEY = "sk_distributed_SENTINEL_7c1e";

/** Client options against the mock API at `baseUrl`, with the sentinel key. */
export function clientOptions(baseUrl: string) {
  return { baseUrl, secrets: { env: { API_KEY: DISTRIBUTED_API_KEY }, dotenv: {} }, clock: fakeClock() };
}

/** Plans and registers a run of `connector` on `url`; returns its plan. */
export async function planOn(url: string, connector: ConnectorSpec, options: PlanOptions = {}): Promise<RunPlan> {
  const destination = await openPostgres(url, { datasetLock: "none" });
  try {
    return (await planDistributedRun(connector, destination, options)).plan;
  } finally {
    await destination.close();
  }
}

/** The context a test worker applies partitions of `connector` with. */
export function partitionContext(url: string, baseUrl: string, connector: ConnectorSpec, more: Partial<PartitionContext> = {}): PartitionContext {
  return { connector, codeHash: connectorSpecHash(connector), destination: url, client: clientOptions(baseUrl), worker: "test-worker", ...more };
}

/** Applies the partitions of `plan` with these keys, one after another in the order given. */
export async function applyInOrder(plan: RunPlan, keys: readonly string[], ctx: PartitionContext): Promise<PartitionResult[]> {
  const results: PartitionResult[] = [];
  for (const key of keys) results.push(await applyPartition(plan, partitionOf(plan, key), ctx));
  return results;
}

/** The partition of `plan` with `key`. */
export function partitionOf(plan: RunPlan, key: string): Partition {
  const found = plan.partitions.find((p) => p.key === key);
  if (found === undefined) throw new Error(`no partition ${key} in run ${plan.runId}`);
  return found;
}
