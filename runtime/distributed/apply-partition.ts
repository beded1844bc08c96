// Applies one partition: checks the job belongs to this connector, fetches the partition's work unit
// through the runner's own pieces (the planned tree, its runs and cursors, the unit's sinks and request
// sequences) and commits it in one transaction (partition-commit.ts). A partition whose marker exists is
// not fetched again; a failure drops what was staged and records the partition's load failed. A run
// that replaces tables writes them to its staging tables (staging-dataset.ts), swapped in by finalize.
import { hostname } from "node:os";
import type { ConnectorSpec } from "../connector.ts";
import type { Destination, LoadRun } from "../destinations/destination.ts";
import { createLoadsSql, errorText, failRunSql, LOADS_TABLE } from "../destinations/loads.ts";
import { openPostgres, type PostgresDestination } from "../destinations/postgres/index.ts";
import { withParams } from "../interpolate/params.ts";
import type { ClientOptions } from "../stream/options.ts";
import { RestClient } from "../stream/rest-client.ts";
import { incompleteBecause, stateOf } from "../sync/committer.ts";
import type { SyncObserver } from "../sync/observer.ts";
import { planRun, type PlannedResource } from "../sync/plan.ts";
import { buildRuns, startRuns } from "../sync/resource-tree.ts";
import { runSequence, type UnitNode } from "../sync/sequences.ts";
import type { UnitSink } from "../sync/unit-sink.ts";
import { childrenFirst, openUnit, rootSequence, unitLoadId, type WorkUnit } from "../sync/units.ts";
import { DistributedError } from "./errors.ts";
import { describePartition, fromJsonCursor, type Partition, type RunPlan } from "./partition.ts";
import { commitPartition, type PartitionLoad, type PartitionOutcome } from "./partition-commit.ts";
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
  const connector = partition.kind === "tree" ? declared : appendingStaged(declared, staging);
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
  const client = new RestClient(connector.client, {
    ...ctx.client,
    onRetry: (resource, event) => observer?.retry?.(resource, event),
    onWait: (event) => observer?.wait?.(event),
  });
  const redact = (text: string) => client.redactor.redact(text);
  const split = ctx.split?.(planned, redact);
  const root = buildRuns(split?.planned ?? planned, (r) => client.stream(r.name, r.endpoint));
  const unit = unitOf(partition);
  // `_gc_loads` rows are written inside the partition's transaction only: a duplicate changes nothing.
  const sinks: Destination = { ...bind(destination), startRun: async () => undefined, failRun: async () => undefined };
  // A full refresh reads no stored cursor: every resource starts from its initial_value.
  await startRuns(root, { destination, dataset: plan.dataset, fullRefresh: plan.fullRefresh === true, observer });
  const created: UnitSink[] = [];
  try {
    const context = { destination: sinks, dataset: plan.dataset, connector: connector.name, loadId: plan.runId, redact, batchRows: ctx.batchRows };
    const opened = await openUnit(root, unit, context, created);
    const node = split?.collect(opened) ?? opened;
    const extractedAt = await extractionTime(destination);
    await runSequence(node, {}, { concurrency: client.scheduler.concurrency, observer, stopped: () => false }, rootSequence(root, unit));
    const loads: PartitionLoad[] = [];
    for (const n of childrenFirst(node)) {
      if (n.sink === null) continue;
      const writer = await n.sink.writer();
      const why = incompleteBecause(n, writer.quarantined, writer.discards.discardedRows ?? 0);
      const options = { load: { run: n.sink.run, records: writer.rows, quarantined: writer.quarantined }, fullRefresh: false, complete: why === null };
      loads.push({ resource: n.run.planned.resource, writer, state: stateOf(n, unit), options });
    }
    const worker = ctx.worker ?? `${hostname()}:${process.pid}`;
    const { staging, inTransaction } = ctx;
    return await commitPartition({
      destination,
      dataset: plan.dataset,
      partition,
      loads,
      worker,
      attempt: ctx.attempt ?? 0,
      inTransaction,
      staging,
      extractedAt,
    });
  } catch (error) {
    const reason = redact(error instanceof Error ? error.message : String(error));
    for (const sink of created) {
      await sink.abort().catch(() => undefined);
      await recordFailure(destination, plan.dataset, sink.run, `${describePartition(partition)}: ${reason}`);
    }
    throw error;
  }
}

/** Now on the database's clock (one clock for every worker), as text: when the partition begins extracting. */
export async function extractionTime(destination: PostgresDestination): Promise<string> {
  const rows = await destination.query("SELECT CAST(clock_timestamp() AS text) AS now");
  return String(rows[0]?.now);
}

/** The runner's work unit of a partition. */
export function unitOf(partition: Partition): WorkUnit {
  const { bounds } = partition;
  if (bounds === null) return { index: 0, count: 1, window: null };
  return { index: bounds.index, count: bounds.count, window: { index: bounds.index, start: fromJsonCursor(bounds.start), end: fromJsonCursor(bounds.end) } };
}

/** The `_gc_loads` id of a partition's loads: the run id, with the window's number for a window. */
export function partitionLoadId(partition: Partition): string {
  return unitLoadId(partition.runId, unitOf(partition));
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

/**
 * Records a failed attempt in `_gc_loads`: one row per partition load however many attempts fail (a
 * later attempt completes that row), never over a completed one. Best effort: never throws.
 */
export async function recordFailure(destination: PostgresDestination, dataset: string, run: LoadRun, error: string): Promise<void> {
  await destination
    .withDataset(
      dataset,
      async (ds) => {
        const loads = ds.dialect.ref(ds.schema, LOADS_TABLE);
        await ds.session.exec(createLoadsSql(loads));
        await ds.session.exec(
          `INSERT INTO ${loads} (load_id, connector, resource, table_name, started_at, status) SELECT $1, $2, $3, $4, now(), 'running' ` +
            `WHERE NOT EXISTS (SELECT 1 FROM ${loads} WHERE load_id = $1 AND resource = $3)`,
          [run.loadId, run.connector, run.resource, run.table],
        );
        await ds.session.exec(failRunSql(loads), [run.loadId, run.resource, errorText(error)]);
      },
      { lock: false },
    )
    .catch(() => undefined);
}

/** The destination's methods bound to it (a spread would lose them: they live on the prototype). */
export function bind(d: PostgresDestination): Destination {
  return {
    beginLoad: (dataset, table) => d.beginLoad(dataset, table),
    readState: (dataset, key) => d.readState(dataset, key),
    startRun: (dataset, run) => d.startRun(dataset, run),
    failRun: (dataset, run, error) => d.failRun(dataset, run, error),
    close: () => d.close(),
  };
}
