// Clearing nested tables before a root is written, shared by the destinations (inside their commit
// transaction): a replace empties them; a keyed merge deletes the nested rows of every root row it
// replaces. Each destination supplies only how it runs SQL and where it keeps the helper table.
import { ROW_ID } from "../normalize/system-columns.ts";
import { type LoadTable, mergesOnKey } from "./load-tables.ts";
import { deleteNestedSql, replacedRootIdsSql } from "./nested-sql.ts";

/** What clearing needs from a destination's commit. */
export interface NestedClearing {
  run(sql: string): Promise<void>;
  /** A target table's stored columns (lower-cased names); empty when it does not exist. */
  columns(table: string): Promise<ReadonlyMap<string, string>>;
  /** The quoted, qualified reference of a target table. */
  ref(table: string): string;
  /** Creates the transaction's helper table of replaced root ids from `select`; returns its reference. */
  createReplaced(select: string): Promise<string>;
}

/** The root as staged: its table and the columns its staging holds. */
export interface StagedRoot {
  readonly table: LoadTable;
  readonly staging: { readonly columns: readonly { readonly name: string }[] };
}

/**
 * Empties the existing nested tables among `names` for a replace, or deletes the nested rows of the
 * root rows a keyed merge replaces (`rootFinal`: the deduped staged roots). Append: nothing.
 */
export async function clearNested(db: NestedClearing, root: StagedRoot, rootFinal: string | null, names: readonly string[]): Promise<void> {
  const existing: string[] = [];
  for (const name of names) if ((await db.columns(name)).size > 0) existing.push(name);
  if (existing.length === 0) return;
  if (root.table.spec.writeDisposition === "replace") {
    for (const name of existing) await db.run(`DELETE FROM ${db.ref(name)}`);
    return;
  }
  if (!mergesOnKey(root) || rootFinal === null) return;
  const stagedIds = root.staging.columns.some((c) => c.name === ROW_ID);
  const target = (await db.columns(root.table.spec.name)).has(ROW_ID) ? db.ref(root.table.spec.name) : null;
  const replaced = await db.createReplaced(replacedRootIdsSql(rootFinal, stagedIds, target, root.table.spec.primaryKey));
  for (const name of existing) await db.run(deleteNestedSql(db.ref(name), replaced));
}
