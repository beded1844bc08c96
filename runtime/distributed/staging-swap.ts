// The finalize step's swap, inside the transaction that marks the run completed: every table the run
// replaced (root and nested tables) takes its staging table's rows — the live table gains the columns
// it lacks, is emptied and filled from staging (readers see the old rows until COMMIT, then the new:
// never an empty table; grants, views and indexes on the live table stay) — or, when it does not exist
// yet, the staging table is renamed to it; the staged state rows replace the live ones of their keys.
import type { Dataset } from "../destinations/dialect.ts";
import { registeredNested } from "../destinations/nested.ts";
import { quoteIdent } from "../destinations/sql.ts";
import { STATE_TABLE } from "../destinations/state.ts";
import { tableLocks, XACT_LOCK_SQL } from "./locks.ts";
import type { RunPlan } from "./partition.ts";
import { runStaging } from "./staging-dataset.ts";
import { stagedStateName, stagingName } from "./staging-names.ts";

/** Swaps `plan`'s staging tables and state in (call inside the finalize transaction); returns the live tables replaced. */
export async function swapStaging(ds: Dataset, plan: RunPlan): Promise<string[]> {
  const staging = runStaging(plan);
  if (staging === null) return [];
  const tables: string[] = [];
  for (const root of staging.tables) tables.push(root, ...(await registeredNested(ds, root)));
  // A late duplicate of a committed partition waits, then finds its marker and changes nothing.
  for (const name of tableLocks(ds.schema, tables)) await ds.session.exec(XACT_LOCK_SQL, [name]);
  const swapped: string[] = [];
  for (const table of tables) if (await swapTable(ds, table, stagingName(plan.runId, table))) swapped.push(table);
  await swapState(ds, stagedStateName(plan.runId));
  return swapped;
}

/** Replaces `live`'s rows with `staged`'s (or renames `staged` to it); false when there is no staging table (swapped already). */
async function swapTable(ds: Dataset, live: string, staged: string): Promise<boolean> {
  const { session, dialect, schema } = ds;
  const stagedColumns = await dialect.columns(session, schema, staged);
  if (stagedColumns.size === 0) return false;
  const [to, from] = [dialect.ref(schema, live), dialect.ref(schema, staged)];
  const liveColumns = await dialect.columns(session, schema, live);
  if (liveColumns.size === 0) {
    await session.exec(`ALTER TABLE ${from} RENAME TO ${quoteIdent(live)}`);
    return true;
  }
  // The staging table began as a copy of the live one's columns; these are the ones the run added.
  for (const [name, type] of stagedColumns) if (!liveColumns.has(name)) await session.exec(`ALTER TABLE ${to} ADD COLUMN ${quoteIdent(name)} ${type}`);
  const names = [...stagedColumns.keys()].map(quoteIdent).join(", ");
  await session.exec(`DELETE FROM ${to}`);
  await session.exec(`INSERT INTO ${to} (${names}) SELECT ${names} FROM ${from}`);
  await session.exec(`DROP TABLE ${from}`);
  return true;
}

/** The staged state rows replace the live rows of their keys; the staged state table goes. */
async function swapState(ds: Dataset, staged: string): Promise<void> {
  const { session, dialect, schema } = ds;
  if ((await dialect.columns(session, schema, staged)).size === 0) return;
  const [live, from] = [dialect.ref(schema, STATE_TABLE), dialect.ref(schema, staged)];
  const columns = "key, value, updated_at, load_id, resource";
  await session.exec(`DELETE FROM ${live} WHERE key IN (SELECT key FROM ${from})`);
  await session.exec(`INSERT INTO ${live} (${columns}) SELECT ${columns} FROM ${from}`);
  await session.exec(`DROP TABLE ${from}`);
}
