// A distributed run's plan and its partitions: plain JSON (a queue's job payload), never a secret. A
// partition is one work unit of the runner (units.ts): a resource tree without a window, or one window of
// a windowed root with its children within that window, a range of pages of a root whose first page told
// how far it goes (opt-in: page-ranges.ts) — or, made while a run goes, a batch of parent records for a
// child resource (its parent's partition enqueues them: child-batches.ts).
import type { CursorValue } from "../incremental/cursor.ts";

/**
 * `tree`: a whole resource tree (its root and children); `window`: one incremental window of a windowed
 * root, children included; `pages`: a range of the root's pages, children included.
 */
export type PartitionKind = Partition["kind"];

/** A cursor value in JSON: an integer beyond 2^53 travels as `{ bigint: "…" }`. */
export type JsonCursor = string | number | { readonly bigint: string };

/** A window partition's place and cursor range (closed start, open end but for the last window). */
export interface WindowBounds {
  /** 0-based position among the run's windows of the resource. */
  readonly index: number;
  readonly count: number;
  readonly start: JsonCursor;
  readonly end: JsonCursor;
}

/**
 * A page-range partition's place and positions, in the paginator's own units (offsets, or page numbers):
 * from `start` up to, not including, `end`; the last range is open (null) so what the API adds while the
 * run goes is still fetched.
 */
export interface PageBounds {
  /** 0-based position among the resource's ranges. */
  readonly index: number;
  readonly count: number;
  readonly start: number;
  readonly end: number | null;
}

interface PlannedPartition {
  readonly runId: string;
  /** The tree's root resource (config name). */
  readonly resource: string;
  /** Unique within the run and resource: `all` for a tree, `w000003` for window 3, `p000003` for page range 3. */
  readonly key: string;
}

export interface TreePartition extends PlannedPartition {
  readonly kind: "tree";
  readonly bounds: null;
}

export interface WindowPartition extends PlannedPartition {
  readonly kind: "window";
  readonly bounds: WindowBounds;
}

export interface PagesPartition extends PlannedPartition {
  readonly kind: "pages";
  readonly bounds: PageBounds;
}

/** A planned partition: a whole tree, a window, or a range of pages. */
export type Partition = TreePartition | WindowPartition | PagesPartition;

/** A batch of parent records for a child: where it comes from (its parent's partition) and its place among that partition's batches. */
export interface BatchBounds {
  /** The parent partition's resource (a tree's root) and key. */
  readonly root: string;
  readonly parent: string;
  /** 0-based position among the batches the parent partition enqueued for this child. */
  readonly index: number;
  readonly count: number;
  /** Parent records in the batch. */
  readonly records: number;
}

/** A child-batch partition: the child resource (with its own children) for some of its parent's records. */
export interface BatchPartition {
  readonly runId: string;
  /** The child resource (config name). */
  readonly resource: string;
  /** `<parent key>.b<index>`, e.g. `w000003.b000001`. */
  readonly key: string;
  readonly kind: "batch";
  readonly bounds: BatchBounds;
  /** Each parent record's fields the child needs (path params, include_from_parent, the parent key), as JSON text with exact numbers; never a secret. */
  readonly parents: readonly string[];
}

/** Any partition of a run: planned, or a child batch made while it runs. */
export type RunPartition = Partition | BatchPartition;

/** A run's plan as stored in `<dataset>._gc_runs.plan` and carried by every job. */
export interface RunPlan {
  /** The plan format; a worker refuses another. */
  readonly version: 1;
  readonly runId: string;
  readonly connector: string;
  /** The generated code's hash (connector-hash.ts): a worker whose connector differs refuses the run's jobs. */
  readonly codeHash: string;
  readonly dataset: string;
  /** The resources chosen for the run (config names; their ancestors feed them). */
  readonly resources: readonly string[];
  /** ISO 8601, UTC. */
  readonly plannedAt: string;
  readonly partitions: readonly Partition[];
  /**
   * Root tables (fitted names) the run replaces: its partitions write them, their nested tables and their
   * state into run-scoped staging tables (staging-names.ts), which the finalize step swaps in. Absent: none.
   */
  readonly staged?: readonly string[];
  /** A full refresh: cursors start from initial_value; every table of the run is staged. */
  readonly fullRefresh?: boolean;
  /** The roots split into page ranges (`--pages-per-partition`), with the totals their runs are reconciled against. Absent: none. */
  readonly pageRanges?: readonly PageRangePlan[];
}

/** A root split into page ranges: the total its first page reported and the records the run should fetch. */
export interface PageRangePlan {
  readonly resource: string;
  readonly paginator: "offset" | "page_number";
  readonly pagesPerPartition: number;
  /** The API's total on the first page: records (offset) or pages (page_number). */
  readonly total: number;
  /** Records the run should fetch if the list does not change: exact for offsets; for page numbers, from the first page's size. */
  readonly expected: { readonly min: number; readonly max: number };
}

/** A window partition's key: `w` and its index, zero-padded so keys sort in window order. */
export function windowKey(index: number): string {
  return `w${String(index).padStart(6, "0")}`;
}

/** A page-range partition's key: `p` and its index, zero-padded so keys sort in page order. */
export function pagesKey(index: number): string {
  return `p${String(index).padStart(6, "0")}`;
}

/** A batch partition's key: its parent partition's key, `.b` and its index zero-padded. */
export function batchKey(parent: string, index: number): string {
  return `${parent}.b${String(index).padStart(6, "0")}`;
}

/** The key of a whole-tree partition. */
export const TREE_KEY = "all";

/** A cursor value as JSON. */
export function toJsonCursor(value: CursorValue): JsonCursor {
  return typeof value === "bigint" ? { bigint: value.toString() } : value;
}

/** A cursor value from JSON. */
export function fromJsonCursor(value: JsonCursor): CursorValue {
  return typeof value === "object" ? BigInt(value.bigint) : value;
}

/**
 * `partition` named for messages: `tickets (whole tree)`, `tickets window 3/12`, `tickets pages 3/12` or
 * `comments batch 2/4 of tickets window 3/12`.
 */
export function describePartition(p: Pick<RunPartition, "resource" | "kind" | "bounds">): string {
  switch (p.kind) {
    case "batch": {
      const { root, parent, index, count } = p.bounds as BatchBounds;
      const place = (word: string) => `${root} ${word} ${Number(parent.slice(1)) + 1}`;
      const of = parent.startsWith("w") ? place("window") : parent.startsWith("p") ? place("pages") : `${root} (whole tree)`;
      return `${p.resource} batch ${index + 1}/${count} of ${of}`;
    }
    case "window":
    case "pages": {
      const { index, count } = p.bounds as WindowBounds | PageBounds;
      return `${p.resource} ${p.kind === "window" ? "window" : "pages"} ${index + 1}/${count}`;
    }
    default:
      return `${p.resource} (whole tree)`;
  }
}
