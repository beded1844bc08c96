// The JavaScript heap handed back before a DuckDB commit. Staging a large load leaves V8's heap at
// 60–130 MB of which ~12 MB is live (measured at a million records): the rest is garbage V8 keeps
// until its next major collection, and JavaScript allocates next to nothing while DuckDB commits, so
// that collection does not come while DuckDB fills its buffer pool beside it. One full collection
// first lowered the peak RSS of million-row loads by 35–47 MB (the strategies bench, medians of 3:
// delete-insert 404 → 357 MB, insert-only 309 → 274, scd2 416 → 369), no slower; making it the
// memory-reducing collection, which also returns the emptied pages to the system, lowered them again
// (delete-insert 286 MB, insert-only 268, scd2 320; a 1M sync's merge rerun 450–503 → 321–340 MB).
// It costs a mark-compact of the heap, so it only runs before a large commit (LARGE_COMMIT_BYTES staged: a small
// one, a page or a window, never pays it, though a windowed backfill's heap holds the windows fetched
// ahead), when the heap is past HEAP_BYTES and at least twice what was live after the last one: a
// process holding much live data of its own (the runtime embedded in a larger program) pays once per
// doubling, not once per commit.
//
// Node exposes no collection call without `--expose-gc`; the flag set at run time applies to contexts
// created after it, so a fresh vm context hands out V8's `gc` (the way jest's leak detector gets it).
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Below this much V8 heap, a collection would free too little to matter. */
const HEAP_BYTES = 64 * 1024 * 1024;

/** V8's `gc` with its options (V8 reads `flavor` since 11.x; an older one ignores the argument and runs a regular collection). */
type Gc = (options?: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;

/**
 * A collection that also hands the freed memory back: "last-resort" is V8's memory-reducing full
 * collection (repeated until nothing more is freed, the young generation shrunk to its minimum,
 * pooled pages released). A regular one frees the garbage but V8 keeps the pages: measured on an
 * 80 MB heap of garbage, RSS 200 → 191 MB against 186 → 53 MB.
 */
const HAND_BACK = { type: "major", execution: "sync", flavor: "last-resort" } as const;

let collect: Gc | null | undefined;

function collector(): Gc | null {
  if (collect !== undefined) return collect;
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === "function") return (collect = exposed as Gc);
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    collect = typeof gc === "function" ? (gc as Gc) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Collections before commits, each remembering what survived its last one. */
export class HeapHandoff {
  /** V8's live heap right after this hand-off's last collection. */
  #liveAfterLast = 0;
  /** Collections run so far. */
  collections = 0;

  /** The size V8's heap must reach for `run` to collect: `floor`, and twice what survived the last collection. */
  threshold(floor = HEAP_BYTES): number {
    return Math.max(floor, 2 * this.#liveAfterLast);
  }

  /** Runs a full collection when V8's heap is past `threshold` bytes and twice the last one's survivors; returns whether it ran. */
  run(threshold = HEAP_BYTES): boolean {
    if (getHeapStatistics().total_heap_size < this.threshold(threshold)) return false;
    const gc = collector();
    if (gc === null) return false;
    gc(HAND_BACK);
    this.collections++;
    this.#liveAfterLast = getHeapStatistics().used_heap_size;
    return true;
  }
}

/** The process's hand-off, used by every DuckDB commit. */
export const heapHandoff = new HeapHandoff();
