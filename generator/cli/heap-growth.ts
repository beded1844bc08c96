// How far V8 lets a Postgres sync's heap grow past what is live. The sync keeps little alive (the
// pages in flight and the batch being encoded: 30–45 MB of live heap at 100,000 records and at
// 1,000,000 alike) but allocates its volume several times over, and on a machine with memory to
// spare V8 lets the old generation reach 110–130 MB between full collections, most of it garbage.
// Growing 50% at most keeps it near what is live: a 1M-record Postgres sync's client peaked at
// 160–161 MB against 235–242 (two interleaved pairs, 2026-12-07), same wall time (58–60 s: the sync
// waits on the server), for 13% more client CPU (31.0–31.2 s against 27.3–27.5) in the extra full
// collections. A DuckDB sync keeps V8's own growth: its peak is DuckDB's commit, where the hand-off
// (duckdb/heap-handoff.ts) already returns the heap, and the same setting cost it 11% CPU on a
// CPU-bound run (README, "Memory and small containers").
//
// V8 reads the flag at every full collection, so setting it at run time applies from then on. Only
// the CLI's own process sets it (a program running the runtime keeps its V8 as it is), and a
// `--heap-growing-percent` on node's command line wins (`=0` is V8's own dynamic growth).
import { setFlagsFromString } from "node:v8";
import { isPostgresUrl } from "../../runtime/destinations/open.ts";
import { nodeFlagGiven } from "./node-flags.ts";

/** The growth a Postgres sync runs with, percent over the live heap. */
export const POSTGRES_HEAP_GROWING_PERCENT = 50;

/** The V8 flag a sync into `destination` sets, or null: not Postgres, or node's command line sets the growth. */
export function heapGrowthFlag(destination: string, execArgv: readonly string[]): string | null {
  if (!isPostgresUrl(destination)) return null;
  if (nodeFlagGiven("heap-growing-percent", execArgv)) return null; // NODE_OPTIONS cannot carry it
  return `--heap-growing-percent=${POSTGRES_HEAP_GROWING_PERCENT}`;
}

/** Sets this process's heap growth for a sync into `destination` (see above). */
export function useSyncHeapGrowth(destination: string): void {
  const flag = heapGrowthFlag(destination, process.execArgv);
  if (flag !== null) setFlagsFromString(flag);
}
