// Writes one independent table's staged rows (a root, or a table such as a quarantine) into its
// target per its write disposition; runs inside the commit transaction, the same on every dialect.
import type { LoadCounts } from "./destination.ts";
import { type Dataset, type Final, type StagedTable, targetColumns, targetRef } from "./dialect.ts";
import { storedColumns } from "./evolve.ts";
import { mergesOnKey } from "./load-tables.ts";
import { countOf } from "./sql-session.ts";
import { identList, quoteIdent } from "./sql.ts";

const NONE: LoadCounts = { inserted: 0, updated: 0, unchanged: 0 };

/** Replace's delete, then append or merge from `final` (the staged rows cast, deduplicated for a merge). */
export async function writeTable(ds: Dataset, staged: StagedTable, final: Final | null): Promise<LoadCounts> {
  const { session, dialect } = ds;
  const spec = staged.table.spec;
  if ((await targetColumns(ds, spec.name)).size === 0) return NONE;
  const target = targetRef(ds, spec.name);
  if (spec.writeDisposition === "replace") await session.exec(`DELETE FROM ${target}`);
  const columns = storedColumns(staged.staging);
  if (columns.length === 0 || final === null) return NONE;
  const names = identList(columns.map((c) => c.name));
  if (!mergesOnKey(staged)) {
    const inserted = await dialect.streamed(session, staged, () => session.exec(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${final.ref} AS f`));
    return { inserted, updated: 0, unchanged: 0 };
  }
  const total = await countOf(session, `SELECT count(*) FROM ${final.ref} AS f`);
  // Merge: rows identical (on every stored column) to the stored version are left untouched; the
  // rest replace their key's row (delete + insert, dlt's default strategy) or are new.
  const match = spec.primaryKey.map((k) => `t.${quoteIdent(k)} = f.${quoteIdent(k)}`).join(" AND ");
  const row = (alias: string) => `ROW(${columns.map((c) => `${alias}.${quoteIdent(c.name)}`).join(", ")})`;
  // EXISTS in WHERE (a semi-join), never in a select list, where it would rescan the target per row.
  const matched = await countOf(session, `SELECT count(*) FROM ${final.ref} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`);
  const unchanged =
    matched === 0
      ? 0
      : await countOf(
          session,
          `SELECT count(*) FROM ${final.ref} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match} AND ${row("t")} IS NOT DISTINCT FROM ${row("f")})`,
        );
  if (matched > unchanged) {
    await session.exec(`DELETE FROM ${target} AS t WHERE EXISTS (SELECT 1 FROM ${final.ref} AS f WHERE ${match} AND ${row("t")} IS DISTINCT FROM ${row("f")})`);
  }
  if (total > unchanged) {
    // No key stored yet (a first load): every row is new, and the anti-join would only cost memory.
    const news = matched === 0 ? "" : ` WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`;
    await dialect.streamed(session, matched === 0 ? staged : null, () =>
      session.exec(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${final.ref} AS f${news}`),
    );
  }
  return { inserted: total - matched, updated: matched - unchanged, unchanged };
}
