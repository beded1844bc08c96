// The sync runner: every selected resource fetched, validated, normalized and merged. Children run
// one request sequence per parent record (fresh paginator each), fed by the parent's pages; parents
// that are not selected still run to feed them. Each resource commits atomically (rows, state,
// quarantined records and its `_gc_loads` row); the first failure aborts every uncommitted resource,
// records it failed, and stops.
import { RestClient } from "../stream/rest-client.ts";
import type { ClientOptions } from "../stream/options.ts";
import type { PageStream } from "../stream/page-stream.ts";
import type { Destination, LoadRun } from "../destinations/destination.ts";
import { openDestination, redactDestination } from "../destinations/open.ts";
import { ConfigError, UsageError } from "../errors.ts";
import { systemClock } from "../http/clock.ts";
import type { BindContext } from "../interpolate/bind.ts";
import { withParams } from "../interpolate/params.ts";
import { normalizeIdentifier } from "../normalize/identifier.ts";
import type { ConnectorSpec, ResourceSpec } from "../connector.ts";
import type { SyncObserver } from "./observer.ts";
import type { ResourceSummary, SyncSummary } from "./summary.ts";
import { asConfig, type Detected } from "../stream/auto-detect.ts";
import { compileSteps } from "../steps/compile.ts";
import { eachLimited } from "./limit.ts";
import { ResourceCursors } from "./cursors.ts";
import { TableWriter } from "./table-writer.ts";
import { newLoadId } from "./load-id.ts";
import { Quarantine, QUARANTINE_TABLE } from "./quarantine.ts";
import { pageRecords } from "./records.ts";
import { runWindows } from "./windows.ts";

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
  /**
   * Every synced resource starts over: stored incremental state is ignored (and replaced at commit), and
   * its table and nested tables are emptied and refilled in the commit transaction, whatever the write
   * disposition; a failed full refresh leaves the old tables and state. `_quarantine` keeps its history.
   */
  readonly fullRefresh?: boolean;
}

/** What every resource of one run shares. */
interface RunContext {
  readonly loadId: string;
  readonly connector: string;
  readonly destination: Destination;
  readonly dataset: string;
  /** The run's secret redactor (what reaches the database passes through it). */
  readonly redact: (text: string) => string;
  readonly options: SyncOptions;
}

/** One resource in the run: its stream, its writer (absent when it only feeds children), its children. */
interface Node {
  readonly resource: ResourceSpec;
  readonly stream: PageStream;
  writer: TableWriter | null;
  readonly load: boolean;
  readonly children: Node[];
  pages: number;
  started: number;
  /** The resource's incremental cursors (null without endpoint.incremental). */
  cursors: ResourceCursors | null;
  /** The parent's primary key fields (identify a parent record's own cursor). */
  readonly parentKey: readonly string[];
  /** The resource's processing steps, compiled once. */
  readonly steps: (record: Record<string, unknown>) => Record<string, unknown>[];
  /** The resource's `_gc_loads` row while it is `running` (recorded, not yet completed). */
  run: LoadRun | null;
}

function chooseResources(connector: ConnectorSpec, names: readonly string[] | undefined): Set<string> {
  if (names === undefined || names.length === 0) return new Set(connector.resources.filter((r) => r.selected).map((r) => r.name));
  const known = new Set(connector.resources.map((r) => r.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    const valid = connector.resources.map((r) => JSON.stringify(r.name)).join(", ");
    throw new UsageError(`unknown resource ${unknown.map((n) => JSON.stringify(n)).join(", ")}: ${connector.name} has ${valid}`);
  }
  return new Set(names);
}

/** The forest of resources to run: the chosen ones plus every ancestor that feeds them. */
function plan(connector: ConnectorSpec, chosen: ReadonlySet<string>, client: RestClient): Node[] {
  const byName = new Map(connector.resources.map((r) => [r.name, r]));
  const needed = new Set<string>();
  for (const name of chosen) {
    for (let r = byName.get(name); r !== undefined && !needed.has(r.name); r = r.parent ? byName.get(r.parent.resource) : undefined) needed.add(r.name);
  }
  const nodes = new Map<string, Node>();
  const roots: Node[] = [];
  for (const resource of connector.resources) {
    if (!needed.has(resource.name)) continue;
    const parent = resource.parent === null ? undefined : nodes.get(resource.parent.resource);
    // Creating the stream resolves the resource's secrets: all of them before any request.
    const stream = client.stream(resource.name, resource.endpoint);
    const node: Node = {
      resource,
      stream,
      writer: null,
      load: chosen.has(resource.name),
      children: [],
      pages: 0,
      started: 0,
      cursors: null,
      parentKey: parent?.resource.primaryKey ?? [],
      steps: compileSteps(resource.processingSteps),
      run: null,
    };
    nodes.set(resource.name, node);
    if (parent !== undefined) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Windows are fetched and committed per root resource; a windowed parent or child is refused (not supported yet). */
function refuseNestedWindows(roots: readonly Node[]): void {
  const issues = [...walk(roots)]
    .filter((n) => n.resource.endpoint.incremental?.window !== undefined && (n.children.length > 0 || n.resource.parent !== null))
    .map((n) => ({
      path: `resources.${n.resource.name}.endpoint.incremental.window`,
      message: `windows are supported on resources without parent or children for now; ${n.resource.name} ${n.resource.parent === null ? "has children" : "is a child"}`,
    }));
  if (issues.length > 0) throw new ConfigError("connector", issues);
}

function* walk(nodes: readonly Node[]): Generator<Node> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.children);
  }
}

/**
 * Opens the writers of a tree (so a child with no parent records still gets its table and summary
 * row), each after its `_gc_loads` row is recorded as running.
 */
async function startTree(root: Node, run: RunContext): Promise<void> {
  const { destination, dataset, options } = run;
  for (const node of walk([root])) {
    const { resource } = node;
    node.started = performance.now();
    options.observer?.resourceStarted?.(resource.name);
    node.cursors = await ResourceCursors.load(resource, destination, dataset, options.fullRefresh === true);
    if (!node.load) continue;
    const loadRun: LoadRun = { loadId: run.loadId, connector: run.connector, resource: resource.name, table: resource.table.name };
    await destination.startRun(dataset, loadRun);
    node.run = loadRun;
    const quarantine =
      resource.table.invalidRecords === "quarantine"
        ? new Quarantine({ loadId: run.loadId, resource: resource.name, table: resource.table.name, primaryKey: resource.primaryKey, redact: run.redact })
        : undefined;
    node.writer = await TableWriter.open(destination, dataset, resource.table, options.batchRows, quarantine);
  }
}

/** One request sequence of a resource (for one parent record, if a child), then its children's. */
async function runNode(node: Node, bind: BindContext, concurrency: number, observer?: SyncObserver): Promise<void> {
  const { resource } = node;
  const parentRecord = resource.parent === null ? undefined : (bind.resources?.[resource.parent.resource] as Record<string, unknown> | undefined);
  const tracker = node.cursors?.tracker(parentRecord, node.parentKey);
  const sequence = tracker === undefined ? bind : { ...bind, incremental: tracker.requestValues() };
  for await (const page of node.stream.pages(sequence)) {
    node.pages++;
    const found = pageRecords(node, page, parentRecord, tracker);
    const { stop } = found;
    let { records } = found;
    if (node.writer !== null) {
      // Records the normalizer refuses (and quarantines) feed no children.
      records = await node.writer.write(records, found.origins.length > 0 ? found.origins : undefined);
      observer?.page?.(resource.name, node.pages, node.writer.rows);
    }
    // Child sequences run as many at a time as the scheduler admits requests; it bounds the requests.
    for (const child of node.children) {
      await eachLimited(records, concurrency, (record) => runNode(child, { resources: { ...bind.resources, [resource.name]: record } }, concurrency, observer));
    }
    if (stop) break;
  }
}

async function commitTree(roots: readonly Node[], run: RunContext): Promise<ResourceSummary[]> {
  const { options } = run;
  const summaries: ResourceSummary[] = [];
  for (const node of walk(roots)) {
    if (node.writer === null) continue;
    const records = node.writer.rows;
    const quarantined = node.writer.quarantined;
    const discards = node.writer.discards;
    const load = node.run === null ? {} : { load: { run: node.run, records, quarantined } };
    // A complete extract (a merge with `missing` reconciles against it): a top-level resource, not incremental, nothing filtered, quarantined or discarded.
    const { resource } = node;
    const filtered = (resource.processingSteps ?? []).some((step) => "filter" in step);
    const complete =
      resource.parent === null && resource.endpoint.incremental === null && !filtered && quarantined === 0 && (discards.discardedRows ?? 0) === 0;
    const counts = await node.writer.commit(node.cursors?.nextState(), { ...load, fullRefresh: options.fullRefresh === true, complete });
    node.writer = null;
    node.run = null;
    if (quarantined > 0) options.observer?.quarantined?.(node.resource.name, quarantined, `${run.dataset}.${QUARANTINE_TABLE}`);
    const summary: ResourceSummary = {
      resource: node.resource.name,
      table: node.resource.table.name,
      pages: node.pages,
      records,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
      ...(quarantined === 0 ? {} : { quarantined }),
      ...discards,
      ...(counts.children === undefined ? {} : { children: counts.children }),
      requests: node.stream.http.requests,
      retries: node.stream.http.retries,
      ignored: node.stream.http.ignored,
      seconds: (performance.now() - node.started) / 1000,
    };
    options.observer?.resourceFinished?.(summary);
    summaries.push(summary);
  }
  return summaries;
}

/** Runs the connector's sync into the destination and returns what it did. */
export async function runSync(declared: ConnectorSpec, options: SyncOptions = {}): Promise<SyncSummary> {
  const started = performance.now();
  // Run parameters resolved and bound first: a missing one stops the run before any request.
  const connector = withParams(declared, options);
  const chosen = chooseResources(connector, options.resources);
  const detected = new Map<string, Detected>();
  const client = new RestClient(connector.client, {
    ...options,
    onRetry: (resource, event) => options.observer?.retry?.(resource, event),
    onWait: (event) => options.observer?.wait?.(event),
    onDetected: (resource, found) => {
      detected.set(resource, found);
      options.observer?.detected?.(resource, found);
    },
  });
  const roots = plan(connector, chosen, client);
  refuseNestedWindows(roots);
  const dataset = options.dataset ?? normalizeIdentifier(connector.name);
  const url =
    typeof options.destination === "string"
      ? options.destination
      : options.destination === undefined
        ? `duckdb:./${connector.name}.duckdb`
        : "(provided destination)";
  const destination = typeof options.destination === "object" ? options.destination : await openDestination(url);
  const run: RunContext = { loadId: newLoadId(), connector: connector.name, destination, dataset, redact: (text) => client.redactor.redact(text), options };
  const byRoot = new Map<Node, ResourceSummary[]>();
  const runTree = async (root: Node): Promise<void> => {
    const window = root.resource.endpoint.incremental?.window;
    if (window !== undefined) {
      const windowRun = {
        ...run,
        clock: options.clock ?? systemClock,
        ahead: client.scheduler.concurrency,
        fullRefresh: options.fullRefresh === true,
        batchRows: options.batchRows,
        observer: options.observer,
      };
      options.observer?.resourceStarted?.(root.resource.name);
      const summary = await runWindows(root.resource, window, root.stream, root.steps, windowRun);
      options.observer?.resourceFinished?.(summary);
      byRoot.set(root, [summary]);
      return;
    }
    try {
      await startTree(root, run);
      await runNode(root, {}, client.scheduler.concurrency, options.observer);
      const committed = await commitTree([root], run);
      byRoot.set(
        root,
        committed.map((s) => {
          const found = detected.get(s.resource);
          return found === undefined ? s : { ...s, detected: { ...asConfig(found), reasons: found.reasons, confident: found.confident } };
        }),
      );
    } catch (error) {
      const reason = run.redact(error instanceof Error ? error.message : String(error));
      for (const node of walk([root])) {
        await node.writer?.abort();
        if (node.run !== null) await destination.failRun(dataset, node.run, reason);
      }
      throw error;
    }
  };
  try {
    // `parallelized` resources (with their children) run concurrently, their requests under the one
    // scheduler; the others one after another. Destination writes stay serialized per database.
    const parallel = roots.filter((r) => r.resource.parallelized === true);
    await eachLimited(parallel, Math.max(2, client.scheduler.concurrency), runTree);
    for (const root of roots) if (!parallel.includes(root)) await runTree(root);
    const resources = roots.flatMap((root) => byRoot.get(root) ?? []);
    return {
      connector: connector.name,
      loadId: run.loadId,
      destination: redactDestination(url),
      dataset,
      resources,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    if (typeof options.destination !== "object") await destination.close();
  }
}
