// Bounded lock waits: every statement of the destination's session gives up after `lock_timeout`
// (set at connect), and that failure names the dataset's tables other sessions hold locks on and
// who holds them — pid, application, state, when its transaction and query began; never its query
// text, which may carry values.
import type pg from "pg";
import { DestinationError } from "../../errors.ts";
import { message } from "./errors.ts";

/** Postgres's SQLSTATE for "canceling statement due to lock timeout". */
const LOCK_NOT_AVAILABLE = "55P03";
/** At most this many holders are named. */
const MAX_HOLDERS = 5;

/** Sets the session's `lock_timeout` (0: wait forever). */
export async function setLockTimeout(client: pg.Client, ms: number): Promise<void> {
  await client.query("SELECT set_config('lock_timeout', $1, false)", [`${ms}ms`]);
}

/** True when `error` is a statement cancelled by `lock_timeout`. */
export function isLockTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === LOCK_NOT_AVAILABLE;
}

interface Holder {
  table: string;
  mode: string;
  pid: number;
  app: string | null;
  state: string | null;
  xact_start: string | null;
  query_start: string | null;
}

/** The session's lock_timeout as Postgres prints it (`30s`, `300ms`). */
async function currentTimeout(client: pg.Client): Promise<string> {
  try {
    return (await client.query<{ t: string }>("SELECT current_setting('lock_timeout') AS t")).rows[0]?.t ?? "lock_timeout";
  } catch {
    return "lock_timeout";
  }
}

function describe(h: Holder): string {
  const parts = [`pid ${h.pid}`, `application ${JSON.stringify(h.app || "(unnamed)")}`];
  if (h.state !== null) parts.push(`state ${JSON.stringify(h.state)}`);
  if (h.xact_start !== null) parts.push(`transaction started ${h.xact_start}`);
  if (h.query_start !== null) parts.push(`last query started ${h.query_start}`);
  return `${JSON.stringify(h.table)} (${h.mode}) held by ${parts.join(", ")}`;
}

/**
 * The locks other sessions hold on tables of `schema` (after our statement gave up, so ours are
 * gone); empty when none is visible (released meanwhile, or not ours to see).
 */
async function holders(client: pg.Client, schema: string): Promise<Holder[]> {
  try {
    const result = await client.query<Holder>(
      `SELECT c.relname AS table, l.mode, l.pid, a.application_name AS app, a.state,
              CAST(date_trunc('second', a.xact_start) AS text) AS xact_start, CAST(date_trunc('second', a.query_start) AS text) AS query_start
         FROM pg_catalog.pg_locks l
         JOIN pg_catalog.pg_class c ON c.oid = l.relation
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid() AND n.nspname = $1
          AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
        ORDER BY c.relname, l.pid, l.mode
        LIMIT ${MAX_HOLDERS}`,
      [schema],
    );
    return result.rows;
  } catch {
    return [];
  }
}

/**
 * The DestinationError for `what` having waited its lock_timeout in dataset `schema` (call it after
 * the rollback): which tables other sessions lock and who they are, and how to wait longer.
 */
export async function lockTimeoutError(client: pg.Client, schema: string, what: string, cause: unknown): Promise<DestinationError> {
  const found = await holders(client, schema);
  const held =
    found.length === 0
      ? `no lock on a table of dataset ${JSON.stringify(schema)} is held any more (the holder finished meanwhile)`
      : `locks on tables of dataset ${JSON.stringify(schema)}: ${found.map(describe).join("; ")}`;
  return new DestinationError(
    `${what}: waited ${await currentTimeout(client)} for a table lock and gave up (${message(cause)}); ${held}. ` +
      `Nothing was written; run again once the lock is released, or wait longer with ?lock_timeout=<duration> in the destination URL`,
    { cause },
  );
}

/** The DestinationError for `what` failing in dataset `schema`: a lock wait named as one (lockTimeoutError), else the driver's message. */
export async function failure(client: pg.Client, schema: string, what: string, error: unknown): Promise<DestinationError> {
  if (isLockTimeout(error)) return lockTimeoutError(client, schema, what, error);
  return new DestinationError(`${what} failed: ${message(error)}`, { cause: error });
}
