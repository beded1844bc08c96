// Writes one independent table's staged rows (a root, or a table such as a quarantine) into its
// target per its write disposition; runs inside the commit transaction, the same on every dialect.
import type { LoadCounts } from "./destination.ts";
import { type Final, type StagedTable, targetColumns, targetRef } from "./dialect.ts";
import { storedColumns } from "./evolve.ts";
import { mergesOnKey } from "./load-tables.ts";
import { mergeTable } from "./merge-table.ts";
import { scd2Of } from "./scd2-spec.ts";
import { scd2Table } from "./scd2-table.ts";
import type { WriteContext, Written } from "./write-context.ts";
import { identList } from "./sql.ts";

const NONE: LoadCounts = { inserted: 0, updated: 0, unchanged: 0 };

/** Replace's delete, then append or merge from `final` (the staged rows cast, deduplicated for a merge). */
export async function writeTable(ds: WriteContext, staged: StagedTable, final: Final | null): Promise<Written> {
  const spec = staged.table.spec;
  const none = { counts: NONE, nestedRoots: null };
  if (spec.writeDisposition === "skip" || (await targetColumns(ds, spec.name)).size === 0) return none;
  const target = targetRef(ds, spec.name);
  if (spec.writeDisposition === "replace") await ds.session.exec(`DELETE FROM ${target}`);
  const columns = storedColumns(staged.staging);
  if (columns.length === 0 || final === null) return none;
  const scd2 = scd2Of(spec);
  if (scd2 !== null) return scd2Table(ds, staged, final, columns, target, scd2);
  if (mergesOnKey(staged)) return mergeTable(ds, staged, final, columns, target);
  const names = identList(columns.map((c) => c.name));
  const insert = () => ds.session.exec(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${final.ref} AS f`);
  const inserted = await ds.dialect.streamed(ds.session, staged, insert);
  return { counts: { inserted, updated: 0, unchanged: 0 }, nestedRoots: null };
}
