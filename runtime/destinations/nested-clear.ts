// Clearing nested tables before a root is written, inside the commit transaction: a replace empties
// them; a keyed merge deletes the nested rows of every root row it replaces.
import { ROW_ID } from "../normalize/system-columns.ts";
import { type Dataset, type Final, type StagedTable, targetColumns, targetRef } from "./dialect.ts";
import { mergesOnKey } from "./load-tables.ts";
import { hardDeleteSql, mergeOf, storedKeysSql } from "./merge-rules.ts";
import { countOf } from "./sql-session.ts";
import { deleteNestedSql, replacedRootIdsSql } from "./nested-sql.ts";

/**
 * Empties the existing nested tables among `names` for a replace, or deletes the nested rows of the
 * root rows a keyed merge replaces (`rootFinal`: the deduped staged roots; insert-only replaces none
 * but hard-deleted ones; a merge key adds every stored root of the partitions loaded). Append: nothing. Returns
 * the helper table it made (the replaced root ids), for the caller to drop after the commit.
 */
export async function clearNested(
  ds: Dataset,
  root: StagedTable,
  rootFinal: Final | null,
  names: readonly string[],
  scratch: string,
  complete: boolean,
): Promise<string | null> {
  const existing: string[] = [];
  for (const name of names) if ((await targetColumns(ds, name)).size > 0) existing.push(name);
  if (existing.length === 0) return null;
  if (root.table.spec.writeDisposition === "replace") {
    for (const name of existing) await ds.session.exec(`DELETE FROM ${targetRef(ds, name)}`);
    return null;
  }
  if (!mergesOnKey(root) || rootFinal === null) return null;
  const merge = mergeOf(root);
  if (merge.strategy === "scd2") return null; // history: a retired version keeps its nested rows
  let roots = rootFinal.ref;
  if (merge.strategy === "insert-only") {
    // Stored roots are never replaced: only a hard-deleted one loses its nested rows.
    const flagged = hardDeleteSql(root);
    if (flagged === null) return null;
    roots = `(SELECT * FROM ${rootFinal.ref} AS f WHERE ${flagged})`;
  }
  const partitions = merge.strategy === "delete-insert" ? (merge.mergeKey ?? []) : [];
  const stagedIds = root.staging.columns.some((c) => c.name === ROW_ID);
  const rootTarget = targetRef(ds, root.table.spec.name);
  const target = (await targetColumns(ds, root.table.spec.name)).has(ROW_ID) ? rootTarget : null;
  // Snapshot reconciliation deleting the roots the load lacks: their nested rows go too.
  const missingFrom = complete && merge.missing === "delete" ? rootFinal.ref : null;
  // A load of keys none of which is stored (a backfill's window, new records) replaces no root, so no
  // nested row goes: one count of the stored keys instead of collecting ids from the whole target and
  // scanning every nested table for them, work that grew with the table at every window.
  if (partitions.length === 0 && missingFrom === null && (await countOf(ds.session, storedKeysSql(roots, rootTarget, root.table.spec.primaryKey))) === 0) {
    return null;
  }
  const select = replacedRootIdsSql(roots, stagedIds, target, root.table.spec.primaryKey, partitions, missingFrom);
  const replaced = await ds.dialect.scratchTable(ds.session, `${scratch}_replaced`, select);
  for (const name of existing) await ds.session.exec(deleteNestedSql(targetRef(ds, name), replaced));
  return replaced;
}
