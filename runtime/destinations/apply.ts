// The statements inside the commit transaction, in their order: prepare the root, full refresh,
// clear the nested rows of replaced roots, write the root, write other tables, insert nested rows,
// register nested tables. Nested rows of replaced roots go before the root is written.
import type { LoadCounts } from "./destination.ts";
import type { CommitHooks, Dataset, Final, StagedTable } from "./dialect.ts";
import { targetColumns, targetRef } from "./dialect.ts";
import { mergesOnKey } from "./load-tables.ts";
import { clearNested } from "./nested-clear.ts";
import { insertNested, registeredNested, registerNested } from "./nested.ts";
import { prepareTarget } from "./target.ts";
import type { WriteContext } from "./write-context.ts";
import { writeTable } from "./write-table.ts";

export interface Application extends Dataset {
  readonly tables: readonly StagedTable[];
  readonly scratch: string;
  readonly hooks: CommitHooks;
  readonly finals: ReadonlyMap<StagedTable, Final | null>;
  /** Helper tables made inside the transaction, dropped by the caller after it. */
  readonly scratchTables: string[];
  readonly fullRefresh: boolean;
  /** A complete extract (see CommitOptions.complete). */
  readonly complete: boolean;
  /** The commit's validity boundary (see WriteContext). */
  readonly boundary: string;
}

/** Applies every staged table; returns the root's counts and the rows inserted per nested table. */
export async function applyAll(a: Application): Promise<LoadCounts> {
  const [root, ...rest] = a.tables as [StagedTable, ...StagedTable[]];
  const nested = rest.filter((t) => t.table.spec.nested !== undefined);
  const rootMerges = mergesOnKey(root);
  const rootFinal = a.finals.get(root) ?? null;
  if (root.table.spec.writeDisposition === "skip") return skipRoot(a, rest);
  await prepareTarget(a, a.hooks, root, rootMerges);
  const known = new Set([...(await registeredNested(a, root.table.spec.name)), ...nested.map((t) => t.table.spec.name)]);
  if (a.fullRefresh) {
    for (const name of [root.table.spec.name, ...known]) if ((await targetColumns(a, name)).size > 0) await a.session.exec(`DELETE FROM ${targetRef(a, name)}`);
  }
  const replaced = await clearNested(a, root, rootFinal, [...known], a.scratch, a.complete);
  if (replaced !== null) a.scratchTables.push(replaced);
  const context: WriteContext = {
    ...a,
    complete: a.complete,
    ownColumns: a.hooks.columns.map((c) => c.name),
    scratch: async (suffix, select) => {
      const ref = await a.dialect.scratchTable(a.session, `${a.scratch}_${suffix}`, select);
      a.scratchTables.push(ref);
      return ref;
    },
  };
  const written = await writeTable(context, root, rootFinal);
  const { counts } = written;
  for (const other of rest) {
    if (other.table.spec.nested !== undefined) continue;
    await prepareTarget(a, a.hooks, other, mergesOnKey(other));
    await writeTable(context, other, a.finals.get(other) ?? null);
  }
  if (nested.length === 0) return counts;
  const children: Record<string, number> = {};
  const roots = written.nestedRoots ?? rootFinal;
  for (const table of nested) {
    await prepareTarget(a, a.hooks, table, rootMerges);
    children[table.table.spec.name] = await insertNested(a, root, roots, table, a.finals.get(table) ?? null);
  }
  await registerNested(
    a,
    nested.map((t) => t.table),
  );
  return { ...counts, children };
}

/** `skip`: the root and its nested tables are left as they are (not even created); other tables (a quarantine) are written. */
async function skipRoot(a: Application, rest: readonly StagedTable[]): Promise<LoadCounts> {
  const context: WriteContext = { ...a, complete: false, ownColumns: [], scratch: () => Promise.reject(new Error("a skipped load makes no helper table")) };
  for (const other of rest) {
    if (other.table.spec.nested !== undefined) continue;
    await prepareTarget(a, a.hooks, other, mergesOnKey(other));
    await writeTable(context, other, a.finals.get(other) ?? null);
  }
  return { inserted: 0, updated: 0, unchanged: 0 };
}
