// A keyed merge of one table's deduplicated staged rows into its target, per dlt's strategies:
// delete-insert (with an optional merge key replacing whole partitions), upsert and insert-only; a
// hard_delete column deletes flagged keys on every strategy (scd2 is scd2-table.ts); an upsert on a dialect
// that does not update in place replaces its changed rows when that loses nothing. Rows identical on every stored column to
// the stored version are left untouched and counted unchanged: found by the stored row hash first, verified
// column by column where the hashes agree (row-hash.ts).
import type { ColumnSpec } from "../connector.ts";
import type { LoadCounts } from "./destination.ts";
import { type Final, type StagedTable, targetColumns } from "./dialect.ts";
import { hardDeleteSql, matchSql, mergeOf, storedKeysSql } from "./merge-rules.ts";
import { DELETED_AT, EXTRACTED_AT } from "../normalize/system-columns.ts";
import { MERGE_HASH } from "./row-hash.ts";
import { countOf } from "./sql-session.ts";
import { identList, quoteIdent } from "./sql.ts";
import type { WriteContext, Written } from "./write-context.ts";

/** Merges `final` into `target` (quoted); returns the counts and, when they differ from `final`, the roots whose nested rows go in. */
export async function mergeTable(ds: WriteContext, staged: StagedTable, final: Final, columns: readonly ColumnSpec[], target: string): Promise<Written> {
  const { session } = ds;
  const merge = mergeOf(staged);
  const keys = staged.table.spec.primaryKey;
  const match = matchSql(keys);
  const names = identList(columns.map((c) => c.name));
  let deleted = 0;
  // Hard deletes: a flagged key's stored row goes, and the flagged rows are not written.
  let rows = final.ref;
  let nestedRoots: Final | null = null;
  const flagged = hardDeleteSql(staged);
  if (flagged !== null) {
    deleted += await session.exec(`DELETE FROM ${target} AS t WHERE EXISTS (SELECT 1 FROM ${final.ref} AS f WHERE ${match} AND ${flagged})`);
    rows = `(SELECT * FROM ${final.ref} AS f WHERE NOT (${flagged}))`;
    nestedRoots = { ref: rows, deduplicated: true };
  }
  // A merge key: every stored row of a partition the load names goes, unless the load has its key.
  if (merge.strategy === "delete-insert" && merge.mergeKey !== undefined && merge.mergeKey.length > 0) {
    deleted += await session.exec(partitionDeleteSql(target, final.ref, keys, merge.mergeKey));
  }
  // Into a target known to be empty, every row is new and the final's count is known (hard-deleted rows aside).
  const total = final.intoEmpty !== undefined && rows === final.ref ? final.intoEmpty.rows : await countOf(session, `SELECT count(*) FROM ${rows} AS f`);
  const matched = final.intoEmpty !== undefined ? 0 : await countOf(session, storedKeysSql(rows, target, keys));
  const withDeleted = async (counts: LoadCounts): Promise<Written> => {
    // Soft-deleted rows stay, marked: retired, not deleted.
    const reconciled = ds.complete && merge.missing !== undefined ? await reconcile(ds, merge.missing, final, match, target) : 0;
    if (merge.missing === "delete") deleted += reconciled;
    const retired = merge.missing === "soft_delete" ? reconciled : 0;
    return { counts: { ...counts, ...(deleted > 0 ? { deleted } : {}), ...(retired > 0 ? { retired } : {}) }, nestedRoots };
  };
  if (merge.strategy === "insert-only") {
    // Only keys not stored yet; their nested rows alone go in, so the new roots are kept aside first.
    if (matched === total) {
      nestedRoots = { ref: `(SELECT * FROM ${rows} AS f WHERE false)`, deduplicated: true };
      return await withDeleted({ inserted: 0, updated: 0, unchanged: total });
    }
    const fresh = matched === 0 ? rows : await ds.scratch("new", `SELECT * FROM ${rows} AS f WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`);
    await insertRows(ds, staged, target, names, fresh, matched === 0);
    if (matched > 0) nestedRoots = { ref: fresh, deduplicated: true };
    return await withDeleted({ inserted: total - matched, updated: 0, unchanged: matched });
  }
  const hash = ds.dialect.rowHash(columns, "f");
  const stored = `t.${quoteIdent(MERGE_HASH)}`;
  // A stored hash covers every column of its row; the load's only its own. When the target has a column
  // the load lacks, a stored value there would make the hashes differ on rows the load did not change:
  // then every row is compared column by column (the load's columns, as always), and an upsert clears the
  // hash of the rows it updates.
  const { whole, marked } = await coversTarget(ds, staged, columns);
  // An upsert may replace its changed rows rather than update them (dialect.updatesInPlace) when that
  // loses nothing: the load has every column and the target keeps no mark of its own on a row.
  const replaces = merge.strategy === "upsert" && !ds.dialect.updatesInPlace && whole && !marked;
  let changed = 0;
  if (matched > 0) {
    // One join classifies the stored rows the load has. A hash that differs is a change; an equal hash
    // (or none: a row from before the column) is verified column by column (a collision is no change
    // lost). Column by column, never ROW(…): a whole-row comparison held every stored row in DuckDB's
    // buffer pool. Only the changed keys are kept, for the narrow joins below.
    const same = columns.map((c) => `t.${quoteIdent(c.name)} IS NOT DISTINCT FROM f.${quoteIdent(c.name)}`).join(" AND ");
    const differs = whole ? `CASE WHEN ${stored} IS NOT NULL AND ${stored} <> ${hash} THEN true ELSE NOT (${same}) END` : `NOT (${same})`;
    const keyList = keys.map((k) => `f.${quoteIdent(k)}`).join(", ");
    const changedKeys = await ds.scratch("changed", `SELECT ${keyList} FROM ${rows} AS f JOIN ${target} AS t ON ${match} WHERE ${differs}`);
    changed = await countOf(session, `SELECT count(*) FROM ${changedKeys}`);
    const isChanged = (alias: string) => `EXISTS (SELECT 1 FROM ${changedKeys} AS c WHERE ${matchSql(keys, alias, "c")})`;
    if (changed > 0) {
      if (merge.strategy === "upsert" && !replaces) {
        const set = [
          ...columns.map((c) => `${quoteIdent(c.name)} = f.${quoteIdent(c.name)}`),
          `${quoteIdent(MERGE_HASH)} = ${whole ? hash : "NULL"}`,
          ...ds.ownColumns.map((c) => `${quoteIdent(c)} = DEFAULT`),
        ];
        await session.exec(`UPDATE ${target} AS t SET ${set.join(", ")} FROM (SELECT * FROM ${rows} AS f WHERE ${isChanged("f")}) AS f WHERE ${match}`);
      } else await session.exec(`DELETE FROM ${target} AS t WHERE ${isChanged("t")}`);
    }
    // Unchanged rows stored before the hash column get theirs (verified equal above), so the next merge compares one column.
    const unhashed = !whole ? 0 : await countOf(session, `SELECT count(*) FROM (SELECT 1 FROM ${target} AS t WHERE ${stored} IS NULL LIMIT 1) AS u`);
    if (unhashed > 0)
      await session.exec(`UPDATE ${target} AS t SET ${quoteIdent(MERGE_HASH)} = ${hash} FROM ${rows} AS f WHERE ${match} AND ${stored} IS NULL`);
  }
  const unchanged = matched - changed;
  if (total > unchanged) {
    const news = matched === 0 ? rows : `(SELECT * FROM ${rows} AS f WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match}))`;
    await insertRows(ds, staged, target, names, news, matched === 0 && flagged === null, hash);
  }
  return await withDeleted({ inserted: total - matched, updated: changed, unchanged });
}

/**
 * Deletes the rows of `target` in the partitions (`mergeKey` values) `final` names whose `keys` `final`
 * lacks. The partitions are joined (distinct merge keys), not an EXISTS beside the anti-join: Postgres
 * estimates that anti-join at one row and may run the EXISTS as a nested loop over the whole load per row.
 */
export function partitionDeleteSql(target: string, final: string, keys: readonly string[], mergeKey: readonly string[]): string {
  const partitions = `(SELECT DISTINCT ${identList(mergeKey)} FROM ${final}) AS p`;
  const absent = `NOT EXISTS (SELECT 1 FROM ${final} AS f WHERE ${matchSql(keys)})`;
  return `DELETE FROM ${target} AS t USING ${partitions} WHERE ${matchSql(mergeKey, "t", "p")} AND ${absent}`;
}

/**
 * `whole`: whether the load's `columns` are every data column of the target (besides the destination's
 * own, the hash, the soft-delete mark and the extraction time); `marked`: whether the target has one of
 * those two row marks.
 */
async function coversTarget(ds: WriteContext, staged: StagedTable, columns: readonly ColumnSpec[]): Promise<{ whole: boolean; marked: boolean }> {
  const fold = (name: string) => (ds.dialect.types.caseInsensitive ? name.toLowerCase() : name);
  const marks = new Set([DELETED_AT, EXTRACTED_AT].map(fold));
  const known = new Set([...columns.map((c) => c.name), ...ds.ownColumns, MERGE_HASH].map(fold));
  const stored = [...(await targetColumns(ds, staged.table.spec.name)).keys()].map(fold);
  return { whole: stored.every((name) => known.has(name) || marks.has(name)), marked: stored.some((name) => marks.has(name)) };
}

/** INSERT … SELECT of `names` (and, given `hash`, the row hash) from `rows`; `plain`: a plain scan of the staged table (no filter, no join). */
async function insertRows(ds: WriteContext, staged: StagedTable, target: string, names: string, rows: string, plain: boolean, hash?: string): Promise<void> {
  const [into, values] = hash === undefined ? [names, names] : [`${names}, ${quoteIdent(MERGE_HASH)}`, `${names}, ${hash}`];
  await ds.dialect.streamed(ds.session, plain ? staged : null, () => ds.session.exec(`INSERT INTO ${target} (${into}) SELECT ${values} FROM ${rows} AS f`));
}

/**
 * Snapshot reconciliation (a complete extract, after the load's rows are written): stored rows whose
 * key `final` lacks are deleted, or marked with `_gc_deleted_at` (cleared on the keys that came back);
 * returns how many rows were deleted or newly marked.
 */
async function reconcile(ds: WriteContext, missing: "delete" | "soft_delete", final: Final, match: string, target: string): Promise<number> {
  const absent = `NOT EXISTS (SELECT 1 FROM ${final.ref} AS f WHERE ${match})`;
  if (missing === "delete") return ds.session.exec(`DELETE FROM ${target} AS t WHERE ${absent}`);
  const at = quoteIdent(DELETED_AT);
  await ds.session.exec(`UPDATE ${target} AS t SET ${at} = NULL WHERE t.${at} IS NOT NULL AND EXISTS (SELECT 1 FROM ${final.ref} AS f WHERE ${match})`);
  return ds.session.exec(`UPDATE ${target} AS t SET ${at} = now() WHERE t.${at} IS NULL AND ${absent}`);
}
