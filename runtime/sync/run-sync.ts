// The sync runner's shell: the plan, the client and destination, then each resource tree run as work
// units (tree-run.ts) — `parallelized` trees concurrently, the others one after another — and the
// run's summary. The first failure stops the run: uncommitted units are dropped and recorded failed.
import { RestClient } from "../stream/rest-client.ts";
import type { ClientOptions } from "../stream/options.ts";
import type { Destination } from "../destinations/destination.ts";
import { openDestination, redactDestination } from "../destinations/open.ts";
import { systemClock } from "../http/clock.ts";
import { withParams } from "../interpolate/params.ts";
import type { ConnectorSpec } from "../connector.ts";
import type { SyncObserver } from "./observer.ts";
import type { ResourceSummary, SyncSummary } from "./summary.ts";
import { asConfig, type Detected } from "../stream/auto-detect.ts";
import { eachLimited } from "./limit.ts";
import { newLoadId } from "./load-id.ts";
import { syncDataset, syncDestinationUrl } from "./sync-target.ts";
import { chooseResources, planRun, type PlannedResource } from "./plan.ts";
import { buildRuns, startTree } from "./resource-tree.ts";
import type { ResourceRun } from "./resource-run.ts";
import { runTree, type TreeContext } from "./tree-run.ts";

export interface SyncOptions extends Omit<ClientOptions, "onRetry" | "onWait"> {
  /** A destination URL (default `duckdb:./<connector>.duckdb`) or an open destination (left open). */
  readonly destination?: string | Destination;
  /** Schema to load into; defaults to the connector name. */
  readonly dataset?: string;
  /** Run only these resources (by config name) and what feeds them; default: every selected one. */
  readonly resources?: readonly string[];
  readonly observer?: SyncObserver;
  /** Rows per staged batch. */
  readonly batchRows?: number;
  /** A windowed backfill: records the windows fetched ahead of the committing one may hold between them (default 50,000). */
  readonly aheadRecords?: number;
  /**
   * Every synced resource starts over: stored incremental state is ignored (and replaced at commit), and
   * its table and nested tables are emptied and refilled in the commit transaction, whatever the write
   * disposition; a failed full refresh leaves the old tables and state. `_quarantine` keeps its history.
   * A windowed backfill empties its tables at its first window's commit.
   */
  readonly fullRefresh?: boolean;
}

/** Runs the connector's sync into the destination and returns what it did. */
export async function runSync(declared: ConnectorSpec, options: SyncOptions = {}): Promise<SyncSummary> {
  // Run parameters resolved and bound first: a missing one stops the run before any request.
  const connector = withParams(declared, options);
  const started = performance.now();
  const plan = planRun(connector, chooseResources(connector, options.resources));
  const detected = new Map<string, Detected>();
  const client = new RestClient(connector.client, {
    ...options,
    onRetry: (resource, event) => options.observer?.retry?.(resource, event),
    onWait: (event) => options.observer?.wait?.(event),
    onTotal: (resource, pages) => {
      const spec = connector.resources.find((r) => r.name === resource);
      if (spec?.parent === null && spec.endpoint.incremental?.window === undefined) options.observer?.total?.(resource, { pages });
    },
    onDetected: (resource, found) => {
      detected.set(resource, found);
      options.observer?.detected?.(resource, found);
    },
  });
  // Creating the streams resolves every resource's secrets: all of them before any request.
  const runs = new Map<PlannedResource, ResourceRun>(plan.roots.map((root) => [root, buildRuns(root, (r) => client.stream(r.name, r.endpoint))]));
  const dataset = syncDataset(connector, options.dataset);
  const url = typeof options.destination === "object" ? "(provided destination)" : syncDestinationUrl(connector, options.destination);
  const destination = typeof options.destination === "object" ? options.destination : await openDestination(url);
  const fullRefresh = options.fullRefresh === true;
  const context: TreeContext = {
    loadId: newLoadId(),
    connector: connector.name,
    destination,
    dataset,
    redact: (text) => client.redactor.redact(text),
    batchRows: options.batchRows,
    aheadRecords: options.aheadRecords,
    fullRefresh,
    concurrency: client.scheduler.concurrency,
    observer: options.observer,
  };
  const byRoot = new Map<PlannedResource, ResourceSummary[]>();
  const run = async (planned: PlannedResource): Promise<void> => {
    const root = runs.get(planned) as ResourceRun;
    const start = { destination, dataset, fullRefresh, clock: options.clock ?? systemClock, observer: options.observer };
    const summaries = await runTree(root, await startTree(root, start), context);
    byRoot.set(
      planned,
      summaries.map((s) => {
        const found = detected.get(s.resource);
        return found === undefined ? s : { ...s, detected: { ...asConfig(found), reasons: found.reasons, confident: found.confident } };
      }),
    );
  };
  try {
    // `parallelized` trees run concurrently, their requests under the one scheduler; the others one
    // after another. Destination writes stay serialized per database.
    await eachLimited(plan.parallel, Math.max(2, client.scheduler.concurrency), run);
    for (const root of plan.sequential) await run(root);
    return {
      connector: connector.name,
      loadId: context.loadId,
      destination: redactDestination(url),
      dataset,
      resources: plan.roots.flatMap((root) => byRoot.get(root) ?? []),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    if (typeof options.destination !== "object") await destination.close();
  }
}
