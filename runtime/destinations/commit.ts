// The commit protocol, written once for every SQL destination: one resource load's staged tables
// applied in a single transaction — state first, full refresh, nested-table clearing, each table per
// its write disposition, nested inserts and registration, the `_gc_loads` row — rolled back on any
// error. A destination supplies a session and a dialect (dialect.ts).
import { DestinationError } from "../errors.ts";
import type { CommitOptions, LoadCounts, StateEntry } from "./destination.ts";
import type { Dataset, Final, StagedRows, StagedTable } from "./dialect.ts";
import { targetRef } from "./dialect.ts";
import { mergesOnKey } from "./load-tables.ts";
import { applyAll } from "./apply.ts";
import { completeRun } from "./load-runs.ts";
import { identList } from "./sql.ts";
import { stateJson } from "./state-json.ts";
import { writeState } from "./state.ts";

export interface CommitInput<S extends StagedRows> extends Dataset<S> {
  /** The load's tables with their staged rows, the root first. */
  readonly tables: readonly StagedTable<S>[];
  /** A name unique to the load, for the commit's helper tables. */
  readonly scratch: string;
}

/**
 * Makes the staged rows readable and their finals (cast, deduplicated for a keyed merge), then applies
 * every table in one transaction (rolled back on any error); `state`, when given, is upserted into the
 * dataset's `_gc_state` in that same transaction, as are what `options` asks: a full refresh's emptying
 * of the root and its nested tables, the run's `_gc_loads` row set completed. Returns the root's
 * counts and the rows inserted per nested table.
 */
export async function commitLoad<S extends StagedRows>(input: CommitInput<S>, state?: StateEntry, options: CommitOptions = {}): Promise<LoadCounts> {
  const { session, dialect, schema, tables } = input;
  const root = tables[0] as StagedTable<S>;
  const label = root.table.label;
  const stateText = state === undefined ? null : stateJson(state, label);
  try {
    for (const staged of tables) await staged.staging.finish?.(); // the last rows to disk, and the views over them
  } catch (error) {
    throw new DestinationError(`${label}: staging the last rows failed, nothing was applied: ${dialect.message(error)}`, { cause: error });
  }
  const finals = new Map<StagedTable, Final | null>();
  const scratch: string[] = [];
  const hooks = await dialect.openCommit(session, schema, tables);
  try {
    for (const staged of tables) {
      // Nothing staged (every record quarantined, or none fetched): no final, even when the key was never seen.
      const final = staged.staging.columns.length === 0 || staged.staging.rowCount === 0 ? null : await prepareFinal(input, staged);
      finals.set(staged, final);
    }
    await hooks.beforeBegin(options.load?.run);
    // Inside a caller's transaction (the distributed protocol) the caller begins, commits and rolls back.
    const outer = options.transaction;
    if (outer === undefined) await session.exec("BEGIN");
    try {
      await dialect.ensureSchema(session, schema);
      // State first: any later failure (type conflict, constraint, COMMIT itself) rolls it back with the rows.
      if (state !== undefined && stateText !== null) await writeState(input, hooks, state.key, stateText, options.load?.run);
      await outer?.beforeApply?.(session, finals.get(root) ?? null, targetRef(input, root.table.spec.name));
      const counts = await applyAll({
        ...input,
        hooks,
        finals,
        scratchTables: scratch,
        fullRefresh: options.fullRefresh === true,
        complete: options.complete === true,
        boundary: new Date().toISOString(),
      });
      await outer?.afterApply?.(session, finals.get(root) ?? null, targetRef(input, root.table.spec.name));
      const { load } = options;
      if (load !== undefined) await completeRun(input, load.run, counts, load.records, load.quarantined);
      await hooks.finish();
      if (outer === undefined) await session.exec("COMMIT");
      return counts;
    } catch (error) {
      if (outer === undefined) await session.exec("ROLLBACK").catch(() => undefined); // a failed COMMIT has already rolled back
      await hooks.abandon();
      throw error;
    }
  } catch (error) {
    if (error instanceof DestinationError) throw error;
    throw await dialect.commitError(session, schema, `${label}: commit failed and was rolled back`, error);
  } finally {
    await hooks.close();
    for (const final of finals.values()) if (final !== null) await dialect.dropFinal(session, final);
    for (const ref of scratch) await dialect.dropScratch(session, ref);
  }
}

/** The final of one staged table; a failure says nothing was applied. */
async function prepareFinal<S extends StagedRows>(input: CommitInput<S>, staged: StagedTable<S>): Promise<Final | null> {
  const merges = staged.table.spec.nested === undefined && mergesOnKey(staged);
  if (merges) await refuseRepeatedKeys(input, staged);
  try {
    return await input.dialect.finalRows(input.session, input.schema, staged, merges);
  } catch (error) {
    if (error instanceof DestinationError) throw error;
    const doing = merges ? "deduplicating the staged rows" : "converting the staged rows";
    throw new DestinationError(`${staged.table.label}: ${doing} failed, nothing was applied: ${input.dialect.message(error)}`, { cause: error });
  }
}

/** Upsert without dedup_sort needs each key once per load (dlt's rule): a repeated key fails, naming a sample, before anything is applied. */
async function refuseRepeatedKeys<S extends StagedRows>(input: CommitInput<S>, staged: StagedTable<S>): Promise<void> {
  const { spec, label } = staged.table;
  if (spec.merge?.strategy !== "upsert" || spec.merge.dedupSort !== undefined || staged.staging.distinctKeys === true) return;
  const keys = identList(spec.primaryKey);
  const rows = await input.session.rows(`SELECT ${keys}, count(*) FROM ${staged.staging.ref} GROUP BY ${keys} HAVING count(*) > 1 LIMIT 1`);
  const first = rows[0];
  if (first === undefined) return;
  const sample = JSON.stringify(Object.fromEntries(spec.primaryKey.map((k, i) => [k, String(first[i])])));
  throw new DestinationError(
    `${label}: upsert needs each primary key (${spec.primaryKey.join(", ")}) once per load, but ${sample} appears ${String(first[spec.primaryKey.length])} times; ` +
      "declare a dedup_sort column to choose the version that wins; nothing was applied",
  );
}
