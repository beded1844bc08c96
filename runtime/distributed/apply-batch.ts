// Applies one child-batch partition: the child resource (and its own children) run one request sequence
// per parent record the batch carries — as they would inside the parent's partition — and commit like
// any partition (partition-commit.ts: locks, marker, newest-wins, the child's per-parent cursors merged,
// its `_gc_loads` rows, the caller's hook). A batch whose marker exists is not fetched again.
import type { ConnectorSpec } from "../connector.ts";
import { openPostgres, type PostgresDestination } from "../destinations/postgres/index.ts";
import { withParams } from "../interpolate/params.ts";
import { eachLimited } from "../sync/limit.ts";
import { planRun, type PlannedResource } from "../sync/plan.ts";
import { buildRuns, startRuns } from "../sync/resource-tree.ts";
import { runSequence } from "../sync/sequences.ts";
import { checkPlan, committedMarker, type PartitionContext } from "./apply-partition.ts";
import { DistributedError } from "./errors.ts";
import { readParent } from "./parent-fields.ts";
import { type BatchPartition, describePartition, type RunPlan, TREE_KEY } from "./partition.ts";
import type { PartitionOutcome } from "./partition-commit.ts";
import { fetchAndCommitWork, partitionClient, workOf } from "./partition-work.ts";
import { appendingStaged, type RunStaging, runStaging, stagedLoads } from "./staging-dataset.ts";

export type BatchResult = PartitionOutcome & { readonly partition: BatchPartition };

/** A batch's `_gc_loads` id: its parent partition's (the run's, or the run's with the window's number), then `-b` and its index. */
export function batchLoadId(batch: BatchPartition): string {
  const { parent, index } = batch.bounds;
  const base = parent === TREE_KEY ? batch.runId : `${batch.runId}-${parent}`;
  return `${base}-b${String(index).padStart(6, "0")}`;
}

/** Fetches and commits `batch` of `plan`; an already committed one is reported and changes nothing. */
export async function applyBatch(plan: RunPlan, batch: BatchPartition, ctx: PartitionContext): Promise<BatchResult> {
  checkPlan(plan, ctx);
  const name = describePartition(batch);
  if (batch.runId !== plan.runId) throw new DistributedError(`${name}: belongs to run ${batch.runId}, not ${plan.runId}`);
  // A batch is part of its child's load: a staged table (a full refresh's) appends to its staging table.
  const staging = runStaging(plan);
  const connector = appendingStaged(withParams(ctx.connector, ctx.client ?? {}), staging);
  const root = planRun(connector, new Set(plan.resources)).roots.find((r) => r.resource.name === batch.bounds.root);
  const child = root?.children.find((c) => c.resource.name === batch.resource);
  if (root === undefined || child === undefined)
    throw new DistributedError(`${name}: ${batch.resource} is not a child of ${batch.bounds.root} among run ${plan.runId}'s resources`);
  const destination = await openPostgres(ctx.destination, { datasetLock: "none", ...stagedLoads(staging) });
  try {
    const marker = await committedMarker(destination, plan.dataset, batch);
    if (marker !== null) return { status: "already-committed", marker, partition: batch };
    return { ...(await fetchAndCommit(plan, batch, { root, child }, connector, destination, { ...ctx, staging })), partition: batch };
  } finally {
    await destination.close();
  }
}

async function fetchAndCommit(
  plan: RunPlan,
  batch: BatchPartition,
  tree: { root: PlannedResource; child: PlannedResource },
  connector: ConnectorSpec,
  destination: PostgresDestination,
  ctx: PartitionContext & { readonly staging: RunStaging | null },
): Promise<PartitionOutcome> {
  const { observer } = ctx;
  const client = partitionClient(connector, ctx.client, observer);
  const run = buildRuns(tree.child, (r) => client.stream(r.name, r.endpoint));
  // A full refresh reads no stored cursor: every parent's child sequence starts from its initial_value.
  await startRuns(run, { destination, dataset: plan.dataset, fullRefresh: plan.fullRefresh === true, observer });
  const name = describePartition(batch);
  const sequences = { concurrency: client.scheduler.concurrency, observer, stopped: () => false };
  const parent = tree.root.resource.name;
  return fetchAndCommitWork({
    plan,
    partition: batch,
    destination,
    client,
    run,
    unit: { index: 0, count: 1, window: null },
    loadId: batchLoadId(batch),
    connector: connector.name,
    ...workOf(ctx),
    fetch: async (node) => {
      const parents = batch.parents.map((text) => readParent(text, name));
      await eachLimited(parents, client.scheduler.concurrency, (record) => runSequence(node, { resources: { [parent]: record } }, sequences));
    },
  });
}
