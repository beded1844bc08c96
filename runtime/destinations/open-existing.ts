// Opens a destination that must already exist, for the commands that only look at or reset what syncs
// left: a DuckDB URL naming no file is refused instead of creating an empty database (Postgres never
// creates a database on connect; the dataset's schema is checked by the caller).
import { existsSync } from "node:fs";
import { UsageError } from "../errors.ts";
import type { Destination } from "./destination.ts";
import { openDestination, redactDestination } from "./open.ts";

/** The DuckDB file a `duckdb:` URL names (without its `?settings`); null for any other URL. */
export function duckDbFile(url: string): string | null {
  const match = /^duckdb:(.*)$/i.exec(url);
  if (match === null) return null;
  const rest = match[1]!;
  const at = rest.indexOf("?");
  return at < 0 ? rest : rest.slice(0, at);
}

/** Opens `url` like openDestination, refusing (UsageError) a DuckDB database that does not exist or is in memory. */
export function openExistingDestination(url: string): Promise<Destination> {
  const file = duckDbFile(url);
  if (file !== null && (file === "" || file === ":memory:" || !existsSync(file))) {
    const what = file === "" || file === ":memory:" ? "an in-memory database holds nothing from earlier syncs" : `no DuckDB database at ${file}`;
    throw new UsageError(`${what} (destination ${redactDestination(url)}): nothing was synced there; pass the --destination the sync used`);
  }
  return openDestination(url);
}
