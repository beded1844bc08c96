// The sync runner: every selected resource fetched, validated, normalized and merged. Children run
// one request sequence per parent record (fresh paginator each), fed by the parent's pages; parents
// that are not selected still run to feed them. Each resource commits atomically; the first failure
// aborts every uncommitted resource and stops.
import { RestClient } from "../client/rest-client.ts";
import type { ClientOptions } from "../client/options.ts";
import { checkPrimaryKey, validateRecord } from "../client/validate.ts";
import type { PageStream, RawPage } from "../client/page-stream.ts";
import type { Destination } from "../destinations/destination.ts";
import { openDestination, redactDestination } from "../destinations/open.ts";
import { DataSelectorError, HookError, UsageError } from "../errors.ts";
import type { BindContext } from "../interpolate/bind.ts";
import { normalizeIdentifier } from "../normalize/identifier.ts";
import type { ConnectorSpec, ResourceSpec } from "../spec.ts";
import type { SyncObserver } from "./observer.ts";
import type { ResourceSummary, SyncSummary } from "./summary.ts";
import { asConfig, type Detected } from "../client/detection.ts";
import type { IncrementalTracker } from "../incremental/tracker.ts";
import { compileSteps } from "../steps/compile.ts";
import { eachLimited } from "./limit.ts";
import { ResourceCursors } from "./cursors.ts";
import { TableWriter } from "./table-writer.ts";

export interface SyncOptions extends Omit<ClientOptions, "onRetry"> {
  /** A destination URL (default `duckdb:./<connector>.duckdb`) or an open destination (left open). */
  readonly destination?: string | Destination;
  /** Schema to load into; defaults to the connector name. */
  readonly dataset?: string;
  /** Run only these resources (by config name) and what feeds them; default: every selected one. */
  readonly resources?: readonly string[];
  readonly observer?: SyncObserver;
  /** Rows per staged batch. */
  readonly batchRows?: number;
  /** Child request sequences (one per parent record) in flight at once; default 1. Writes stay serialized. */
  readonly concurrency?: number;
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
    const node: Node = { resource, stream, writer: null, load: chosen.has(resource.name), children: [], pages: 0, started: 0, cursors: null, parentKey: parent?.resource.primaryKey ?? [], steps: compileSteps(resource.processingSteps) };
    nodes.set(resource.name, node);
    if (parent !== undefined) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function* walk(nodes: readonly Node[]): Generator<Node> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.children);
  }
}

/** Copies the parent fields named by include_from_parent into a child record as `_<parent>_<field>`. */
function includeFromParent(record: Record<string, unknown>, resource: ResourceSpec, parentRecord: Record<string, unknown> | undefined): void {
  if (resource.parent === null || parentRecord === undefined) return;
  for (const field of resource.parent.includeFromParent) {
    if (!(field in parentRecord)) {
      throw new DataSelectorError(`${resource.name}: include_from_parent field \`${field}\` is missing from the ${resource.parent.resource} record; its fields: ${Object.keys(parentRecord).slice(0, 20).join(", ")}`);
    }
    record[`_${resource.parent.resource}_${field}`] = parentRecord[field];
  }
}

/** Opens the writers of a tree (so a child with no parent records still gets its table and summary row). */
async function startTree(root: Node, destination: Destination, dataset: string, options: SyncOptions): Promise<void> {
  for (const node of walk([root])) {
    node.started = performance.now();
    options.observer?.resourceStarted?.(node.resource.name);
    node.cursors = await ResourceCursors.load(node.resource, destination, dataset);
    if (node.load) node.writer = await TableWriter.open(destination, dataset, node.resource.table, options.batchRows);
  }
}

/** Names the resource, page and record in a hook's error. */
function located<T>(at: { resource: string; page: number; index: number }, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof HookError) throw new HookError(`${at.resource}: record ${at.index} of page ${at.page}: ${error.message}`, { cause: error.cause });
    throw error;
  }
}

/**
 * One page's records as they will be loaded: validated, parent fields included, processing steps
 * applied, then the incremental filter (so a map can shape the cursor, as in dlt). `stop` is set when
 * row_order says the rest of the sequence is out of range.
 */
function pageRecords(node: Node, page: RawPage, parentRecord: Record<string, unknown> | undefined, tracker: IncrementalTracker | undefined): { records: Record<string, unknown>[]; stop: boolean } {
  const { resource } = node;
  const records: Record<string, unknown>[] = [];
  for (const [index, raw] of page.records.entries()) {
    const at = { resource: resource.name, page: page.number, index };
    const validated = validateRecord(resource.schema, raw, resource.primaryKey, at);
    includeFromParent(validated, resource, parentRecord);
    for (const record of located(at, () => node.steps(validated))) {
      checkPrimaryKey(record, resource.primaryKey, at);
      const verdict = tracker?.filter(record) ?? "keep";
      if (verdict === "stop") return { records, stop: true };
      if (verdict === "keep") records.push(record);
    }
  }
  return { records, stop: false };
}

/** One request sequence of a resource (for one parent record, if a child), then its children's. */
async function runNode(node: Node, bind: BindContext, options: SyncOptions): Promise<void> {
  const { resource } = node;
  const parentRecord = resource.parent === null ? undefined : (bind.resources?.[resource.parent.resource] as Record<string, unknown> | undefined);
  const tracker = node.cursors?.tracker(parentRecord, node.parentKey);
  const sequence = tracker === undefined ? bind : { ...bind, incremental: tracker.requestValues() };
  for await (const page of node.stream.pages(sequence)) {
    node.pages++;
    const { records, stop } = pageRecords(node, page, parentRecord, tracker);
    if (node.writer !== null) {
      await node.writer.write(records);
      options.observer?.page?.(resource.name, node.pages, node.writer.rows);
    }
    for (const child of node.children) {
      const limit = child.resource.parallelized === true ? Math.max(2, options.concurrency ?? 1) : (options.concurrency ?? 1);
      await eachLimited(records, limit, (record) => runNode(child, { resources: { ...bind.resources, [resource.name]: record } }, options));
    }
    if (stop) break;
  }
}

async function commitTree(roots: readonly Node[], options: SyncOptions): Promise<ResourceSummary[]> {
  const summaries: ResourceSummary[] = [];
  for (const node of walk(roots)) {
    if (node.writer === null) continue;
    const records = node.writer.rows;
    const counts = await node.writer.commit(node.cursors?.nextState());
    node.writer = null;
    const summary: ResourceSummary = {
      resource: node.resource.name,
      table: node.resource.table.name,
      pages: node.pages,
      records,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
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
export async function runSync(connector: ConnectorSpec, options: SyncOptions = {}): Promise<SyncSummary> {
  const started = performance.now();
  const chosen = chooseResources(connector, options.resources);
  const detected = new Map<string, Detected>();
  const client = new RestClient(connector.client, {
    ...options,
    onRetry: (resource, event) => options.observer?.retry?.(resource, event),
    onDetected: (resource, found) => {
      detected.set(resource, found);
      options.observer?.detected?.(resource, found);
    },
  });
  const roots = plan(connector, chosen, client);
  const dataset = options.dataset ?? normalizeIdentifier(connector.name);
  const url = typeof options.destination === "string" ? options.destination : options.destination === undefined ? `duckdb:./${connector.name}.duckdb` : "(provided destination)";
  const destination = typeof options.destination === "object" ? options.destination : await openDestination(url);
  const byRoot = new Map<Node, ResourceSummary[]>();
  const runTree = async (root: Node): Promise<void> => {
    try {
      await startTree(root, destination, dataset, options);
      await runNode(root, {}, options);
      const committed = await commitTree([root], options);
      byRoot.set(root, committed.map((s) => {
        const found = detected.get(s.resource);
        return found === undefined ? s : { ...s, detected: { ...asConfig(found), reasons: found.reasons, confident: found.confident } };
      }));
    } catch (error) {
      for (const node of walk([root])) await node.writer?.abort();
      throw error;
    }
  };
  try {
    // `parallelized` resources (with their children) run concurrently, bounded by --concurrency
    // (at least 2); the others one after another. Destination writes stay serialized per database.
    const parallel = roots.filter((r) => r.resource.parallelized === true);
    await eachLimited(parallel, Math.max(2, options.concurrency ?? 1), runTree);
    for (const root of roots) if (!parallel.includes(root)) await runTree(root);
    const resources = roots.flatMap((root) => byRoot.get(root) ?? []);
    return { connector: connector.name, destination: redactDestination(url), dataset, resources, seconds: (performance.now() - started) / 1000 };
  } finally {
    if (typeof options.destination !== "object") await destination.close();
  }
}
