// A keyed merge of one table's deduplicated staged rows into its target, per dlt's strategies:
// delete-insert (with an optional merge key replacing whole partitions), upsert and insert-only; a
// hard_delete column deletes flagged keys on every strategy (scd2 is scd2-table.ts). Rows identical on every stored column to
// the stored version are left untouched and counted unchanged.
import type { ColumnSpec } from "../connector.ts";
import type { LoadCounts } from "./destination.ts";
import type { Final, StagedTable } from "./dialect.ts";
import { hardDeleteSql, matchSql, mergeOf } from "./merge-rules.ts";
import { DELETED_AT } from "../normalize/system-columns.ts";
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
    const partition = `EXISTS (SELECT 1 FROM ${final.ref} AS f WHERE ${matchSql(merge.mergeKey)})`;
    deleted += await session.exec(`DELETE FROM ${target} AS t WHERE ${partition} AND NOT EXISTS (SELECT 1 FROM ${final.ref} AS f WHERE ${match})`);
  }
  const total = await countOf(session, `SELECT count(*) FROM ${rows} AS f`);
  // Column by column: a whole-row ROW(…) comparison inside the join held every stored row in DuckDB's
  // buffer pool (a 10%-changed rerun of 200,000 rows ran out of memory at 128MB).
  const same = columns.map((c) => `t.${quoteIdent(c.name)} IS NOT DISTINCT FROM f.${quoteIdent(c.name)}`).join(" AND ");
  // EXISTS in WHERE (a semi-join), never in a select list, where it would rescan the target per row.
  const matched = await countOf(session, `SELECT count(*) FROM ${rows} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`);
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
  const unchanged =
    matched === 0 ? 0 : await countOf(session, `SELECT count(*) FROM ${rows} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match} AND ${same})`);
  if (matched > unchanged) {
    if (merge.strategy === "upsert") {
      const set = [...columns.map((c) => `${quoteIdent(c.name)} = f.${quoteIdent(c.name)}`), ...ds.ownColumns.map((c) => `${quoteIdent(c)} = DEFAULT`)];
      await session.exec(`UPDATE ${target} AS t SET ${set.join(", ")} FROM ${rows} AS f WHERE ${match} AND NOT (${same})`);
    } else await session.exec(`DELETE FROM ${target} AS t WHERE EXISTS (SELECT 1 FROM ${rows} AS f WHERE ${match} AND NOT (${same}))`);
  }
  if (total > unchanged) {
    const news = matched === 0 ? rows : `(SELECT * FROM ${rows} AS f WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match}))`;
    await insertRows(ds, staged, target, names, news, matched === 0 && flagged === null);
  }
  return await withDeleted({ inserted: total - matched, updated: matched - unchanged, unchanged });
}

/** INSERT … SELECT of `names` from `rows`; `plain`: a plain scan of the staged table (no filter, no join). */
async function insertRows(ds: WriteContext, staged: StagedTable, target: string, names: string, rows: string, plain: boolean): Promise<void> {
  await ds.dialect.streamed(ds.session, plain ? staged : null, () => ds.session.exec(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${rows} AS f`));
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
