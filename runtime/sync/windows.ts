// A windowed backfill (endpoint.incremental.window): the cursor range cut into windows, fetched
// concurrently under the run's scheduler (a few windows ahead) and committed in window order, each in
// its own transaction with its rows, its nested rows, the cursor advanced to the window's end and a
// `_gc_loads` row of its own. A run that stops in window k leaves windows before k committed; the
// next run starts at the first uncommitted one.
import type { IncrementalSpec, ResourceSpec, WindowSpec } from "../connector.ts";
import type { Destination, LoadRun } from "../destinations/destination.ts";
import type { Clock } from "../http/clock.ts";
import { convertCursor } from "../incremental/convert.ts";
import { incrementalStateKey, parseIncrementalState } from "../incremental/state.ts";
import { IncrementalTracker } from "../incremental/tracker.ts";
import { type CursorWindow, splitWindows, windowsEnd, windowsStart } from "../incremental/windows.ts";
import type { PageStream } from "../stream/page-stream.ts";
import type { SyncObserver } from "./observer.ts";
import { pageRecords } from "./records.ts";
import type { ResourceSummary } from "./summary.ts";
import { TableWriter } from "./table-writer.ts";

export interface WindowRun {
  readonly loadId: string;
  readonly connector: string;
  readonly destination: Destination;
  readonly dataset: string;
  readonly clock: Clock;
  /** Windows fetched at once (the scheduler bounds their requests). */
  readonly ahead: number;
  readonly fullRefresh: boolean;
  readonly batchRows?: number | undefined;
  readonly observer?: SyncObserver | undefined;
  readonly redact: (text: string) => string;
}

interface Fetched {
  readonly records: Record<string, unknown>[];
  readonly pages: number;
}

/** Runs one windowed root resource; returns its summary (counts summed over its windows). */
export async function runWindows(
  resource: ResourceSpec,
  window: WindowSpec,
  stream: PageStream,
  steps: (record: Record<string, unknown>) => Record<string, unknown>[],
  run: WindowRun,
): Promise<ResourceSummary> {
  const started = performance.now();
  const spec = resource.endpoint.incremental as IncrementalSpec;
  const key = incrementalStateKey(resource.name, spec.cursorPath);
  const stored = run.fullRefresh ? null : parseIncrementalState(await run.destination.readState(run.dataset, key), key);
  const start = windowsStart(spec, window, stored?.lastValue ?? null);
  const windows = splitWindows(start, windowsEnd(spec, start, run.clock.now()), window, spec.cursorPath);
  let stopped = false;
  const fetchWindow = async (w: CursorWindow): Promise<Fetched> => {
    const last = w.index === windows.length - 1;
    // A bigint bound (an integer beyond 2^53) compares exactly in the tracker; the spec's type just never holds one from a config.
    const [from, to] = [w.start, w.end] as [string | number, string | number];
    const bounds: IncrementalSpec = { ...spec, initialValue: from, endValue: to, lag: null, rangeStart: "closed", rangeEnd: last ? spec.rangeEnd : "open" };
    const tracker = new IncrementalTracker(bounds, resource.primaryKey, null);
    const values = tracker.requestValues();
    const convert = (v: typeof w.start) => convertCursor(v, spec.convert, spec.cursorPath);
    const incremental = { ...values, window_start: convert(w.start), window_end: convert(w.end) };
    const records: Record<string, unknown>[] = [];
    let pages = 0;
    for await (const page of stream.pages({ incremental })) {
      if (stopped) break;
      pages++;
      const found = pageRecords({ resource, steps, writer: null }, page, undefined, tracker);
      records.push(...found.records);
      if (found.stop) break;
    }
    return { records, pages };
  };
  const totals = { pages: 0, records: 0, inserted: 0, updated: 0, unchanged: 0 };
  const ended: { deleted?: number; retired?: number } = {};
  const fetches = new Map<number, Promise<Fetched>>();
  const begin = (i: number) => {
    const w = windows[i];
    if (w === undefined) return;
    const fetched = fetchWindow(w);
    fetched.catch(() => undefined); // awaited in window order below
    fetches.set(i, fetched);
  };
  for (let i = 0; i < run.ahead; i++) begin(i);
  try {
    for (const w of windows) {
      const fetched = await (fetches.get(w.index) as Promise<Fetched>).catch(async (error: unknown) => {
        // The window that failed gets its `_gc_loads` row too, `failed` with the reason.
        const failed = loadRunOf(resource, w, run);
        await run.destination.startRun(run.dataset, failed);
        await run.destination.failRun(run.dataset, failed, run.redact(error instanceof Error ? error.message : String(error)));
        throw error;
      });
      fetches.delete(w.index);
      begin(w.index + run.ahead);
      const counts = await commitWindow(resource, spec, w, fetched, run);
      totals.pages += fetched.pages;
      totals.records += fetched.records.length;
      totals.inserted += counts.inserted;
      totals.updated += counts.updated;
      totals.unchanged += counts.unchanged;
      if (counts.deleted !== undefined) ended.deleted = (ended.deleted ?? 0) + counts.deleted;
      if (counts.retired !== undefined) ended.retired = (ended.retired ?? 0) + counts.retired;
      run.observer?.window?.(resource.name, { index: w.index, count: windows.length, start: w.start, end: w.end, records: fetched.records.length });
    }
  } finally {
    stopped = true;
  }
  return {
    resource: resource.name,
    table: resource.table.name,
    ...totals,
    ...ended,
    requests: stream.http.requests,
    retries: stream.http.retries,
    ignored: stream.http.ignored,
    seconds: (performance.now() - started) / 1000,
  };
}

/** A window's `_gc_loads` row: the run's load id with the window's number (ids still sort by run, then window). */
function loadRunOf(resource: ResourceSpec, w: CursorWindow, run: WindowRun): LoadRun {
  return { loadId: `${run.loadId}-w${String(w.index).padStart(6, "0")}`, connector: run.connector, resource: resource.name, table: resource.table.name };
}

/** Commits one window: its rows, its nested rows, the cursor at its end and its `_gc_loads` row, in one transaction. */
async function commitWindow(resource: ResourceSpec, spec: IncrementalSpec, w: CursorWindow, fetched: Fetched, run: WindowRun) {
  const { destination, dataset } = run;
  const loadRun = loadRunOf(resource, w, run);
  await destination.startRun(dataset, loadRun);
  let writer: TableWriter | null = null;
  try {
    writer = await TableWriter.open(destination, dataset, resource.table, run.batchRows);
    await writer.write(fetched.records);
    const state = { key: incrementalStateKey(resource.name, spec.cursorPath), value: { lastValue: w.end, boundaryKeys: [], initialValue: spec.initialValue } };
    const records = writer.rows;
    return await writer.commit(state, { load: { run: loadRun, records, quarantined: 0 }, fullRefresh: run.fullRefresh && w.index === 0 });
  } catch (error) {
    await writer?.abort();
    await destination.failRun(dataset, loadRun, run.redact(error instanceof Error ? error.message : String(error)));
    throw error;
  }
}
