// Applies one partition: checks the job belongs to this connector, fetches the partition's work unit
// through the runner's own pieces (the planned tree, its runs and cursors, the unit's sinks and request
// sequences) and commits it in one transaction (partition-commit.ts). A partition whose marker exists is
// not fetched again; a failure drops what was staged and records the partition's load failed. A run
// that replaces tables writes them to its staging tables (staging-dataset.ts), swapped in by finalize.
import type { ConnectorSpec } from "../connector.ts";
import { openPostgres, type PostgresDestination } from "../destinations/postgres/index.ts";
import { withParams } from "../interpolate/params.ts";
import type { ClientOptions } from "../stream/options.ts";
import type { SyncObserver } from "../sync/observer.ts";
import { planRun, type PlannedResource } from "../sync/plan.ts";
import { buildRuns, startRuns } from "../sync/resource-tree.ts";
import { runSequence, type UnitNode } from "../sync/sequences.ts";
import { rootSequence, unitLoadId, type WorkUnit } from "../sync/units.ts";
import { DistributedError } from "./errors.ts";
import { rangeEndpoint } from "./page-ranges.ts";
import { describePartition, fromJsonCursor, type Partition, type RunPlan } from "./partition.ts";
import type { PartitionOutcome } from "./partition-commit.ts";
import { fetchAndCommitWork, partitionClient, workOf } from "./partition-work.ts";
import { markerSql, PARTITIONS_TABLE } from "./registry-sql.ts";
import { appendingStaged, type RunStaging, runStaging, stagedLoads } from "./staging-dataset.ts";
import type { TransactionDb } from "./transaction-db.ts";

export interface PartitionContext {
  /** The worker's own connector (as generated; run parameters are bound here). */
  readonly connector: ConnectorSpec;
  /** The worker's own generated-code hash: a plan with another is refused. */
  readonly codeHash: string;
  /** A `postgres://…` URL: the partition opens its own connection (no session lock) and closes it. */
  readonly destination: string;
  /** Client options: secrets (from the worker's own environment), params, base URL, clock, concurrency… */
  readonly client?: Omit<ClientOptions, "onRetry" | "onWait"> | undefined;
  /** Who commits, for the marker (default `<host>:<pid>`). */
  readonly worker?: string | undefined;
  /** 0-based delivery attempt, for the marker. */
  readonly attempt?: number | undefined;
  readonly batchRows?: number | undefined;
  readonly observer?: SyncObserver | undefined;
  /** Runs inside the commit transaction before COMMIT (a queue completing its job); not called for an already committed partition. */
  readonly inTransaction?: ((db: TransactionDb) => Promise<void>) | undefined;
  /** Reshapes the tree before it runs (child batches, child-batches.ts): some children removed, the root's records noted. */
  readonly split?: ((planned: PlannedResource, redact: (text: string) => string) => PartitionSplit) | undefined;
}

/** The tree a partition runs, and the change made to its opened root node. */
export interface PartitionSplit {
  readonly planned: PlannedResource;
  readonly collect: (node: UnitNode) => UnitNode;
}

export type PartitionResult = PartitionOutcome & { readonly partition: Partition };

/** Refuses a plan this worker cannot run: another format, connector or generated code. */
export function checkPlan(plan: RunPlan, ctx: Pick<PartitionContext, "connector" | "codeHash">): void {
  if (plan.version !== 1) throw new DistributedError(`run ${plan.runId}: plan format ${String(plan.version)} is not supported by this worker (expected 1)`);
  if (plan.connector !== ctx.connector.name || plan.codeHash !== ctx.codeHash) {
    throw new DistributedError(
      `run ${plan.runId}: planned from connector ${plan.connector} (${plan.codeHash}) but this worker runs ${ctx.connector.name} (${ctx.codeHash}); ` +
        "deploy the same generated code to every worker",
    );
  }
}

/** Fetches and commits `partition` of `plan`; an already committed one is reported and changes nothing. */
export async function applyPartition(plan: RunPlan, partition: Partition, ctx: PartitionContext): Promise<PartitionResult> {
  checkPlan(plan, ctx);
  if (partition.runId !== plan.runId) throw new DistributedError(`${describePartition(partition)}: belongs to run ${partition.runId}, not ${plan.runId}`);
  const staging = runStaging(plan);
  const declared = withParams(ctx.connector, ctx.client ?? {});
  const connector = partitionConnector(partition.kind === "tree" ? declared : appendingStaged(declared, staging), partition);
  const planned = planRun(connector, new Set(plan.resources)).roots.find((r) => r.resource.name === partition.resource);
  if (planned === undefined)
    throw new DistributedError(`${describePartition(partition)}: ${partition.resource} is not a tree of run ${plan.runId}'s resources`);
  const destination = await openPostgres(ctx.destination, { datasetLock: "none", ...stagedLoads(staging) });
  try {
    const marker = await committedMarker(destination, plan.dataset, partition);
    if (marker !== null) return { status: "already-committed", marker, partition };
    return { ...(await fetchAndCommit(plan, partition, planned, connector, destination, { ...ctx, staging })), partition };
  } finally {
    await destination.close();
  }
}

async function fetchAndCommit(
  plan: RunPlan,
  partition: Partition,
  planned: PlannedResource,
  connector: ConnectorSpec,
  destination: PostgresDestination,
  ctx: PartitionContext & { readonly staging: RunStaging | null },
): Promise<PartitionOutcome> {
  const { observer } = ctx;
  const client = partitionClient(connector, ctx.client, observer);
  const split = ctx.split?.(planned, (text) => client.redactor.redact(text));
  const root = buildRuns(split?.planned ?? planned, (r) => client.stream(r.name, r.endpoint));
  const unit = unitOf(partition);
  // A full refresh reads no stored cursor: every resource starts from its initial_value.
  await startRuns(root, { destination, dataset: plan.dataset, fullRefresh: plan.fullRefresh === true, observer });
  return fetchAndCommitWork({
    plan,
    partition,
    destination,
    client,
    run: root,
    unit,
    loadId: partition.kind === "pages" ? partitionLoadId(partition) : plan.runId,
    connector: connector.name,
    ...workOf(ctx),
    shape: split?.collect,
    fetch: (node) => runSequence(node, {}, { concurrency: client.scheduler.concurrency, observer, stopped: () => false }, rootSequence(root, unit)),
  });
}

/** The runner's work unit of a partition: a window, or a whole sequence (a page range's endpoint is cut to its pages: rangeEndpoint). */
export function unitOf(partition: Partition): WorkUnit {
  if (partition.kind !== "window") return { index: 0, count: 1, window: null };
  const { bounds } = partition;
  return { index: bounds.index, count: bounds.count, window: { index: bounds.index, start: fromJsonCursor(bounds.start), end: fromJsonCursor(bounds.end) } };
}

/** The `_gc_loads` id of a partition's loads: the run id, with the window's number for a window, or the range's key for a page range. */
export function partitionLoadId(partition: Partition): string {
  return partition.kind === "pages" ? `${partition.runId}-${partition.key}` : unitLoadId(partition.runId, unitOf(partition));
}

/** The connector a partition runs: a page range's root fetches only its pages. */
function partitionConnector(connector: ConnectorSpec, partition: Partition): ConnectorSpec {
  if (partition.kind !== "pages") return connector;
  const { bounds } = partition;
  return {
    ...connector,
    resources: connector.resources.map((r) => (r.name === partition.resource ? { ...r, endpoint: rangeEndpoint(r.endpoint, bounds) } : r)),
  };
}

/** The marker of `partition` when it is committed; null otherwise (or when the dataset has no markers yet). */
export async function committedMarker(destination: PostgresDestination, dataset: string, partition: Pick<Partition, "runId" | "resource" | "key">) {
  return destination.withDataset(
    dataset,
    async (ds) => {
      if ((await ds.dialect.columns(ds.session, ds.schema, PARTITIONS_TABLE)).size === 0) return null;
      const rows = await ds.session.rows(markerSql(ds.dialect.ref(ds.schema, PARTITIONS_TABLE)), [partition.runId, partition.resource, partition.key]);
      const row = rows[0];
      return row === undefined
        ? null
        : { worker: String(row[0]), attempt: Number(row[1]), loadId: String(row[2]), committedAt: String(row[3]), records: Number(row[4]) };
    },
    { lock: false },
  );
}
