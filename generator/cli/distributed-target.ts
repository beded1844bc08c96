// What every distributed command starts from: the generated connector, its code hash (the files of its
// directory) and a Postgres destination — a DuckDB file has one writer, so it is refused up front.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ConnectorSpec } from "../../runtime/connector.ts";
import { generatedCodeHash } from "../../runtime/distributed/connector-hash.ts";
import { redactDestination } from "../../runtime/destinations/open.ts";
import { UsageError } from "../../runtime/errors.ts";
import { syncDestinationUrl } from "../../runtime/sync/sync-target.ts";
import { loadConnector } from "./sync.ts";

export interface DistributedTarget {
  readonly connector: ConnectorSpec;
  readonly codeHash: string;
  /** The destination's postgres:// URL. */
  readonly url: string;
}

/** The hash of the connector directory's code files (index, client, schema, loader, compiled or not). */
export function connectorCodeHash(dir: string): string {
  const files = readdirSync(dir)
    .filter((name) => /\.(ts|js|mjs|cjs|json)$/.test(name) && statSync(join(dir, name)).isFile())
    .map((name) => ({ path: name, content: readFileSync(join(dir, name), "utf8") }));
  return generatedCodeHash(files);
}

/** UsageError unless `url` is a postgres:// URL. */
function requirePostgres(url: string, what: string): void {
  if (/^postgres(ql)?:\/\//i.test(url)) return;
  throw new UsageError(
    `${what} needs a postgres:// destination, got ${JSON.stringify(redactDestination(url))}: partitions commit concurrently from several processes, ` +
      "and a DuckDB file has a single writer (one process). Sync into DuckDB without --distributed/--workers (--concurrency N overlaps requests in that one process)",
  );
}

/** The connector in `dir` and its Postgres destination; UsageError for DuckDB or anything else (before loading the connector when the URL is given). */
export async function distributedTarget(dir: string, destination: string | undefined, what: string): Promise<DistributedTarget> {
  if (destination !== undefined) requirePostgres(destination, what);
  const connector = await loadConnector(dir);
  const url = syncDestinationUrl(connector, destination);
  requirePostgres(url, what);
  return { connector, codeHash: connectorCodeHash(dir), url };
}
