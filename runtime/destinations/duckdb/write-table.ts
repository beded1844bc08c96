// Writes one independent table's staged rows (a root, or a table such as a quarantine) into its
// target per its write disposition; runs inside the commit transaction.
import type { LoadCounts } from "../destination.ts";
import { mergesOnKey } from "../load-tables.ts";
import { identList, quoteIdent } from "../sql.ts";
import { plainScan, streamed } from "./streamed.ts";
import { storedColumns } from "../evolve.ts";
import { count, type Dataset, type StagedTable, targetColumns, targetRef } from "./target.ts";

const NONE: LoadCounts = { inserted: 0, updated: 0, unchanged: 0 };

/** Replace's delete, then append or merge from `final` (the staged rows cast, deduped for a merge). */
export async function writeTable(ds: Dataset, staged: StagedTable, final: string | null): Promise<LoadCounts> {
  const { conn } = ds;
  const spec = staged.table.spec;
  const target = targetRef(ds, spec.name);
  if ((await targetColumns(ds, spec.name)).size === 0) return NONE;
  if (spec.writeDisposition === "replace") await conn.run(`DELETE FROM ${target}`);
  const columns = storedColumns(staged.staging);
  if (columns.length === 0 || final === null) return NONE;
  const names = identList(columns.map((c) => c.name));
  if (!mergesOnKey(staged)) {
    const total = staged.staging.rowCount;
    await streamed(ds, plainScan(staged), () => conn.run(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${final}`));
    return { inserted: total, updated: 0, unchanged: 0 };
  }
  const total = await count(conn, `SELECT count(*) FROM ${final}`); // deduplicated
  // Merge: rows identical (on every stored column) to the stored version are left untouched; the
  // rest replace their key's row (delete + insert, dlt's default strategy) or are new. `final` is the
  // deduplicated table commit.ts made.
  const match = spec.primaryKey.map((k) => `t.${quoteIdent(k)} = f.${quoteIdent(k)}`).join(" AND ");
  const row = (alias: string) => `ROW(${columns.map((c) => `${alias}.${quoteIdent(c.name)}`).join(", ")})`;
  const matched = await count(conn, `SELECT count(*) FROM ${final} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`);
  const unchanged =
    matched === 0
      ? 0
      : await count(
          conn,
          `SELECT count(*) FROM ${final} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match} AND ${row("t")} IS NOT DISTINCT FROM ${row("f")})`,
        );
  if (matched > unchanged) {
    await conn.run(`DELETE FROM ${target} AS t WHERE EXISTS (SELECT 1 FROM ${final} AS f WHERE ${match} AND ${row("t")} IS DISTINCT FROM ${row("f")})`);
  }
  if (total > unchanged) {
    // No key stored yet (a first load): every row is new, and the anti-join would only cost memory.
    const news = matched === 0 ? "" : ` WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`;
    await streamed(ds, matched === 0 ? plainScan(staged) : null, () => conn.run(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${final} AS f${news}`));
  }
  return { inserted: total - matched, updated: matched - unchanged, unchanged };
}
