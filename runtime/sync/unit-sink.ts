// Where one resource's records go during one work unit, until the committer takes its writer: straight
// into a TableWriter opened before the fetch (a whole-sequence unit: bounded memory, `_gc_loads` row
// `running` from the start), or held in memory and replayed into a writer opened when the window
// becomes the next to commit (windows, fetched ahead of their turn: only that window holds a load open).
import type { Destination, LoadRun } from "../destinations/destination.ts";
import type { AheadBudget } from "./ahead-budget.ts";
import { Quarantine, type RecordOrigin } from "./quarantine.ts";
import type { Refusals } from "./records.ts";
import { TableWriter } from "./table-writer.ts";
import type { ResourceSpec } from "../connector.ts";

export interface SinkContext {
  readonly destination: Destination;
  readonly dataset: string;
  readonly connector: string;
  /** The unit's `_gc_loads` id (the run's, or the run's with the window's number). */
  readonly loadId: string;
  readonly redact: (text: string) => string;
  readonly batchRows?: number | undefined;
  /** Later windows of a `replace` resource append: only the run's first window replaces the table. */
  readonly appendOnly: boolean;
  /** For a window's buffered sinks: the records windows may hold between them, and this window's unit index. */
  readonly ahead?: { readonly budget: AheadBudget; readonly unit: number } | undefined;
}

/** What the committer needs of a sink's writer. */
export type StagedWriter = Pick<TableWriter, "rows" | "quarantined" | "discards" | "commit">;

export interface UnitSink extends Refusals {
  readonly run: LoadRun;
  /** Whether `run` was recorded `running` (it is marked failed on abort). */
  readonly started: boolean;
  /** Stages records; returns those accepted (the ones that feed children). */
  write(records: Record<string, unknown>[], origins: readonly RecordOrigin[]): Promise<Record<string, unknown>[]>;
  /** Records accepted so far. */
  readonly rows: number;
  /** The writer holding everything staged (for the committer). */
  writer(): Promise<StagedWriter>;
  abort(): Promise<void>;
}

/** A sink writing straight into a load opened now (its `_gc_loads` row recorded `running` first). */
export async function directSink(resource: ResourceSpec, ctx: SinkContext): Promise<UnitSink> {
  const run = loadRun(resource, ctx);
  await ctx.destination.startRun(ctx.dataset, run);
  const writer = await openWriter(resource, ctx);
  return {
    run,
    started: true,
    quarantines: writer.quarantines,
    refuse: (origin, reason) => writer.refuse(origin, reason),
    write: (records, origins) => writer.write(records, origins.length > 0 ? origins : undefined),
    get rows() {
      return writer.rows;
    },
    writer: async () => writer,
    abort: () => writer.abort(),
  };
}

/**
 * A sink holding records in memory while its window is fetched ahead; its load is opened (its
 * `_gc_loads` row recorded) and the records replayed into it when the window becomes the head (the
 * next to commit) or the committer asks, whichever comes first. From then on records go straight
 * into the load, so a large window is never held whole.
 */
export function bufferedSink(resource: ResourceSpec, ctx: SinkContext): UnitSink {
  const run = loadRun(resource, ctx);
  const records: Record<string, unknown>[] = [];
  const origins: RecordOrigin[] = [];
  const refused: { origin: RecordOrigin; reason: string }[] = [];
  const quarantines = resource.table.invalidRecords === "quarantine";
  let opening: Promise<TableWriter> | null = null;
  let opened: TableWriter | null = null;
  let started = false;
  /** Records counted against the ahead budget, given back once they went into the load (or were dropped). */
  let held = 0;
  const release = () => {
    ctx.ahead?.budget.release(held);
    held = 0;
  };
  const open = async (): Promise<TableWriter> => {
    await ctx.destination.startRun(ctx.dataset, run);
    started = true;
    const writer = await openWriter(resource, ctx);
    opened = writer;
    for (const { origin, reason } of refused) writer.refuse(origin, reason);
    const step = ctx.batchRows ?? 1_000;
    for (let i = 0; i < records.length; i += step) {
      await writer.write(records.slice(i, i + step), quarantines ? origins.slice(i, i + step) : undefined);
    }
    records.length = 0;
    origins.length = 0;
    release();
    return writer;
  };
  const writer = () => (opening ??= open());
  return {
    run,
    get started() {
      return started;
    },
    quarantines,
    refuse: (origin, reason) => (opened === null ? void refused.push({ origin, reason }) : opened.refuse(origin, reason)),
    async write(batch, from) {
      // Without a budget the window is the run's only one, so the next to commit from the start.
      if (opening === null && (ctx.ahead === undefined || ctx.ahead.budget.isHead(ctx.ahead.unit))) writer();
      // Once opening, every batch waits for the replay, so records keep their order.
      if (opening !== null) return (await opening).write(batch, from.length > 0 ? from : undefined);
      // A window fetched ahead waits here (its fetch paused) while the windows held are past the budget.
      if (ctx.ahead !== undefined) await ctx.ahead.budget.reserve(ctx.ahead.unit, batch.length);
      held += batch.length;
      records.push(...batch);
      if (quarantines) origins.push(...from);
      return batch;
    },
    get rows() {
      return opened?.rows ?? records.length;
    },
    writer,
    abort: async () => {
      release();
      await opening?.catch(() => undefined); // a load being opened is aborted once open
      await opened?.abort();
    },
  };
}

function loadRun(resource: ResourceSpec, ctx: SinkContext): LoadRun {
  return { loadId: ctx.loadId, connector: ctx.connector, resource: resource.name, table: resource.table.name };
}

async function openWriter(resource: ResourceSpec, ctx: SinkContext): Promise<TableWriter> {
  const quarantine =
    resource.table.invalidRecords === "quarantine"
      ? new Quarantine({ loadId: ctx.loadId, resource: resource.name, table: resource.table.name, primaryKey: resource.primaryKey, redact: ctx.redact })
      : undefined;
  const table = ctx.appendOnly && resource.table.writeDisposition === "replace" ? { ...resource.table, writeDisposition: "append" as const } : resource.table;
  return TableWriter.open(ctx.destination, ctx.dataset, table, ctx.batchRows, quarantine);
}
