// A child resource's cursor state across concurrent partitions (pure): the state row holds one cursor per
// parent record, and two partitions may each have read it before the other committed. Under the child
// table's lock the commit merges: per parent, the cursor furthest along (per last_value_func) is kept.
import type { IncrementalSpec } from "../connector.ts";
import type { StateEntry } from "../destinations/destination.ts";
import { compareCursor } from "../incremental/cursor.ts";
import { type IncrementalState, parseIncrementalState } from "../incremental/state.ts";

/** `next` (this partition's `{parents}` state) merged over `stored` (the row as committed now). */
export function mergeParentStates(spec: IncrementalSpec, next: StateEntry, stored: unknown): StateEntry {
  const mine = parentsOf(next.value, next.key);
  const theirs = parentsOf(stored, next.key);
  const merged: Record<string, IncrementalState> = { ...theirs };
  for (const [parent, state] of Object.entries(mine)) {
    const other = theirs[parent];
    merged[parent] = other === undefined || !further(spec, other, state) ? state : other;
  }
  return { key: next.key, value: { parents: merged } };
}

/** Whether `a` is further along than `b`. */
function further(spec: IncrementalSpec, a: IncrementalState, b: IncrementalState): boolean {
  if (a.lastValue === null) return false;
  if (b.lastValue === null) return true;
  const order = compareCursor(a.lastValue, b.lastValue, spec.cursorPath);
  return spec.lastValueFunc === "min" ? order < 0 : order > 0;
}

function parentsOf(value: unknown, key: string): Record<string, IncrementalState> {
  const parents = value !== null && typeof value === "object" && "parents" in value ? (value as { parents: unknown }).parents : null;
  const out: Record<string, IncrementalState> = {};
  if (parents === null || typeof parents !== "object") return out;
  for (const [parent, raw] of Object.entries(parents as Record<string, unknown>)) {
    const state = parseIncrementalState(raw, `${key} (parent ${parent})`);
    if (state !== null) out[parent] = state;
  }
  return out;
}
