// Applies one resource load's staged tables in a single transaction: the root per its write
// disposition, its nested tables per dlt's rules, any other table per its own, and the state entry.
import type { DuckDBConnection } from "@duckdb/node-api";
import { DestinationError } from "../../errors.ts";
import type { CommitOptions, LoadCounts, StateEntry } from "../destination.ts";
import { identList, qualifiedName, quoteIdent } from "../sql.ts";
import { stateJson } from "../state-json.ts";
import { mergesOnKey } from "../load-tables.ts";
import { clearNested } from "../nested-clear.ts";
import { clearing, insertNested, registeredNested, registerNested } from "./nested.ts";
import { SEQ_COLUMN } from "../staged-columns.ts";
import { STAGING_SCHEMA } from "./staging.ts";
import { completeRun } from "./loads.ts";
import { beginCommit, dropCommit, finishCommit } from "./commit-journal.ts";
import { writeState } from "./state.ts";
import { castList } from "../evolve.ts";
import { count, type Dataset, message, prepareTarget, runStep, type StagedTable, targetColumns, targetRef } from "./target.ts";
import { COLUMN_TYPES } from "./types.ts";
import { plainScan, preservesOrder, restoreStreamSettings, streamed } from "./streamed.ts";
import { writeTable } from "./write-table.ts";

export interface CommitInput extends Dataset {
  /** The load's tables with their staged rows, the root first. */
  readonly tables: readonly StagedTable[];
  /** A name unique to the load, for the commit's helper views and tables. */
  readonly scratch: string;
}

/**
 * Validates, dedups and casts the staged rows, then applies every table in one transaction (rolled
 * back on any error); `state`, when given, is upserted into the dataset's `_gc_state` in that same
 * transaction, as are what `options` asks: a full refresh's emptying of the root and its nested tables,
 * the run's `_gc_loads` row set completed, the commit's journal row set committed (commit-journal.ts).
 * Returns the root's counts and the rows inserted per nested table.
 */
export async function commitLoad(input: CommitInput, state?: StateEntry, options: CommitOptions = {}): Promise<LoadCounts> {
  const { conn, catalog, schema, tables } = input;
  const root = tables[0] as StagedTable;
  const label = root.table.label;
  const stateText = state === undefined ? null : stateJson(state, label);
  try {
    for (const staged of tables) await staged.staging.finish(); // the last rows to disk, and the views over them
  } catch (error) {
    throw new DestinationError(`${label}: staging the last rows failed, nothing was applied: ${message(error)}`, { cause: error });
  }
  const finals = new Map<StagedTable, string | null>();
  const replaced = qualifiedName(catalog, STAGING_SCHEMA, `${input.scratch}_replaced`);
  const preserveOrder = await preservesOrder(conn); // a streamed statement that fails leaves the settings changed
  try {
    await input.settings.begin(conn, tables.map(plainScan)); // threads and memory for the widest table, until the end
    const deduplicated = new Set<StagedTable>();
    for (const staged of tables) finals.set(staged, await createFinal(input, staged, deduplicated));
    // Pending in the journal before the transaction starts: a commit killed midway is undone at the next open.
    const commit = await beginCommit(conn, catalog, schema, options.load?.run);
    await conn.run("BEGIN TRANSACTION");
    try {
      // State first: any later failure (type conflict, constraint, COMMIT itself) rolls it back with the rows.
      if (state !== undefined && stateText !== null) await writeState(conn, catalog, schema, state.key, stateText, commit, options.load?.run);
      const counts = await applyAll(input, finals, deduplicated, replaced, options.fullRefresh === true, commit);
      const { load } = options;
      if (load !== undefined) await completeRun(conn, catalog, schema, load.run, counts, load.records, load.quarantined);
      await finishCommit(conn, catalog, commit);
      await conn.run("COMMIT");
      return counts;
    } catch (error) {
      await conn.run("ROLLBACK").catch(() => undefined); // a failed COMMIT has already rolled back
      await dropCommit(conn, catalog, commit);
      throw error;
    }
  } catch (error) {
    if (error instanceof DestinationError) throw error;
    throw new DestinationError(`${label}: commit failed and was rolled back: ${message(error)}`, { cause: error });
  } finally {
    await restoreStreamSettings(input, preserveOrder).catch(() => undefined);
    await input.settings.end(conn).catch(() => undefined);
    for (const final of finals.values()) if (final !== null) await dropFinal(conn, final);
    await conn.run(`DROP TABLE IF EXISTS ${replaced}`).catch(() => undefined);
  }
}

/** The statements inside the transaction. Nested rows of replaced roots go before the root is written. */
async function applyAll(
  input: CommitInput,
  finals: ReadonlyMap<StagedTable, string | null>,
  deduplicated: ReadonlySet<StagedTable>,
  replaced: string,
  fullRefresh: boolean,
  commit: bigint,
): Promise<LoadCounts> {
  const [root, ...rest] = input.tables as [StagedTable, ...StagedTable[]];
  const nested = rest.filter((t) => t.table.spec.nested !== undefined);
  const rootFinal = finals.get(root) ?? null;
  await prepareTarget(input, root, commit);
  const known = new Set([...(await registeredNested(input, root.table.spec.name)), ...nested.map((t) => t.table.spec.name)]);
  if (fullRefresh) {
    for (const name of [root.table.spec.name, ...known])
      if ((await targetColumns(input, name)).size > 0) await input.conn.run(`DELETE FROM ${targetRef(input, name)}`);
  }
  await clearNested(clearing(input, replaced), root, rootFinal, [...known]);
  const counts = await writeTable(input, root, rootFinal);
  for (const other of rest) {
    if (other.table.spec.nested !== undefined) continue;
    await prepareTarget(input, other, commit);
    await writeTable(input, other, finals.get(other) ?? null);
  }
  if (nested.length === 0) return counts;
  const children: Record<string, number> = {};
  for (const table of nested) {
    await prepareTarget(input, table, commit);
    children[table.table.spec.name] = await insertNested(input, root, rootFinal, deduplicated.has(root), table, finals.get(table) ?? null);
  }
  await registerNested(
    input,
    nested.map((t) => t.table),
  );
  return { ...counts, children };
}

/**
 * The staged rows cast to their target types; null when nothing was staged. For a keyed merge they are
 * deduplicated (the last version of a key winning) into a table in the staging schema, since the merge
 * reads them several times and joins them (DuckDB spills a table through its buffer pool; the same
 * statements over a view ran out of memory at a million rows). Otherwise, and for a merge that repeats
 * no key into an empty target (every row is new: nothing to join), a view the write reads. A table
 * whose rows repeat a key is added to `deduplicated` (its nested rows are then filtered to the
 * winning versions).
 */
async function createFinal(ds: Dataset, staged: StagedTable, deduplicated: Set<StagedTable>): Promise<string | null> {
  const { conn, catalog } = ds;
  const { staging, table } = staged;
  // Nothing staged (every record quarantined, or none fetched): no view, even when the key was never seen.
  if (staging.columns.length === 0 || staging.rowCount === 0) return null;
  const select = `SELECT ${castList(staging.columns, COLUMN_TYPES)} FROM ${staging.ref}`;
  if (table.spec.nested === undefined && mergesOnKey(staged)) {
    const final = qualifiedName(catalog, STAGING_SCHEMA, `${staging.name}_final`);
    const seq = quoteIdent(SEQ_COLUMN);
    const keys = identList(table.spec.primaryKey);
    // Most loads repeat no key: finding that out aggregates the key columns alone, then the rows are
    // copied in a plain scan. The dedup (an aggregate and a semi-join over whole rows) peaked ~65 MB
    // higher at a million rows and took longer than both together.
    const repeated = await count(conn, `SELECT count(*) FROM (SELECT 1 FROM ${staging.ref} GROUP BY ${keys} HAVING count(*) > 1)`).catch((error: unknown) => {
      throw new DestinationError(`${table.label}: reading the staged keys failed, nothing was applied: ${message(error)}`, { cause: error });
    });
    if (repeated === 0 && (await emptyTarget(ds, table.spec.name))) return createView(ds, staged, select);
    if (repeated > 0) deduplicated.add(staged);
    const dedup = repeated === 0 ? "" : ` WHERE ${seq} IN (SELECT max(${seq}) FROM ${staging.ref} GROUP BY ${keys})`;
    const sql = `CREATE OR REPLACE TABLE ${final} AS ${select}${dedup}`;
    const doing = repeated === 0 ? "copying the staged rows" : "deduplicating the staged rows";
    await streamed(ds, repeated === 0 ? plainScan(staged) : null, () => runStep(conn, table.label, doing, sql));
    return final;
  }
  return createView(ds, staged, select);
}

async function createView({ conn }: Dataset, { staging, table }: StagedTable, select: string): Promise<string> {
  const final = `temp.main.${quoteIdent(`${staging.name}_final`)}`;
  await runStep(conn, table.label, "converting the staged rows", `CREATE OR REPLACE TEMP VIEW ${final} AS ${select}`);
  return final;
}

/** Whether the target has no rows (or does not exist yet). The commit is the only writer until it ends. */
async function emptyTarget(ds: Dataset, name: string): Promise<boolean> {
  if ((await targetColumns(ds, name)).size === 0) return true;
  return (await count(ds.conn, `SELECT count(*) FROM (SELECT 1 FROM ${targetRef(ds, name)} LIMIT 1)`)) === 0;
}

/** Drops what createFinal made (a table or a view); never throws. */
async function dropFinal(conn: DuckDBConnection, final: string): Promise<void> {
  const kind = final.startsWith("temp.") ? "VIEW" : "TABLE";
  await conn.run(`DROP ${kind} IF EXISTS ${final}`).catch(() => undefined);
}
