// The DuckDB dialect (see ../dialect.ts): what the shared commit protocol needs that is DuckDB's own —
// its catalog and types, staging-schema helper tables, finals read from spooled rows, the buffer-pool
// tuning of streamed inserts, and the commit journal that undoes a commit torn by a kill.
import type { DuckDBConnection } from "@duckdb/node-api";
import { DestinationError } from "../../errors.ts";
import { duckDbRowHashSql } from "../row-hash.ts";
import type { CommitHooks, Dialect } from "../dialect.ts";
import type { LoadRun } from "../destination.ts";
import { countOf } from "../sql-session.ts";
import { qualifiedName, quoteIdent } from "../sql.ts";
import type { CatalogMemo } from "./catalog-memo.ts";
import { beginCommit, COMMIT_COLUMN, COMMIT_COLUMN_SPEC, dropCommit, finishCommit, tagInserts } from "./commit-journal.ts";
import { dropDuckDbFinal, duckDbFinal } from "./final.ts";
import { heapHandoff } from "./heap-handoff.ts";
import { message, missingTable } from "./session.ts";
import type { LoadSettings } from "./settings.ts";
import type { Staging } from "./staging.ts";
import { plainScan, preservesOrder, restoreStreamSettings, streamed } from "./streamed.ts";
import { COLUMN_TYPES } from "./types.ts";

/** The dialect of the database `catalog` on `conn`, whose commits run with `settings`; `memo` keeps the columns read (catalog-memo.ts). */
export function duckDbDialect(conn: DuckDBConnection, catalog: string, settings: LoadSettings, memo: CatalogMemo): Dialect<Staging> {
  const target = { conn, settings };
  const dialect: Dialect<Staging> = {
    name: "duckdb",
    types: COLUMN_TYPES,
    ownColumns: [COMMIT_COLUMN],
    indexesKeys: false,
    updatesInPlace: false,
    ref: (schema, table) => qualifiedName(catalog, schema, table),
    // DESCRIBE reads one table's entry (1.0–1.6 ms; a missing table 0.3 ms): duckdb_columns() lists every
    // column of the catalog, ~570 of them internal, for 3–4 ms per lookup, and a commit makes about ten.
    // It resolves names case-insensitively and spells types as duckdb_columns() does. A missing table or
    // schema is a catalog error, which leaves the transaction usable (DuckDB only aborts on errors in
    // execution; checked in duckdb-columns.test.ts).
    // Read once per run and table, then kept until a statement may have changed them (catalog-memo.ts).
    columns: async (session, schema, table) => {
      const ref = qualifiedName(catalog, schema, table);
      const known = memo.columns(ref);
      if (known !== undefined) return known;
      let rows: unknown[][];
      try {
        rows = await session.rows(`DESCRIBE ${ref}`);
      } catch (error) {
        if (!missingTable(error)) throw error;
        rows = [];
      }
      const columns = new Map(rows.map(([name, type]) => [String(name).toLowerCase(), String(type)]));
      memo.remember({ ref, schemaRef: qualifiedName(catalog, schema), name: table }, columns);
      return columns;
    },
    ensureSchema: async (session, schema) => void (await session.exec(`CREATE SCHEMA IF NOT EXISTS ${qualifiedName(catalog, schema)}`)),
    // TEMP, like a merge's final (final.ts): helper rows are never written to the database file or its WAL.
    scratchTable: async (session, name, select) => {
      await session.exec(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS ${select}`);
      return `temp.main.${quoteIdent(name)}`;
    },
    dropScratch: async (session, ref) => void (await session.exec(`DROP TABLE IF EXISTS ${ref}`).catch(() => 0)),
    finalRows: (session, schema, staged, merges) => {
      // Whether the target has no rows (or does not exist yet). The commit is the only writer until it ends.
      const isEmpty = async () => {
        if ((await dialect.columns(session, schema, staged.table.spec.name)).size === 0) return true;
        return (await countOf(session, `SELECT count(*) FROM (SELECT 1 FROM ${dialect.ref(schema, staged.table.spec.name)} LIMIT 1)`)) === 0;
      };
      return duckDbFinal(target, session, isEmpty, staged, merges);
    },
    dropFinal: (_session, final) => dropDuckDbFinal(conn, final),
    rowHash: duckDbRowHashSql,
    streamed: (_session, plain, run) => streamed(target, plain === null ? null : plainScan(plain), run),
    openCommit: (_session, schema, tables) => openCommit(conn, catalog, schema, settings, tables),
    message,
    commitError: async (_session, _schema, context, error) =>
      error instanceof DestinationError ? error : new DestinationError(`${context}: ${message(error)}`, { cause: error }),
  };
  return dialect;
}

/**
 * A DuckDB commit: when it is large (LARGE_COMMIT_BYTES staged), the JavaScript heap's garbage
 * collected first (heap-handoff.ts) and a checkpoint as it commits; threads and memory for the widest
 * table until it ends (a streamed statement that fails leaves the stream settings changed: restored
 * at the end); and its journal row (commit-journal.ts): pending before the transaction begins, so a
 * commit killed midway is undone at the next open.
 */
async function openCommit(
  conn: DuckDBConnection,
  catalog: string,
  schema: string,
  settings: LoadSettings,
  tables: readonly { readonly staging: Staging }[],
): Promise<CommitHooks> {
  let commit: bigint | null = null;
  let preserveOrder: boolean | null = null;
  const close = async () => {
    if (preserveOrder !== null) await restoreStreamSettings({ conn, settings }, preserveOrder).catch(() => undefined);
    await settings.end(conn).catch(() => undefined);
  };
  try {
    await settings.begin(
      conn,
      tables.map(plainScan),
      tables.reduce((bytes, t) => bytes + t.staging.bytes, 0),
    );
    if (settings.large) {
      heapHandoff.run();
      // Only a large commit's statements change insertion order (streamed.ts): read it to restore it.
      preserveOrder = await preservesOrder(conn);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    columns: [COMMIT_COLUMN_SPEC],
    beforeBegin: async (run: LoadRun | undefined) => {
      commit = await beginCommit(conn, catalog, schema, run);
    },
    tag: async (ref) => {
      if (commit !== null) await tagInserts(conn, ref, commit);
    },
    finish: async () => {
      if (commit !== null) await finishCommit(conn, catalog, commit);
    },
    abandon: async () => {
      if (commit !== null) await dropCommit(conn, catalog, commit);
    },
    close,
  };
}
