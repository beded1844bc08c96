// The DuckDB commit journal: every commit of a load gets a number, recorded as pending in its own
// transaction before the commit starts and set committed inside the commit's transaction; every row the
// commit inserts carries that number in `_gc_commit_id`. DuckDB 1.5 can tear a transaction killed while
// it commits (its WAL replay keeps some of the large, optimistically written inserts of a transaction
// whose commit never finished, see bench/duckdb-tear.ts), so the next open deletes the rows of every
// commit still pending (repair.ts): a table then holds only rows of finished commits.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { ColumnSpec } from "../../connector.ts";
import type { LoadRun } from "../destination.ts";
import { qualifiedName, quoteIdent } from "../sql.ts";

/** The column, in every target table and `_gc_state`, holding the number of the commit that inserted the row. */
export const COMMIT_COLUMN = "_gc_commit_id";

/** The commit column as a target column (created with the table, or added to an older one). */
export const COMMIT_COLUMN_SPEC: ColumnSpec = { name: COMMIT_COLUMN, dataType: "bigint", nullable: true };

/** The journal's schema (one per database, beside the datasets) and table. */
export const JOURNAL_SCHEMA = "_gc_journal";
export const JOURNAL_TABLE = "commits";

/** The journal's qualified, quoted name in `catalog`. */
export function journalRef(catalog: string): string {
  return qualifiedName(catalog, JOURNAL_SCHEMA, JOURNAL_TABLE);
}

/**
 * Records a commit into `schema` as pending, committed at once (outside the load's transaction), and
 * returns its number: one more than any before, so the numbers grow with time.
 */
export async function beginCommit(conn: DuckDBConnection, catalog: string, schema: string, run: LoadRun | undefined): Promise<bigint> {
  const journal = journalRef(catalog);
  // Two round trips: the schema and table in one run, the number taken and recorded in one statement.
  await conn.run(
    `CREATE SCHEMA IF NOT EXISTS ${qualifiedName(catalog, JOURNAL_SCHEMA)}; ` +
      `CREATE TABLE IF NOT EXISTS ${journal} (commit_id BIGINT NOT NULL, dataset VARCHAR NOT NULL, load_id VARCHAR, resource VARCHAR, ` +
      "status VARCHAR NOT NULL, started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, removed_rows BIGINT)",
  );
  const inserted = await conn.runAndReadAll(
    `INSERT INTO ${journal} (commit_id, dataset, load_id, resource, status, started_at) ` +
      `SELECT coalesce(max(commit_id), 0) + 1, $1, $2, $3, 'pending', now() FROM ${journal} RETURNING commit_id`,
    [schema, run?.loadId ?? null, run?.resource ?? null],
  );
  return BigInt(String(inserted.getRows()[0]?.[0] ?? 1));
}

/** Sets commit `id` committed; call last inside the commit's transaction, so it is durable only with every row. */
export async function finishCommit(conn: DuckDBConnection, catalog: string, id: bigint): Promise<void> {
  await conn.run(`UPDATE ${journalRef(catalog)} SET status = 'committed', finished_at = now() WHERE commit_id = $1`, [id]);
}

/** Forgets commit `id` after its transaction rolled back (nothing of it was applied); never throws (the next open repairs). */
export async function dropCommit(conn: DuckDBConnection, catalog: string, id: bigint): Promise<void> {
  await conn.run(`DELETE FROM ${journalRef(catalog)} WHERE commit_id = $1 AND status = 'pending'`, [id]).catch(() => undefined);
}

/** Makes `commit` the commit column's default in `target` (qualified, quoted), inside the commit's transaction. */
export async function tagInserts(conn: DuckDBConnection, target: string, commit: bigint): Promise<void> {
  await conn.run(`ALTER TABLE ${target} ALTER COLUMN ${quoteIdent(COMMIT_COLUMN)} SET DEFAULT ${commit}`);
}
