// The SQL session over DuckDB's one connection (see ../sql-session.ts).
import type { DuckDBConnection } from "@duckdb/node-api";
import type { SqlSession } from "../sql-session.ts";

/** A session running statements on `conn`. */
export function duckDbSession(conn: DuckDBConnection): SqlSession {
  return {
    exec: async (sql, params = []) => Number((await conn.run(sql, [...params])).rowsChanged),
    rows: async (sql, params = []) => (await conn.runAndReadAll(sql, [...params])).getRows() as unknown[][],
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
