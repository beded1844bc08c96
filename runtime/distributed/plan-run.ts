// Planning a distributed run against its destination (the shell around plan-partitions.ts): refuses
// what cannot run distributed (DuckDB), reads each windowed root's stored cursor (none for a full
// refresh: windows start at initial_value), plans the partitions and registers the run (bootstrap, one
// running run per dataset; a known run id resumes) with its staging tables (staging-prepare.ts).
import type { ConnectorSpec } from "../connector.ts";
import type { PostgresDestination } from "../destinations/postgres/index.ts";
import { UsageError } from "../errors.ts";
import type { CursorValue } from "../incremental/cursor.ts";
import { withParams } from "../interpolate/params.ts";
import type { ParamValues } from "../interpolate/param-values.ts";
import type { SecretSource } from "../secrets/resolve.ts";
import { newLoadId } from "../sync/load-id.ts";
import { chooseResources, planRun } from "../sync/plan.ts";
import { syncDataset } from "../sync/sync-target.ts";
import { storedWindowCursor } from "../sync/windows.ts";
import { connectorSpecHash } from "./connector-hash.ts";
import { planPartitions } from "./plan-partitions.ts";
import { type RegisteredRun, registerRun } from "./run-registry.ts";
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
  for (const root of planRun(connector, chooseResources(connector, options.resources)).roots) {
    const spec = root.resource.endpoint.incremental;
    if (spec?.window === undefined) continue;
    storedCursors.set(root.resource.name, await storedWindowCursor(root.resource, spec, destination, dataset, options.fullRefresh === true));
  }
  const plan = planPartitions(connector, {
    runId: options.runId ?? newLoadId(),
    dataset,
    codeHash: options.codeHash ?? connectorSpecHash(declared),
    resources: options.resources,
    storedCursors,
    nowMs: options.nowMs ?? Date.now(),
    fullRefresh: options.fullRefresh,
  });
  return registerRun(destination, plan, prepareStaging);
}
