// Opens a destination from its URL; one row per scheme. Each destination's module (and its driver:
// DuckDB's native library, pg) is imported only when a URL asks for it.
import { UsageError } from "../errors.ts";
import type { Destination } from "./destination.ts";

/** `path?setting=value&…`: the path, and DuckDB settings such as memory_limit or threads. */
async function duckDbTarget(rest: string): Promise<Destination> {
  const { openDuckDb } = await import("./duckdb/index.ts");
  const at = rest.indexOf("?");
  if (at < 0) return openDuckDb(rest);
  return openDuckDb(rest.slice(0, at), Object.fromEntries(new URLSearchParams(rest.slice(at + 1))));
}

async function postgresTarget(rest: string): Promise<Destination> {
  const { openPostgres } = await import("./postgres/index.ts");
  return openPostgres(`postgres:${rest}`);
}

const openers: Readonly<Record<string, (rest: string) => Promise<Destination>>> = {
  duckdb: duckDbTarget,
  postgres: postgresTarget,
  postgresql: postgresTarget,
};

const SCHEME = /^([a-z][a-z0-9+.-]*):(.*)$/i;

/** The opener of `url`'s scheme (any case), if it has one we know. */
function openerOf(url: string): ((rest: string) => Promise<Destination>) | undefined {
  const scheme = SCHEME.exec(url)?.[1];
  return scheme === undefined ? undefined : openers[scheme.toLowerCase()];
}

/** Whether `url` names a Postgres destination (`postgres:` or `postgresql:`, any case). */
export function isPostgresUrl(url: string): boolean {
  return openerOf(url) === postgresTarget;
}

/** `duckdb:<path>[?setting=value…]` (or `duckdb::memory:`); throws UsageError for anything else. */
export function openDestination(url: string): Promise<Destination> {
  const match = SCHEME.exec(url);
  const opener = openerOf(url);
  if (!match || opener === undefined || match[2] === "") {
    throw new UsageError(
      `unsupported destination ${JSON.stringify(redactDestination(url))}: expected duckdb:<path> or postgres://[user[:password]@]host[:port]/database`,
    );
  }
  return opener(match[2]!);
}

/** The destination URL without a password, for messages and summaries. */
export function redactDestination(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}
