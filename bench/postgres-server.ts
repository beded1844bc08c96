// The bench's Postgres server: BENCH_POSTGRES_URL when set, else the tests' server (GC_TEST_POSTGRES_URL
// or a throwaway cluster from /usr/lib/postgresql/*/bin, stopped at exit), else null with the reason.
import { postgresServer, withClient, withDatabase } from "../test/helpers/postgres.ts";

export interface BenchPostgres {
  /** A URL of the server's own database (`postgres`), for what a bench process needs besides its databases. */
  readonly admin: string;
  /** Creates an empty database and returns its URL; dropped by `dropAll`. */
  fresh(name: string): Promise<string>;
  /** Drops every database `fresh` created. */
  dropAll(): Promise<void>;
}

/** Finds or starts the server; null (after printing why) when there is none, so the caller skips its cases. */
export async function benchPostgres(): Promise<BenchPostgres | null> {
  const given = process.env["BENCH_POSTGRES_URL"];
  const admin = given !== undefined && given !== "" ? given : await postgresServer();
  if (admin === null) {
    process.stderr.write("[postgres cases skipped] no server: set BENCH_POSTGRES_URL or install PostgreSQL (/usr/lib/postgresql/*/bin)\n");
    return null;
  }
  const created: string[] = [];
  return {
    admin,
    async fresh(name) {
      const db = `gc_bench_${process.pid}_${name}`;
      await withClient(admin, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${db}`);
        await c.query(`CREATE DATABASE ${db}`);
      });
      created.push(db);
      return withDatabase(admin, db);
    },
    async dropAll() {
      await withClient(admin, async (c) => {
        for (const db of created.splice(0)) await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      });
    },
  };
}
