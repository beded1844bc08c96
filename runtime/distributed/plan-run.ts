// Planning a distributed run against its destination (the shell around plan-partitions.ts): refuses
// what cannot run distributed (DuckDB), reads each windowed root's stored cursor (none for a full
// refresh: windows start at initial_value), fetches the first page of each root split into page ranges
// (probe-ranges.ts), plans the partitions and registers the run (bootstrap, one running run per dataset;
// a known run id resumes its stored plan, probing nothing) with its staging tables (staging-prepare.ts).
import type { ConnectorSpec } from "../connector.ts";
import type { PostgresDestination } from "../destinations/postgres/index.ts";
import { UsageError } from "../errors.ts";
import type { CursorValue } from "../incremental/cursor.ts";
import { withParams } from "../interpolate/params.ts";
import type { ParamValues } from "../interpolate/param-values.ts";
import type { SecretSource } from "../secrets/resolve.ts";
import type { ClientOptions } from "../stream/options.ts";
import { newLoadId } from "../sync/load-id.ts";
import { chooseResources, planRun } from "../sync/plan.ts";
import { syncDataset } from "../sync/sync-target.ts";
import { storedWindowCursor } from "../sync/windows.ts";
import { connectorSpecHash } from "./connector-hash.ts";
import { planPartitions } from "./plan-partitions.ts";
import type { PageRangePlan } from "./partition.ts";
import { probePageRanges } from "./probe-ranges.ts";
import { readRun, type RegisteredRun, registerRun } from "./run-registry.ts";
import { prepareStaging } from "./staging-prepare.ts";

export interface PlanOptions {
  /** Schema to load into; defaults to the connector name. */
  readonly dataset?: string | undefined;
  /** Run only these resources (by config name) and what feeds them. */
  readonly resources?: readonly string[] | undefined;
  /** The generated code's hash (default: connectorSpecHash of `connector`). */
  readonly codeHash?: string | undefined;
  /** Resume this run id (only its missing partitions run); default: a new run. */
  readonly runId?: string | undefined;
  /**
   * A full refresh: cursors start from initial_value, and every table of the run (nested tables and
   * state included) is written to staging tables the finalize step swaps in once every partition committed.
   */
  readonly fullRefresh?: boolean | undefined;
  /** Now in ms (the end of an open-ended backfill); default Date.now(). */
  readonly nowMs?: number | undefined;
  /** Run parameters (bound before planning: they may shape endpoints). */
  readonly params?: ParamValues;
  readonly secrets?: SecretSource;
  /** Split each root that allows it into ranges of this many pages (page-ranges.ts); absent: no page ranges. */
  readonly pagesPerPartition?: number | undefined;
  /** The client options of that first page's request (base URL, fetch…); `params` and `secrets` above take precedence. */
  readonly client?: Omit<ClientOptions, "onRetry" | "onWait"> | undefined;
  /** Hears the plan's notes: a root left whole and why (a note), and the caveat of each root split into page ranges (a warning). */
  readonly onNote?: ((line: string, level: "note" | "warning") => void) | undefined;
}

/** Refuses a destination URL a distributed run cannot use (anything but Postgres). */
export function requirePostgres(url: string): void {
  if (/^postgres(ql)?:\/\//i.test(url)) return;
  throw new UsageError(
    `a distributed run needs a postgres://… destination (its partitions commit from several processes and coordinate in that database); got ${url.split(":")[0]}:… — ` +
      "a DuckDB file is written by one process at a time: sync it without --distributed",
  );
}

/** Plans `connector`'s run into partitions and registers it in `destination` (opened with `datasetLock: "none"`). */
export async function planDistributedRun(declared: ConnectorSpec, destination: PostgresDestination, options: PlanOptions = {}): Promise<RegisteredRun> {
  const connector = withParams(declared, options);
  const dataset = syncDataset(connector, options.dataset);
  const storedCursors = new Map<string, CursorValue | null>();
  const { roots } = planRun(connector, chooseResources(connector, options.resources));
  for (const root of roots) {
    const spec = root.resource.endpoint.incremental;
    if (spec?.window === undefined) continue;
    storedCursors.set(root.resource.name, await storedWindowCursor(root.resource, spec, destination, dataset, options.fullRefresh === true));
  }
  const runId = options.runId ?? newLoadId();
  const known = options.runId !== undefined && (await readRun(destination, dataset, options.runId)) !== null;
  const note = options.onNote ?? (() => undefined);
  const pageRanges =
    options.pagesPerPartition === undefined || known
      ? undefined
      : await probePageRanges(connector, roots, options.pagesPerPartition, clientOptions(options), (line) => note(line, "note"));
  const plan = planPartitions(connector, {
    runId,
    dataset,
    codeHash: options.codeHash ?? connectorSpecHash(declared),
    resources: options.resources,
    storedCursors,
    nowMs: options.nowMs ?? Date.now(),
    fullRefresh: options.fullRefresh,
    pageRanges,
  });
  for (const ranges of plan.pageRanges ?? []) note(pageRangeNote(ranges, plan.partitions.filter((p) => p.resource === ranges.resource).length), "warning");
  return registerRun(destination, plan, prepareStaging);
}

/** The first page's client options: the caller's, with the plan's params and secrets. */
function clientOptions(options: PlanOptions): ClientOptions {
  const { params, secrets } = options;
  return { ...options.client, ...(params === undefined ? {} : { params }), ...(secrets === undefined ? {} : { secrets }) };
}

/** The caveat of a root split into page ranges, printed when the run is planned. */
function pageRangeNote(ranges: PageRangePlan, count: number): string {
  const announced = ranges.paginator === "offset" ? `${ranges.total} records` : `${ranges.total} pages`;
  return (
    `${ranges.resource}: split into ${count} page range${count === 1 ? "" : "s"} of ${ranges.pagesPerPartition} pages (the first page announced ${announced}); ` +
    "the list must not change while the run goes — an insert or delete shifts records between pages: duplicates are merged, " +
    "and the records fetched are checked against the total when the run ends"
  );
}
