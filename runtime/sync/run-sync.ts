// The sync runner: every selected resource fetched, validated, normalized and merged, each
// resource committed atomically; the first failure aborts the current resource and stops.
import { RestClient } from "../client/rest-client.ts";
import type { ClientOptions } from "../client/options.ts";
import { checkPrimaryKey, validateRecord } from "../client/validate.ts";
import type { PageStream } from "../client/page-stream.ts";
import type { Destination } from "../destinations/destination.ts";
import { openDestination, redactDestination } from "../destinations/open.ts";
import { UsageError } from "../errors.ts";
import { normalizeIdentifier } from "../normalize/identifier.ts";
import type { ConnectorSpec, ResourceSpec } from "../spec.ts";
import type { SyncObserver } from "./observer.ts";
import type { ResourceSummary, SyncSummary } from "./summary.ts";
import { TableWriter } from "./table-writer.ts";

export interface SyncOptions extends Omit<ClientOptions, "onRetry"> {
  /** A destination URL (default `duckdb:./<connector>.duckdb`) or an open destination (left open). */
  readonly destination?: string | Destination;
  /** Schema to load into; defaults to the connector name. */
  readonly dataset?: string;
  /** Run only these resources (by config name); default: every selected one. */
  readonly resources?: readonly string[];
  readonly observer?: SyncObserver;
  /** Rows per staged batch. */
  readonly batchRows?: number;
}

function chooseResources(connector: ConnectorSpec, names: readonly string[] | undefined): readonly ResourceSpec[] {
  if (names === undefined || names.length === 0) return connector.resources.filter((r) => r.selected);
  const known = new Map(connector.resources.map((r) => [r.name, r]));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    const valid = connector.resources.map((r) => JSON.stringify(r.name)).join(", ");
    throw new UsageError(`unknown resource ${unknown.map((n) => JSON.stringify(n)).join(", ")}: ${connector.name} has ${valid}`);
  }
  return names.map((n) => known.get(n)!);
}

async function syncResource(resource: ResourceSpec, stream: PageStream, destination: Destination, dataset: string, options: SyncOptions): Promise<ResourceSummary> {
  const started = performance.now();
  const observer = options.observer;
  observer?.resourceStarted?.(resource.name);
  const writer = await TableWriter.open(destination, dataset, resource.table, options.batchRows);
  let pages = 0;
  try {
    for await (const page of stream.pages()) {
      pages++;
      const records = page.records.map((raw, index) => {
        const at = { resource: resource.name, page: page.number, index };
        const record = validateRecord(resource.schema, raw, resource.primaryKey, at);
        checkPrimaryKey(record, resource.primaryKey, at);
        return record;
      });
      await writer.write(records);
      observer?.page?.(resource.name, pages, writer.rows);
    }
    const counts = await writer.commit();
    const summary: ResourceSummary = {
      resource: resource.name,
      table: resource.table.name,
      pages,
      records: writer.rows,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
      requests: stream.http.requests,
      retries: stream.http.retries,
      seconds: (performance.now() - started) / 1000,
    };
    observer?.resourceFinished?.(summary);
    return summary;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** Runs the connector's sync into the destination and returns what it did. */
export async function runSync(connector: ConnectorSpec, options: SyncOptions = {}): Promise<SyncSummary> {
  const started = performance.now();
  const chosen = chooseResources(connector, options.resources);
  const client = new RestClient(connector.client, {
    ...options,
    onRetry: (resource, event) => options.observer?.retry?.(resource, event),
  });
  // Resolve every secret before the first request or database write.
  const streams = chosen.map((resource) => client.stream(resource.name, resource.endpoint));
  const dataset = options.dataset ?? normalizeIdentifier(connector.name);
  const url = typeof options.destination === "string" ? options.destination : options.destination === undefined ? `duckdb:./${connector.name}.duckdb` : "(provided destination)";
  const destination = typeof options.destination === "object" ? options.destination : await openDestination(url);
  try {
    const resources: ResourceSummary[] = [];
    for (const [i, resource] of chosen.entries()) resources.push(await syncResource(resource, streams[i]!, destination, dataset, options));
    return { connector: connector.name, destination: redactDestination(url), dataset, resources, seconds: (performance.now() - started) / 1000 };
  } finally {
    if (typeof options.destination !== "object") await destination.close();
  }
}
