// Nested tables in DuckDB, inside the commit transaction: which ones the root has (the registry),
// clearing the rows a load replaces, inserting the staged rows of the winning root versions.
import { ROOT_SEQ } from "../../normalize/system-columns.ts";
import { type LoadTable, mergesOnKey } from "../load-tables.ts";
import type { NestedClearing } from "../nested-clear.ts";
import { createRegistrySql, NESTED_REGISTRY, registerNestedSql, selectNestedSql, winningVersionSql } from "../nested-sql.ts";
import { identList } from "../sql.ts";
import { storedColumns } from "../evolve.ts";
import { type Dataset, type StagedTable, targetColumns, targetRef } from "./target.ts";
import { plainScan, streamed } from "./streamed.ts";

/** The nested tables registered for `root` in the dataset. */
export async function registeredNested(ds: Dataset, root: string): Promise<string[]> {
  if ((await targetColumns(ds, NESTED_REGISTRY)).size === 0) return [];
  const reader = await ds.conn.runAndReadAll(selectNestedSql(targetRef(ds, NESTED_REGISTRY)), [root]);
  return reader.getRows().map(([name]) => String(name));
}

/** Registers nested tables (creating the registry on first use). */
export async function registerNested(ds: Dataset, tables: readonly LoadTable[]): Promise<void> {
  if (tables.length === 0) return;
  const registry = targetRef(ds, NESTED_REGISTRY);
  await ds.conn.run(createRegistrySql(registry));
  for (const { spec } of tables) await ds.conn.run(registerNestedSql(registry), [spec.name, spec.nested?.parent ?? "", spec.nested?.root ?? ""]);
}

/** Clearing nested tables on DuckDB: the replaced root ids go into `replaced` (a staging-schema table, dropped after the commit). */
export function clearing(ds: Dataset, replaced: string): NestedClearing {
  return {
    run: async (sql) => void (await ds.conn.run(sql)),
    columns: (table) => targetColumns(ds, table),
    ref: (table) => targetRef(ds, table),
    createReplaced: async (select) => {
      await ds.conn.run(`CREATE OR REPLACE TABLE ${replaced} AS ${select}`);
      return replaced;
    },
  };
}

/**
 * Inserts a nested table's staged rows (for a keyed merge whose roots repeated a key, only those of the
 * winning root versions; with no repeated key every version wins); returns how many.
 */
export async function insertNested(
  ds: Dataset,
  root: StagedTable,
  rootFinal: string | null,
  rootDeduplicated: boolean,
  nested: StagedTable,
  final: string | null,
): Promise<number> {
  const columns = storedColumns(nested.staging);
  if (final === null || columns.length === 0) return 0;
  const names = identList(columns.map((c) => c.name));
  let filter = "";
  if (mergesOnKey(root)) {
    if (rootFinal === null) return 0;
    if (rootDeduplicated) {
      const withSeq = [root, nested].every((t) => t.staging.columns.some((c) => c.name === ROOT_SEQ));
      filter = ` WHERE ${winningVersionSql("s", rootFinal, withSeq)}`;
    }
  }
  // Order-free (list order is in `_gc_list_idx`); a plain scan, with a small buffer pool, when nothing is filtered.
  const insert = () => ds.conn.run(`INSERT INTO ${targetRef(ds, nested.table.spec.name)} (${names}) SELECT ${names} FROM ${final} AS s${filter}`);
  const result = await streamed(ds, filter === "" ? plainScan(nested) : null, insert);
  return Number(result.rowsChanged);
}
