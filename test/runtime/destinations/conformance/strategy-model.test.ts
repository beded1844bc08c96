// Every merge strategy and hint against a model, on every destination: seeded random loads whose keys
// repeat within a load and across loads, with lists that change, hard-delete flags, merge-key
// partitions and dedup_sort; after every load the root and nested tables hold exactly what the model
// says, the counts match, no nested row is orphaned, and rerunning the same load changes nothing.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { MergeSpec } from "../../../../runtime/connector.ts";
import { eachDestination } from "./destinations.ts";
import { itemsByRoot, orders, orphans, random, ref, rows, sync, tableNames } from "./fixtures.ts";

const each = await eachDestination(test);

type Order = {
  readonly id: number;
  readonly part: number;
  readonly note: string;
  readonly gone: boolean;
  readonly v: number;
  readonly items: readonly { readonly sku: string }[];
};

function load(next: () => number, round: number, deletes: boolean): Order[] {
  const pick = (n: number) => Math.floor(next() * n);
  return Array.from({ length: pick(13) }, (_, i) => {
    const id = 1 + pick(8);
    return {
      id,
      part: pick(3),
      note: pick(3) === 0 ? "same" : `r${round}-${i}`,
      gone: deletes && pick(6) === 0,
      v: pick(3),
      items: Array.from({ length: pick(3) }, (_, j) => ({ sku: pick(2) === 0 ? `s${j}` : `r${round}-${i}-${j}` })),
    };
  });
}

/** The winner of each key in a load: the last, or per dedup_sort on `v` (ties: the last). */
function winners(records: readonly Order[], merge: MergeSpec): Map<number, Order> {
  const out = new Map<number, Order>();
  for (const r of records) {
    const old = out.get(r.id);
    const sort = merge.dedupSort;
    if (old === undefined || sort === undefined || (sort.order === "desc" ? r.v >= old.v : r.v <= old.v)) out.set(r.id, r);
  }
  return out;
}

/** Applies one load to the model; returns the counts the destination must report. */
function apply(model: Map<number, Order>, records: readonly Order[], merge: MergeSpec): number[] {
  const win = winners(records, merge);
  let deleted = 0;
  for (const r of win.values()) {
    if (r.gone && model.delete(r.id)) deleted++;
  }
  if (merge.mergeKey !== undefined) {
    const parts = new Set([...win.values()].map((r) => r.part));
    for (const [id, stored] of [...model]) if (parts.has(stored.part) && !win.has(id) && model.delete(id)) deleted++;
  }
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  for (const r of win.values()) {
    if (r.gone) continue;
    const old = model.get(r.id);
    if (old === undefined) {
      inserted++;
      model.set(r.id, r);
    } else if (merge.strategy === "insert-only") unchanged++;
    else if (old.note === r.note && old.part === r.part && old.v === r.v) unchanged++;
    else {
      updated++;
      model.set(r.id, r);
    }
  }
  return [inserted, updated, unchanged, deleted];
}

const VARIANTS: readonly { readonly name: string; readonly merge: MergeSpec; readonly deletes: boolean }[] = [
  { name: "delete-insert, hard_delete", merge: { strategy: "delete-insert", hardDelete: "gone" }, deletes: true },
  {
    name: "delete-insert, merge_key, dedup_sort asc",
    merge: { strategy: "delete-insert", mergeKey: ["part"], dedupSort: { column: "v", order: "asc" } },
    deletes: false,
  },
  { name: "upsert, dedup_sort desc, hard_delete", merge: { strategy: "upsert", hardDelete: "gone", dedupSort: { column: "v", order: "desc" } }, deletes: true },
  { name: "insert-only, hard_delete", merge: { strategy: "insert-only", hardDelete: "gone" }, deletes: true },
];

for (const variant of VARIANTS) {
  for (const seed of [1, 2]) {
    each(`${variant.name}, seed ${seed}: 10 random loads match the model, and a rerun changes nothing`, async (d) => {
      const dest = await d.open();
      const table = orders({ merge: variant.merge });
      const next = random(seed);
      const model = new Map<number, Order>();
      for (let round = 0; round < 10; round++) {
        const records = load(next, round, variant.deletes);
        const expected = apply(model, records, variant.merge);
        const counts = await sync(dest, table, records, { batchRows: 1 + (round % 3) });
        const where = `round ${round}`;
        assert.equal([counts.inserted, counts.updated, counts.unchanged, counts.deleted ?? 0], expected, `${where}: counts`);
        await expectModel(dest, model, where);
        if (round % 3 === 2) {
          // The same load again: every surviving winner is unchanged, nothing is deleted (flagged keys are already gone).
          const again = await sync(dest, table, records, { batchRows: 2 });
          const live = [...winners(records, variant.merge).values()].filter((r) => !r.gone).length;
          assert.equal([again.inserted, again.updated, again.unchanged, again.deleted ?? 0], [0, 0, live, 0], `${where}: rerun counts`);
          await expectModel(dest, model, `${where} rerun`);
        }
      }
    });
  }
}

async function expectModel(dest: Awaited<ReturnType<Parameters<Parameters<typeof each>[1]>[0]["open"]>>, model: Map<number, Order>, where: string) {
  const ids = [...model.keys()].sort((a, b) => a - b);
  assert.equal(
    await rows(dest, `SELECT id, part, note FROM ${ref("orders")} ORDER BY id`),
    ids.map((id) => ({ id: String(id), part: String(model.get(id)?.part), note: model.get(id)?.note })),
    `${where}: roots`,
  );
  const expected = Object.fromEntries(
    ids.flatMap((id) => {
      const items = model.get(id)?.items ?? [];
      return items.length === 0 ? [] : [[String(id), items.map((item) => item.sku)]];
    }),
  );
  if ((await tableNames(dest)).includes("orders__items")) {
    assert.equal(await itemsByRoot(dest, "orders", "orders__items", "sku"), expected, `${where}: items`);
    assert.is(await orphans(dest, "orders", "orders__items"), 0, `${where}: orphans`);
  } else assert.equal(expected, {}, `${where}: items expected but there is no nested table`);
}

test.run();
