// The dataset's `_gc_loads` rows in Postgres (see ../loads.ts): started in their own transaction,
// completed inside the commit transaction, failed best effort.
import type pg from "pg";
import type { LoadCounts, LoadRun } from "../destination.ts";
import { completeRunSql, createLoadsSql, errorText, failRunSql, insertCompletedRunSql, LOADS_TABLE, startRunSql } from "../loads.ts";
import { qualifiedName, quoteIdent } from "../sql.ts";

/** Records `run` as running in `schema._gc_loads` (creating the schema and table), in its own transaction. */
export async function startRun(client: pg.Client, schema: string, run: LoadRun): Promise<void> {
  const table = qualifiedName(schema, LOADS_TABLE);
  await client.query("BEGIN");
  try {
    const exists = await client.query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", [schema]);
    if ((exists.rowCount ?? 0) === 0) await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    await client.query(createLoadsSql(table));
    await client.query(startRunSql(table), [run.loadId, run.connector, run.resource, run.table]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Sets `run` completed with its counts; call inside the commit transaction. */
export async function completeRun(client: pg.Client, schema: string, run: LoadRun, counts: LoadCounts, records: number, quarantined: number): Promise<void> {
  const table = qualifiedName(schema, LOADS_TABLE);
  await client.query(createLoadsSql(table));
  const values = [run.loadId, run.resource, records, counts.inserted, counts.updated, counts.unchanged, quarantined];
  const updated = await client.query(completeRunSql(table), values);
  if ((updated.rowCount ?? 0) === 0) await client.query(insertCompletedRunSql(table), [...values, run.connector, run.table]);
}

/** Sets `run` failed with `error`, unless it completed; never throws (the failure being reported matters more). */
export async function failRun(client: pg.Client, schema: string, run: LoadRun, error: string): Promise<void> {
  try {
    await client.query(failRunSql(qualifiedName(schema, LOADS_TABLE)), [run.loadId, run.resource, errorText(error)]);
  } catch {
    // Best effort: the row stays `running`, which still says the load did not complete.
  }
}
