// The dataset's `_gc_loads` rows in DuckDB (see ../loads.ts): started in their own transaction,
// completed inside the commit transaction, failed best effort.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { LoadCounts, LoadRun } from "../destination.ts";
import { completeRunSql, createLoadsSql, errorText, failRunSql, insertCompletedRunSql, LOADS_TABLE, startRunSql } from "../loads.ts";
import { qualifiedName } from "../sql.ts";

/** Records `run` as running in `catalog.schema._gc_loads` (creating the schema and table), committed at once. */
export async function startRun(conn: DuckDBConnection, catalog: string, schema: string, run: LoadRun): Promise<void> {
  const table = qualifiedName(catalog, schema, LOADS_TABLE);
  await conn.run(`CREATE SCHEMA IF NOT EXISTS ${qualifiedName(catalog, schema)}`);
  await conn.run(createLoadsSql(table));
  await conn.run(startRunSql(table), [run.loadId, run.connector, run.resource, run.table]);
}

/** Sets `run` completed with its counts; call inside the commit transaction. */
export async function completeRun(
  conn: DuckDBConnection,
  catalog: string,
  schema: string,
  run: LoadRun,
  counts: LoadCounts,
  records: number,
  quarantined: number,
): Promise<void> {
  const table = qualifiedName(catalog, schema, LOADS_TABLE);
  await conn.run(createLoadsSql(table));
  const values = [run.loadId, run.resource, records, counts.inserted, counts.updated, counts.unchanged, quarantined];
  const updated = await conn.run(completeRunSql(table), values);
  if (Number(updated.rowsChanged) === 0) await conn.run(insertCompletedRunSql(table), [...values, run.connector, run.table]);
}

/** Sets `run` failed with `error`, unless it completed; never throws (the failure being reported matters more). */
export async function failRun(conn: DuckDBConnection, catalog: string, schema: string, run: LoadRun, error: string): Promise<void> {
  try {
    const table = qualifiedName(catalog, schema, LOADS_TABLE);
    await conn.run(createLoadsSql(table));
    await conn.run(failRunSql(table), [run.loadId, run.resource, errorText(error)]);
  } catch {
    // Best effort: the row stays `running`, which still says the load did not complete.
  }
}
