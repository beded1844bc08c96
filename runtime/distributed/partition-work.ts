// What applying any partition (a tree, a window, a child batch) does around its request sequences: the
// client, the destination its sinks stage through (no `_gc_loads` row outside the commit), the
// extraction time, the loads handed to the commit, and the clean-up of a failed attempt.
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
import type { UnitSink } from "../sync/unit-sink.ts";
import { childrenFirst, type WorkUnit } from "../sync/units.ts";
import type { PartitionLoad } from "./partition-commit.ts";

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
