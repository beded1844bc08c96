// At open, before anything reads or loads: undoes the commits a killed process left pending in the
// journal (commit-journal.ts). DuckDB 1.5 can bring back part of a transaction whose COMMIT was cut short
// (measured: a table's large insert back, the other tables' rows, the cursor and the `_gc_loads`
// completion not; bench/duckdb-tear.ts), so every row tagged with a pending commit is deleted, from
// every table of that commit's dataset, and the commit is marked rolled back. The normal path costs
// one query on the journal, whose absence (a new file) answers it with a catalog error: looking the
// table up in duckdb_tables() first took 7–8 ms of every open.
import type { DuckDBConnection } from "@duckdb/node-api";
import { qualifiedName, quoteIdent } from "../sql.ts";
import { COMMIT_COLUMN, journalRef } from "./commit-journal.ts";
import { missingTable } from "./session.ts";

/** What the repair did: per commit undone, its dataset and the rows it removed. */
export interface RepairedCommit {
  readonly commitId: bigint;
  readonly dataset: string;
  readonly removedRows: number;
}

/** Deletes the rows of every pending commit in `catalog` and marks those commits rolled back, in one transaction. */
export async function repairTornCommits(conn: DuckDBConnection, catalog: string): Promise<RepairedCommit[]> {
  const journal = journalRef(catalog);
  let pending: unknown[][];
  try {
    pending = (await conn.runAndReadAll(`SELECT commit_id, dataset FROM ${journal} WHERE status = 'pending' ORDER BY commit_id`)).getRows();
  } catch (error) {
    if (missingTable(error)) return []; // no journal yet: nothing was ever committed through it
    throw error;
  }
  if (pending.length === 0) return [];
  const repaired: RepairedCommit[] = [];
  await conn.run("BEGIN TRANSACTION");
  try {
    for (const [id, dataset] of pending) {
      const commitId = BigInt(String(id));
      let removedRows = 0;
      for (const table of await taggedTables(conn, String(dataset))) {
        const result = await conn.run(`DELETE FROM ${qualifiedName(catalog, String(dataset), table)} WHERE ${quoteIdent(COMMIT_COLUMN)} = $1`, [commitId]);
        removedRows += Number(result.rowsChanged);
      }
      await conn.run(`UPDATE ${journal} SET status = 'rolled back at open', finished_at = now(), removed_rows = $2 WHERE commit_id = $1`, [
        commitId,
        removedRows,
      ]);
      repaired.push({ commitId, dataset: String(dataset), removedRows });
    }
    await conn.run("COMMIT");
  } catch (error) {
    await conn.run("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return repaired;
}

/** The tables of `dataset` that have the commit column. */
async function taggedTables(conn: DuckDBConnection, dataset: string): Promise<string[]> {
  const reader = await conn.runAndReadAll(
    "SELECT DISTINCT table_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = $1 AND column_name = $2 ORDER BY table_name",
    [dataset, COMMIT_COLUMN],
  );
  return reader.getRows().map(([name]) => String(name));
}
