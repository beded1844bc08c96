// The SQL session over the Postgres destination's one connection (see ../sql-session.ts).
import type pg from "pg";
import type { Scalar } from "../../normalize/rows.ts";
import type { SqlSession } from "../sql-session.ts";

/** pg binds a bigint only as text. */
function values(params: readonly Scalar[]): unknown[] {
  return params.map((p) => (typeof p === "bigint" ? p.toString() : p));
}

/** A session running statements on `client`. */
export function postgresSession(client: pg.Client): SqlSession {
  return {
    exec: async (sql, params = []) => (await client.query(sql, values(params))).rowCount ?? 0,
    rows: async (sql, params = []) => (await client.query<unknown[]>({ text: sql, values: values(params), rowMode: "array" })).rows,
  };
}
