// Merge against a model, on every destination: seeded random loads whose keys repeat within a load
// and across loads, with lists that grow, shrink and empty, sometimes as a full refresh. After every
// load the root table and its nested table hold exactly what the model says (the last version of
// each key, with that version's items), the counts match the model's, and no nested row is orphaned.
// It covers the merge paths a load can take: a first load into an empty table, loads with and without
// repeated keys, over stored rows, and full refreshes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eachDestination } from "./destinations.ts";
import { itemsByRoot, orders, orphans, random, ref, rows, sync, tableNames } from "./fixtures.ts";

const each = await eachDestination(test);

type Order = {
  readonly id: number;
  readonly note: string;
  readonly items: readonly { readonly sku: string }[];
};

/**
 * One load: 0–12 records over keys 1–8 (so keys repeat), each with 0–3 items. The first load has 1–8
 * records with distinct keys: a merge into an empty table that repeats no key takes a path of its own.
 */
function load(next: () => number, round: number): Order[] {
  const pick = (n: number) => Math.floor(next() * n);
  return Array.from({ length: round === 0 ? 1 + pick(8) : pick(13) }, (_, i) => ({
    id: round === 0 ? i + 1 : 1 + pick(8),
    note: pick(3) === 0 ? "same" : `r${round}-${i}`,
    items: Array.from({ length: pick(4) }, (_, j) => ({ sku: pick(2) === 0 ? `s${j}` : `r${round}-${i}-${j}` })),
  }));
}

for (const seed of [1, 2, 3]) {
  each(`seed ${seed}: 12 random merge loads (repeated keys, changing lists, full refreshes) match the model`, async (d) => {
    const dest = await d.open();
    const table = orders();
    const next = random(seed);
    const model = new Map<number, Order>();
    for (let round = 0; round < 12; round++) {
      const records = load(next, round);
      const fullRefresh = round > 0 && next() < 0.15;
      // The model: the last version of each key in the load wins; a full refresh starts from nothing.
      const before = fullRefresh ? new Map<number, Order>() : new Map(model);
      const winners = new Map<number, Order>();
      for (const r of records) winners.set(r.id, r);
      let inserted = 0;
      let updated = 0;
      let unchanged = 0;
      for (const [id, r] of winners) {
        const old = before.get(id);
        if (old === undefined) inserted++;
        else if (old.note === r.note)
          unchanged++; // the root row holds id and note; items live in the nested table
        else updated++;
      }
      if (fullRefresh) model.clear();
      for (const [id, r] of winners) model.set(id, r);

      const counts = await sync(dest, table, records, { batchRows: 1 + (round % 4), fullRefresh });
      const where = `round ${round}${fullRefresh ? " (full refresh)" : ""}`;
      assert.equal([counts.inserted, counts.updated, counts.unchanged], [inserted, updated, unchanged], `${where}: counts`);
      const ids = [...model.keys()].sort((a, b) => a - b);
      assert.equal(
        await rows(dest, `SELECT id, note FROM ${ref("orders")} ORDER BY id`),
        ids.map((id) => ({ id: String(id), note: model.get(id)?.note })),
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
  });
}

test.run();
