// A planned tree made runnable: a ResourceRun per resource (its stream created now, which resolves its
// secrets), and at the tree's start its cursors read and its work units cut.
import type { Destination } from "../destinations/destination.ts";
import type { Clock } from "../http/clock.ts";
import { compileSteps } from "../steps/compile.ts";
import type { PageStream } from "../stream/page-stream.ts";
import type { ResourceSpec } from "../connector.ts";
import { ResourceCursors } from "./cursors.ts";
import type { SyncObserver } from "./observer.ts";
import type { PlannedResource } from "./plan.ts";
import { ResourceRun } from "./resource-run.ts";
import { type WorkUnit, workUnits } from "./units.ts";
import { cutWindows, storedWindowCursor } from "./windows.ts";

/** The runnable tree of `planned`, each resource with the stream `streamOf` makes for it. */
export function buildRuns(planned: PlannedResource, streamOf: (resource: ResourceSpec) => PageStream): ResourceRun {
  const stream = streamOf(planned.resource);
  const children = planned.children.map((child) => buildRuns(child, streamOf));
  return new ResourceRun(planned, stream, compileSteps(planned.resource.processingSteps), children);
}

/** Every run of the tree, parents before their children. */
export function* walkRuns(root: ResourceRun): Generator<ResourceRun> {
  yield root;
  for (const child of root.children) yield* walkRuns(child);
}

export interface StartContext {
  readonly destination: Destination;
  readonly dataset: string;
  readonly fullRefresh: boolean;
  readonly clock: Clock;
  readonly observer?: SyncObserver | undefined;
}

/** Starts every resource of the tree (reads its cursors) and returns the tree's work units. */
export async function startTree(root: ResourceRun, ctx: StartContext): Promise<WorkUnit[]> {
  await startRuns(root, ctx);
  const { resource } = root.planned;
  const spec = resource.endpoint.incremental;
  const window = spec?.window;
  if (spec === null || window === undefined) return workUnits(null);
  const stored = await storedWindowCursor(resource, spec, ctx.destination, ctx.dataset, ctx.fullRefresh);
  return workUnits(cutWindows(spec, window, stored, ctx.clock.now()));
}

/** Starts every resource of the tree: reads its cursors (a windowed root's cursor is its windows' business). */
export async function startRuns(root: ResourceRun, ctx: Omit<StartContext, "clock">): Promise<void> {
  const windowed = root.planned.resource.endpoint.incremental?.window !== undefined;
  for (const run of walkRuns(root)) {
    run.started = performance.now();
    ctx.observer?.resourceStarted?.(run.name);
    if (run !== root || !windowed) run.cursors = await ResourceCursors.load(run.planned.resource, ctx.destination, ctx.dataset, ctx.fullRefresh);
  }
}
