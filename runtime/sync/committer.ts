// What a work unit commits, and in which order: each loaded resource of the unit — children before
// their parents, so a parent's cursor never moves past child rows that were not committed — in its
// own transaction with its rows, nested rows, quarantined records, cursor state and `_gc_loads` row.
// Full refresh empties a table at the unit that comes first in the run; missing-row reconciliation
// runs only for a complete extract.
import type { CommitOptions, StateEntry } from "../destinations/destination.ts";
import type { SyncObserver } from "./observer.ts";
import type { UnitNode } from "./sequences.ts";
import { childrenFirst, type WorkUnit } from "./units.ts";
import { windowState } from "./windows.ts";

export interface CommitContext {
  readonly fullRefresh: boolean;
  readonly observer?: SyncObserver | undefined;
}

/** Why a resource's load in this unit is not everything the API returns for it; null: it is a complete extract. */
export function incompleteBecause(node: UnitNode, quarantined: number, discardedRows: number): string | null {
  const { resource } = node.run.planned;
  if (resource.parent !== null) return "a child resource";
  if (resource.endpoint.incremental !== null) return "incremental";
  if ((resource.processingSteps ?? []).some((step) => "filter" in step)) return "a filter step";
  if (quarantined > 0) return "records were quarantined";
  if (discardedRows > 0) return "the schema contract discarded records";
  return node.cut;
}

/** The cursor state a resource's commit in this unit writes (undefined: the stored state stays). */
export function stateOf(node: UnitNode, unit: WorkUnit): StateEntry | undefined {
  const { resource } = node.run.planned;
  const spec = resource.endpoint.incremental;
  if (unit.window !== null && spec !== null && resource.parent === null) return windowState(resource, spec, unit.window);
  return node.run.cursors?.nextState();
}

/** Commits every loaded resource of `unit`, children first; each resource's totals take its counts. */
export async function commitUnit(root: UnitNode, unit: WorkUnit, ctx: CommitContext): Promise<void> {
  for (const node of childrenFirst(root)) {
    const { sink } = node;
    if (sink === null) continue;
    const writer = await sink.writer();
    const { resource } = node.run.planned;
    const why = incompleteBecause(node, writer.quarantined, writer.discards.discardedRows ?? 0);
    if (why !== null && why === node.cut && resource.table.merge?.missing !== undefined) {
      ctx.observer?.warning?.(
        resource.name,
        `missing: ${resource.table.merge.missing} not applied: the extract may be partial (${why}); rows the API no longer returns are kept`,
      );
    }
    const options: CommitOptions = {
      load: { run: sink.run, records: writer.rows, quarantined: writer.quarantined },
      fullRefresh: ctx.fullRefresh && unit.index === 0,
      complete: why === null,
    };
    ctx.observer?.committing?.(resource.name, writer.rows);
    node.run.committed(writer, await writer.commit(stateOf(node, unit), options));
  }
}
