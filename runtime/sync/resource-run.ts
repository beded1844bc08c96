// One resource's state across a run: its stream, compiled steps and cursors (shared by its work
// units), and what its units did so far (pages, records, counts), which becomes its summary.
import type { LoadCounts } from "../destinations/destination.ts";
import type { PageStream } from "../stream/page-stream.ts";
import type { ResourceCursors } from "./cursors.ts";
import type { PlannedResource } from "./plan.ts";
import type { ResourceSummary } from "./summary.ts";
import type { StagedWriter } from "./unit-sink.ts";

export class ResourceRun {
  readonly planned: PlannedResource;
  readonly stream: PageStream;
  readonly steps: (record: Record<string, unknown>) => Record<string, unknown>[];
  readonly children: readonly ResourceRun[];
  /** The resource's incremental cursors (null without endpoint.incremental, or for a windowed root: its windows hold them). */
  cursors: ResourceCursors | null = null;
  started = 0;
  pages = 0;
  /** Records accepted by the sinks so far (progress), committed or not. */
  seen = 0;
  #records = 0;
  #quarantined = 0;
  #counts = { inserted: 0, updated: 0, unchanged: 0 };
  /** Stored rows the merge deleted or retired (absent until a commit reports some). */
  #ended: { deleted?: number; retired?: number } = {};
  #discards = { discardedRows: 0, discardedValues: 0 };
  #children: Record<string, number> | undefined;

  constructor(
    planned: PlannedResource,
    stream: PageStream,
    steps: (record: Record<string, unknown>) => Record<string, unknown>[],
    children: readonly ResourceRun[],
  ) {
    this.planned = planned;
    this.stream = stream;
    this.steps = steps;
    this.children = children;
  }

  get name(): string {
    return this.planned.resource.name;
  }

  /** Records quarantined by the committed units. */
  get quarantined(): number {
    return this.#quarantined;
  }

  /** Adds what one unit's commit did. */
  committed(writer: StagedWriter, counts: LoadCounts): void {
    this.#records += writer.rows;
    this.#quarantined += writer.quarantined;
    this.#counts.inserted += counts.inserted;
    this.#counts.updated += counts.updated;
    this.#counts.unchanged += counts.unchanged;
    if (counts.deleted !== undefined) this.#ended.deleted = (this.#ended.deleted ?? 0) + counts.deleted;
    if (counts.retired !== undefined) this.#ended.retired = (this.#ended.retired ?? 0) + counts.retired;
    this.#discards.discardedRows += writer.discards.discardedRows ?? 0;
    this.#discards.discardedValues += writer.discards.discardedValues ?? 0;
    if (counts.children !== undefined) {
      this.#children ??= {};
      for (const [table, n] of Object.entries(counts.children)) this.#children[table] = (this.#children[table] ?? 0) + n;
    }
  }

  /** The resource's summary row (only the nonzero optional counts). */
  summary(): ResourceSummary {
    const { resource } = this.planned;
    const { discardedRows, discardedValues } = this.#discards;
    return {
      resource: resource.name,
      table: resource.table.name,
      pages: this.pages,
      records: this.#records,
      ...this.#counts,
      ...this.#ended,
      ...(this.#quarantined === 0 ? {} : { quarantined: this.#quarantined }),
      ...(discardedRows === 0 ? {} : { discardedRows }),
      ...(discardedValues === 0 ? {} : { discardedValues }),
      ...(this.#children === undefined ? {} : { children: this.#children }),
      requests: this.stream.http.requests,
      retries: this.stream.http.retries,
      ignored: this.stream.http.ignored,
      seconds: (performance.now() - this.started) / 1000,
    };
  }
}
