// Opens a destination from its URL; one row per scheme.
import { UsageError } from "../errors.ts";
import type { Destination } from "./destination.ts";
import { openDuckDb } from "./duckdb/index.ts";

const openers: Readonly<Record<string, (rest: string) => Promise<Destination>>> = {
  duckdb: (path) => openDuckDb(path),
};

/** `duckdb:<path>` (or `duckdb::memory:`); throws UsageError for anything else. */
export function openDestination(url: string): Promise<Destination> {
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(url);
  const opener = match ? openers[match[1]!.toLowerCase()] : undefined;
  if (!match || opener === undefined || match[2] === "") {
    throw new UsageError(`unsupported destination ${JSON.stringify(redactDestination(url))}: expected duckdb:<path> (postgres:// is planned)`);
  }
  return opener(match[2]!);
}

/** The destination URL without a password, for messages and summaries. */
export function redactDestination(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}
