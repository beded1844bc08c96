// Nested tables inside the commit: which ones a root has (the dataset's registry), registering new
// ones, and inserting the staged rows of the root versions that won the load's dedup.
import { ROOT_SEQ, ROW_ID } from "../normalize/system-columns.ts";
import { type Dataset, type Final, type StagedTable, targetColumns, targetRef } from "./dialect.ts";
import { storedColumns } from "./evolve.ts";
import { type LoadTable, mergesOnKey } from "./load-tables.ts";
import { createRegistrySql, NESTED_REGISTRY, registerNestedSql, selectNestedSql, winningVersionSql } from "./nested-sql.ts";
import { identList, quoteIdent } from "./sql.ts";

/** The nested tables registered for `root` in the dataset. */
export async function registeredNested(ds: Dataset, root: string): Promise<string[]> {
  if ((await targetColumns(ds, NESTED_REGISTRY)).size === 0) return [];
  const rows = await ds.session.rows(selectNestedSql(targetRef(ds, NESTED_REGISTRY)), [root]);
  return rows.map(([name]) => String(name));
}

/** Registers nested tables (creating the registry on first use). */
export async function registerNested(ds: Dataset, tables: readonly LoadTable[]): Promise<void> {
  if (tables.length === 0) return;
  const registry = targetRef(ds, NESTED_REGISTRY);
  await ds.session.exec(createRegistrySql(registry));
  for (const { spec } of tables) await ds.session.exec(registerNestedSql(registry), [spec.name, spec.nested?.parent ?? "", spec.nested?.root ?? ""]);
}

/**
 * Inserts a nested table's staged rows (for a keyed merge whose roots repeated a key, only those of the
 * winning root versions; with no repeated key every version wins); returns how many.
 */
export async function insertNested(ds: Dataset, root: StagedTable, rootFinal: Final | null, nested: StagedTable, final: Final | null): Promise<number> {
  const columns = storedColumns(nested.staging);
  if (final === null || columns.length === 0) return 0;
  const names = identList(columns.map((c) => c.name));
  let filter = "";
  if (mergesOnKey(root)) {
    if (rootFinal === null) return 0;
    if (rootFinal.deduplicated) {
      const withSeq = [root, nested].every((t) => t.staging.columns.some((c) => c.name === ROOT_SEQ));
      filter = ` WHERE ${winningVersionSql("s", rootFinal.ref, withSeq)}`;
    }
    // scd2: a reinserted version's nested rows (ids derived from the version's) are stored already.
    const target = targetRef(ds, nested.table.spec.name);
    if (root.table.spec.merge?.strategy === "scd2")
      filter += `${filter === "" ? " WHERE" : " AND"} NOT EXISTS (SELECT 1 FROM ${target} AS n WHERE n.${quoteIdent(ROW_ID)} = s.${quoteIdent(ROW_ID)})`;
  }
  // Order-free (list order is in `_gc_list_idx`); a plain scan when nothing is filtered.
  const insert = () => ds.session.exec(`INSERT INTO ${targetRef(ds, nested.table.spec.name)} (${names}) SELECT ${names} FROM ${final.ref} AS s${filter}`);
  return ds.dialect.streamed(ds.session, filter === "" ? nested : null, insert);
}
