// Work units: what of a resource tree is fetched and committed together. A resource without a window
// is one unit (its whole request sequence, its children's sequences for every parent record); a
// windowed root is one unit per window (its windowed sequence and its children within it). Each unit
// gets its own sinks, and its own `_gc_loads` rows when it is a window.
import type { CursorWindow } from "../incremental/windows.ts";
import type { AheadBudget } from "./ahead-budget.ts";
import type { RootSequence, UnitNode } from "./sequences.ts";
import type { ResourceRun } from "./resource-run.ts";
import { bufferedSink, directSink, type SinkContext, type UnitSink } from "./unit-sink.ts";
import { windowSequence } from "./windows.ts";

export interface WorkUnit {
  /** 0-based position among the tree's units in this run. */
  readonly index: number;
  readonly count: number;
  /** The window, for a windowed root; null: the whole sequence. */
  readonly window: CursorWindow | null;
}

/** The units of a tree: one per window, or one for the whole sequence. */
export function workUnits(windows: readonly CursorWindow[] | null): WorkUnit[] {
  if (windows === null) return [{ index: 0, count: 1, window: null }];
  return windows.map((window) => ({ index: window.index, count: windows.length, window }));
}

/** A unit's `_gc_loads` id: the run's, with the window's number for a window (ids still sort by run, then window). */
export function unitLoadId(loadId: string, unit: WorkUnit): string {
  return unit.window === null ? loadId : `${loadId}-w${String(unit.window.index).padStart(6, "0")}`;
}

/**
 * The unit's node tree with a sink per loaded resource: a window's sinks hold records until the
 * window is the next to commit, then write into its load (windows are fetched ahead, the records they
 * hold counted against `budget`); a whole sequence's write through a load opened now. Each sink is pushed to `created` as soon as it exists (so a
 * failure midway can still drop it).
 */
export async function openUnit(
  root: ResourceRun,
  unit: WorkUnit,
  ctx: Omit<SinkContext, "appendOnly" | "ahead">,
  created: UnitSink[],
  budget?: AheadBudget,
): Promise<UnitNode> {
  const ahead = budget === undefined ? undefined : { budget, unit: unit.index };
  const sinkContext: SinkContext = { ...ctx, loadId: unitLoadId(ctx.loadId, unit), appendOnly: unit.index > 0, ahead };
  const open = async (run: ResourceRun): Promise<UnitNode> => {
    const { resource, load } = run.planned;
    const sink = !load ? null : unit.window === null ? await directSink(resource, sinkContext) : bufferedSink(resource, sinkContext);
    if (sink !== null) created.push(sink);
    const children: UnitNode[] = [];
    for (const child of run.children) children.push(await open(child));
    return { run, sink, children, cut: null };
  };
  return open(root);
}

/** The root sequence of a unit: a window's bounds, or the resource's stored cursor. */
export function rootSequence(root: ResourceRun, unit: WorkUnit): RootSequence {
  const { resource } = root.planned;
  const spec = resource.endpoint.incremental;
  if (unit.window === null || spec === null) return { tracker: root.cursors?.tracker(undefined, []) };
  return windowSequence(resource, spec, unit.window, unit.index === unit.count - 1);
}

/** Every node of a unit, children before their parents (the committer's order). */
export function* childrenFirst(node: UnitNode): Generator<UnitNode> {
  for (const child of node.children) yield* childrenFirst(child);
  yield node;
}
