// Nested tables in Postgres, inside the commit transaction: which ones the root has (the registry),
// clearing the rows a load replaces, inserting the staged rows of the winning root versions.
import { ROOT_SEQ } from "../../normalize/system-columns.ts";
import { type LoadTable, mergesOnKey } from "../load-tables.ts";
import type { NestedClearing } from "../nested-clear.ts";
import { createRegistrySql, NESTED_REGISTRY, registerNestedSql, selectNestedSql, winningVersionSql } from "../nested-sql.ts";
import { identList, qualifiedName, quoteIdent } from "../sql.ts";
import { castList, storedColumns } from "../evolve.ts";
import { COLUMN_TYPES } from "./types.ts";
import { type Dataset, type StagedTable, targetColumns, targetRef } from "./target.ts";

/** The nested tables registered for `root` in the dataset. */
export async function registeredNested(ds: Dataset, root: string): Promise<string[]> {
  if ((await targetColumns(ds, NESTED_REGISTRY)).size === 0) return [];
  const result = await ds.client.query<{ table_name: string }>(selectNestedSql(targetRef(ds, NESTED_REGISTRY)), [root]);
  return result.rows.map((r) => r.table_name);
}

/** Registers nested tables (creating the registry on first use). */
export async function registerNested(ds: Dataset, tables: readonly LoadTable[]): Promise<void> {
  if (tables.length === 0) return;
  const registry = targetRef(ds, NESTED_REGISTRY);
  await ds.client.query(createRegistrySql(registry));
  for (const { spec } of tables) await ds.client.query(registerNestedSql(registry), [spec.name, spec.nested?.parent ?? "", spec.nested?.root ?? ""]);
}

/** Clearing nested tables on Postgres: the replaced root ids go into a TEMP table `<scratch>_replaced`, dropped at commit. */
export function clearing(ds: Dataset, scratch: string): NestedClearing {
  return {
    run: async (sql) => void (await ds.client.query(sql)),
    columns: (table) => targetColumns(ds, table),
    ref: (table) => targetRef(ds, table),
    createReplaced: async (select) => {
      const name = `${scratch}_replaced`;
      await ds.client.query(`CREATE TEMP TABLE ${quoteIdent(name)} ON COMMIT DROP AS ${select}`);
      const replaced = qualifiedName("pg_temp", name);
      await ds.client.query(`ANALYZE ${replaced}`);
      return replaced;
    },
  };
}

/** Inserts a nested table's staged rows (for a keyed merge, only those of the winning root versions); returns how many. */
export async function insertNested(ds: Dataset, root: StagedTable, rootFinal: string | null, nested: StagedTable): Promise<number> {
  const columns = storedColumns(nested.staging);
  if (columns.length === 0) return 0;
  let filter = "";
  if (mergesOnKey(root)) {
    if (rootFinal === null) return 0;
    const withSeq = [root, nested].every((t) => t.staging.columns.some((c) => c.name === ROOT_SEQ));
    filter = ` WHERE ${winningVersionSql("s", rootFinal, withSeq)}`;
  }
  const names = identList(columns.map((c) => c.name));
  const result = await ds.client.query(
    `INSERT INTO ${targetRef(ds, nested.table.spec.name)} (${names}) SELECT ${castList(columns, COLUMN_TYPES)} FROM ${nested.staging.ref} AS s${filter}`,
  );
  return result.rowCount ?? 0;
}
