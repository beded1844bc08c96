// A target table inside the commit: created from its staged columns, or evolved to hold them (a type
// change refused), with the destination's own columns, a merge's row hash (row-hash.ts), and an index on a new merge table's key where
// the dialect asks for one.
import { DELETED_AT, ROOT_ID } from "../normalize/system-columns.ts";
import type { CommitHooks, Dataset, StagedTable } from "./dialect.ts";
import { targetColumns, targetRef } from "./dialect.ts";
import { evolveTarget, storedColumns } from "./evolve.ts";
import { dedupKey } from "./load-tables.ts";
import { scd2Of } from "./scd2-spec.ts";
import { MERGE_HASH_COLUMN, storesRowHash } from "./row-hash.ts";
import { identList } from "./sql.ts";

/** Creates or evolves the target of `staged`; `indexKey`: the load merges on a key (the root's for a nested table). */
export async function prepareTarget(ds: Dataset, hooks: CommitHooks, staged: StagedTable, indexKey: boolean): Promise<void> {
  const { table } = staged;
  const existing = await targetColumns(ds, table.spec.name);
  const softDelete = table.spec.merge?.missing === "soft_delete" ? [{ name: DELETED_AT, dataType: "timestamp" as const, nullable: true }] : [];
  const scd2 = scd2Of(table.spec);
  const validity = scd2 === null ? [] : [scd2.validFrom, scd2.validTo].map((name) => ({ name, dataType: "timestamp" as const, nullable: true }));
  const hash = storesRowHash(table.spec) && staged.staging.columns.length > 0 ? [MERGE_HASH_COLUMN] : [];
  const columns = [...storedColumns(staged.staging), ...softDelete, ...validity, ...hash];
  if (columns.length === 0 && existing.size === 0) return; // nothing to create it from (see evolveTarget)
  const target = targetRef(ds, table.spec.name);
  for (const sql of evolveTarget(table.label, target, [...columns, ...hooks.columns], existing, ds.dialect.types)) await ds.session.exec(sql);
  await hooks.tag(target);
  if (existing.size > 0 || !ds.dialect.indexesKeys || !indexKey) return;
  const key = table.spec.nested !== undefined ? [ROOT_ID] : dedupKey(table.spec);
  if (key.length > 0 && key.every((k) => columns.some((c) => c.name === k))) await ds.session.exec(`CREATE INDEX ON ${target} (${identList(key)})`);
}
