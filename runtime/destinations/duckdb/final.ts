// How DuckDB reads a table's staged rows in the commit (the dialect's finalRows): the spooled rows
// cast to their target types, deduplicated for a keyed merge.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Final, StagedTable } from "../dialect.ts";
import { castList } from "../evolve.ts";
import { dedupKey } from "../load-tables.ts";
import { dedupSql } from "../merge-rules.ts";
import { countOf, type SqlSession } from "../sql-session.ts";
import { identList, quoteIdent } from "../sql.ts";
import { SEQ_COLUMN } from "../staged-columns.ts";
import type { Staging } from "./staging.ts";
import { plainScan, streamed, type StreamTarget } from "./streamed.ts";
import { COLUMN_TYPES } from "./types.ts";

/** The final of a keyed merge: a TEMP table `<staging>_rows`; otherwise a TEMP view `<staging>_final`. */
const TABLE_SUFFIX = "_rows";
const VIEW_SUFFIX = "_final";

/**
 * The staged rows cast to their target types. For a keyed merge they are deduplicated (the last version
 * of a key winning) into a TEMP table, since the merge reads them several times and joins them (DuckDB
 * spills a table through its buffer pool; the same statements over a view ran out of memory at a million
 * rows). TEMP, not a table of the database: it is written to no WAL or database file (a million-row
 * rerun's file grew 97 → 139 MB with one, its commit took ~10% longer) and vanishes with a killed
 * process. Otherwise, and for a merge that repeats no key into an empty target (every row is new:
 * nothing to join), a view the write reads.
 */
export async function duckDbFinal(
  target: StreamTarget,
  session: SqlSession,
  isEmpty: () => Promise<boolean>,
  staged: StagedTable<Staging>,
  merges: boolean,
): Promise<Final> {
  const { staging, table } = staged;
  const select = `SELECT ${castList(staging.columns, COLUMN_TYPES)} FROM ${staging.ref}`;
  if (!merges) return createView(target.conn, staging, select);
  const name = `${staging.name}${TABLE_SUFFIX}`;
  const seq = quoteIdent(SEQ_COLUMN);
  const keys = identList(dedupKey(table.spec));
  // Most loads repeat no key: finding that out aggregates the key columns alone, then the rows are
  // copied in a plain scan. The dedup (an aggregate and a semi-join over whole rows) peaked ~65 MB
  // higher at a million rows and took longer than both together.
  // Keys staged in strict order are proven distinct (key-order.ts): then not even the key columns are read.
  const repeated = staging.distinctKeys
    ? 0
    : await countOf(session, `SELECT count(*) FROM (SELECT 1 FROM ${staging.ref} GROUP BY ${keys} HAVING count(*) > 1)`);
  if (repeated === 0 && (await isEmpty())) return { ...(await createView(target.conn, staging, select)), intoEmpty: { rows: staging.rowCount } };
  const dedupSort = table.spec.merge?.dedupSort;
  let rows = `${select}${repeated === 0 ? "" : ` WHERE ${seq} IN (SELECT max(${seq}) FROM ${staging.ref} GROUP BY ${keys})`}`;
  if (repeated > 0 && dedupSort !== undefined) {
    const cast = `SELECT ${seq}, ${castList(staging.columns, COLUMN_TYPES)} FROM ${staging.ref}`;
    rows = dedupSql(cast, keys, identList(staging.columns.map((c) => c.name)), dedupSort);
  }
  await streamed(target, repeated === 0 ? plainScan(staged) : null, () => target.conn.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS ${rows}`));
  return { ref: `temp.main.${quoteIdent(name)}`, deduplicated: repeated > 0 };
}

async function createView(conn: DuckDBConnection, staging: Staging, select: string): Promise<Final> {
  const final = `temp.main.${quoteIdent(`${staging.name}${VIEW_SUFFIX}`)}`;
  await conn.run(`CREATE OR REPLACE TEMP VIEW ${final} AS ${select}`);
  return { ref: final, deduplicated: false };
}

/** Drops what duckDbFinal made (a table or a view); never throws. */
export async function dropDuckDbFinal(conn: DuckDBConnection, final: Final): Promise<void> {
  const kind = final.ref.endsWith(`${VIEW_SUFFIX}"`) ? "VIEW" : "TABLE";
  await conn.run(`DROP ${kind} IF EXISTS ${final.ref}`).catch(() => undefined);
}
