// Nested tables follow their root's write disposition: replace empties them (even those this load has
// no rows for), append only inserts, and merge without a key appends.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eachDestination } from "./destinations.ts";
import { itemsByRoot, orders, orphans, ref, rows, sync } from "./fixtures.ts";

const each = await eachDestination(test);

const order = (id: number, skus: string[]) => ({ id, items: skus.map((sku) => ({ sku, tags: [sku] })) });

each("replace swaps the root and every nested table, including nested tables the new data has no rows for", async (d) => {
  const dest = await d.open();
  const table = orders({ writeDisposition: "replace" });
  await sync(dest, table, [order(1, ["a", "b"]), order(2, ["c"])]);
  assert.equal(await sync(dest, table, [order(3, ["d"])]), { inserted: 1, updated: 0, unchanged: 0, children: { orders__items: 1, orders__items__tags: 1 } });
  assert.equal(await rows(dest, `SELECT id FROM ${ref("orders")}`), [{ id: "3" }]);
  assert.equal(await itemsByRoot(dest, "orders", "orders__items", "sku"), { "3": ["d"] });
  assert.is(await orphans(dest, "orders", "orders__items__tags", "orders__items"), 0);

  assert.equal(await sync(dest, table, [order(4, [])]), { inserted: 1, updated: 0, unchanged: 0 });
  assert.equal(
    await rows(dest, `SELECT (SELECT count(*) FROM ${ref("orders__items")}) AS items, (SELECT count(*) FROM ${ref("orders__items__tags")}) AS tags`),
    [{ items: "0", tags: "0" }],
  );

  await sync(dest, table, [order(5, ["e"])]);
  assert.equal(await sync(dest, table, []), { inserted: 0, updated: 0, unchanged: 0 });
  assert.equal(await rows(dest, `SELECT (SELECT count(*) FROM ${ref("orders")}) AS roots, (SELECT count(*) FROM ${ref("orders__items")}) AS items`), [
    { roots: "0", items: "0" },
  ]);
});

each("append inserts every root row and its nested rows; versions of one key keep their own nested rows", async (d) => {
  const dest = await d.open();
  const table = orders({ writeDisposition: "append" });
  await sync(dest, table, [order(1, ["a"])]);
  assert.equal(await sync(dest, table, [order(1, ["b", "c"]), order(1, ["d"])]), {
    inserted: 2,
    updated: 0,
    unchanged: 0,
    children: { orders__items: 3, orders__items__tags: 3 },
  });
  const found = await rows(
    dest,
    `SELECT r._gc_id AS root, i.sku FROM ${ref("orders")} AS r JOIN ${ref("orders__items")} AS i ON i._gc_parent_id = r._gc_id ORDER BY i.sku`,
  );
  assert.equal(
    found.map((r) => r["sku"]),
    ["a", "b", "c", "d"],
  );
  // Three root rows, each with its own id, each owning exactly its own items.
  assert.equal(new Set(found.map((r) => r["root"])).size, 3);
  assert.equal(found[1]?.["root"], found[2]?.["root"]);
  assert.is(await orphans(dest, "orders", "orders__items"), 0);
});

each("merge without a primary key appends, nested rows included", async (d) => {
  const dest = await d.open();
  const table = orders({ primaryKey: [] });
  await sync(dest, table, [order(1, ["a"])]);
  await sync(dest, table, [order(1, ["a"])]);
  assert.equal(
    await rows(
      dest,
      `SELECT (SELECT count(*) FROM ${ref("orders")}) AS roots, (SELECT count(*) FROM ${ref("orders__items")}) AS items, (SELECT count(DISTINCT _gc_root_id) FROM ${ref("orders__items")}) AS owners`,
    ),
    [{ roots: "2", items: "2", owners: "2" }],
  );
});

test.run();
