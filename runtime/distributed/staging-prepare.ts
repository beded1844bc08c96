// A run's staging tables before its partitions fan out (in its registering transaction, serially): a
// new run drops the staging tables other runs left (a failed run's: it can no longer be resumed), then
// creates its own — an empty copy of each live table it replaces (root and registered nested tables:
// columns, defaults, constraints, indexes), so partitions evolve them as they would the live table and
// refuse the same type changes — and its staged state table. A resumed run finds them, or is refused.
import type { Dataset } from "../destinations/dialect.ts";
import { registeredNested } from "../destinations/nested.ts";
import { STATE_TABLE } from "../destinations/state.ts";
import { DistributedError } from "./errors.ts";
import type { RunPlan } from "./partition.ts";
import { runStaging } from "./staging-dataset.ts";
import { runTag, STAGING_PATTERN, STAGING_PREFIX, stagedStateName, stagingName } from "./staging-names.ts";

/** Drops other runs' staging tables (a new run) and creates or checks `plan`'s; see the file comment. */
export async function prepareStaging(ds: Dataset, plan: RunPlan, resumed: boolean): Promise<void> {
  if (!resumed) await dropStale(ds, plan.runId);
  const staging = runStaging(plan);
  if (staging === null) return;
  const ref = (table: string) => ds.dialect.ref(ds.schema, table);
  const exists = async (table: string) => (await ds.dialect.columns(ds.session, ds.schema, table)).size > 0;
  if (resumed) {
    if (await exists(stagedStateName(plan.runId))) return;
    throw new DistributedError(
      `run ${plan.runId}: its staging tables in dataset ${JSON.stringify(ds.schema)} are gone (a later run dropped them when it was planned), ` +
        "so its committed partitions cannot be swapped in: plan a new run",
    );
  }
  await ds.session.exec(`CREATE TABLE ${ref(stagedStateName(plan.runId))} (LIKE ${ref(STATE_TABLE)} INCLUDING DEFAULTS)`);
  for (const root of staging.tables) {
    for (const table of [root, ...(await registeredNested(ds, root))]) {
      if (!(await exists(table))) continue;
      const like = `LIKE ${ref(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES`;
      await ds.session.exec(`CREATE TABLE ${ref(stagingName(plan.runId, table))} (${like})`);
    }
  }
}

/** Drops every staging table of the dataset not of run `runId`; returns their names. */
export async function dropStale(ds: Dataset, runId: string): Promise<string[]> {
  const mine = `${STAGING_PREFIX}${runTag(runId)}_`;
  const rows = await ds.session.rows(
    "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
      "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname LIKE $2 ORDER BY c.relname",
    [ds.schema, STAGING_PATTERN],
  );
  const stale = rows.map(([name]) => String(name)).filter((name) => !name.startsWith(mine));
  for (const name of stale) await ds.session.exec(`DROP TABLE IF EXISTS ${ds.dialect.ref(ds.schema, name)}`);
  return stale;
}
