// The Postgres dialect (see ../dialect.ts): its catalog and types, TEMP helper tables, finals read
// straight from the TEMP staging tables (a keyed merge's deduplicated with DISTINCT ON), an index on
// a new merge table's key, and lock waits named in commit errors.
import type pg from "pg";
import { DestinationError } from "../../errors.ts";
import { md5RowHashSql } from "../row-hash.ts";
import type { CommitHooks, Dialect } from "../dialect.ts";
import { castList } from "../evolve.ts";
import { dedupKey } from "../load-tables.ts";
import { dedupSql } from "../merge-rules.ts";
import { identList, qualifiedName, quoteIdent } from "../sql.ts";
import { SEQ_COLUMN } from "../staged-columns.ts";
import { message } from "./errors.ts";
import { isLockTimeout, lockTimeoutError } from "./lock-wait.ts";
import type { Staging } from "./staging.ts";
import { COLUMN_TYPES } from "./types.ts";

/** A commit needs nothing of Postgres beyond the transaction. */
const NO_HOOKS: CommitHooks = {
  columns: [],
  beforeBegin: async () => undefined,
  tag: async () => undefined,
  finish: async () => undefined,
  abandon: async () => undefined,
  close: async () => undefined,
};

/** The dialect of the connection `client` (used for lock-wait details in errors). */
export function postgresDialect(client: pg.Client): Dialect<Staging> {
  return {
    name: "postgres",
    types: COLUMN_TYPES,
    ownColumns: [],
    indexesKeys: true,
    updatesInPlace: true,
    ref: (schema, table) => qualifiedName(schema, table),
    columns: async (session, schema, table) => {
      const rows = await session.rows(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a " +
          "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
          "WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        [schema, table],
      );
      return new Map(rows.map(([name, type]) => [String(name), String(type)]));
    },
    // Not CREATE SCHEMA IF NOT EXISTS: that needs the CREATE privilege even when the schema exists.
    ensureSchema: async (session, schema) => {
      const exists = await session.rows("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", [schema]);
      if (exists.length === 0) await session.exec(`CREATE SCHEMA ${quoteIdent(schema)}`);
    },
    scratchTable: async (session, name, select) => {
      await session.exec(`CREATE TEMP TABLE ${quoteIdent(name)} ON COMMIT DROP AS ${select}`);
      const ref = qualifiedName("pg_temp", name);
      await session.exec(`ANALYZE ${ref}`);
      return ref;
    },
    dropScratch: async (session, ref) => void (await session.exec(`DROP TABLE IF EXISTS ${ref}`).catch(() => 0)),
    finalRows: async (session, _schema, { table, staging }, merges) => {
      const cast = `SELECT ${quoteIdent(SEQ_COLUMN)}, ${castList(staging.columns, COLUMN_TYPES)} FROM ${staging.ref}`;
      // Appends read the staging table as they insert, in load order.
      if (!merges) return { ref: `(${cast} ORDER BY ${quoteIdent(SEQ_COLUMN)})`, deduplicated: false };
      // A keyed merge: the last `_gc_seq` per key wins, materialized (the merge reads it several times).
      const name = `${staging.name}_final`;
      const keys = identList(dedupKey(table.spec));
      const cols = staging.columns.map((c) => quoteIdent(c.name)).join(", ");
      await session.exec(`DROP TABLE IF EXISTS ${qualifiedName("pg_temp", name)}`);
      const dedupSort = table.spec.merge?.dedupSort;
      // Keys staged in strict order are proven distinct (key-order.ts): a copy, without DISTINCT ON's sort.
      const distinct = staging.distinctKeys === true;
      const rows = distinct
        ? `SELECT ${cols} FROM (${cast}) AS s`
        : dedupSort === undefined
          ? `SELECT DISTINCT ON (${keys}) ${cols} FROM (${cast}) AS s ORDER BY ${keys}, ${quoteIdent(SEQ_COLUMN)} DESC`
          : dedupSql(cast, keys, cols, dedupSort);
      await session.exec(`CREATE TEMP TABLE ${quoteIdent(name)} AS ${rows}`);
      const ref = qualifiedName("pg_temp", name);
      await session.exec(`ANALYZE ${ref}`);
      // Deduplicated as far as nested rows know: filtered to the winning versions unless no key repeats.
      return { ref, deduplicated: !distinct };
    },
    dropFinal: async (session, final) => {
      if (final.ref.startsWith('"pg_temp"')) await session.exec(`DROP TABLE IF EXISTS ${final.ref}`).catch(() => 0);
    },
    rowHash: md5RowHashSql,
    streamed: (_session, _plain, run) => run(),
    openCommit: async () => NO_HOOKS,
    message,
    commitError: async (_session, schema, context, error) => {
      if (error instanceof DestinationError) return error;
      if (isLockTimeout(error)) return lockTimeoutError(client, schema, context, error);
      return new DestinationError(`${context}: ${message(error)}`, { cause: error });
    },
  };
}
