// SQL text for nested tables, the same on DuckDB and Postgres: the registry of which nested tables
// belong to which root (so a load knows them even when its data has none), and dlt's merge rules:
// a merged root's nested rows are deleted and its staged nested rows inserted, only for the root
// version that won the load's dedup. Identifiers are quoted by the caller; values are bound.
import { LIST_INDEX, PARENT_ID, ROOT_ID, ROOT_SEQ, ROW_ID } from "../normalize/system-columns.ts";
import { quoteIdent } from "./sql.ts";

/** The dataset's registry: one row per nested table, naming its parent and root tables. */
export const NESTED_REGISTRY = "_gc_nested_tables";

export { LIST_INDEX, PARENT_ID, ROOT_ID, ROOT_SEQ, ROW_ID };

/** Creates the registry (`registry` is its qualified, quoted name). */
export function createRegistrySql(registry: string): string {
  return `CREATE TABLE IF NOT EXISTS ${registry} (table_name TEXT NOT NULL, parent_name TEXT NOT NULL, root_name TEXT NOT NULL)`;
}

/** The nested tables of root `$1`, by name. */
export function selectNestedSql(registry: string): string {
  return `SELECT table_name FROM ${registry} WHERE root_name = $1 ORDER BY table_name`;
}

/** Registers nested table `$1` (parent `$2`, root `$3`) unless it is registered already. */
export function registerNestedSql(registry: string): string {
  return (
    `INSERT INTO ${registry} (table_name, parent_name, root_name) SELECT CAST($1 AS TEXT), CAST($2 AS TEXT), CAST($3 AS TEXT) ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${registry} WHERE table_name = $1)`
  );
}

/**
 * The ids of the root rows a merge replaces (as `SELECT id`): those of the staged (deduped) roots in
 * `roots` when they carry ids, and those stored for the same keys in `target` (null when the target
 * has no `_gc_id`), which differ when a key's text form changed; with `partitions` (a merge key), also
 * those stored in a partition the staged roots name; with `missingFrom` (snapshot reconciliation), also
 * those stored whose key that relation lacks.
 */
export function replacedRootIdsSql(
  roots: string,
  stagedIds: boolean,
  target: string | null,
  keys: readonly string[],
  partitions: readonly string[] = [],
  missingFrom: string | null = null,
): string {
  const parts: string[] = [];
  if (stagedIds) parts.push(`SELECT f.${quoteIdent(ROW_ID)} AS id FROM ${roots} AS f`);
  if (target !== null) {
    // Each match its own SELECT: an OR inside EXISTS would defeat the hash join.
    for (const columns of partitions.length > 0 ? [keys, partitions] : [keys]) {
      const match = columns.map((k) => `t.${quoteIdent(k)} = f.${quoteIdent(k)}`).join(" AND ");
      parts.push(
        `SELECT t.${quoteIdent(ROW_ID)} AS id FROM ${target} AS t WHERE t.${quoteIdent(ROW_ID)} IS NOT NULL AND EXISTS (SELECT 1 FROM ${roots} AS f WHERE ${match})`,
      );
    }
  }
  if (target !== null && missingFrom !== null) {
    const match = keys.map((k) => `t.${quoteIdent(k)} = f.${quoteIdent(k)}`).join(" AND ");
    parts.push(
      `SELECT t.${quoteIdent(ROW_ID)} AS id FROM ${target} AS t WHERE t.${quoteIdent(ROW_ID)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${missingFrom} AS f WHERE ${match})`,
    );
  }
  return parts.length === 0 ? `SELECT CAST(NULL AS TEXT) AS id WHERE false` : parts.join(" UNION ");
}

/** Deletes the rows of nested table `child` whose root is in `replaced` (a relation with column `id`). */
export function deleteNestedSql(child: string, replaced: string): string {
  return `DELETE FROM ${child} WHERE ${quoteIdent(ROOT_ID)} IN (SELECT id FROM ${replaced})`;
}

/**
 * The condition keeping a staged nested row (alias `alias`) of a root version that won the dedup in
 * `roots`: matched on root id and, when both sides carry it, on the root's ordinal in the load.
 */
export function winningVersionSql(alias: string, roots: string, withSeq: boolean): string {
  const seq = withSeq ? ` AND r.${quoteIdent(ROOT_SEQ)} = ${alias}.${quoteIdent(ROOT_SEQ)}` : "";
  return `EXISTS (SELECT 1 FROM ${roots} AS r WHERE r.${quoteIdent(ROW_ID)} = ${alias}.${quoteIdent(ROOT_ID)}${seq})`;
}
