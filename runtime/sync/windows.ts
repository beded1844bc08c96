// A windowed backfill's parts (endpoint.incremental.window): the cursor range from the stored cursor
// (or initial_value) to end_value/now cut into windows, each window's request bounds and tracker, and
// the cursor state its commit advances to. The windows run as work units of the one runner (units.ts).
import type { IncrementalSpec, ResourceSpec, WindowSpec } from "../connector.ts";
import type { Destination, StateEntry } from "../destinations/destination.ts";
import { convertCursor } from "../incremental/convert.ts";
import type { CursorValue } from "../incremental/cursor.ts";
import { incrementalStateKey, parseIncrementalState } from "../incremental/state.ts";
import { type RequestValues, IncrementalTracker } from "../incremental/tracker.ts";
import { type CursorWindow, splitWindows, windowsEnd, windowsStart } from "../incremental/windows.ts";

/** The stored cursor a backfill resumes from; null on a first run or a full refresh. */
export async function storedWindowCursor(resource: ResourceSpec, spec: IncrementalSpec, destination: Destination, dataset: string, fresh: boolean) {
  if (fresh) return null;
  const key = incrementalStateKey(resource.name, spec.cursorPath);
  return parseIncrementalState(await destination.readState(dataset, key), key)?.lastValue ?? null;
}

/** This run's windows: from the stored cursor (less lookback) or initial_value, to end_value or `nowMs`. */
export function cutWindows(spec: IncrementalSpec, window: WindowSpec, stored: CursorValue | null, nowMs: number): CursorWindow[] {
  const start = windowsStart(spec, window, stored);
  return splitWindows(start, windowsEnd(spec, start, nowMs), window, spec.cursorPath);
}

/** A window's tracker (its bounds: closed start, open end but for the last window) and its request values. */
export function windowSequence(
  resource: ResourceSpec,
  spec: IncrementalSpec,
  w: CursorWindow,
  last: boolean,
): { tracker: IncrementalTracker; incremental: RequestValues } {
  // A bigint bound (an integer beyond 2^53) compares exactly in the tracker; the spec's type just never holds one from a config.
  const [from, to] = [w.start, w.end] as [string | number, string | number];
  const bounds: IncrementalSpec = { ...spec, initialValue: from, endValue: to, lag: null, rangeStart: "closed", rangeEnd: last ? spec.rangeEnd : "open" };
  const tracker = new IncrementalTracker(bounds, resource.primaryKey, null);
  const convert = (v: CursorValue) => convertCursor(v, spec.convert, spec.cursorPath);
  return { tracker, incremental: { ...tracker.requestValues(), window_start: convert(w.start), window_end: convert(w.end) } };
}

/** The state a window's commit writes: the cursor at the window's end. */
export function windowState(resource: ResourceSpec, spec: IncrementalSpec, w: CursorWindow): StateEntry {
  return { key: incrementalStateKey(resource.name, spec.cursorPath), value: { lastValue: w.end, boundaryKeys: [], initialValue: spec.initialValue } };
}
