// Newest wins across partitions (pure SQL): a partition's merge drops from its final rows every key whose
// stored row has a newer incremental cursor, so a window committed late never overwrites a newer version
// committed by a later window. Losing roots take their nested rows with them (nested rows are inserted
// only for the roots left in the final rows). Equal cursors: the later commit wins, as in a classic sync.
import type { ResourceSpec } from "../connector.ts";
import { joinIdentifiers, normalizeIdentifier } from "../normalize/identifier.ts";
import { quoteIdent } from "../destinations/sql.ts";

/** The column a cursor path is stored in (`a.b` → `a__b`), as the normalizer names flattened fields. */
export function cursorColumn(cursorPath: string): string {
  const [first, ...rest] = cursorPath.split(".").map(normalizeIdentifier);
  return rest.reduce((parent, child) => joinIdentifiers(parent, child), first ?? "");
}

/** Whether `resource`'s rows are merged on a key with a cursor to compare (else there is nothing to filter). */
export function newestWinsColumn(resource: ResourceSpec): string | null {
  const spec = resource.endpoint.incremental;
  const { table } = resource;
  if (spec === null || table.writeDisposition !== "merge" || table.merge?.strategy === "scd2") return null;
  if (resource.primaryKey.length === 0) return null;
  return cursorColumn(spec.cursorPath);
}

/** Deletes from `final` (a table) the keys whose row in `target` has a newer `cursor`; `$` parameters none. */
export function dropOlderSql(final: string, target: string, keys: readonly string[], cursor: string): string {
  const match = keys.map((k) => `t.${quoteIdent(k)} = f.${quoteIdent(k)}`).join(" AND ");
  return `DELETE FROM ${final} AS f USING ${target} AS t WHERE ${match} AND t.${quoteIdent(cursor)} > f.${quoteIdent(cursor)}`;
}
