// The dataset's `_gc_loads` rows (SQL in loads.ts), the same on every dialect: started at once,
// completed inside the commit transaction, failed best effort.
import type { LoadCounts, LoadRun } from "./destination.ts";
import { type Dataset, targetColumns, targetRef } from "./dialect.ts";
import { ADDED_LOADS_COLUMNS, completeRunSql, createLoadsSql, errorText, failRunSql, insertCompletedRunSql, LOADS_TABLE, startRunSql } from "./loads.ts";

/**
 * Records `run` as running (creating the schema and the table), committed at once. Each statement
 * commits on its own: a schema or table left by a start that failed is harmless (failRun creates the
 * table too), and a window's start is then one round trip once DuckDB's catalog memo knows both.
 */
export async function startRun(ds: Dataset, run: LoadRun): Promise<void> {
  const table = targetRef(ds, LOADS_TABLE);
  await ds.dialect.ensureSchema(ds.session, ds.schema);
  await ds.session.exec(createLoadsSql(table));
  await ds.session.exec(startRunSql(table), [run.loadId, run.connector, run.resource, run.table]);
}

/** Sets `run` completed with its counts; call inside the commit transaction. */
export async function completeRun(ds: Dataset, run: LoadRun, counts: LoadCounts, records: number, quarantined: number): Promise<void> {
  const table = targetRef(ds, LOADS_TABLE);
  await ds.session.exec(createLoadsSql(table));
  // A table made by an older version gains the columns added since, then one statement writes every count.
  const columns = await targetColumns(ds, LOADS_TABLE);
  for (const name of ADDED_LOADS_COLUMNS) if (!columns.has(name)) await ds.session.exec(`ALTER TABLE ${table} ADD COLUMN ${name} BIGINT`);
  const values = [run.loadId, run.resource, records, counts.inserted, counts.updated, counts.unchanged, quarantined, counts.deleted ?? 0, counts.retired ?? 0];
  const updated = await ds.session.exec(completeRunSql(table), values);
  if (updated === 0) await ds.session.exec(insertCompletedRunSql(table), [...values, run.connector, run.table]);
}

/** Sets `run` failed with `error`, unless it completed; never throws (the failure being reported matters more). */
export async function failRun(ds: Dataset, run: LoadRun, error: string): Promise<void> {
  try {
    const table = targetRef(ds, LOADS_TABLE);
    // The table may not exist yet (the run failed before it started); creating it is harmless.
    await ds.session.exec(createLoadsSql(table));
    await ds.session.exec(failRunSql(table), [run.loadId, run.resource, errorText(error)]);
  } catch {
    // Best effort: the row stays `running`, which still says the load did not complete.
  }
}
