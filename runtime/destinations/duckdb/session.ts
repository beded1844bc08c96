// The SQL session over DuckDB's one connection (see ../sql-session.ts).
import type { DuckDBConnection } from "@duckdb/node-api";
import type { SqlSession } from "../sql-session.ts";
import type { CatalogMemo } from "./catalog-memo.ts";

/**
 * A session running statements on `conn`. `memo` sees each one (and forgets everything when one fails,
 * unless for a missing table); a `CREATE … IF NOT EXISTS` of what it knows exists is not sent.
 */
export function duckDbSession(conn: DuckDBConnection, memo: CatalogMemo): SqlSession {
  const watched = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    memo.saw(sql);
    let result: T;
    try {
      result = await run();
    } catch (error) {
      // A missing table is a catalog error, which leaves the transaction as it was; any other failure may have undone it.
      if (!missingTable(error)) memo.forget();
      throw error;
    }
    memo.ran(sql);
    return result;
  };
  return {
    exec: (sql, params = []) => (memo.redundant(sql) ? Promise.resolve(0) : watched(sql, async () => Number((await conn.run(sql, [...params])).rowsChanged))),
    rows: (sql, params = []) => watched(sql, async () => (await conn.runAndReadAll(sql, [...params])).getRows() as unknown[][]),
  };
}

/** The driver's message without DuckDB's trailing `LINE n:` excerpt of our SQL. */
export function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split(/\n\s*LINE \d+:/)[0]?.trim() ?? text;
}

/** Whether `error` is DuckDB's "no such table (or schema)" catalog error. */
export function missingTable(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /^Catalog Error: Table with name .* does not exist/.test(text);
}
