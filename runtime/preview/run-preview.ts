// `preview`: a connector's requests without a destination. Every chosen resource (and the parents that
// feed it, as in a sync) is paged through the runtime's own page stream, within page and record
// limits; nothing is validated away, written or stored. What came back is kept per resource: the
// exchanges, the pages with what paging decided, the records (raw, as the API sent them).
import crossFetch from "cross-fetch";
import { IncrementalTracker } from "../incremental/tracker.ts";
import type { BindContext } from "../interpolate/bind.ts";
import { withParams } from "../interpolate/params.ts";
import { compileSteps } from "../steps/compile.ts";
import type { Detected } from "../stream/auto-detect.ts";
import type { ClientOptions } from "../stream/options.ts";
import type { PageStream } from "../stream/page-stream.ts";
import { RestClient } from "../stream/rest-client.ts";
import { validateRecord } from "../stream/validate.ts";
import { GenConnectorError, UsageError } from "../errors.ts";
import type { ConnectorSpec, ResourceSpec } from "../connector.ts";
import { redactExchange } from "../fixtures/exchange.ts";
import { tapFetch, type TappedExchange } from "../fixtures/tap.ts";

export interface PreviewOptions extends Omit<ClientOptions, "onDetected"> {
  /** Only these resources (and what feeds them); default every selected one. */
  readonly resources?: readonly string[];
  /** Pages per request sequence; null: no limit. */
  readonly maxPages: number | null;
  /** Records per resource; null: no limit. */
  readonly maxRecords: number | null;
}

export interface PreviewPage {
  /** Index of the exchange (in `exchanges`) that brought the page. */
  readonly exchange: number;
  readonly number: number;
  readonly records: number;
}

/** What ended a request sequence: its paginator, a limit, or (while `open`) a failure. */
export type SequenceEnd = "paginator" | "max-pages" | "max-records" | "open";

export interface PreviewSequence {
  readonly pages: PreviewPage[];
  end: SequenceEnd;
}

export interface ResourcePreview {
  readonly resource: ResourceSpec;
  /** False for a parent that only feeds a chosen child. */
  readonly chosen: boolean;
  /** Redacted; `ms` from call to body end. */
  readonly exchanges: TappedExchange[];
  /** Each request sequence (one per parent record for a child): its pages and what ended it. */
  readonly sequences: PreviewSequence[];
  detected: Detected | undefined;
  readonly records: unknown[];
  /** Records that failed the connector's schema: the message of the first few, and how many. */
  readonly invalid: { count: number; first: string[] };
  /** The raw (unredacted) exchanges, for a recording: redact before they leave. */
  readonly raw: TappedExchange[];
  /** The resource's redactor knows its secrets: redacts raw exchanges for a recording. */
  redact(exchange: TappedExchange): TappedExchange;
}

export interface PreviewResult {
  readonly resources: ResourcePreview[];
  /** What stopped the preview (an HTTP, paging or selection failure), located; absent when all went through. */
  readonly error?: GenConnectorError;
}

/** The resources to preview, parents first: the chosen ones and every ancestor feeding them. */
function planned(connector: ConnectorSpec, names: readonly string[] | undefined): { resource: ResourceSpec; chosen: boolean }[] {
  const known = new Set(connector.resources.map((r) => r.name));
  const unknown = (names ?? []).filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown resource ${unknown.map((n) => JSON.stringify(n)).join(", ")}: ${connector.name} has ${[...known].map((n) => JSON.stringify(n)).join(", ")}`,
    );
  }
  const chosen = new Set(names === undefined || names.length === 0 ? connector.resources.filter((r) => r.selected).map((r) => r.name) : names);
  const byName = new Map(connector.resources.map((r) => [r.name, r]));
  const needed = new Set<string>();
  for (const name of chosen) {
    for (let r = byName.get(name); r !== undefined && !needed.has(r.name); r = r.parent ? byName.get(r.parent.resource) : undefined) needed.add(r.name);
  }
  return connector.resources.filter((r) => needed.has(r.name)).map((resource) => ({ resource, chosen: chosen.has(resource.name) }));
}

interface Node {
  readonly preview: ResourcePreview;
  readonly stream: PageStream;
  readonly steps: (record: Record<string, unknown>) => Record<string, unknown>[];
  readonly children: Node[];
}

/** Runs the preview; an HTTP or paging failure ends it and is returned with what was seen so far. Missing secrets throw before any request. */
export async function runPreview(declared: ConnectorSpec, options: PreviewOptions): Promise<PreviewResult> {
  // Run parameters resolved and bound first: a missing one stops the preview before any request.
  const connector = withParams(declared, options);
  const nodes = new Map<string, Node>();
  const roots: Node[] = [];
  for (const { resource, chosen } of planned(connector, options.resources)) {
    const raw: TappedExchange[] = [];
    let client: RestClient | undefined;
    const preview: ResourcePreview = {
      resource,
      chosen,
      exchanges: [],
      sequences: [],
      detected: undefined,
      records: [],
      invalid: { count: 0, first: [] },
      raw,
      redact: (exchange) => ({ ...redactExchange(exchange, (client as RestClient).redactor), ms: exchange.ms }),
    };
    const fetch = tapFetch(options.fetch ?? crossFetch, (exchange) => {
      raw.push(exchange);
      preview.exchanges.push(preview.redact(exchange));
    });
    client = new RestClient(connector.client, {
      ...options,
      // One request at a time: the exchanges are listed in the order the sequence made them (no page
      // past --max-pages is requested either: see runSequence).
      concurrency: 1,
      fetch,
      onDetected: (_, found) => {
        preview.detected = found;
      },
    });
    // Creating the stream resolves the resource's secrets: all of them before any request.
    const node: Node = { preview, stream: client.stream(resource.name, resource.endpoint), steps: compileSteps(resource.processingSteps), children: [] };
    nodes.set(resource.name, node);
    const parent = resource.parent === null ? undefined : nodes.get(resource.parent.resource);
    if (parent === undefined) roots.push(node);
    else parent.children.push(node);
  }
  const resources = [...nodes.values()].map((n) => n.preview);
  try {
    for (const root of roots) await runSequence(root, {}, options);
  } catch (error) {
    if (error instanceof GenConnectorError && !(error instanceof UsageError)) return { resources, error };
    throw error;
  }
  return { resources };
}

function full(preview: ResourcePreview, options: PreviewOptions): boolean {
  return options.maxRecords !== null && preview.records.length >= options.maxRecords;
}

/** One request sequence of a resource (for one parent record, if a child), feeding its children page by page. */
async function runSequence(node: Node, bind: BindContext, options: PreviewOptions): Promise<void> {
  const { preview } = node;
  const { resource } = preview;
  if (full(preview, options)) return;
  const parentRecord = resource.parent === null ? undefined : (bind.resources?.[resource.parent.resource] as Record<string, unknown> | undefined);
  const incremental = resource.endpoint.incremental;
  const sequence = incremental === null ? bind : { ...bind, incremental: new IncrementalTracker(incremental, [], null).requestValues() };
  const pages: PreviewPage[] = [];
  const current: PreviewSequence = { pages, end: "open" };
  preview.sequences.push(current);
  for await (const page of node.stream.pages(sequence, undefined, options.maxPages ?? undefined)) {
    pages.push({ exchange: preview.exchanges.length - 1, number: page.number, records: page.records.length });
    const room = options.maxRecords === null ? page.records.length : Math.max(0, options.maxRecords - preview.records.length);
    const kept = page.records.slice(0, room);
    const feed: Record<string, unknown>[] = [];
    for (const [index, raw] of kept.entries()) {
      preview.records.push(raw);
      let record: Record<string, unknown>;
      try {
        record = validateRecord(resource.schema, raw, resource.primaryKey, { resource: resource.name, page: page.number, index });
      } catch (error) {
        preview.invalid.count++;
        if (preview.invalid.first.length < 3) preview.invalid.first.push(error instanceof Error ? error.message : String(error));
        record = raw as Record<string, unknown>;
      }
      if (parentRecord !== undefined && resource.parent !== null) {
        for (const field of resource.parent.includeFromParent) record[`_${resource.parent.resource}_${field}`] = parentRecord[field];
      }
      feed.push(...node.steps(record));
    }
    for (const child of node.children) {
      for (const record of feed) {
        if (full(child.preview, options)) break;
        await runSequence(child, { resources: { ...bind.resources, [resource.name]: record } }, options);
      }
    }
    if (full(preview, options)) {
      current.end = "max-records";
      return;
    }
    if (options.maxPages !== null && page.number >= options.maxPages) {
      current.end = "max-pages";
      return;
    }
  }
  current.end = "paginator";
}
