// A work unit's request sequences: the resource's own sequence, then, as each page's records are
// accepted, one sequence per parent record for each child (fresh paginator each, its own cursor),
// as many at a time as the scheduler admits requests. Records pass the record pipeline into the
// unit's sinks; a sequence cut short without failing (an `ignore` action, a guessed single page) is noted.
import type { BindContext } from "../interpolate/bind.ts";
import type { IncrementalTracker, RequestValues } from "../incremental/tracker.ts";
import type { SequenceEnd } from "../stream/page-stream.ts";
import { eachLimited } from "./limit.ts";
import type { SyncObserver } from "./observer.ts";
import { pageRecords } from "./records.ts";
import type { ResourceRun } from "./resource-run.ts";
import type { UnitSink } from "./unit-sink.ts";

/** One resource within one work unit: its sink (null: it only feeds children) and its children's. */
export interface UnitNode {
  readonly run: ResourceRun;
  readonly sink: UnitSink | null;
  readonly children: readonly UnitNode[];
  /** Why a sequence of this resource in this unit ended early without failing; null: none did. */
  cut: string | null;
}

export interface SequenceContext {
  /** Child sequences in flight at once per parent page. */
  readonly concurrency: number;
  readonly observer?: SyncObserver | undefined;
  /** True once the run failed: sequences still fetching stop at their next page. */
  readonly stopped: () => boolean;
}

/** A root's sequence: its tracker (undefined without incremental) and the request values that go with it. */
export interface RootSequence {
  readonly tracker: IncrementalTracker | undefined;
  readonly incremental?: RequestValues | undefined;
}

/** Runs one request sequence of `node` (for `bind`'s parent record, if a child), then its children's per accepted record. */
export async function runSequence(node: UnitNode, bind: BindContext, ctx: SequenceContext, root?: RootSequence): Promise<void> {
  const { run } = node;
  const { resource } = run.planned;
  const parentRecord = resource.parent === null ? undefined : (bind.resources?.[resource.parent.resource] as Record<string, unknown> | undefined);
  const tracker = root !== undefined ? root.tracker : run.cursors?.tracker(parentRecord, run.planned.parentKey);
  const values = root?.incremental ?? tracker?.requestValues();
  const sequence = values === undefined ? bind : { ...bind, incremental: values };
  const ended = (end: SequenceEnd) => {
    if (end.cut !== null) node.cut ??= end.cut;
  };
  for await (const page of run.stream.pages(sequence, ended)) {
    if (ctx.stopped()) break;
    run.pages++;
    const found = pageRecords({ resource, steps: run.steps, writer: node.sink }, page, parentRecord, tracker);
    let { records } = found;
    if (node.sink !== null) {
      // Records the normalizer refuses (and quarantines) feed no children.
      records = await node.sink.write(records, found.origins);
      run.seen += records.length;
      ctx.observer?.page?.(resource.name, run.pages, run.seen);
    }
    for (const child of node.children) {
      await eachLimited(records, ctx.concurrency, (record) => runSequence(child, { resources: { ...bind.resources, [resource.name]: record } }, ctx));
    }
    if (found.stop) break;
  }
}
