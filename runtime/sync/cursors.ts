// A resource's incremental cursors during a sync: read from the destination's state, one tracker
// per request sequence (per parent record for a child resource, so cursors never leak between
// parents — dlt #2429), and the state to commit with the rows.
import type { Destination, StateEntry } from "../destinations/destination.ts";
import { incrementalStateKey, parseIncrementalState, type IncrementalState } from "../incremental/state.ts";
import { recordKey } from "../incremental/record-key.ts";
import { IncrementalTracker } from "../incremental/tracker.ts";
import type { IncrementalSpec, ResourceSpec } from "../connector.ts";

/** Root resources store one IncrementalState; child resources store one per parent key. */
type Stored = { readonly root: IncrementalState | null } | { readonly parents: Readonly<Record<string, IncrementalState>> };

export class ResourceCursors {
  readonly #spec: IncrementalSpec;
  readonly #resource: ResourceSpec;
  readonly #key: string;
  readonly #stored: Stored;
  /** Full refresh: the stored state was ignored and is overwritten at commit, even when nothing moved. */
  readonly #fresh: boolean;
  readonly #trackers = new Map<string, IncrementalTracker>();

  private constructor(resource: ResourceSpec, spec: IncrementalSpec, key: string, stored: Stored, fresh = false) {
    this.#resource = resource;
    this.#spec = spec;
    this.#key = key;
    this.#stored = stored;
    this.#fresh = fresh;
  }

  /** Reads the resource's stored cursors (none when it has no endpoint.incremental); `fresh` (full refresh) ignores them. */
  static async load(resource: ResourceSpec, destination: Destination, dataset: string, fresh = false): Promise<ResourceCursors | null> {
    const spec = resource.endpoint.incremental;
    if (spec === null) return null;
    const key = incrementalStateKey(resource.name, spec.cursorPath);
    // A stateless run (end_value set) neither reads nor writes state, full refresh or not.
    if (fresh) return new ResourceCursors(resource, spec, key, resource.parent === null ? { root: null } : { parents: {} }, spec.endValue === null);
    const raw = await destination.readState(dataset, key);
    if (resource.parent === null) return new ResourceCursors(resource, spec, key, { root: parseIncrementalState(raw, key) });
    const parents: Record<string, IncrementalState> = {};
    const entries = raw !== null && typeof raw === "object" && "parents" in raw ? Object.entries((raw as { parents: Record<string, unknown> }).parents) : [];
    for (const [parentKey, value] of entries) {
      const state = parseIncrementalState(value, `${key} (parent ${parentKey})`);
      if (state !== null) parents[parentKey] = state;
    }
    return new ResourceCursors(resource, spec, key, { parents });
  }

  /** The tracker of one request sequence: the resource's, or the given parent record's. */
  tracker(parentRecord: Readonly<Record<string, unknown>> | undefined, parentKey: readonly string[]): IncrementalTracker {
    const id = parentRecord === undefined ? "" : recordKey(parentRecord, parentKey);
    let tracker = this.#trackers.get(id);
    if (tracker === undefined) {
      const stored = "root" in this.#stored ? this.#stored.root : (this.#stored.parents[id] ?? null);
      tracker = new IncrementalTracker(this.#spec, this.#resource.primaryKey, stored);
      this.#trackers.set(id, tracker);
    }
    return tracker;
  }

  /**
   * The state to commit with the rows; undefined when nothing moved (the stored state stays). After a
   * full refresh it is always an entry: the old state is replaced (by null when nothing was seen).
   */
  nextState(): StateEntry | undefined {
    if ("root" in this.#stored) {
      const next = this.#trackers.get("")?.nextState() ?? null;
      if (next === null) return this.#fresh ? { key: this.#key, value: null } : undefined;
      return { key: this.#key, value: next };
    }
    const parents: Record<string, IncrementalState> = { ...this.#stored.parents };
    let moved = false;
    for (const [id, tracker] of this.#trackers) {
      const next = tracker.nextState();
      if (next !== null) {
        parents[id] = next;
        moved = true;
      }
    }
    return moved || this.#fresh ? { key: this.#key, value: { parents } } : undefined;
  }
}
