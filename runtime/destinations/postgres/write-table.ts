// Writes one independent table's staged rows (a root, or a table such as a quarantine) into its
// target per its write disposition; runs inside the commit transaction.
import type { LoadCounts } from "../destination.ts";
import { identList, qualifiedName, quoteIdent } from "../sql.ts";
import { SEQ_COLUMN } from "../staged-columns.ts";
import { mergesOnKey } from "../load-tables.ts";
import { castList, storedColumns } from "../evolve.ts";
import { COLUMN_TYPES } from "./types.ts";
import { count, type Dataset, type StagedTable, targetColumns, targetRef } from "./target.ts";

const NONE: LoadCounts = { inserted: 0, updated: 0, unchanged: 0 };

/**
 * For a keyed merge: the staged rows, cast and deduplicated (the last `_gc_seq` per key wins),
 * materialized in a TEMP table dropped at commit; returns its name (null when nothing was staged).
 */
export async function createMergeFinal(ds: Dataset, { table, staging }: StagedTable): Promise<string | null> {
  if (staging.columns.length === 0) return null;
  const keys = identList(table.spec.primaryKey);
  const seq = quoteIdent(SEQ_COLUMN);
  const name = `${staging.name}_final`;
  const cols = staging.columns.map((c) => quoteIdent(c.name)).join(", ");
  await ds.client.query(
    `CREATE TEMP TABLE ${quoteIdent(name)} ON COMMIT DROP AS ` +
      `SELECT DISTINCT ON (${keys}) ${cols} FROM (SELECT ${seq}, ${castList(staging.columns, COLUMN_TYPES)} FROM ${staging.ref}) AS s ORDER BY ${keys}, ${seq} DESC`,
  );
  const final = qualifiedName("pg_temp", name);
  await ds.client.query(`ANALYZE ${final}`);
  return final;
}

/** Replace's delete, then append (from staging) or merge (from `final`, made by createMergeFinal). */
export async function writeTable(ds: Dataset, staged: StagedTable, final: string | null): Promise<LoadCounts> {
  const { client } = ds;
  const spec = staged.table.spec;
  if ((await targetColumns(ds, spec.name)).size === 0) return NONE;
  const target = targetRef(ds, spec.name);
  if (spec.writeDisposition === "replace") await client.query(`DELETE FROM ${target}`);
  const columns = storedColumns(staged.staging);
  if (columns.length === 0) return NONE;
  const names = identList(columns.map((c) => c.name));
  if (!mergesOnKey(staged)) {
    const inserted = await client.query(
      `INSERT INTO ${target} (${names}) SELECT ${castList(columns, COLUMN_TYPES)} FROM ${staged.staging.ref} ORDER BY ${quoteIdent(SEQ_COLUMN)}`,
    );
    return { inserted: inserted.rowCount ?? 0, updated: 0, unchanged: 0 };
  }
  if (final === null) return NONE;
  // Merge: rows identical on every stored column to the stored version are left untouched; the rest
  // replace their key's row (delete + insert, dlt's default strategy) or are new.
  const total = await count(client, `SELECT count(*) AS n FROM ${final}`);
  const cols = columns.map((c) => quoteIdent(c.name));
  const match = spec.primaryKey.map((k) => `t.${quoteIdent(k)} = f.${quoteIdent(k)}`).join(" AND ");
  const row = (alias: string) => `ROW(${cols.map((c) => `${alias}.${c}`).join(", ")})`;
  // EXISTS in WHERE (a semi-join), never in a select list, where it would rescan the target per row.
  const matched = await count(client, `SELECT count(*) AS n FROM ${final} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`);
  const unchanged =
    matched === 0
      ? 0
      : await count(
          client,
          `SELECT count(*) AS n FROM ${final} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match} AND ${row("t")} IS NOT DISTINCT FROM ${row("f")})`,
        );
  if (matched > unchanged) {
    await client.query(`DELETE FROM ${target} AS t USING ${final} AS f WHERE ${match} AND ${row("t")} IS DISTINCT FROM ${row("f")}`);
  }
  if (total > unchanged) {
    await client.query(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${final} AS f WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`);
  }
  return { inserted: total - matched, updated: matched - unchanged, unchanged };
}
