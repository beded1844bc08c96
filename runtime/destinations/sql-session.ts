// The only I/O the shared commit protocol needs from a destination: run a statement, read rows.
// Values always travel as bound parameters; only quoted identifiers are spliced into the SQL text.
import type { Scalar } from "../normalize/rows.ts";

export interface SqlSession {
  /** Runs one statement; resolves to the rows it changed (0 for DDL). */
  exec(sql: string, params?: readonly Scalar[]): Promise<number>;
  /** Runs one query; resolves to its rows as arrays of driver values (bigint or string for big integers). */
  rows(sql: string, params?: readonly Scalar[]): Promise<unknown[][]>;
}

/** The first value of the first row as a number (a count); 0 when there is none. */
export async function countOf(session: SqlSession, sql: string, params: readonly Scalar[] = []): Promise<number> {
  const rows = await session.rows(sql, params);
  return Number(rows[0]?.[0] ?? 0);
}
