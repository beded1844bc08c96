// Merge with nested tables (dlt's delete-insert): each merged root's nested rows are exactly those of
// its last version in the last load that had it; other roots' nested rows are untouched.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eachDestination } from "./destinations.ts";
import { itemsByRoot, orders, orphans, ref, rows, snapshot, sync, tableNames } from "./fixtures.ts";

const each = await eachDestination(test);
const table = orders();

const order = (id: number, skus: string[], note = "n") => ({ id, note, items: skus.map((sku) => ({ sku, tags: [`${sku}-t1`, `${sku}-t2`] })) });

each("a list that shrinks, grows or empties leaves exactly the new items; a root absent from the load keeps its items", async (d) => {
  const dest = await d.open();
  const first = await sync(dest, table, [order(1, ["a", "b", "c"]), order(2, ["x"]), order(3, ["p", "q"]), order(4, ["k"])]);
  assert.equal(first, { inserted: 4, updated: 0, unchanged: 0, children: { orders__items: 7, orders__items__tags: 14 } });
  assert.equal(await tableNames(dest), ["_gc_nested_tables", "orders", "orders__items", "orders__items__tags"]);

  const second = await sync(dest, table, [order(1, ["a"]), order(2, ["x", "y", "z"]), order(3, [])]);
  // The root rows themselves did not change: lists live in the nested tables.
  assert.equal(second, { inserted: 0, updated: 0, unchanged: 3, children: { orders__items: 4, orders__items__tags: 8 } });
  assert.equal(await itemsByRoot(dest, "orders", "orders__items", "sku"), { "1": ["a"], "2": ["x", "y", "z"], "4": ["k"] });
  const tags = await rows(
    dest,
    `SELECT i.sku, t.value FROM ${ref("orders__items")} AS i JOIN ${ref("orders__items__tags")} AS t ON t._gc_parent_id = i._gc_id ORDER BY i.sku, t._gc_list_idx`,
  );
  assert.equal(
    tags.map((r) => `${r["sku"]}:${r["value"]}`),
    ["a:a-t1", "a:a-t2", "k:k-t1", "k:k-t2", "x:x-t1", "x:x-t2", "y:y-t1", "y:y-t2", "z:z-t1", "z:z-t2"],
  );
  assert.is(await orphans(dest, "orders", "orders__items"), 0);
  assert.is(await orphans(dest, "orders", "orders__items__tags", "orders__items"), 0);
});

each("a list that became empty in every record still removes the old items (the table is known from the registry)", async (d) => {
  const dest = await d.open();
  await sync(dest, table, [order(1, ["a", "b"]), order(2, ["c"]), order(3, ["d"])]);
  const counts = await sync(dest, table, [order(1, []), { id: 2, note: "n" }]);
  assert.equal(counts, { inserted: 0, updated: 0, unchanged: 2 });
  assert.equal(await itemsByRoot(dest, "orders", "orders__items", "sku"), { "3": ["d"] });
  assert.equal(await rows(dest, `SELECT count(*) AS n FROM ${ref("orders__items__tags")}`), [{ n: "2" }]);
});

each("duplicate keys in one load: the last version wins for the root and its nested rows, within and across batches", async (d) => {
  const dest = await d.open();
  await sync(dest, table, [order(1, ["old"], "v0")]);
  const counts = await sync(dest, table, [order(1, ["a", "b", "c"], "v1"), order(2, ["x", "y"]), order(1, ["d"], "v2"), order(2, [])]);
  assert.equal(counts, { inserted: 1, updated: 1, unchanged: 0, children: { orders__items: 1, orders__items__tags: 2 } });
  assert.equal(await rows(dest, `SELECT id, note FROM ${ref("orders")} ORDER BY id`), [
    { id: "1", note: "v2" },
    { id: "2", note: "n" },
  ]);
  assert.equal(await itemsByRoot(dest, "orders", "orders__items", "sku"), { "1": ["d"] });
  assert.equal(await rows(dest, `SELECT value FROM ${ref("orders__items__tags")} ORDER BY value`), [{ value: "d-t1" }, { value: "d-t2" }]);
  // In one batch too (a batch larger than the load).
  await sync(dest, table, [order(3, ["p", "q"]), order(3, ["r"])], { batchRows: 100 });
  assert.equal((await itemsByRoot(dest, "orders", "orders__items", "sku"))["3"], ["r"]);
});

each("a second sync over the same data leaves every table's content identical", async (d) => {
  const dest = await d.open();
  const data = [order(1, ["a", "b"]), order(2, []), { id: 3, note: "m", matrix: [[1, 2], [3]], meta: { labels: ["l"] } }];
  await sync(dest, table, data);
  const before = await snapshot(dest);
  assert.equal(await sync(dest, table, data), {
    inserted: 0,
    updated: 0,
    unchanged: 3,
    children: { orders__items: 2, orders__items__tags: 4, orders__matrix: 2, orders__matrix__list: 3, orders__meta__labels: 1 },
  });
  assert.equal(await snapshot(dest), before);
});

each("a root row that changes replaces its nested rows; ids are stable for unchanged positions", async (d) => {
  const dest = await d.open();
  await sync(dest, table, [order(1, ["a", "b"])]);
  const ids = await rows(dest, `SELECT _gc_id, _gc_list_idx FROM ${ref("orders__items")} ORDER BY _gc_list_idx`);
  assert.equal(await sync(dest, table, [order(1, ["a2", "b2", "c2"], "changed")]), {
    inserted: 0,
    updated: 1,
    unchanged: 0,
    children: { orders__items: 3, orders__items__tags: 6 },
  });
  const after = await rows(dest, `SELECT _gc_id, _gc_list_idx, sku FROM ${ref("orders__items")} ORDER BY _gc_list_idx`);
  assert.equal(
    after.map((r) => r["sku"]),
    ["a2", "b2", "c2"],
  );
  // A nested row's id derives from its parent's id, its list and its position: the same slots keep their ids.
  assert.equal(
    after.slice(0, 2).map((r) => r["_gc_id"]),
    ids.map((r) => r["_gc_id"]),
  );
});

each("a key whose text form changed (the same instant) still replaces its nested rows: stored root ids are looked up too", async (d) => {
  const dest = await d.open();
  const byInstant = orders({ primaryKey: ["at"], columns: [{ name: "at", dataType: "timestamp", nullable: false }] });
  await sync(dest, byInstant, [{ at: "2024-01-01T00:00:00Z", items: [{ sku: "old1" }, { sku: "old2" }] }]);
  const counts = await sync(dest, byInstant, [{ at: "2024-01-01 00:00:00+00", items: [{ sku: "new" }] }]);
  // The root row's id derives from the key's text, so the row counts as updated; no old item survives.
  assert.equal(counts, { inserted: 0, updated: 1, unchanged: 0, children: { orders__items: 1 } });
  assert.equal(await rows(dest, `SELECT sku FROM ${ref("orders__items")}`), [{ sku: "new" }]);
  assert.is(await orphans(dest, "orders", "orders__items"), 0);
});

each("JSON columns compare as values: a rerun whose objects list their keys in another order changes nothing", async (d) => {
  const dest = await d.open();
  const flat = orders({ maxTableNesting: 0 });
  const first = { id: 1, meta: { b: 1, a: { y: [2, { q: 1, p: 0 }], x: null } }, items: [{ sku: "a", qty: 1 }] };
  const reordered = { items: [{ qty: 1, sku: "a" }], meta: { a: { x: null, y: [2, { p: 0, q: 1 }] }, b: 1 }, id: 1 };
  assert.equal(await sync(dest, flat, [first]), { inserted: 1, updated: 0, unchanged: 0 });
  const stored = await rows(dest, `SELECT meta, items FROM ${ref("orders")}`);
  assert.equal(await sync(dest, flat, [reordered]), { inserted: 0, updated: 0, unchanged: 1 });
  assert.equal(await rows(dest, `SELECT meta, items FROM ${ref("orders")}`), stored);
  // A real change inside the JSON is still an update; list order is data and counts as a change.
  assert.equal(await sync(dest, flat, [{ ...reordered, meta: { ...reordered.meta, b: 2 } }]), { inserted: 0, updated: 1, unchanged: 0 });
  assert.equal(await sync(dest, flat, [{ ...reordered, meta: { ...reordered.meta, b: 2 }, items: [{ sku: "b" }, { sku: "a", qty: 1 }] }]), {
    inserted: 0,
    updated: 1,
    unchanged: 0,
  });
});

test.run();
