// Streaming INSERT … SELECTs: statements whose row order means nothing run with
// `preserve_insertion_order` off (row groups are written as DuckDB's threads finish them instead of
// held back to keep the source order), and a plain scan of spooled rows also runs with a small buffer
// pool, since the rows only pass through it (measured at a million rows: ~60 MB less resident
// memory, no slower): what its threads need to insert (settings.ts). The settings are restored after
// the statement; when it fails inside the commit transaction they cannot be (an aborted transaction
// runs nothing), so the commit restores them after its ROLLBACK. The memory limit is restored from
// its text: DuckDB reports it rounded (`16MB` reads back as `15.2 MiB`), and setting what it reports
// would shrink it a little every time.
import type { DuckDBConnection } from "@duckdb/node-api";
import { insertBytes, type LoadSettings, type LoadShape } from "./settings.ts";
import type { StagedTable } from "../dialect.ts";
import type { Staging } from "./staging.ts";

/** Where a streamed statement runs: the connection, and the threads and memory limit the commit runs with. */
export interface StreamTarget {
  readonly conn: DuckDBConnection;
  readonly settings: LoadSettings;
}

/** What bounds the memory of a plain scan into a table: the read buffer and the column count. */
export type ScanShape = LoadShape;

const MB = 1024 * 1024;

/**
 * The least buffer pool a streamed scan gets. 32 MB ran out of memory in 4 of 14 million-record loads
 * once targets gained the commit column (commit-journal.ts), in none of 12 before: 40 MB leaves room.
 */
const STREAM_MEMORY_BYTES = 40 * MB;

/** A staged table read straight into its target (no join, no dedup). */
export function plainScan({ staging }: Pick<StagedTable<Staging>, "staging">): ScanShape {
  // + 2: the staged ordinal read, and the commit column the target fills (commit-journal.ts).
  return { readBytes: staging.readBytes, columns: staging.columns.length + 2 };
}

/** Whether DuckDB preserves insertion order now (read before changing it). */
export async function preservesOrder(conn: DuckDBConnection): Promise<boolean> {
  const reader = await conn.runAndReadAll("SELECT current_setting('preserve_insertion_order')");
  return reader.getRows()[0]?.[0] !== false;
}

/** Puts both settings back: the configured memory limit, and insertion order as it was. Not inside an aborted transaction. */
export async function restoreStreamSettings(target: StreamTarget, preserveOrder: boolean): Promise<void> {
  await target.conn.run(`SET memory_limit = '${target.settings.memoryLimit}'; SET preserve_insertion_order = ${preserveOrder}`);
}

/**
 * Runs `statement` order-free in a large commit (LoadSettings.large; a small one's runs as it is);
 * with `scan` (a plain scan) the buffer pool is lowered to max(40 MB, what the commit's threads need
 * to insert it) when that is below the commit's limit and DuckDB uses less than half of it (so the
 * SET never has to evict, and cannot fail).
 */
export async function streamed<T>(target: StreamTarget, scan: ScanShape | null, statement: () => Promise<T>): Promise<T> {
  if (!target.settings.large) return statement(); // a small commit's statement: its settings would cost more than they save
  const { conn } = target;
  // One round trip to read both, one to set both, one to restore both: each costs a turn of the event
  // loop, which a sync fetching pages meanwhile keeps busy.
  const now = await conn.runAndReadAll(
    "SELECT current_setting('preserve_insertion_order'), (SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory())",
  );
  const [order, used] = now.getRows()[0] ?? [];
  const preserveOrder = order !== false;
  let settings = "SET preserve_insertion_order = false";
  if (scan !== null) {
    const { threads, memoryBytes } = target.settings.plan;
    const cap = Math.ceil(Math.max(STREAM_MEMORY_BYTES, insertBytes(scan, threads)));
    if (memoryBytes > cap && Number(used ?? 0) < cap / 2) settings += `; SET memory_limit = '${cap}B'`;
  }
  await conn.run(settings);
  const result = await statement(); // on failure, the commit restores the settings after its rollback
  await restoreStreamSettings(target, preserveOrder);
  return result;
}
