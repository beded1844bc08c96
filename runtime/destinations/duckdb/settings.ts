// DuckDB's memory and threads for a sync, derived so that no load runs out of memory because of the
// machine's core count, the table's width or a previous crash.
//
// What a load costs DuckDB (measured on 1.5.6, INSERT … SELECT from read_csv, order-free): each
// inserting thread pins a block (256 KB) per column and its validity while it appends, plus its
// read buffer; threads that end with a partial row group merge it into another (a second set of
// pinned blocks). Measured needs: 9 columns 16 MB on 1 thread, 48 on 4, 152 on 16; 100 columns 72,
// 224, 624 MB on 1, 2, 16 threads; 1,300 columns 136 MB for 100 rows and 832 MB for 20,000 on
// one thread. None of it can be spilled, so no buffer pool of a fixed size fits every machine:
// a commit runs on as many threads as the memory limit holds (at least one), with the limit raised
// to what one thread needs when even that does not fit (a very wide table). Everything that can
// spill (joins, aggregates, tables of a `:memory:` database) spills to `temp_directory`.
//
// The settings are the instance's, never stored in the database file (checked: a reopened file has
// DuckDB's defaults), so a killed run leaves nothing behind; a commit restores them when it ends.
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { availableMemory } from "../../available-memory.ts";

const MB = 1024 * 1024;

/** The buffer pool limit when the URL sets none and memory is not short: 64MB made a 1M-row merge run out of memory. */
export const DEFAULT_MEMORY_LIMIT = "128MB";

/**
 * What a syncing process holds beside DuckDB's buffer pool: Node, its heap and DuckDB's library
 * (~140 MB resident at a commit's start, measured at a million records, 84 MB of it the code
 * mapped from Node's and DuckDB's binaries, which a container must also keep resident to run it).
 */
const PROCESS_BYTES = 160 * MB;

/** The smallest pool a default ever gets: below it a million-row merge ran out of memory even at 64MB. */
const SMALLEST_POOL_BYTES = 64 * MB;

/**
 * The buffer pool limit when the URL sets none, for a process with `available` bytes (the machine's
 * memory or its container's limit): DEFAULT_MEMORY_LIMIT, or in a container too small for it beside
 * the process, what is left there (at least 64 MiB). Measured in a 256 MiB memory cgroup, a
 * million-row merge rerun: with 128MB the pool filled the container and the kernel kept evicting
 * and re-reading DuckDB's code (of seven runs two finished in 53–59 s, three stalled for minutes,
 * one was OOM-killed); with 96MB, what this gives there, it finished in 65 s.
 */
export function defaultMemoryLimit(available: number): string {
  const pool = Math.max(SMALLEST_POOL_BYTES, available - PROCESS_BYTES);
  return pool >= (parseByteSize(DEFAULT_MEMORY_LIMIT) ?? 0) ? DEFAULT_MEMORY_LIMIT : `${Math.floor(pool / MB)}MiB`;
}

/**
 * Staged bytes from which a commit is large: it checkpoints as it commits (see LoadSettings.begin),
 * and the JavaScript heap's garbage is collected before it (heap-handoff.ts). Checkpointing: its rows
 * are written once, into the file, instead of to the WAL and again by the checkpoint at close. A
 * 100k-record commit (~300k rows with its nested ones, 35 MB staged) stays under DuckDB's 16 MB WAL
 * threshold: commit + close took 0.53–0.60 s, checkpointing at commit 0.37–0.45 s. Small commits (a
 * window of a few thousand rows) keep DuckDB's threshold: checkpointing at every 1 MB of WAL made a
 * 70-window backfill spend 5.4 s in COMMITs against 1.8 s; and they skip the collection, which ran
 * before 67 of that backfill's 70 window commits (its heap holds the windows fetched ahead): 2.8 s of
 * the main thread, ~7 CPU s. Without it the backfill took 16.5–24.1 s against 21.3–26.8 (4 interleaved
 * pairs), its peak RSS 331–348 MB against 276–295: V8 lets the heap reach ~128 MB before its own
 * (concurrent) collection, where the forced one kept it under 74 MB.
 */
export const LARGE_COMMIT_BYTES = 4 * MB;

/** What DuckDB needs besides the inserting threads (catalog, a statement's own buffers). */
const BASE_BYTES = 16 * MB;

/** Pinned per column and inserting thread: a data and a validity block, with the string heap's share. */
const COLUMN_BYTES = 0.75 * MB;

/** The shape of a table load that bounds its memory: its column count and `read_csv`'s read buffer. */
export interface LoadShape {
  readonly columns: number;
  readonly readBytes: number;
}

/** The instance's settings as configured (the URL's, else ours), which every commit returns to. */
export interface ConfiguredSettings {
  /** `memory_limit` as given (restored verbatim: DuckDB reports it rounded, `16MB` reads back as `15.2 MiB`). */
  readonly memoryLimit: string;
  readonly memoryBytes: number;
  /** The instance's threads (the URL's, else DuckDB's default: one per core). */
  readonly threads: number;
  /** Whether the URL set each: a setting the user gave is never changed. */
  readonly userMemory: boolean;
  readonly userThreads: boolean;
  readonly userCheckpoint: boolean;
}

/** What a commit runs with. */
export interface LoadPlan {
  readonly threads: number;
  readonly memoryBytes: number;
}

let memoryInstances = 0;

/**
 * The settings a database is opened with: ours (the memory limit for `available` bytes), then the
 * URL's (`max_memory`/`worker_threads` are aliases; names are case-insensitive).
 */
export function openSettings(path: string | null, options: Readonly<Record<string, string>>, available = availableMemory()): Record<string, string> {
  const given = new Set(Object.keys(options).map((name) => name.toLowerCase()));
  const ours: Record<string, string> = {};
  if (!given.has("memory_limit") && !given.has("max_memory")) ours["memory_limit"] = defaultMemoryLimit(available);
  // DuckDB's default for `:memory:` is `.tmp` in the working directory (shared, and maybe not
  // writable); ours is private to the instance (DuckDB removes it at close), named like a temporary
  // spool (spool.ts) so that one a killed process left is deleted when a later `:memory:` spool is
  // opened. A file's is DuckDB's `<file>.tmp`, made explicit.
  if (!given.has("temp_directory")) {
    memoryInstances += 1;
    ours["temp_directory"] = path === null ? join(tmpdir(), `gc-staging-${process.pid}-duckdb-${memoryInstances}`) : `${resolve(path)}.tmp`;
  }
  return { ...ours, ...options };
}

/** Reads what the instance runs with; `options` are the URL's settings, `opened` what it was opened with (openSettings). */
export async function configuredSettings(
  conn: DuckDBConnection,
  options: Readonly<Record<string, string>>,
  opened: Readonly<Record<string, string>>,
): Promise<ConfiguredSettings> {
  const given = (pattern: RegExp) => Object.entries(options).find(([name]) => pattern.test(name))?.[1];
  const memory = given(/^(memory_limit|max_memory)$/i);
  const reader = await conn.runAndReadAll("SELECT current_setting('threads')");
  const threads = Math.max(1, Number(reader.getRows()[0]?.[0] ?? 1));
  const memoryLimit = memory ?? opened["memory_limit"] ?? DEFAULT_MEMORY_LIMIT;
  const memoryBytes = parseByteSize(memoryLimit) ?? (await currentMemoryBytes(conn));
  return {
    memoryLimit,
    memoryBytes,
    threads,
    userMemory: memory !== undefined,
    userThreads: given(/^(threads|worker_threads)$/i) !== undefined,
    userCheckpoint: given(/^(checkpoint_threshold|wal_autocheckpoint)$/i) !== undefined,
  };
}

/** Bytes DuckDB needs to insert a table of `shape` on `threads` threads (an upper bound, see above). */
export function insertBytes(shape: LoadShape, threads: number): number {
  const appenders = threads === 1 ? 1 : threads + 1;
  return BASE_BYTES + threads * shape.readBytes + appenders * shape.columns * COLUMN_BYTES;
}

/**
 * Threads and memory for a commit of tables of `shapes`: the most threads (up to the instance's)
 * whose need fits the memory limit, at least one; the limit raised to that need when it does not
 * fit. Threads the user set are kept (the limit then rises to their need); a memory limit the user
 * set is never raised (threads then fall to what it holds, down to one).
 */
export function loadPlan(configured: ConfiguredSettings, shapes: readonly LoadShape[]): LoadPlan {
  const widest: LoadShape = {
    columns: Math.max(1, ...shapes.map((s) => s.columns)),
    readBytes: Math.max(0, ...shapes.map((s) => s.readBytes)),
  };
  let threads = configured.threads;
  if (!configured.userThreads) while (threads > 1 && insertBytes(widest, threads) > configured.memoryBytes) threads -= 1;
  const memoryBytes = configured.userMemory ? configured.memoryBytes : Math.max(configured.memoryBytes, insertBytes(widest, threads));
  return { threads, memoryBytes };
}

/** The settings a destination's commits run with: the configured ones, or a commit's plan while it runs. */
export class LoadSettings {
  #plan: LoadPlan | null = null;
  #checkpointing = false;
  #large = false;
  /** Whether this commit changed a setting (`begin`'s SET) or may (a large commit's streamed statements). */
  #touched = false;

  constructor(readonly configured: ConfiguredSettings) {}

  /** Threads and memory in force now. */
  get plan(): LoadPlan {
    return this.#plan ?? { threads: this.configured.threads, memoryBytes: this.configured.memoryBytes };
  }

  /** `memory_limit` in force now, as SET takes it (the configured text verbatim). */
  get memoryLimit(): string {
    return this.#plan === null ? this.configured.memoryLimit.replaceAll("'", "") : `${Math.ceil(this.#plan.memoryBytes)}B`;
  }

  /**
   * Whether the commit running is large (LARGE_COMMIT_BYTES staged): only a large one checkpoints as it
   * commits and tunes its streamed statements (streamed.ts). A small one (a window, a page) would
   * spend more on the settings' round trips than they save: about a dozen of a small merge's sixty
   * statements, each a turn of the event loop.
   */
  get large(): boolean {
    return this.#large;
  }

  /**
   * Sets the threads and memory limit a commit of tables of `shapes` runs with (the instance's, until
   * `end`), when they differ from the configured ones; with `stagedBytes` of at least
   * LARGE_COMMIT_BYTES (and no threshold in the URL), the commit checkpoints as it commits.
   */
  async begin(conn: DuckDBConnection, shapes: readonly LoadShape[], stagedBytes = 0): Promise<void> {
    const plan = loadPlan(this.configured, shapes);
    this.#plan = plan;
    this.#large = stagedBytes >= LARGE_COMMIT_BYTES;
    this.#checkpointing = !this.configured.userCheckpoint && this.#large;
    const sets: string[] = [];
    if (plan.threads !== this.configured.threads || plan.memoryBytes !== this.configured.memoryBytes) {
      sets.push(`SET threads = ${plan.threads}`, `SET memory_limit = '${this.memoryLimit}'`);
    }
    // With the checkpointing threshold (any WAL at all), DuckDB checkpoints instead of leaving the
    // commit in the WAL. One round trip for all of them.
    if (this.#checkpointing) sets.push("SET checkpoint_threshold = '1MB'");
    this.#touched = sets.length > 0 || this.#large;
    if (sets.length > 0) await conn.run(sets.join("; "));
  }

  /** Puts the configured threads, memory limit and checkpoint threshold back. Not inside an aborted transaction. */
  async end(conn: DuckDBConnection): Promise<void> {
    this.#plan = null;
    const touched = this.#touched;
    const checkpoint = this.#checkpointing ? "; RESET checkpoint_threshold" : "";
    this.#checkpointing = false;
    this.#large = false;
    this.#touched = false;
    if (touched) await conn.run(`SET threads = ${this.configured.threads}; SET memory_limit = '${this.memoryLimit}'${checkpoint}`);
  }
}

const UNITS: Readonly<Record<string, number>> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };

/** Bytes in a size as DuckDB takes it (`128MB`, `1.5 GiB`); null when it is not one. */
function parseByteSize(text: string): number | null {
  const match = /^\s*([\d.]+)\s*([a-z]+)\s*$/i.exec(text);
  const unit = match === null ? undefined : UNITS[(match[2] ?? "").toUpperCase()];
  return match === null || unit === undefined ? null : Number(match[1]) * unit;
}

/** The limit DuckDB runs with, for a setting we cannot parse (e.g. a percentage). */
async function currentMemoryBytes(conn: DuckDBConnection): Promise<number> {
  const reader = await conn.runAndReadAll("SELECT current_setting('memory_limit')");
  return parseByteSize(String(reader.getRows()[0]?.[0] ?? "")) ?? Number.POSITIVE_INFINITY;
}
