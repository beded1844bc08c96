// Where a staged load writes (see staging-names.ts): the dataset with its dialect's names redirected, so
// the shared commit protocol — table creation and evolution, merges, nested tables, state — runs
// unchanged on the run's staging tables, under the live tables' locks; bookkeeping stays in place.
import type { ConnectorSpec, TableSpec } from "../connector.ts";
import type { Dataset, StagedRows } from "../destinations/dialect.ts";
import type { LoadDataset } from "../destinations/postgres/index.ts";
import { fitIdentifier } from "../normalize/identifier.ts";
import type { RunPlan } from "./partition.ts";
import { stagingName, WRITTEN_IN_PLACE } from "./staging-names.ts";

/** What of a run is staged; null when nothing is. */
export interface RunStaging {
  readonly runId: string;
  readonly fullRefresh: boolean;
  /** Root tables (fitted) whose loads write to staging. */
  readonly tables: ReadonlySet<string>;
}

/** The staging of `plan`; null when it stages nothing. */
export function runStaging(plan: RunPlan): RunStaging | null {
  const tables = plan.staged ?? [];
  if (tables.length === 0) return null;
  return { runId: plan.runId, fullRefresh: plan.fullRefresh === true, tables: new Set(tables) };
}

/** Whether a load whose root is `root` writes to staging. */
export function isStaged(staging: RunStaging | null, root: Pick<TableSpec, "name">): staging is RunStaging {
  return staging?.tables.has(fitIdentifier(root.name)) === true;
}

/** `ds` with every table but the bookkeeping (WRITTEN_IN_PLACE) redirected to run `runId`'s staging table. */
export function stagedDataset<S extends StagedRows>(ds: Dataset<S>, runId: string): Dataset<S> {
  const { dialect, schema } = ds;
  const physical = (s: string, table: string) => (s !== schema || WRITTEN_IN_PLACE.has(table) ? table : stagingName(runId, table));
  return {
    ...ds,
    dialect: {
      ...dialect,
      ref: (s, table) => dialect.ref(s, physical(s, table)),
      columns: (session, s, table) => dialect.columns(session, s, physical(s, table)),
    },
  };
}

/**
 * `connector` as a partition sharing its tree with others runs it: a staged `replace` table appends
 * (each partition adds its part to the staging table; the finalize swap is the replace).
 */
export function appendingStaged(connector: ConnectorSpec, staging: RunStaging | null): ConnectorSpec {
  if (staging === null) return connector;
  return {
    ...connector,
    resources: connector.resources.map((r) =>
      r.table.writeDisposition === "replace" && isStaged(staging, r.table) ? { ...r, table: { ...r.table, writeDisposition: "append" as const } } : r,
    ),
  };
}

/** The partition's destination option sending staged loads to the staging tables. */
export function stagedLoads(staging: RunStaging | null): { loadDataset?: LoadDataset } {
  if (staging === null) return {};
  return { loadDataset: (root, ds) => (isStaged(staging, root) ? stagedDataset(ds, staging.runId) : ds) };
}
