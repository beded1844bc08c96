// Applies one resource load's staged tables in a single transaction: the root per its write
// disposition, its nested tables per dlt's rules, any other table per its own, and the state entry.
import { DestinationError } from "../../errors.ts";
import type { CommitOptions, LoadCounts, StateEntry } from "../destination.ts";
import { quoteIdent } from "../sql.ts";
import { stateJson } from "../state-json.ts";
import { message } from "./errors.ts";
import { clearNested } from "../nested-clear.ts";
import { clearing, insertNested, registeredNested, registerNested } from "./nested.ts";
import { completeRun } from "./loads.ts";
import { isLockTimeout, lockTimeoutError } from "./lock-wait.ts";
import { writeState } from "./state.ts";
import { mergesOnKey } from "../load-tables.ts";
import { type Dataset, prepareTarget, type StagedTable, targetColumns, targetRef } from "./target.ts";
import { createMergeFinal, writeTable } from "./write-table.ts";

export interface CommitInput extends Dataset {
  /** The load's tables with their staged rows, the root first. */
  readonly tables: readonly StagedTable[];
  /** A name unique to the load, for the commit's helper tables. */
  readonly scratch: string;
}

/**
 * Validates the staged rows, then applies every table in one transaction (rolled back on any error);
 * `state`, when given, is upserted into the dataset's `_gc_state` in that same transaction. Returns
 * the root's counts and the rows inserted per nested table. What `options` asks (a full refresh's
 * emptying of the root and its nested tables, the run's `_gc_loads` row completed) is in it too.
 */
export async function commitLoad(input: CommitInput, state?: StateEntry, options: CommitOptions = {}): Promise<LoadCounts> {
  const { client, schema, tables } = input;
  const root = tables[0] as StagedTable;
  const label = root.table.label;
  const stateText = state === undefined ? null : stateJson(state, label);
  try {
    await client.query("BEGIN");
    try {
      const exists = await client.query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", [schema]);
      if ((exists.rowCount ?? 0) === 0) await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
      // State first: any later failure (type conflict, bad cast, COMMIT itself) rolls it back with the rows.
      if (state !== undefined && stateText !== null) await writeState(client, schema, state.key, stateText, options.load?.run);
      const counts = await applyAll(input, options.fullRefresh === true);
      const { load } = options;
      if (load !== undefined) await completeRun(client, schema, load.run, counts, load.records, load.quarantined);
      await client.query("COMMIT");
      return counts;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } catch (error) {
    if (error instanceof DestinationError) throw error;
    if (isLockTimeout(error)) throw await lockTimeoutError(client, schema, `${label}: commit rolled back`, error);
    throw new DestinationError(`${label}: commit failed and was rolled back: ${message(error)}`, { cause: error });
  }
}

/** The statements inside the transaction. Nested rows of replaced roots go before the root is written. */
async function applyAll(input: CommitInput, fullRefresh: boolean): Promise<LoadCounts> {
  const [root, ...rest] = input.tables as [StagedTable, ...StagedTable[]];
  const nested = rest.filter((t) => t.table.spec.nested !== undefined);
  const rootMerges = mergesOnKey(root);
  await prepareTarget(input, root, rootMerges);
  // Nothing staged (every record quarantined, or none fetched): no final, even when the key was never seen.
  const rootFinal = rootMerges && root.staging.rowCount > 0 ? await createMergeFinal(input, root) : null;
  const known = new Set([...(await registeredNested(input, root.table.spec.name)), ...nested.map((t) => t.table.spec.name)]);
  if (fullRefresh) {
    for (const name of [root.table.spec.name, ...known])
      if ((await targetColumns(input, name)).size > 0) await input.client.query(`DELETE FROM ${targetRef(input, name)}`);
  }
  await clearNested(clearing(input, input.scratch), root, rootFinal, [...known]);
  const counts = await writeTable(input, root, rootFinal);
  for (const other of rest) {
    if (other.table.spec.nested !== undefined) continue;
    const merges = mergesOnKey(other);
    await prepareTarget(input, other, merges);
    await writeTable(input, other, merges && other.staging.rowCount > 0 ? await createMergeFinal(input, other) : null);
  }
  if (nested.length === 0) return counts;
  const children: Record<string, number> = {};
  for (const table of nested) {
    await prepareTarget(input, table, rootMerges);
    children[table.table.spec.name] = await insertNested(input, root, rootFinal, table);
  }
  await registerNested(
    input,
    nested.map((t) => t.table),
  );
  return { ...counts, children };
}
