// Planning a distributed run (pure): the runner's plan (which trees) cut into partitions — one per
// resource tree without a window, one per window of a windowed root, one per page range of a root split
// by `--pages-per-partition` (page-ranges.ts, from its probed first page) — with the run's identity and the
// generated code's hash, and which tables it replaces through staging tables (a `replace` table in a
// windowed tree; with a full refresh, every table). What cannot be split safely is refused here.
import type { ConnectorSpec } from "../connector.ts";
import { ConfigError, type ConfigIssue } from "../errors.ts";
import type { CursorValue } from "../incremental/cursor.ts";
import { fitIdentifier } from "../normalize/identifier.ts";
import { chooseResources, planRun, type PlannedResource, walk } from "../sync/plan.ts";
import { cutWindows } from "../sync/windows.ts";
import { cutPageRanges, type FirstPage, type RangeSpec } from "./page-ranges.ts";
import { type PageRangePlan, type Partition, pagesKey, type RunPlan, TREE_KEY, toJsonCursor, windowKey } from "./partition.ts";

export interface PartitionPlanInput {
  readonly runId: string;
  readonly dataset: string;
  readonly codeHash: string;
  /** Resources to run by config name (default: every selected one). */
  readonly resources?: readonly string[] | undefined;
  /** The stored cursor of each windowed root (by resource name); absent or null: its initial_value. */
  readonly storedCursors: ReadonlyMap<string, CursorValue | null>;
  /** Now, in ms since the epoch (the end of an open-ended backfill). */
  readonly nowMs: number;
  /** A full refresh: every table of the run is staged (its cursors start from initial_value: storedCursors empty). */
  readonly fullRefresh?: boolean | undefined;
  /** Roots split into page ranges (by resource name): their paginator and first page, and the pages per range. */
  readonly pageRanges?: ReadonlyMap<string, { readonly spec: RangeSpec; readonly first: FirstPage; readonly perPartition: number }> | undefined;
}

/** The run's plan: its partitions in config order, windows in cursor order. */
export function planPartitions(connector: ConnectorSpec, input: PartitionPlanInput): RunPlan {
  const chosen = chooseResources(connector, input.resources);
  const plan = planRun(connector, chosen);
  refuseUnsplittable(plan.roots);
  const partitions: Partition[] = [];
  const ranged: PageRangePlan[] = [];
  for (const root of plan.roots) {
    const split = input.pageRanges?.get(root.resource.name);
    if (split === undefined) {
      partitions.push(...treePartitions(root, input));
      continue;
    }
    const cut = cutPageRanges(root.resource.name, split.spec, split.first, split.perPartition);
    partitions.push(
      ...cut.bounds.map((bounds) => ({ runId: input.runId, resource: root.resource.name, key: pagesKey(bounds.index), kind: "pages" as const, bounds })),
    );
    ranged.push(cut.plan);
  }
  // A tree without partitions (no window left to fetch) replaces nothing, as in a classic sync.
  const fetched = plan.roots.filter((root) => partitions.some((p) => p.resource === root.resource.name));
  const staged = stagedTables(fetched, input.fullRefresh === true);
  return {
    version: 1,
    runId: input.runId,
    connector: connector.name,
    codeHash: input.codeHash,
    dataset: input.dataset,
    resources: [...chosen].sort(),
    plannedAt: new Date(input.nowMs).toISOString(),
    partitions,
    ...(staged.length === 0 ? {} : { staged }),
    ...(input.fullRefresh === true ? { fullRefresh: true } : {}),
    ...(ranged.length === 0 ? {} : { pageRanges: ranged }),
  };
}

/**
 * The root tables (fitted) the run replaces through staging tables: with a full refresh every loaded
 * table; otherwise each `replace` table of a windowed tree, whose windows commit in any order (a
 * whole tree is one partition: its replace needs no staging).
 */
export function stagedTables(roots: readonly PlannedResource[], fullRefresh: boolean): string[] {
  const tables = new Set<string>();
  for (const root of roots) {
    const windowed = root.resource.endpoint.incremental?.window !== undefined;
    for (const node of walk([root])) {
      if (node.load && (fullRefresh || (windowed && node.resource.table.writeDisposition === "replace"))) tables.add(fitIdentifier(node.resource.table.name));
    }
  }
  return [...tables].sort();
}

function treePartitions(root: PlannedResource, input: PartitionPlanInput): Partition[] {
  const { resource } = root;
  const spec = resource.endpoint.incremental;
  const window = spec?.window;
  if (spec === null || window === undefined) return [{ runId: input.runId, resource: resource.name, key: TREE_KEY, kind: "tree", bounds: null }];
  const windows = cutWindows(spec, window, input.storedCursors.get(resource.name) ?? null, input.nowMs);
  return windows.map((w) => ({
    runId: input.runId,
    resource: resource.name,
    key: windowKey(w.index),
    kind: "window" as const,
    bounds: { index: w.index, count: windows.length, start: toJsonCursor(w.start), end: toJsonCursor(w.end) },
  }));
}

/**
 * scd2 versions need their commits in cursor order: refused on a windowed root in distributed mode (a
 * whole tree is one partition, safe).
 */
function refuseUnsplittable(roots: readonly PlannedResource[]): void {
  const issues: ConfigIssue[] = [];
  for (const root of roots) {
    if (root.resource.endpoint.incremental?.window === undefined) continue;
    for (const node of walk([root])) {
      if (!node.load) continue;
      const { table, name } = node.resource;
      const path = `resources.${name}.write_disposition`;
      if (table.merge?.strategy === "scd2") {
        issues.push({
          path,
          message: `a distributed run commits ${root.resource.name}'s windows in any order; scd2 versions need cursor order: drop the window or sync without --distributed`,
        });
      }
    }
  }
  if (issues.length > 0) throw new ConfigError("distributed run", issues);
}
