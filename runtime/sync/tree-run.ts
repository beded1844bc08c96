// Runs one resource tree (a root and its children) as work units: a few units fetched at a time under
// the run's scheduler, committed one by one in unit order. The first failure stops the fetches still
// running, drops what no commit took, marks the failing unit's `_gc_loads` rows failed, and rethrows.
import type { Destination } from "../destinations/destination.ts";
import { AHEAD_RECORDS, AheadBudget } from "./ahead-budget.ts";
import type { SyncObserver } from "./observer.ts";
import { commitUnit } from "./committer.ts";
import { walkRuns } from "./resource-tree.ts";
import type { ResourceRun } from "./resource-run.ts";
import { runSequence, type UnitNode } from "./sequences.ts";
import type { ResourceSummary } from "./summary.ts";
import { openUnit, rootSequence, type WorkUnit } from "./units.ts";
import type { UnitSink } from "./unit-sink.ts";
import { QUARANTINE_TABLE } from "./quarantine.ts";

export interface TreeContext {
  readonly loadId: string;
  readonly connector: string;
  readonly destination: Destination;
  readonly dataset: string;
  readonly redact: (text: string) => string;
  readonly batchRows?: number | undefined;
  readonly fullRefresh: boolean;
  /** The scheduler's concurrency: windows fetched ahead, child sequences per page. */
  readonly concurrency: number;
  /** Records the windows fetched ahead may hold between them (AHEAD_RECORDS by default). */
  readonly aheadRecords?: number | undefined;
  readonly observer?: SyncObserver | undefined;
}

/** Fetches and commits `units` of the tree at `root`; returns its resources' summaries (parents first). */
export async function runTree(root: ResourceRun, units: readonly WorkUnit[], ctx: TreeContext): Promise<ResourceSummary[]> {
  const { observer } = ctx;
  let failed = false;
  const sequences = { concurrency: ctx.concurrency, observer, stopped: () => failed };
  const sinks = {
    destination: ctx.destination,
    dataset: ctx.dataset,
    connector: ctx.connector,
    loadId: ctx.loadId,
    redact: ctx.redact,
    batchRows: ctx.batchRows,
  };
  /** The sinks of every unit opened and not committed yet. */
  const opened = new Map<number, UnitSink[]>();
  const fetches = new Map<number, Promise<UnitNode>>();
  const budget = units.length > 1 ? new AheadBudget(ctx.aheadRecords ?? AHEAD_RECORDS) : undefined;
  const begin = (unit: WorkUnit | undefined) => {
    if (unit === undefined) return;
    const fetched = (async () => {
      const created: UnitSink[] = [];
      opened.set(unit.index, created);
      const node = await openUnit(root, unit, sinks, created, budget);
      await runSequence(node, {}, sequences, rootSequence(root, unit));
      return node;
    })();
    fetched.catch(() => undefined); // awaited in unit order below
    fetches.set(unit.index, fetched);
  };
  const ahead = units.length > 1 ? Math.max(1, ctx.concurrency) : 1;
  for (let i = 0; i < ahead; i++) begin(units[i]);
  let current: WorkUnit | undefined;
  try {
    for (const unit of units) {
      current = unit;
      const node = await (fetches.get(unit.index) as Promise<UnitNode>);
      fetches.delete(unit.index);
      begin(units[unit.index + ahead]);
      await commitUnit(node, unit, { fullRefresh: ctx.fullRefresh, observer });
      opened.delete(unit.index);
      budget?.advance(unit.index + 1);
      if (unit.window !== null) {
        const { window } = unit;
        observer?.window?.(root.name, { index: window.index, count: unit.count, start: window.start, end: window.end, records: node.sink?.rows ?? 0 });
      }
    }
  } catch (error) {
    failed = true;
    budget?.close(); // windows waiting for room go on, and stop at their next page
    await Promise.allSettled(fetches.values());
    await failUnits(opened, current, ctx, ctx.redact(error instanceof Error ? error.message : String(error)));
    throw error;
  }
  const summaries: ResourceSummary[] = [];
  for (const run of walkRuns(root)) {
    if (!run.planned.load) continue;
    if (run.quarantined > 0) observer?.quarantined?.(run.name, run.quarantined, `${ctx.dataset}.${QUARANTINE_TABLE}`);
    const summary = run.summary();
    observer?.resourceFinished?.(summary);
    summaries.push(summary);
  }
  return summaries;
}

/**
 * Drops every uncommitted unit's staged rows; the failing unit's loads are recorded failed (the others'
 * only if started). Best effort: the run's own error is the one reported.
 */
async function failUnits(opened: ReadonlyMap<number, readonly UnitSink[]>, current: WorkUnit | undefined, ctx: TreeContext, reason: string): Promise<void> {
  const { destination, dataset } = ctx;
  for (const [index, created] of opened) {
    for (const sink of created) {
      try {
        await sink.abort();
        if (index === current?.index && !sink.started) await destination.startRun(dataset, sink.run);
        if (sink.started || index === current?.index) await destination.failRun(dataset, sink.run, reason);
      } catch {
        // A `_gc_loads` row left `running` still says the load did not complete.
      }
    }
  }
}
