// What applying any partition (a tree, a window, a page range, a child batch) does around its request
// sequences: the client, the unit's sinks staging through the destination (no `_gc_loads` row outside
// the commit), the extraction time, the loads handed to the commit, and the clean-up of a failed attempt.
import { hostname } from "node:os";
import type { ConnectorSpec } from "../connector.ts";
import type { Destination, LoadRun } from "../destinations/destination.ts";
import { createLoadsSql, errorText, failRunSql, LOADS_TABLE } from "../destinations/loads.ts";
import type { PostgresDestination } from "../destinations/postgres/index.ts";
import type { ClientOptions } from "../stream/options.ts";
import { RestClient } from "../stream/rest-client.ts";
import { incompleteBecause, stateOf } from "../sync/committer.ts";
import type { SyncObserver } from "../sync/observer.ts";
import type { UnitNode } from "../sync/sequences.ts";
import type { ResourceRun } from "../sync/resource-run.ts";
import type { UnitSink } from "../sync/unit-sink.ts";
import { childrenFirst, openUnit, type WorkUnit } from "../sync/units.ts";
import { describePartition, type RunPartition, type RunPlan } from "./partition.ts";
import { commitPartition, type PartitionCommitInput, type PartitionLoad, type PartitionOutcome } from "./partition-commit.ts";

/** The partition's client: the worker's options, retries and waits reported to `observer`. */
export function partitionClient(
  connector: ConnectorSpec,
  options: Omit<ClientOptions, "onRetry" | "onWait"> | undefined,
  observer: SyncObserver | undefined,
): RestClient {
  return new RestClient(connector.client, {
    ...options,
    onRetry: (resource, event) => observer?.retry?.(resource, event),
    onWait: (event) => observer?.wait?.(event),
  });
}

/** One partition's work: its unit of a resource tree, where its loads go, and how its requests are made. */
export interface PartitionWork extends Pick<PartitionCommitInput, "destination" | "inTransaction" | "staging"> {
  readonly plan: RunPlan;
  readonly partition: RunPartition;
  readonly client: RestClient;
  /** The tree's runs, started (cursors read). */
  readonly run: ResourceRun;
  readonly unit: WorkUnit;
  /** The loads' `_gc_loads` id (openUnit adds a window's number). */
  readonly loadId: string;
  readonly connector: string;
  readonly batchRows?: number | undefined;
  /** For the marker. */
  readonly worker?: string | undefined;
  readonly attempt?: number | undefined;
  /** Reshapes the opened node before it runs (child batches: children removed, the root's records noted). */
  readonly shape?: ((node: UnitNode) => UnitNode) | undefined;
  /** Makes the unit's requests, its records flowing into the node's sinks. */
  readonly fetch: (node: UnitNode) => Promise<void>;
}

/** What of a worker's context a partition's work takes: the marker's worker and attempt, the commit's hook, staging and batch size. */
export function workOf(ctx: Pick<PartitionWork, "worker" | "attempt" | "inTransaction" | "staging" | "batchRows">) {
  return { worker: ctx.worker, attempt: ctx.attempt, inTransaction: ctx.inTransaction, staging: ctx.staging, batchRows: ctx.batchRows };
}

/**
 * Opens the unit's sinks, takes the extraction time, fetches and commits the partition in one
 * transaction (partition-commit.ts); a failure drops what was staged, records the loads failed and is rethrown.
 */
export async function fetchAndCommitWork(work: PartitionWork): Promise<PartitionOutcome> {
  const { plan, partition, destination, client } = work;
  const redact = (text: string) => client.redactor.redact(text);
  const created: UnitSink[] = [];
  try {
    const context = {
      destination: stagingDestination(destination),
      dataset: plan.dataset,
      connector: work.connector,
      loadId: work.loadId,
      redact,
      batchRows: work.batchRows,
    };
    const opened = await openUnit(work.run, work.unit, context, created);
    const node = work.shape?.(opened) ?? opened;
    const extractedAt = await extractionTime(destination);
    await work.fetch(node);
    return await commitPartition({
      destination,
      dataset: plan.dataset,
      partition,
      loads: await partitionLoads(node, work.unit),
      worker: workerName(work.worker),
      attempt: work.attempt ?? 0,
      inTransaction: work.inTransaction,
      staging: work.staging,
      extractedAt,
    });
  } catch (error) {
    await abandonAttempt(created, destination, plan.dataset, describePartition(partition), error, redact);
    throw error;
  }
}

/** The destination a partition's sinks stage through: `_gc_loads` rows are written inside its commit only, so a duplicate changes nothing. */
export function stagingDestination(destination: PostgresDestination): Destination {
  return { ...bind(destination), startRun: async () => undefined, failRun: async () => undefined };
}

/** Who commits, for the marker. */
export function workerName(worker: string | undefined): string {
  return worker ?? `${hostname()}:${process.pid}`;
}

/** Now on the database's clock (one clock for every worker), as text: when the partition begins extracting. */
export async function extractionTime(destination: PostgresDestination): Promise<string> {
  const rows = await destination.query("SELECT CAST(clock_timestamp() AS text) AS now");
  return String(rows[0]?.now);
}

/** The loads of `node`'s tree, children first, each with its records, state and whether its extract was complete. */
export async function partitionLoads(node: UnitNode, unit: WorkUnit): Promise<PartitionLoad[]> {
  const loads: PartitionLoad[] = [];
  for (const n of childrenFirst(node)) {
    if (n.sink === null) continue;
    const writer = await n.sink.writer();
    const why = incompleteBecause(n, writer.quarantined, writer.discards.discardedRows ?? 0);
    const options = { load: { run: n.sink.run, records: writer.rows, quarantined: writer.quarantined }, fullRefresh: false, complete: why === null };
    loads.push({ resource: n.run.planned.resource, writer, state: stateOf(n, unit), options });
  }
  return loads;
}

/** A failed attempt: drops what each sink staged and records its load failed (`label: reason`, redacted). Never throws. */
export async function abandonAttempt(
  created: readonly UnitSink[],
  destination: PostgresDestination,
  dataset: string,
  label: string,
  error: unknown,
  redact: (text: string) => string,
): Promise<void> {
  const reason = redact(error instanceof Error ? error.message : String(error));
  for (const sink of created) {
    await sink.abort().catch(() => undefined);
    await recordFailure(destination, dataset, sink.run, `${label}: ${reason}`);
  }
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
