// Newest wins across partitions (pure SQL): a partition's merge drops from its final rows every key whose
// stored row is newer — a newer incremental cursor, or an equal cursor extracted later (`_gc_extracted_at`,
// when the partition that wrote it began fetching; without a cursor, as page ranges are, the extraction
// time alone) — so a partition committed late never overwrites a newer version. The rows a merge writes are stamped with their partition's extraction time. Losing roots
// take their nested rows with them (nested rows are inserted only for the roots left in the final rows).
import type { ResourceSpec } from "../connector.ts";
import { joinIdentifiers, normalizeIdentifier } from "../normalize/identifier.ts";
import { EXTRACTED_AT } from "../normalize/system-columns.ts";
import { quoteIdent } from "../destinations/sql.ts";

export { EXTRACTED_AT };

/** The column a cursor path is stored in (`a.b` → `a__b`), as the normalizer names flattened fields. */
export function cursorColumn(cursorPath: string): string {
  const [first, ...rest] = cursorPath.split(".").map(normalizeIdentifier);
  return rest.reduce((parent, child) => joinIdentifiers(parent, child), first ?? "");
}

/** Whether `resource`'s rows are merged on a key, one version per key (so versions can be ordered). */
export function mergedOnKey(resource: ResourceSpec): boolean {
  const { table } = resource;
  return table.writeDisposition === "merge" && table.merge?.strategy !== "scd2" && resource.primaryKey.length > 0;
}

/** Whether `resource`'s rows are merged on a key with a cursor to compare: its column (else null). */
export function newestWinsColumn(resource: ResourceSpec): string | null {
  const spec = resource.endpoint.incremental;
  if (spec === null || !mergedOnKey(resource)) return null;
  return cursorColumn(spec.cursorPath);
}

/**
 * Deletes from `final` the keys whose row in `target` has a newer `cursor`, or (`extracted`: the target
 * has the stamp) an equal one extracted after `$1` (this partition's extraction time, a timestamptz).
 * Without a cursor, the extraction time alone decides (`extracted` must be true).
 */
export function dropOlderSql(final: string, target: string, keys: readonly string[], cursor: string | null, extracted: boolean): string {
  const match = keys.map((k) => `t.${quoteIdent(k)} = f.${quoteIdent(k)}`).join(" AND ");
  const x = `t.${quoteIdent(EXTRACTED_AT)}`;
  if (cursor === null) return `DELETE FROM ${final} AS f USING ${target} AS t WHERE ${match} AND ${x} > CAST($1 AS timestamptz)`;
  const [t, f] = [`t.${quoteIdent(cursor)}`, `f.${quoteIdent(cursor)}`];
  const later = extracted ? ` OR (${t} = ${f} AND ${x} > CAST($1 AS timestamptz))` : "";
  return `DELETE FROM ${final} AS f USING ${target} AS t WHERE ${match} AND (${t} > ${f}${later})`;
}

/** Adds the extraction stamp to `target` when it lacks it (nullable: rows written before have none, the oldest). */
export function addStampSql(target: string): string {
  return `ALTER TABLE ${target} ADD COLUMN IF NOT EXISTS ${quoteIdent(EXTRACTED_AT)} timestamptz`;
}

/** Stamps the stored rows of `final`'s keys with `$1` (the partition's extraction time): they are its versions now. */
export function stampSql(final: string, target: string, keys: readonly string[]): string {
  const match = keys.map((k) => `t.${quoteIdent(k)} = f.${quoteIdent(k)}`).join(" AND ");
  return `UPDATE ${target} AS t SET ${quoteIdent(EXTRACTED_AT)} = CAST($1 AS timestamptz) FROM ${final} AS f WHERE ${match}`;
}
